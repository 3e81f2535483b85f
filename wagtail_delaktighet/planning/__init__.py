"""The municipality's dialogue plan: every dated dialogue in a period, by
body, area and target group, with the overlaps a coordinator must see."""

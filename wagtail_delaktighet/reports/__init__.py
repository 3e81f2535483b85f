"""Reports across dialogues, for the municipality's regular evaluation:
each one a Wagtail ``ReportView`` on the same filters (a period and a body)
and the same scope (the dialogues the user may edit); see
docs/staff/reports.md."""

"""Small groups kept from being read or worked out of a table of counts.

A count of 1–4 people (``MIN_GROUP``) is never shown ("primary"
suppression): in a small municipality a few answers can point at a person.
Where a hidden count could be worked out from the others (a total minus
the shown parts), one more count of the same sum is hidden too
("complementary" suppression), the smallest non-zero one, so that as little
as possible is hidden. Zeros are shown: they describe nobody.
"""

#: The smallest group whose number is shown.
MIN_GROUP = 5

SHOWN = ""
SMALL = "small"
COMPLEMENT = "complement"


def is_small(count):
    return 0 < count < MIN_GROUP


def suppress(counts, sums):
    """{cell: SHOWN | SMALL | COMPLEMENT} for ``counts`` ({cell: count}).

    ``sums`` are the table's additive relations, each ``(whole, parts)``: a
    cell that is the sum of the cells ``parts``. Until no sum has exactly one
    hidden cell, hide one more of that sum: its smallest shown part that
    is not zero, else its whole."""
    state = {
        cell: SMALL if is_small(count) else SHOWN for cell, count in counts.items()
    }
    changed = True
    while changed:
        changed = False
        for whole, parts in sums:
            cells = [whole, *parts]
            hidden = [cell for cell in cells if state[cell] != SHOWN]
            if len(hidden) != 1:
                continue
            candidates = sorted(
                (cell for cell in parts if state[cell] == SHOWN and counts[cell] > 0),
                key=lambda cell: counts[cell],
            )
            if not candidates and state[whole] == SHOWN and counts[whole] > 0:
                candidates = [whole]
            if candidates:
                state[candidates[0]] = COMPLEMENT
                changed = True
    return state

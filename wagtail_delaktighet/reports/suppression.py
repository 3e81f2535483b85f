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
    hidden cell, hide one more of that sum: a shown part that is not zero
    (else its whole), preferring one that also protects another sum with a
    single hidden cell, then the smallest."""
    state = {
        cell: SMALL if is_small(count) else SHOWN for cell, count in counts.items()
    }
    sums_of = {}
    for whole, parts in sums:
        for cell in (whole, *parts):
            sums_of.setdefault(cell, []).append([whole, *parts])

    def hidden_in(cells):
        return sum(state[cell] != SHOWN for cell in cells)

    def protects_another(cell, current):
        return any(hidden_in(cells) == 1 for cells in sums_of[cell] if cells != current)

    changed = True
    while changed:
        changed = False
        for whole, parts in sums:
            current = [whole, *parts]
            if hidden_in(current) != 1:
                continue
            candidates = [
                cell for cell in parts if state[cell] == SHOWN and counts[cell] > 0
            ]
            if not candidates and state[whole] == SHOWN and counts[whole] > 0:
                candidates = [whole]
            if candidates:
                chosen = min(
                    candidates,
                    key=lambda cell: (
                        not protects_another(cell, current),
                        counts[cell],
                    ),
                )
                state[chosen] = COMPLEMENT
                changed = True
    return state

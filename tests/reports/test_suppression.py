"""Small groups are hidden, and so is one more figure of every sum that
would otherwise give a hidden group away."""

import random

from wagtail_delaktighet.reports.suppression import (
    COMPLEMENT,
    SHOWN,
    SMALL,
    suppress,
)


def grid(rows):
    """Counts of a table whose last row and last column are the sums of the
    others, and its sums, as the report's tables are."""
    counts = {}
    for r, row in enumerate(rows):
        for c, count in enumerate(row):
            counts[(r, c)] = count
        counts[(r, len(row))] = sum(row)
    width = len(rows[0]) + 1
    for c in range(width):
        counts[(len(rows), c)] = sum(counts[(r, c)] for r in range(len(rows)))
    sums = [
        ((r, width - 1), [(r, c) for c in range(width - 1)])
        for r in range(len(rows) + 1)
    ] + [((len(rows), c), [(r, c) for r in range(len(rows))]) for c in range(width)]
    return counts, sums


def test_a_small_group_and_its_complement_are_hidden():
    counts, sums = grid([[10, 6], [2, 9], [7, 12]])

    state = suppress(counts, sums)

    hidden = {cell: kind for cell, kind in state.items() if kind != SHOWN}
    # 2 is small; 9 would give it away from its row's sum (11), 7 from its
    # column's (19); hiding 7 calls for 12 in the third row.
    assert hidden == {
        (1, 0): SMALL,
        (1, 1): COMPLEMENT,
        (2, 0): COMPLEMENT,
        (2, 1): COMPLEMENT,
    }


def test_zeros_are_shown_and_groups_of_five_too():
    counts, sums = grid([[0, 5], [5, 0]])

    assert set(suppress(counts, sums).values()) == {SHOWN}


def test_no_sum_ever_has_exactly_one_hidden_figure():
    generator = random.Random(4)
    for _table in range(300):
        rows = [
            [generator.choice([0, 1, 2, 3, 4, 5, 7, 12, 30]) for _c in range(2)]
            for _r in range(generator.randint(2, 5))
        ]
        counts, sums = grid(rows)

        state = suppress(counts, sums)

        for whole, parts in sums:
            hidden = sum(state[cell] != SHOWN for cell in [whole, *parts])
            assert hidden != 1, (rows, state)
        for cell, count in counts.items():
            if 0 < count < 5:
                assert state[cell] == SMALL
            if count == 0:
                assert state[cell] == SHOWN


def test_a_sum_equal_to_its_only_part_hides_the_sum():
    counts = {"whole": 7, "a": 7, "b": 0}
    counts_small = {"whole": 3, "a": 3, "b": 0}

    assert suppress(counts, [("whole", ["a", "b"])]) == dict.fromkeys(counts, SHOWN)
    state = suppress(counts_small, [("whole", ["a", "b"])])
    assert state == {"whole": SMALL, "a": SMALL, "b": SHOWN}

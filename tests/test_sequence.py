"""heaviest_chain and align_gap against brute force on small random inputs."""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from mla_diff.sequence import align_gap, heaviest_chain


def _increasing(pairs: list[tuple[int, int, float]], chosen: tuple[int, ...]) -> bool:
    points = sorted((pairs[k][0], pairs[k][1]) for k in chosen)
    return all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(points))


pair_lists = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(1, 9).map(float)),
    max_size=7,
)


@settings(max_examples=300, deadline=None)
@given(pair_lists)
def test_heaviest_chain_is_increasing_and_heaviest(pairs: list[tuple[int, int, float]]) -> None:
    chain = heaviest_chain(pairs)
    assert _increasing(pairs, chain)
    best = max(
        (
            sum(pairs[k][2] for k in chosen)
            for size in range(len(pairs) + 1)
            for chosen in combinations(range(len(pairs)), size)
            if _increasing(pairs, chosen)
        ),
        default=0.0,
    )
    assert sum(pairs[k][2] for k in chain) == best


def test_heaviest_chain_keeps_the_long_article_of_a_swap() -> None:
    # 1->1, 2->3 (weight 5), 3->2 (weight 1), 4->4: the lighter of the swapped pair leaves.
    pairs = [(1, 1, 1.0), (2, 3, 5.0), (3, 2, 1.0), (4, 4, 1.0)]
    assert heaviest_chain(pairs) == (0, 1, 3)


scores = st.lists(
    st.lists(st.one_of(st.none(), st.integers(1, 5).map(float)), min_size=3, max_size=3),
    min_size=3,
    max_size=3,
)


@settings(max_examples=300, deadline=None)
@given(scores, st.integers(0, 3), st.integers(0, 3))
def test_align_gap_finds_the_best_order_preserving_pairing(
    table: list[list[float | None]], rows: int, columns: int
) -> None:
    def score(r: int, c: int) -> float | None:
        return table[r][c]

    pairing = align_gap(rows, columns, score)
    assert all(score(r, c) is not None for r, c in pairing)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(pairing))
    cells = [(r, c) for r in range(rows) for c in range(columns) if table[r][c] is not None]
    best = 0.0
    for size in range(len(cells) + 1):
        for chosen in combinations(cells, size):
            ordered = sorted(chosen)
            if all(a[0] < b[0] and a[1] < b[1] for a, b in pairwise(ordered)):
                best = max(best, sum(table[r][c] or 0.0 for r, c in chosen))
    assert sum(table[r][c] or 0.0 for r, c in pairing) == best

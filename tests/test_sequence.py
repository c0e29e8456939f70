"""heaviest_chain against brute force on small random inputs."""

from __future__ import annotations

from itertools import combinations, pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from mla_diff.sequence import heaviest_chain


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

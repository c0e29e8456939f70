"""Order-preserving choice over scored pairs: the heaviest chain increasing in both drafts."""

from __future__ import annotations

from collections.abc import Sequence


def heaviest_chain(pairs: Sequence[tuple[int, int, float]]) -> tuple[int, ...]:
    """Indices into `pairs` (old position, new position, weight) of the heaviest chain whose old
    and new positions both strictly increase: the pairs that keep their order. Ties go to the
    chain found first, scanning old positions in order, so the result is deterministic."""
    if not pairs:
        return ()
    order = sorted(range(len(pairs)), key=lambda k: (pairs[k][0], pairs[k][1]))
    columns = sorted({new for _, new, _ in pairs})
    rank = {new: r + 1 for r, new in enumerate(columns)}
    size = len(columns)
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)  # Fenwick tree of prefix maxima

    def best_before(position: int) -> tuple[float, int]:
        best = (0.0, -1)
        while position > 0:
            if tree[position][0] > best[0]:
                best = tree[position]
            position -= position & -position
        return best

    def record(position: int, value: tuple[float, int]) -> None:
        while position <= size:
            if value[0] > tree[position][0]:
                tree[position] = value
            position += position & -position

    total: dict[int, float] = {}
    previous: dict[int, int] = {}
    start = 0
    while start < len(order):
        # Pairs sharing an old position may not follow one another: query them all, then record.
        stop = start
        while stop < len(order) and pairs[order[stop]][0] == pairs[order[start]][0]:
            stop += 1
        for k in order[start:stop]:
            weight, before = best_before(rank[pairs[k][1]] - 1)
            total[k] = weight + pairs[k][2]
            previous[k] = before
        for k in order[start:stop]:
            record(rank[pairs[k][1]], (total[k], k))
        start = stop
    end = max(range(len(order)), key=lambda p: (total[order[p]], -p))
    last = order[end]
    chain = []
    while last != -1:
        chain.append(last)
        last = previous[last]
    return tuple(sorted(chain, key=lambda k: pairs[k][0]))

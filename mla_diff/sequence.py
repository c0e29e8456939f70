"""Order-preserving choices over scored pairs: the heaviest chain, and the best pairing of a gap."""

from __future__ import annotations

from collections.abc import Callable, Sequence


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


def align_gap(
    rows: int, columns: int, score: Callable[[int, int], float | None]
) -> list[tuple[int, int]]:
    """The order-preserving pairing of `rows` old units with `columns` new units that has the
    largest total score; `score` gives None for a pair that may not be made."""
    if not rows or not columns:
        return []
    # best[r][c]: the largest total over the first r rows and c columns.
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    move = [[0] * (columns + 1) for _ in range(rows + 1)]  # 0 skip row, 1 skip column, 2 pair
    for r in range(1, rows + 1):
        for c in range(1, columns + 1):
            value, how = best[r - 1][c], 0
            if best[r][c - 1] > value:
                value, how = best[r][c - 1], 1
            gain = score(r - 1, c - 1)
            if gain is not None and best[r - 1][c - 1] + gain > value:
                value, how = best[r - 1][c - 1] + gain, 2
            best[r][c] = value
            move[r][c] = how
    pairs = []
    r, c = rows, columns
    while r and c:
        how = move[r][c]
        if how == 2:
            pairs.append((r - 1, c - 1))
            r, c = r - 1, c - 1
        elif how == 1:
            c -= 1
        else:
            r -= 1
    return pairs[::-1]

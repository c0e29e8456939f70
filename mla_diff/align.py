"""(old Draft, new Draft) -> concordance rows: matched, added, deleted, split, merged."""

from __future__ import annotations

from collections.abc import Callable
from difflib import SequenceMatcher

from mla_diff.model import Candidate, Draft, Kind, Match, MatchStatus, Unit

_ALIGNED_KINDS = (
    Kind.FRONT,
    Kind.PREAMBLE,
    Kind.PART,
    Kind.ARTICLE,
    Kind.ANNEX,
    Kind.FINAL,
    Kind.SECTION,
)
_MATCH_THRESHOLD = 0.5


def similarity(old: Unit, new: Unit) -> float:
    """Word-level similarity of two units' title and text, 0..1."""
    return SequenceMatcher(None, old.body.split(), new.body.split(), autojunk=False).ratio()


def align_drafts(old: Draft, new: Draft) -> tuple[Match, ...]:
    """The concordance of two drafts, one kind of unit at a time, in the new draft's order."""
    rows: list[Match] = []
    for kind in _ALIGNED_KINDS:
        rows.extend(_align_kind(kind, old.of_kind(kind), new.of_kind(kind)))
    return tuple(sorted(rows, key=_reading_order(old, rows)))


def _reading_order(old: Draft, rows: list[Match]) -> Callable[[Match], tuple[int, int, int]]:
    """Rows follow the new draft; a deleted unit comes right after the row of the old unit that
    preceded it, so a reader meets the removal where it happened."""
    new_position: dict[int, int] = {}
    for row in rows:
        for unit in row.old:
            if row.new:
                new_position[unit.index] = row.new[0].index

    def key(row: Match) -> tuple[int, int, int]:
        if row.new:
            return (row.new[0].index, 0, 0)
        index = row.old[0].index
        before = max((i for i in new_position if i < index), default=None)
        return (new_position[before] if before is not None else -1, 1, index)

    return key


def _align_kind(kind: Kind, old: tuple[Unit, ...], new: tuple[Unit, ...]) -> list[Match]:
    pairs: dict[int, tuple[int, float]] = {}
    taken: set[int] = set()
    scores = [[similarity(a, b) for b in new] for a in old]
    candidates = sorted(
        ((score, -i, -j) for i, row in enumerate(scores) for j, score in enumerate(row)),
        reverse=True,
    )
    for score, neg_i, neg_j in candidates:
        i, j = -neg_i, -neg_j
        if score < _MATCH_THRESHOLD:
            break
        if i in pairs or j in taken:
            continue
        pairs[i] = (j, score)
        taken.add(j)
    rows: list[Match] = []
    for i, unit in enumerate(old):
        if i in pairs:
            j, score = pairs[i]
            other = new[j]
            renumbered = unit.number != other.number
            modified = unit.body != other.body
            reason = "identical text" if not modified else f"{round(score * 100)}% similar text"
            rows.append(
                Match(
                    MatchStatus.MATCHED,
                    kind,
                    (unit,),
                    (other,),
                    score,
                    reason,
                    renumbered,
                    modified,
                )
            )
        else:
            rows.append(
                Match(
                    MatchStatus.DELETED,
                    kind,
                    (unit,),
                    (),
                    0.0,
                    "no counterpart in the new draft",
                    nearest=_nearest(scores[i], new),
                )
            )
    for j, unit in enumerate(new):
        if j not in taken:
            column = [scores[i][j] for i in range(len(old))]
            rows.append(
                Match(
                    MatchStatus.ADDED,
                    kind,
                    (),
                    (unit,),
                    0.0,
                    "no counterpart in the old draft",
                    nearest=_nearest(column, old),
                )
            )
    return rows


def _nearest(scores: list[float], units: tuple[Unit, ...]) -> tuple[Candidate, ...]:
    ranked = sorted(range(len(units)), key=lambda k: (-scores[k], k))[:3]
    return tuple(Candidate(units[k].number, round(scores[k], 3), units[k].key) for k in ranked)

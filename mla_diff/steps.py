"""One step between consecutive drafts: placeholders paired, moved articles, change counts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

from mla_diff.model import Kind, Match, MatchStatus, Unit, UnitStatus

# Provisions that get a lineage. Parts are containers and the front matter and closing formula
# are not provisions a lawyer cites, so they stay out of the timeline.
TRACKED_KINDS = (Kind.PREAMBLE, Kind.ARTICLE, Kind.ANNEX, Kind.SECTION)


def text_similarity(a: Unit, b: Unit, floor: float = 0.0) -> float:
    """Word-level similarity of two units' title and text, 0..1: which part of a split keeps the
    lineage, and whether an article added back is one deleted before. Below `floor` the answer
    is 0.0, found from cheap upper bounds without the full comparison."""
    return similarity_to(b)(a, floor)


def similarity_to(b: Unit) -> Callable[[Unit, float], float]:
    """`text_similarity(a, b, floor)` for many units `a` against one `b`: what the matcher learns
    of `b` (where each word is, how often) is learnt once."""
    matcher = SequenceMatcher(None, (), b.body.split(), autojunk=False)

    def against(a: Unit, floor: float = 0.0) -> float:
        matcher.set_seq1(a.body.split())
        if floor and (matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor):
            return 0.0
        return matcher.ratio()

    return against


def pair_placeholders(matches: list[Match]) -> list[Match]:
    """A placeholder ("Article 52 [Deleted]") is still its article: when the concordance deletes
    an article and adds a placeholder of the same number (or the other way round), they are one
    provision whose text went (or came back)."""
    deleted = {
        (m.kind, m.old[0].number, m.old[0].status is UnitStatus.ACTIVE): m
        for m in matches
        if m.status is MatchStatus.DELETED
    }
    paired: set[int] = set()
    out: list[Match] = []
    for match in matches:
        if match.status is not MatchStatus.ADDED:
            continue
        new = match.new[0]
        # An active old article pairs with a placeholder, a placeholder with an active article.
        other = deleted.get((match.kind, new.number, new.status is not UnitStatus.ACTIVE))
        if other is None or id(other) in paired:
            continue
        paired |= {id(other), id(match)}
        out.append(Match(MatchStatus.MATCHED, match.kind, other.old, match.new, 0.0, "placeholder"))
    return [m for m in matches if id(m) not in paired] + out


def moved_units(matches: list[Match]) -> set[int]:
    """Indexes (in the new draft) of matched units that left their neighbours.

    The longest run of matched units whose order is the same in both drafts stayed in place;
    every other matched unit moved. Renumbering after an insertion therefore is not a move."""
    moved: set[int] = set()
    for kind in TRACKED_KINDS:
        pairs = sorted(
            (m.old[0].index, m.new[0].index)
            for m in matches
            if m.status is MatchStatus.MATCHED and m.kind is kind
        )
        moved |= {new for _, new in pairs} - _longest_increasing([new for _, new in pairs])
    return moved


def _longest_increasing(values: list[int]) -> set[int]:
    """The values of one longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []  # positions in `values` of the smallest tail of each length
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:
            mid = (low + high) // 2
            if values[tails[mid]] < value:
                low = mid + 1
            else:
                high = mid
        previous[i] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(i)
        else:
            tails[low] = i
    kept: set[int] = set()
    i = tails[-1] if tails else -1
    while i >= 0:
        kept.add(values[i])
        i = previous[i]
    return kept


def count_changes(matches: Sequence[Match]) -> dict[str, int]:
    """How many provisions each kind of change touched in one concordance."""
    counts = dict.fromkeys(
        ("added", "deleted", "amended", "renumbered", "moved", "split", "merged"), 0
    )
    tracked = pair_placeholders([m for m in matches if m.kind in TRACKED_KINDS])
    moved = moved_units(tracked)
    for match in tracked:
        if match.status is MatchStatus.ADDED:
            counts["added"] += 1
        elif match.status is MatchStatus.DELETED:
            counts["deleted"] += 1
        elif match.status is MatchStatus.SPLIT:
            counts["split"] += 1
        elif match.status is MatchStatus.MERGED:
            counts["merged"] += 1
        else:
            old, new = match.old[0], match.new[0]
            if old.status is not new.status:  # text replaced by a placeholder, or back
                counts["deleted" if new.status is not UnitStatus.ACTIVE else "added"] += 1
                continue
            counts["amended"] += match.modified
            counts["renumbered"] += old.number != new.number
            counts["moved"] += match.moved or new.index in moved
    return counts

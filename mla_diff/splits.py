"""Splits and merges: one unit's paragraphs found in several units of the other draft, or back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from mla_diff.model import MatchStatus, Share
from mla_diff.similarity import Chunk, Profile, containment

# Share of a piece's wording that must come from the unit it was cut from (or merged into): a
# piece that is mostly new text is an added article that borrows a phrase, not a piece.
DERIVED = 0.8
# Share of a paragraph's wording that must be found in a unit for the paragraph to have gone there.
FOUND = 0.6


@dataclass(frozen=True)
class Regrouping:
    """A split (one old unit, several new) or a merge (several old, one new), by position in the
    aligned lists of units."""

    status: MatchStatus
    old: tuple[int, ...]
    new: tuple[int, ...]
    shares: tuple[Share, ...]
    reason: str


def find_regroupings(
    olds: Sequence[Profile],
    news: Sequence[Profile],
    old_partner: Mapping[int, int],
    new_partner: Mapping[int, int],
    candidates: Sequence[tuple[int, int]],
) -> list[Regrouping]:
    """Splits and merges among units that the one-to-one alignment left unmatched.

    A split: the paragraphs of an old unit are found in its matched new unit (if any) and in new
    units that nothing matched and whose wording comes almost wholly from it. A merge is the mirror
    image. Each unit takes part in one regrouping at most."""
    by_old: dict[int, list[int]] = {}
    by_new: dict[int, list[int]] = {}
    for i, j in candidates:
        by_old.setdefault(i, []).append(j)
        by_new.setdefault(j, []).append(i)
    used_old: set[int] = set()
    used_new: set[int] = set()
    found: list[Regrouping] = []
    for i, whole in enumerate(olds):
        pieces = [
            j
            for j in by_old.get(i, [])
            if j not in new_partner
            and j not in used_new
            and not news[j].blank
            and containment(news[j].shingles, whole.shingles) >= DERIVED
        ]
        partner = old_partner.get(i)
        targets = ([partner] if partner is not None else []) + pieces
        if whole.blank or len(targets) < 2:
            continue
        given = _distribute(whole.chunks, [(j, news[j]) for j in sorted(targets)])
        receivers = [j for j in sorted(targets) if given.get(j)]
        if len(receivers) < 2 or (partner is not None and partner not in receivers):
            continue
        if not _together(receivers):
            continue
        lost = [c for c in whole.chunks if all(c not in given[j] for j in receivers)]
        shares = tuple(
            Share(whole.unit.number, news[j].unit.number, _names(given[j]), _sentences(whole))
            for j in receivers
        )
        parts = [
            f"{_span(given[j])}{' went' if k == 0 else ''} to {news[j].unit.citation}"
            for k, j in enumerate(receivers)
        ]
        if lost:
            parts.append(f"{_span(lost)} {_is_are(lost)} not found in the new draft")
        found.append(
            Regrouping(MatchStatus.SPLIT, (i,), tuple(receivers), shares, ", ".join(parts))
        )
        used_old.add(i)
        used_new.update(receivers)
    for j, whole in enumerate(news):
        if j in used_new:
            continue
        sources = [
            i
            for i in by_new.get(j, [])
            if i not in old_partner
            and i not in used_old
            and not olds[i].blank
            and containment(olds[i].shingles, whole.shingles) >= DERIVED
        ]
        partner = new_partner.get(j)
        if partner is not None and partner in used_old:
            continue
        givers = ([partner] if partner is not None else []) + sources
        if whole.blank or len(givers) < 2:
            continue
        taken = _distribute(whole.chunks, [(i, olds[i]) for i in sorted(givers)])
        contributors = [i for i in sorted(givers) if taken.get(i)]
        if len(contributors) < 2 or (partner is not None and partner not in contributors):
            continue
        if not _together(contributors):
            continue
        fresh = [c for c in whole.chunks if all(c not in taken[i] for i in contributors)]
        shares = tuple(
            Share(olds[i].unit.number, whole.unit.number, _names(taken[i]), _sentences(whole))
            for i in contributors
        )
        parts = [
            f"{_span(taken[i])}{_verb(taken[i]) if k == 0 else ''} from {olds[i].unit.citation}"
            for k, i in enumerate(contributors)
        ]
        if fresh:
            parts.append(f"{_span(fresh)} {_is_are(fresh)} new")
        found.append(
            Regrouping(MatchStatus.MERGED, tuple(contributors), (j,), shares, ", ".join(parts))
        )
        used_old.update(contributors)
        used_new.add(j)
    return found


def _together(positions: Sequence[int]) -> bool:
    """Pieces of a split (or parts of a merge) stand side by side, one unit apart at most: a
    paragraph carried off to a distant article is a move of text, not a split."""
    return all(b - a <= 2 for a, b in pairwise(sorted(positions)))


def _distribute(
    chunks: Sequence[Chunk], targets: list[tuple[int, Profile]]
) -> dict[int, list[Chunk]]:
    """Each chunk goes to the target holding most of its wording, if that is enough of it."""
    given: dict[int, list[Chunk]] = {k: [] for k, _ in targets}
    for chunk in chunks:
        best, where = 0.0, -1
        for k, profile in targets:
            share = containment(chunk.shingles, profile.shingles)
            if share > best:
                best, where = share, k
        if where != -1 and best >= FOUND:
            given[where].append(chunk)
    return given


def _names(chunks: Sequence[Chunk]) -> tuple[str, ...]:
    return tuple(chunk.name for chunk in chunks)


def _sentences(profile: Profile) -> bool:
    return bool(profile.chunks) and profile.chunks[0].sentence


def _plural(chunks: Sequence[Chunk]) -> bool:
    return len(chunks) > 1


def _verb(chunks: Sequence[Chunk]) -> str:
    return " come" if _plural(chunks) else " comes"


def _is_are(chunks: Sequence[Chunk]) -> str:
    return "are" if _plural(chunks) else "is"


def _span(chunks: Sequence[Chunk]) -> str:
    """ "paragraphs 1-2, 4" or "sentence 3": runs of consecutive chunks written as ranges."""
    runs: list[list[Chunk]] = []
    for chunk in chunks:
        if runs and chunk.ordinal == runs[-1][-1].ordinal + 1:
            runs[-1].append(chunk)
        else:
            runs.append([chunk])
    text = ", ".join(
        run[0].name if len(run) == 1 else f"{run[0].name}-{run[-1].name}" for run in runs
    )
    noun = "sentence" if chunks and chunks[0].sentence else "paragraph"
    return f"{noun}{'s' if _plural(chunks) else ''} {text}"

"""Splits and merges: one unit's paragraphs found in several units of the other draft, or back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from mla_diff.model import MatchStatus, Share
from mla_diff.similarity import Chunk, Profile, containment, words_similarity

# Share of a piece's wording that must come from the unit it was cut from (or merged into): a
# piece that is mostly new text is an added article that borrows a phrase, not a piece.
DERIVED = 0.8
# Or: at least half of it, with a paragraph of the whole found in it nearly word for word.
HALF = 0.5
VERBATIM = 0.9
# A paragraph found this much in a new unit was carried there, if reworded.
REWORDED = 0.7
# A unit otherwise left alone went into (or came out of) another when a third of its wording is
# found there; less, and it is a new article borrowing a paragraph (see `_absorbed`).
ABSORBED = 0.3
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
    units beside it that nothing matched and that were cut from it (see `_cut_from`), or that
    would otherwise be reported as added although one of their paragraphs is found, even
    reworded, in the old unit they most resemble (see `_absorbed`): wrongly reporting an addition
    or a deletion costs a reader more than missing a split or a merge. A merge is the mirror
    image, so that swapping the drafts turns every split into a merge. Each unit takes part in
    one regrouping at most."""
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
            and (_cut_from(news[j], whole) or _absorbed(news[j], i, whole, olds, by_new[j]))
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
            parts.append(f"{_span(lost)} {_has_have(lost)} no close match in the new draft")
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
            and (_cut_from(olds[i], whole) or _absorbed(olds[i], j, whole, news, by_old[i]))
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


def _cut_from(piece: Profile, whole: Profile) -> bool:
    """Whether `piece` was cut from `whole` (or merged into it): almost all its wording is found
    there; or half of it is, with one of the whole's paragraphs found in it word for word; or its
    title names part of the whole's ("Language of requests" from "Content and language of
    requests") and one of the whole's paragraphs is found in it."""
    share = containment(piece.shingles, whole.shingles)
    if share >= DERIVED:
        return True
    found = [containment(chunk.shingles, piece.shingles) for chunk in whole.chunks]
    if share >= HALF and any(value >= VERBATIM for value in found):
        return True
    return _named_in(piece, whole) and any(value >= FOUND for value in found)


def _absorbed(
    part: Profile, k: int, whole: Profile, others: Sequence[Profile], near: Sequence[int]
) -> bool:
    """Whether a unit left without counterpart in one draft went into (or came out of) `whole`,
    unit `k` of the other draft: `whole` is the unit there it most resembles, a third of its
    wording is found in `whole` and one of its paragraphs is, even reworded."""
    if containment(part.shingles, whole.shingles) < ABSORBED:
        return False
    if not any(containment(c.shingles, whole.shingles) >= REWORDED for c in part.chunks):
        return False
    best = max(near, key=lambda m: (words_similarity(part.words, others[m].words), -m))
    return best == k


def _title_words(profile: Profile) -> frozenset[str]:
    """Content words of a title, plural -s dropped: "Rights of victims" -> right, victim."""
    return frozenset(w.removesuffix("s") for w in profile.title.split() if len(w) > 3)


def _named_in(part: Profile, whole: Profile) -> bool:
    """Whether a title names part of another: its words are among the other's, and fewer."""
    words, among = _title_words(part), _title_words(whole)
    return bool(words) and words < among


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


def _has_have(chunks: Sequence[Chunk]) -> str:
    return "have" if _plural(chunks) else "has"


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

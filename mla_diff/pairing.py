"""One-to-one pairing of two drafts' units: confident text matches kept in order, then gaps filled
on text, number, title and place together; nearest candidates for what stays unpaired."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from mla_diff.sequence import heaviest_chain
from mla_diff.similarity import (
    Evidence,
    Profile,
    ShingleIndex,
    candidate_pairs,
    common_limit,
    containment,
    similarity,
)

STRONG = 0.5  # similarity that aligns two units on text alone, when they keep their order
MOVED = 0.7  # similarity that aligns two units on text alone against the order of the drafts
SHORT_STRONG = 0.85  # the same for short units, whose boilerplate wording looks alike
IDENTICAL = 0.95
RIVAL_MARGIN = 0.1  # another pairing this close in similarity makes a short match ambiguous
ACCEPT = 0.5  # evidence needed to pair two units inside a gap between aligned units
NUMBER_BONUS = 0.25  # same label: evidence, never enough alone against the text
TITLE_BONUS = 0.15  # same title; a title found once in each draft names one subject: more
UNIQUE_TITLE_BONUS = 0.3
LONE_BONUS = 0.15  # the only unpaired unit on each side between two aligned units
PLACEHOLDER = 0.6  # a repeal placeholder aligned with the unit of the same label
SUBJECT_FLOOR = 0.1  # least similarity of two leftover units paired on their unique title
RETITLED = 0.2  # two different titles speak against a pairing: the subject changed
WHOLE = 0.9  # share of the shorter text found in the longer for it to count as kept
KEPT = 0.55  # what a kept text weighs, however much the other text grew or shrank
# Containers are few: every pair of them is a candidate up to this many pairs; past it, only
# those sharing wording, aligned articles, a label or a title (a draft of thousands of articles).
ALL_PAIRS = 10_000


@dataclass(frozen=True)
class Pair:
    old: int
    new: int
    similarity: float
    evidence: Evidence


class Pairing:
    """The one-to-one alignment of the units of one kind in two drafts: text first, in order;
    then, between the units so aligned, text with number, title and place as evidence."""

    def __init__(
        self,
        olds: Sequence[Profile],
        news: Sequence[Profile],
        *,
        affinity: Callable[[int, int], float] | None = None,
        related: Iterable[tuple[int, int]] = (),
    ) -> None:
        self.olds, self.news = olds, news
        # Extra evidence: for containers, the share of their articles aligned with each other;
        # `related` are the pairs of containers holding articles aligned with each other.
        self.affinity = affinity
        self._titled: dict[str, list[int]] = {}
        for j, profile in enumerate(news):
            if profile.title:
                self._titled.setdefault(profile.title, []).append(j)
        # Units of the same words, paired in their order: first among the confident pairs.
        self.twins: set[tuple[int, int]] = set()
        if affinity is None:
            self.candidates, self.twins = _candidates(olds, news)
        elif len(olds) * len(news) <= ALL_PAIRS:
            self.candidates = [(i, j) for i in range(len(olds)) for j in range(len(news))]
        else:
            found = set(_candidates(olds, news)[0]) | set(related)
            for i, profile in enumerate(olds):
                found.update((i, j) for j in self._titled.get(profile.title, ()) if profile.title)
            self.candidates = sorted(found)
        pool = set(self.candidates)
        by_label: dict[str, list[int]] = {}
        for j, profile in enumerate(news):
            by_label.setdefault(profile.label, []).append(j)
        for i, profile in enumerate(olds):
            pool.update((i, j) for j in by_label.get(profile.label, []) if profile.label)
        self.pool = sorted(pool)
        self.pool_set = pool
        self._partners: dict[int, list[int]] = {}
        for i, j in self.pool:
            self._partners.setdefault(i, []).append(j)
        self._similarity: dict[tuple[int, int], float] = {}
        # The units each unit was compared with, for `_movable`.
        self._compared_old: dict[int, list[int]] = {}
        self._compared_new: dict[int, list[int]] = {}
        self._old_titles = Counter(p.title for p in olds)
        self._new_titles = Counter(p.title for p in news)

    def similarity(self, i: int, j: int) -> float:
        found = self._similarity.get((i, j))
        if found is None:
            found = self._similarity[(i, j)] = similarity(self.olds[i], self.news[j])
        return found

    def strength(self, i: int, j: int) -> float:
        s = self.similarity(i, j)
        return max(s, self.affinity(i, j)) if self.affinity else s

    def blank(self, profile: Profile) -> bool:
        return profile.placeholder or (not profile.words and self.affinity is None)

    def short(self, profile: Profile) -> bool:
        return profile.short and self.affinity is None

    def same_label(self, i: int, j: int) -> bool:
        return bool(self.olds[i].label) and self.olds[i].label == self.news[j].label

    def same_title(self, i: int, j: int) -> bool:
        a, b = self.olds[i], self.news[j]
        return bool(a.title) and a.title == b.title and not (a.placeholder or b.placeholder)

    def unique_title(self, i: int, j: int) -> bool:
        """The same title, borne by no other unit of either draft."""
        title = self.olds[i].title
        return (
            self.same_title(i, j) and self._old_titles[title] == 1 and self._new_titles[title] == 1
        )

    def align(self) -> tuple[list[Pair], set[int]]:
        """One-to-one pairs, and the old positions of those that left their order."""
        confident = self._confident()
        chain = {confident[k] for k in heaviest_chain(self._weighted(confident))}
        self._index_compared()
        kept = [pair for pair in confident if pair in chain or self._movable(pair)]
        anchors = sorted((pair for pair in kept if pair in chain), key=lambda p: p.old)
        pairs = kept + self._fill_gaps(anchors, kept)
        pairs += self._same_subject(pairs)
        pairs.sort(key=lambda p: p.old)
        return pairs, _out_of_order(pairs, self.olds, self.news)

    def _same_subject(self, pairs: Sequence[Pair]) -> list[Pair]:
        """Left over on both sides, out of order, under a title no other unit bears: the same
        subject, rewritten and moved (text that shares nothing at all is not taken)."""
        used_old = {p.old for p in pairs}
        used_new = {p.new for p in pairs}
        by_title = {
            self.news[j].title: j
            for j in range(len(self.news))
            if j not in used_new and not self.blank(self.news[j])
        }
        found = []
        for i, profile in enumerate(self.olds):
            j = by_title.get(profile.title) if profile.title else None
            if i in used_old or j is None or self.blank(profile) or not self.unique_title(i, j):
                continue
            if self.similarity(i, j) >= SUBJECT_FLOOR:
                found.append(Pair(i, j, self.similarity(i, j), self._evidence(i, j, lone=False)))
        return found

    def _weighted(self, pairs: Sequence[Pair]) -> list[tuple[int, int, float]]:
        return _weighted(pairs, self.olds, self.news)

    def _confident(self) -> list[Pair]:
        """Pairs whose text alone aligns them, chosen greedily, best first, one per unit."""
        scored = []
        for i, j in self.pool:
            a, b = self.olds[i], self.news[j]
            if self.blank(a) or self.blank(b):
                continue
            s = self.strength(i, j)
            # Short boilerplate reads alike, so short units need near-identical text, unless
            # their number and title both agree: then they are the same provision, grown or cut.
            confirmed = self.same_label(i, j) and self.same_title(i, j)
            short = (self.short(a) or self.short(b)) and not confirmed
            if s >= (SHORT_STRONG if short else STRONG):
                drift = abs(i / max(1, len(self.olds)) - j / max(1, len(self.news)))
                twin = (i, j) in self.twins
                scored.append((-s, not twin, not self.same_label(i, j), drift, i, j))
        scored.sort()
        taken_old: set[int] = set()
        taken_new: set[int] = set()
        pairs = []
        for *_, i, j in scored:
            if i in taken_old or j in taken_new:
                continue
            taken_old.add(i)
            taken_new.add(j)
            pairs.append(Pair(i, j, self.similarity(i, j), self._evidence(i, j, lone=False)))
        return sorted(pairs, key=lambda p: p.old)

    def _movable(self, pair: Pair) -> bool:
        """Whether a pair out of order is still right: long and alike, or under a title no other
        unit bears; or short, nearly identical, and with its label or title to confirm it or no
        rival anywhere near as alike (boilerplate has rivals: that is what makes it boilerplate)."""
        a, b = self.olds[pair.old], self.news[pair.new]
        s = self.strength(pair.old, pair.new)
        if self.unique_title(pair.old, pair.new) and s >= STRONG:
            return True
        if not (self.short(a) or self.short(b)):
            return s >= MOVED
        if s < SHORT_STRONG:
            return False
        if s >= IDENTICAL and (
            self.same_label(pair.old, pair.new) or self.same_title(pair.old, pair.new)
        ):
            return True
        compared = {(pair.old, j) for j in self._compared_old.get(pair.old, ())}
        compared.update((i, pair.new) for i in self._compared_new.get(pair.new, ()))
        rivals = sum(1 for key in compared if self._similarity[key] >= s - RIVAL_MARGIN)
        return rivals == 1

    def _index_compared(self) -> None:
        """The pairs compared so far, by unit: a unit's rivals are found without a scan of all."""
        self._compared_old, self._compared_new = {}, {}
        for i, j in self._similarity:
            self._compared_old.setdefault(i, []).append(j)
            self._compared_new.setdefault(j, []).append(i)

    def _fill_gaps(self, anchors: list[Pair], kept: list[Pair]) -> list[Pair]:
        """Between consecutive anchors, the best order-preserving pairing of what is left, on
        text, label, title and place together: the heaviest chain of the pairs allowed there
        (those sharing wording, a label or a title, or alone in their gap)."""
        used_old = {p.old for p in kept}
        used_new = {p.new for p in kept}
        bounds = [(-1, -1), *((p.old, p.new) for p in anchors), (len(self.olds), len(self.news))]
        found = []
        for (old_from, new_from), (old_to, new_to) in pairwise(bounds):
            rows = [i for i in range(old_from + 1, old_to) if i not in used_old]
            columns = {j for j in range(new_from + 1, new_to) if j not in used_new}
            lone = len(rows) == 1 and len(columns) == 1
            options: set[tuple[int, int]] = set()
            for i in rows:
                options.update((i, j) for j in self._partners.get(i, ()) if j in columns)
                title = self.olds[i].title
                if title:
                    options.update((i, j) for j in self._titled.get(title, ()) if j in columns)
            if lone:
                options.add((rows[0], min(columns)))
            scored = []
            for i, j in sorted(options):
                score = self._gap_score(i, j, lone)
                if score is not None:
                    scored.append((i, j, score))
            for k in heaviest_chain(scored):
                i, j, _ = scored[k]
                found.append(Pair(i, j, self.similarity(i, j), self._evidence(i, j, lone)))
        return found

    def _gap_score(self, i: int, j: int, lone: bool) -> float | None:
        a, b = self.olds[i], self.news[j]
        label, title = self.same_label(i, j), self.same_title(i, j)
        if self.blank(a) or self.blank(b):
            # A repeal placeholder stands where the article stood, under its number.
            if not label:
                return None
            return PLACEHOLDER + (0.3 if self.blank(a) and self.blank(b) else 0.0)
        if (i, j) not in self.pool_set and not (label or title or lone):
            return None
        s = self.strength(i, j)
        retitled = bool(a.title) and bool(b.title) and not title
        # Short boilerplate reads alike ("This Convention shall..."): besides its place it needs
        # its title, or its number under a title that did not change.
        confirmed = title or (label and not retitled) or (lone and not retitled and s >= STRONG)
        if (self.short(a) or self.short(b)) and s < SHORT_STRONG and not confirmed:
            return None
        if self.kept(i, j) >= WHOLE:
            s = max(s, KEPT)
        score = (
            s
            + NUMBER_BONUS * label
            + (UNIQUE_TITLE_BONUS if self.unique_title(i, j) else TITLE_BONUS * title)
            - RETITLED * retitled
            + LONE_BONUS * lone
        )
        return score if score >= ACCEPT else None

    def kept(self, i: int, j: int) -> float:
        """Share of the shorter text found in the longer: an article cut down or extended
        keeps its old words even when the overall similarity is low."""
        a, b = self.olds[i], self.news[j]
        if a.short or b.short:
            return 0.0
        shorter, longer = (a, b) if a.size <= b.size else (b, a)
        return containment(shorter.shingles, longer.shingles)

    def _evidence(self, i: int, j: int, lone: bool) -> Evidence:
        return Evidence(
            same_label=self.same_label(i, j),
            same_title=self.same_title(i, j),
            same_place=lone,
            kept=self.kept(i, j),
            affinity=self.affinity(i, j) if self.affinity else 0.0,
        )


def nearest(
    ranked: Sequence[tuple[int, float]], others: Sequence[Profile], position: float
) -> tuple[tuple[Profile, float], ...]:
    """The three units of the other draft closest in wording (`ranked` by `closest`),
    whichever they are: the proof of an addition or a deletion. Ties go to the unit nearest
    the same place."""
    place = round(position * (len(others) - 1))
    best = heapq.nsmallest(3, ranked, key=lambda item: (-item[1], abs(item[0] - place), item[0]))
    return tuple((others[k], s) for k, s in best)


def pair_units(
    olds: Sequence[Profile],
    news: Sequence[Profile],
    *,
    affinity: Callable[[int, int], float] | None = None,
    related: Iterable[tuple[int, int]] = (),
) -> tuple[list[Pair], set[int], list[tuple[int, int]]]:
    """The one-to-one pairs of `Pairing.align`, the old positions out of order, and the
    candidates compared. Pairing breaks ties in reading order, so it runs in one direction
    whichever of the two drafts is called old: swapping the drafts swaps the pairs (what was
    added becomes deleted), never changes them."""
    if not _reads_first(news, olds):
        group = Pairing(olds, news, affinity=affinity, related=related)
        pairs, out_of_order = group.align()
        return pairs, out_of_order, group.candidates
    flipped = None if affinity is None else (lambda j, i: affinity(i, j))
    group = Pairing(news, olds, affinity=flipped, related=[(j, i) for i, j in related])
    pairs = sorted(
        (Pair(p.new, p.old, p.similarity, p.evidence) for p in group.align()[0]),
        key=lambda p: p.old,
    )
    candidates = sorted((i, j) for j, i in group.candidates)
    return pairs, _out_of_order(pairs, olds, news), candidates


def _reads_first(these: Sequence[Profile], those: Sequence[Profile]) -> bool:
    """Whether `these` come first in a fixed order of sequences of units (by their texts, labels
    and status), so that a pair of drafts is always aligned in the same direction."""

    def key(profiles: Sequence[Profile]) -> list[tuple[str, str, bool]]:
        return [(p.unit.body, p.label, p.placeholder) for p in profiles]

    return key(these) < key(those)


def _weighted(
    pairs: Sequence[Pair], olds: Sequence[Profile], news: Sequence[Profile]
) -> list[tuple[int, int, float]]:
    # Long units weigh more: one long article keeping its place outweighs two short ones.
    return [
        (
            p.old,
            p.new,
            p.similarity * min(4.0, 1 + min(olds[p.old].size, news[p.new].size) / 50) + 0.01,
        )
        for p in pairs
    ]


def _out_of_order(
    pairs: Sequence[Pair], olds: Sequence[Profile], news: Sequence[Profile]
) -> set[int]:
    """Old positions of the pairs (sorted by old position) outside the heaviest in-order chain."""
    in_order = {pairs[k].old for k in heaviest_chain(_weighted(pairs, olds, news))}
    return {pair.old for pair in pairs if pair.old not in in_order}


def _candidates(
    olds: Sequence[Profile], news: Sequence[Profile]
) -> tuple[list[tuple[int, int]], set[tuple[int, int]]]:
    """Pairs worth comparing: units with the same words on each side (most of a draft, usually),
    then, for the others, those the shingle index finds sharing wording; and the twins."""
    twins, near, settled_old, settled_new = _identical(olds, news)
    rest_old = [i for i in range(len(olds)) if i not in settled_old]
    rest_new = [j for j in range(len(news)) if j not in settled_new]
    left_old = [olds[i] for i in rest_old]
    left_new = [news[j] for j in rest_new]
    index = ShingleIndex(left_old, common_limit(olds, news), left_new)
    found = [(rest_old[a], rest_new[b]) for a, b in candidate_pairs(left_old, left_new, index)]
    return sorted(twins | set(near) | set(found)), twins


def _identical(
    olds: Sequence[Profile], news: Sequence[Profile]
) -> tuple[set[tuple[int, int]], list[tuple[int, int]], set[int], set[int]]:
    """Units whose words are found again in the other draft. A text found as often on each side
    (once, usually; a repeated boilerplate clause, say) pairs its copies in their order: twins,
    settled, kept out of the shingle index. A text found more often on one side than on the
    other gets as candidates the copies at about the same rank and their neighbours, and stays
    in the index."""
    old_copies: dict[str, list[int]] = {}
    new_copies: dict[str, list[int]] = {}
    for i, profile in enumerate(olds):
        if not profile.blank:
            old_copies.setdefault(profile.words, []).append(i)
    for j, profile in enumerate(news):
        if not profile.blank:
            new_copies.setdefault(profile.words, []).append(j)
    twins: set[tuple[int, int]] = set()
    near: list[tuple[int, int]] = []
    settled_old: set[int] = set()
    settled_new: set[int] = set()
    for words, old_at in old_copies.items():
        new_at = new_copies.get(words)
        if new_at is None:
            continue
        if len(old_at) == len(new_at):
            twins.update(zip(old_at, new_at, strict=True))
            settled_old.update(old_at)
            settled_new.update(new_at)
        else:
            near.extend(_by_rank(old_at, new_at))
            near.extend((i, j) for j, i in _by_rank(new_at, old_at))
    return twins, near, settled_old, settled_new


def _by_rank(these: list[int], those: list[int]) -> list[tuple[int, int]]:
    """Each of `these` copies with the copies of `those` at about its rank, and their neighbours."""
    pairs: list[tuple[int, int]] = []
    for rank, unit in enumerate(these):
        centre = rank * len(those) // len(these)
        pairs.extend((unit, other) for other in those[max(0, centre - 1) : centre + 2])
    return pairs

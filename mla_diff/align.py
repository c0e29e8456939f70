"""(old Draft, new Draft) -> concordance: every unit of both drafts in exactly one row, matched,
added, deleted, split or merged, with renumbered/modified/moved flags, similarity and a reason."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from mla_diff.model import Candidate, Draft, Kind, Match, MatchStatus, Unit
from mla_diff.pairing import nearest, pair_units
from mla_diff.reasons import describe_match, describe_unmatched, is_modified
from mla_diff.similarity import (
    Profile,
    Vocabulary,
    containment,
    profile_unit,
    rank_closest,
    words_similarity,
)
from mla_diff.splits import find_regroupings

# Kinds aligned together, in this order; containers (parts) come last, helped by their articles.
_GROUPS: tuple[tuple[Kind, ...], ...] = (
    (Kind.FRONT,),
    (Kind.PREAMBLE,),
    (Kind.ARTICLE, Kind.SECTION),
    (Kind.ANNEX,),
    (Kind.FINAL,),
)
# Preamble ordinals (PP1, PP2...) are counted, not written: never "renumbered" (and, like
# front matter's fixed label, no evidence: see similarity._evidence_label).
_RENUMBERABLE = frozenset({Kind.ARTICLE, Kind.SECTION, Kind.ANNEX, Kind.PART})


class Profiles:
    """Unit profiles over one vocabulary, each draft profiled once: a history aligns every draft
    with the one before and the one after, and a draft compared with itself is one draft. The
    last few drafts are kept."""

    KEPT = 4

    def __init__(self) -> None:
        self.vocabulary = Vocabulary()
        self._drafts: dict[int, tuple[Draft, dict[int, Profile]]] = {}

    def of(self, draft: Draft) -> dict[int, Profile]:
        found = self._drafts.pop(id(draft), None)
        if found is None or found[0] is not draft:
            # A unit whose body a kept draft (or this one) already holds borrows that profile's
            # words and shingles: most articles of successive drafts are unchanged.
            seen = {p.unit.body: p for _, kept in self._drafts.values() for p in kept.values()}
            profiles: dict[int, Profile] = {}
            for unit in draft.units:
                profile = profile_unit(unit, self.vocabulary, seen.get(unit.body))
                profiles[unit.index] = seen[unit.body] = profile
            found = (draft, profiles)
        self._drafts[id(draft)] = found  # most recent last
        while len(self._drafts) > self.KEPT:
            del self._drafts[next(iter(self._drafts))]
        return found[1]


def align_drafts(old: Draft, new: Draft, profiles: Profiles | None = None) -> tuple[Match, ...]:
    """The concordance of two drafts: every unit of each in exactly one row, in the new draft's
    reading order (a deleted unit comes after the row of the unit that preceded it). Give
    `profiles` to reuse the profiles of drafts aligned before (the result is the same)."""
    profiles = profiles or Profiles()
    old_profiles = profiles.of(old)
    new_profiles = profiles.of(new)
    rows: list[Match] = []
    for kinds in _GROUPS:
        olds = [old_profiles[u.index] for u in old.of_kind(*kinds)]
        news = [new_profiles[u.index] for u in new.of_kind(*kinds)]
        rows.extend(_align_kind(olds, news))
    rows.extend(_align_parts(old, new, old_profiles, new_profiles, rows))
    rows = _mark_part_moves(old, new, rows)
    return tuple(sorted(rows, key=_reading_order(rows)))


def _align_kind(
    olds: Sequence[Profile],
    news: Sequence[Profile],
    *,
    affinity: Callable[[int, int], float] | None = None,
    related: Iterable[tuple[int, int]] = (),
) -> list[Match]:
    if not olds and not news:
        return []
    pairs, out_of_order, candidates = pair_units(olds, news, affinity=affinity, related=related)
    old_partner = {p.old: p.new for p in pairs}
    new_partner = {p.new: p.old for p in pairs}
    regroupings = (
        find_regroupings(olds, news, old_partner, new_partner, candidates)
        if affinity is None
        else []
    )
    rows: list[Match] = []
    regrouped_old = {i for g in regroupings for i in g.old}
    regrouped_new = {j for g in regroupings for j in g.new}
    for pair in pairs:
        if pair.old in regrouped_old or pair.new in regrouped_new:
            continue
        a, b = olds[pair.old], news[pair.new]
        moved = pair.old in out_of_order
        rows.append(
            Match(
                status=MatchStatus.MATCHED,
                kind=b.unit.kind,
                old=(a.unit,),
                new=(b.unit,),
                similarity=round(pair.similarity, 3),
                reason=describe_match(a, b, pair.similarity, pair.evidence)
                + ("; out of order" if moved else ""),
                renumbered=_renumbered((a,), (b,)),
                modified=is_modified((a,), (b,)),
                moved=moved,
            )
        )
    for regrouping in regroupings:
        parts_old = tuple(olds[i] for i in regrouping.old)
        parts_new = tuple(news[j] for j in regrouping.new)
        joined_old = "".join(p.words for p in parts_old)
        joined_new = "".join(p.words for p in parts_new)
        rows.append(
            Match(
                status=regrouping.status,
                kind=parts_new[0].unit.kind,
                old=tuple(p.unit for p in parts_old),
                new=tuple(p.unit for p in parts_new),
                similarity=round(words_similarity(joined_old, joined_new), 3),
                reason=regrouping.reason,
                renumbered=_renumbered(parts_old, parts_new),
                modified=is_modified(parts_old, parts_new),
                shares=regrouping.shares,
            )
        )
    gone = [i for i in range(len(olds)) if i not in old_partner and i not in regrouped_old]
    came = [j for j in range(len(news)) if j not in new_partner and j not in regrouped_new]
    gone_ranked = rank_closest([(olds[i], _place(i, olds)) for i in gone], news)
    came_ranked = rank_closest([(news[j], _place(j, news)) for j in came], olds)
    rows.extend(_unmatched(MatchStatus.DELETED, gone, gone_ranked, olds, news))
    rows.extend(_unmatched(MatchStatus.ADDED, came, came_ranked, news, olds))
    return rows


def _unmatched(
    status: MatchStatus,
    indices: Sequence[int],
    ranked: Sequence[Sequence[tuple[int, float]]],
    these: Sequence[Profile],
    others: Sequence[Profile],
) -> list[Match]:
    """Deleted (or added) rows: each unit with no counterpart, its nearest units on the other
    side and the reason that says so."""
    other = "new" if status is MatchStatus.DELETED else "old"
    rows = []
    for k, closest in zip(indices, ranked, strict=True):
        unit = these[k].unit
        near = nearest(closest, others, _place(k, these))
        old, new = ((unit,), ()) if status is MatchStatus.DELETED else ((), (unit,))
        rows.append(
            Match(
                status,
                unit.kind,
                old,
                new,
                0.0,
                describe_unmatched(other, near, _main_source(these[k], closest, others)),
                nearest=_candidates(near),
            )
        )
    return rows


def _place(position: int, units: Sequence[Profile]) -> float:
    """Where a unit stands in its draft, 0 at the first, 1 at the last."""
    return position / max(1, len(units) - 1)


def _candidates(near: Sequence[tuple[Profile, float]]) -> tuple[Candidate, ...]:
    return tuple(Candidate(p.unit.number, round(s, 3), p.unit.key) for p, s in near)


def _main_source(
    probe: Profile, ranked: Sequence[tuple[int, float]], others: Sequence[Profile]
) -> tuple[str, float]:
    """The unit of the other draft, among the five most alike, holding the largest share of
    `probe`'s wording."""
    best = ("", 0.0)
    for k, _ in ranked[:5]:
        share = containment(probe.shingles, others[k].shingles)
        if share > best[1]:
            best = (others[k].unit.citation, share)
    return best


def _renumbered(olds: Sequence[Profile], news: Sequence[Profile]) -> bool:
    """A row is renumbered when no new label repeats an old one (labels compared loosely:
    "J.1" = "J1"); preamble ordinals and fixed labels never count."""
    if not olds or not news or olds[0].unit.kind not in _RENUMBERABLE:
        return False
    return not {p.label for p in olds} & {p.label for p in news}


def _containers(draft: Draft) -> dict[int, tuple[Unit, ...]]:
    """For each unit (by index), the container units enclosing it, outermost first. Nesting is
    read from document order and the depth of each unit's path."""
    stack: list[Unit] = []
    found: dict[int, tuple[Unit, ...]] = {}
    for unit in draft.units:
        if unit.kind is Kind.PART:
            del stack[len(unit.path) :]
            found[unit.index] = tuple(stack)
            stack.append(unit)
        else:
            found[unit.index] = tuple(stack[: len(unit.path)])
    return found


def _align_parts(
    old: Draft,
    new: Draft,
    old_profiles: dict[int, Profile],
    new_profiles: dict[int, Profile],
    rows: list[Match],
) -> list[Match]:
    """Containers align by title and number and by the articles they hold in common."""
    olds = [old_profiles[u.index] for u in old.of_kind(Kind.PART)]
    news = [new_profiles[u.index] for u in new.of_kind(Kind.PART)]
    if not olds and not news:
        return []
    old_in = _members(old, olds)
    new_in = _members(new, news)
    partner: dict[int, set[int]] = {}
    for row in rows:
        for a in row.old:
            partner.setdefault(a.index, set()).update(b.index for b in row.new)

    def affinity(i: int, j: int) -> float:
        held, holds = old_in[i], new_in[j]
        if not held or not holds:
            return 0.0
        kept = sum(1 for a in held if partner.get(a, set()) & holds)
        return kept / max(len(held), len(holds))

    holders: dict[int, list[int]] = {}  # new unit: the new containers holding it
    for j, holds in enumerate(new_in):
        for b in holds:
            holders.setdefault(b, []).append(j)
    related = {
        (i, j)
        for i, held in enumerate(old_in)
        for a in held
        for b in partner.get(a, ())
        for j in holders.get(b, ())
    }
    return _align_kind(olds, news, affinity=affinity, related=related)


def _members(draft: Draft, parts: Sequence[Profile]) -> list[set[int]]:
    containers = _containers(draft)
    held: dict[int, set[int]] = {p.unit.index: set() for p in parts}
    for unit in draft.units:
        if unit.kind is not Kind.PART:
            for container in containers[unit.index]:
                held[container.index].add(unit.index)
    return [held[p.unit.index] for p in parts]


def _mark_part_moves(old: Draft, new: Draft, rows: list[Match]) -> list[Match]:
    """Flag rows whose unit now sits in a container not aligned with its old one."""
    old_home = {k: v[-1] for k, v in _containers(old).items() if v}
    new_home = {k: v[-1] for k, v in _containers(new).items() if v}
    aligned: dict[int, set[int]] = {}
    for row in rows:
        if row.kind is Kind.PART:
            for a in row.old:
                aligned.setdefault(a.index, set()).update(b.index for b in row.new)
    out = []
    for row in rows:
        if not row.old or not row.new:
            out.append(row)
            continue
        before, after = old_home.get(row.old[0].index), new_home.get(row.new[0].index)
        if before and after and after.index not in aligned.get(before.index, set()):
            where = f"moved from {before.citation} to {after.citation}"
            reason = row.reason.removesuffix("; out of order")
            out.append(replace(row, moved=True, reason=f"{reason}; {where}"))
        else:
            out.append(row)
    return out


def _reading_order(rows: list[Match]) -> Callable[[Match], tuple[int, int, int]]:
    """Rows follow the new draft; a deleted unit comes right after the row of the old unit that
    preceded it, so a reader meets the removal where it happened."""
    new_position: dict[int, int] = {}
    for row in rows:
        for unit in row.old:
            if row.new:
                new_position[unit.index] = row.new[0].index
    known = sorted(new_position)

    def key(row: Match) -> tuple[int, int, int]:
        if row.new:
            return (row.new[0].index, 0, 0)
        index = row.old[0].index
        before = bisect_left(known, index)
        return (new_position[known[before - 1]] if before else -1, 1, index)

    return key

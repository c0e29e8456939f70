"""Lineages of provisions across N drafts, chained from the concordances of consecutive versions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

from mla_diff.align import Profiles, align_drafts
from mla_diff.model import (
    Comparison,
    Draft,
    Kind,
    Match,
    MatchStatus,
    Unit,
    UnitStatus,
    Version,
    anchor_slug,
)
from mla_diff.steps import (
    TRACKED_KINDS,
    moved_units,
    pair_placeholders,
    similarity_to,
    text_similarity,
)

# A provision deleted in one version and added back in a later one is the same provision when its
# text is at least this similar to the last text it had (the threshold align uses to match).
REINSTATE_THRESHOLD = 0.5


class Event(StrEnum):
    """What happened to a provision when a version came out."""

    INTRODUCED = "introduced"
    AMENDED = "amended"
    RENUMBERED = "renumbered"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"
    DELETED = "deleted"
    REINSTATED = "reinstated"


@dataclass(frozen=True)
class Step:
    """One event of a lineage, in the version (index into History.versions) where it happened."""

    event: Event
    version: int
    detail: str
    related: tuple[str, ...] = ()  # lineage ids of the other party of a split, merge


@dataclass(frozen=True)
class Lineage:
    """One provision followed through every version: its unit per version (None when absent).

    A lineage is a single chain, one unit per version. A split keeps the lineage in the part
    most like the old text and starts a new lineage for each other part (event "split", related
    to the parent); a merge continues the lineage of the old unit most like the merged text and
    ends the others (event "merged", related to the survivor)."""

    id: str
    kind: Kind
    units: tuple[Unit | None, ...]
    steps: tuple[Step, ...]

    def number(self, version: int) -> str | None:
        unit = self.units[version]
        return unit.number if unit is not None else None

    def events_at(self, version: int) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.version == version)

    @property
    def first(self) -> int:
        return min(i for i, unit in enumerate(self.units) if unit is not None)


@dataclass(frozen=True)
class History:
    """Every provision's lineage across versions, with the concordance of each consecutive pair."""

    versions: tuple[Version, ...]
    drafts: tuple[Draft, ...]
    lineages: tuple[Lineage, ...]
    concordances: tuple[tuple[Match, ...], ...]  # concordances[k] compares versions k and k+1


@dataclass(frozen=True)
class TermHit:
    """A provision of one version whose title or text holds a searched term."""

    term: str
    version: int
    lineage: str
    number: str
    citation: str


@dataclass
class _Builder:
    id: str
    kind: Kind
    units: list[Unit | None]
    steps: list[Step] = field(default_factory=list)

    def add(self, event: Event, version: int, detail: str, related: tuple[str, ...] = ()) -> None:
        self.steps.append(Step(event, version, detail, related))

    def last_active(self) -> tuple[int, Unit] | None:
        for version in range(len(self.units) - 1, -1, -1):
            unit = self.units[version]
            if unit is not None and unit.status is UnitStatus.ACTIVE:
                return version, unit
        return None

    @property
    def deleted(self) -> bool:
        return bool(self.steps) and self.steps[-1].event is Event.DELETED


_StartLineage = Callable[[Unit, int], "_Builder"]


def version_slugs(versions: Sequence[Version]) -> list[str]:
    """The version part of lineage ids: the date ("2018-11") when it tells the version apart from
    the others, else the label (git revisions of one day are told apart by tag or commit)."""
    dates = [v.date for v in versions]
    return [
        anchor_slug(v.date if v.date and dates.count(v.date) == 1 else v.label) for v in versions
    ]


Aligner = Callable[[Draft, Draft], tuple[Match, ...]]


def reuse_concordances(comparisons: Sequence[Comparison]) -> Aligner:
    """An aligner that answers from comparisons already made (their rows are the concordance),
    so that a history beside its step reports aligns each pair of drafts once."""
    known = {(id(c.old), id(c.new)): tuple(row.match for row in c.rows) for c in comparisons}
    profiles = Profiles()

    def align(old: Draft, new: Draft) -> tuple[Match, ...]:
        return known.get((id(old), id(new))) or align_drafts(old, new, profiles)

    return align


def aligner() -> Aligner:
    """align_drafts for a series of drafts, each profiled once (see align.Profiles)."""
    return reuse_concordances(())


def build_history(
    versions: Sequence[Version], drafts: Sequence[Draft], align: Aligner | None = None
) -> History:
    """Follow every provision of `drafts` (oldest first) through all versions, chaining the
    concordances `align` draws between consecutive versions."""
    if len(versions) != len(drafts) or not drafts:
        raise ValueError("build_history needs one version per draft and at least one draft")
    align = align or aligner()
    count = len(drafts)
    builders: list[_Builder] = []
    ids: set[str] = set()
    order: list[_Builder] = []

    slugs = version_slugs(versions)

    def start(unit: Unit, version: int) -> _Builder:
        base = f"L-{slugs[version]}-{unit.key}"
        lineage_id, n = base, 1
        while lineage_id in ids:
            n += 1
            lineage_id = f"{base}-{n}"
        ids.add(lineage_id)
        builder = _Builder(lineage_id, unit.kind, [None] * count)
        builder.units[version] = unit
        builders.append(builder)
        return builder

    current: dict[int, _Builder] = {}
    for unit in _tracked(drafts[0]):
        builder = start(unit, 0)
        builder.add(Event.INTRODUCED, 0, f"{unit.citation} in {versions[0].label}")
        current[unit.index] = builder
    order.extend(current[u.index] for u in _tracked(drafts[0]))

    concordances: list[tuple[Match, ...]] = []
    for version, (old, new) in enumerate(pairwise(drafts), start=1):
        matches = _unchanged(old, new) if old.source == new.source else align(old, new)
        concordances.append(matches)
        current = _step(matches, current, version, start, builders, versions)
        _place_new_lineages(order, current, new)
    lineages = tuple(
        Lineage(b.id, b.kind, tuple(b.units), tuple(sorted(b.steps, key=_step_order)))
        for b in order
    )
    return History(tuple(versions), tuple(drafts), lineages, tuple(concordances))


# Within one version: how the provision got there, then what changed about it.
_EVENT_ORDER = {
    event: rank
    for rank, event in enumerate(
        (
            Event.INTRODUCED,
            Event.REINSTATED,
            Event.SPLIT,
            Event.MERGED,
            Event.RENUMBERED,
            Event.MOVED,
            Event.AMENDED,
            Event.DELETED,
        )
    )
}


def _unchanged(old: Draft, new: Draft) -> tuple[Match, ...]:
    """The concordance of a draft with an identical copy (a commit that only renamed the file):
    every unit matches itself, so no alignment is needed."""
    return tuple(
        Match(MatchStatus.MATCHED, a.kind, (a,), (b,), 1.0, "identical text")
        for a, b in zip(old.units, new.units, strict=True)
    )


def _step_order(step: Step) -> tuple[int, int]:
    return (step.version, _EVENT_ORDER[step.event])


def _tracked(draft: Draft) -> tuple[Unit, ...]:
    return draft.of_kind(*TRACKED_KINDS)


def _step(
    matches: tuple[Match, ...],
    current: dict[int, _Builder],
    version: int,
    start: _StartLineage,
    builders: list[_Builder],
    versions: Sequence[Version],
) -> dict[int, _Builder]:
    """Carry each lineage from version-1 into `version`; return the lineages of the new draft."""
    tracked = pair_placeholders([m for m in matches if m.kind in TRACKED_KINDS])
    moved = moved_units(tracked)
    following: dict[int, _Builder] = {}
    added: list[Unit] = []
    for match in tracked:
        if match.status is MatchStatus.MATCHED:
            builder = current[match.old[0].index]
            _continue(builder, match.old[0], match.new[0], version, match, moved)
            following[match.new[0].index] = builder
        elif match.status is MatchStatus.DELETED:
            builder = current[match.old[0].index]
            if match.old[0].status is UnitStatus.ACTIVE:
                builder.add(Event.DELETED, version, f"{match.old[0].citation} has no counterpart")
        elif match.status is MatchStatus.ADDED:
            added.append(match.new[0])
        elif match.status is MatchStatus.SPLIT:
            _split(match, current, following, version, start)
        elif match.status is MatchStatus.MERGED:
            _merge(match, current, following, version)
    for unit in sorted(added, key=lambda u: u.index):
        back = _reinstated(unit, version, builders, following)
        if back is None:
            back = start(unit, version)
            back.add(Event.INTRODUCED, version, f"{unit.citation} is new")
        following[unit.index] = back
    return following


def _continue(
    builder: _Builder, old: Unit, new: Unit, version: int, match: Match, moved: set[int]
) -> None:
    builder.units[version] = new
    if old.status is UnitStatus.ACTIVE and new.status is not UnitStatus.ACTIVE:
        builder.add(Event.DELETED, version, f"{new.citation} left as a placeholder")
        return
    if old.status is not UnitStatus.ACTIVE and new.status is UnitStatus.ACTIVE:
        builder.add(Event.REINSTATED, version, f"{new.citation} has text again")
        return
    if old.number != new.number:
        builder.add(Event.RENUMBERED, version, f"{old.citation} → {new.citation}")
    if match.moved or new.index in moved:
        where = " › ".join(new.path) or "another place"
        builder.add(Event.MOVED, version, f"now in {where}")
    if match.modified and new.status is UnitStatus.ACTIVE:
        builder.add(Event.AMENDED, version, f"{round(match.similarity * 100)}% similar text")


def _split(
    match: Match,
    current: dict[int, _Builder],
    following: dict[int, _Builder],
    version: int,
    start: _StartLineage,
) -> None:
    old = match.old[0]
    parent = current[old.index]
    keep = max(match.new, key=lambda unit: (text_similarity(old, unit), -unit.index))
    parent.units[version] = keep
    following[keep.index] = parent
    children = []
    for unit in match.new:
        if unit is keep:
            continue
        child = start(unit, version)
        children.append(child)
        following[unit.index] = child
    parts = ", ".join(unit.number for unit in match.new)
    parent.add(
        Event.SPLIT, version, f"{old.citation} split into {parts}", tuple(c.id for c in children)
    )
    for child, unit in zip(children, [u for u in match.new if u is not keep], strict=True):
        child.add(Event.SPLIT, version, f"{unit.citation} split from {old.citation}", (parent.id,))
    if keep.number != old.number:
        parent.add(Event.RENUMBERED, version, f"{old.citation} → {keep.citation}")


def _merge(
    match: Match, current: dict[int, _Builder], following: dict[int, _Builder], version: int
) -> None:
    new = match.new[0]
    keep = max(match.old, key=lambda unit: (text_similarity(unit, new), -unit.index))
    survivor = current[keep.index]
    survivor.units[version] = new
    following[new.index] = survivor
    absorbed = [current[unit.index] for unit in match.old if unit is not keep]
    parts = ", ".join(unit.number for unit in match.old)
    survivor.add(
        Event.MERGED,
        version,
        f"{parts} merged into {new.citation}",
        tuple(b.id for b in absorbed),
    )
    for builder, unit in zip(absorbed, [u for u in match.old if u is not keep], strict=True):
        builder.add(
            Event.MERGED, version, f"{unit.citation} merged into {new.citation}", (survivor.id,)
        )
    if keep.number != new.number:
        survivor.add(Event.RENUMBERED, version, f"{keep.citation} → {new.citation}")


def _reinstated(
    unit: Unit, version: int, builders: list[_Builder], following: dict[int, _Builder]
) -> _Builder | None:
    """The deleted lineage this added unit brings back, if its last text is close enough.

    Only lineages deleted before the previous version qualify: a deletion and an addition in
    the same step were already weighed by the concordance of that step."""
    best: tuple[float, int, _Builder, tuple[int, Unit]] | None = None
    taken = set(map(id, following.values()))
    similarity = similarity_to(unit)
    for position, builder in enumerate(builders):
        if id(builder) in taken or builder.kind is not unit.kind or not builder.deleted:
            continue
        if builder.steps[-1].version >= version:
            continue
        last = builder.last_active()
        if last is None:
            continue
        score = similarity(last[1], REINSTATE_THRESHOLD)
        if score >= REINSTATE_THRESHOLD and (best is None or (score, -position) > best[:2]):
            best = (score, -position, builder, last)
    if best is None:
        return None
    builder = best[2]
    last_version, last_unit = best[3]
    builder.units[version] = unit
    builder.add(
        Event.REINSTATED,
        version,
        f"{unit.citation} brings back {last_unit.citation} of version {last_version + 1}",
    )
    if unit.number != last_unit.number:
        builder.add(Event.RENUMBERED, version, f"{last_unit.citation} → {unit.citation}")
    if unit.body != last_unit.body:
        builder.add(Event.AMENDED, version, f"{round(best[0] * 100)}% similar text")
    return builder


def _place_new_lineages(order: list[_Builder], current: dict[int, _Builder], new: Draft) -> None:
    """Insert lineages born in `new` after the row of the provision that precedes them there."""
    placed = set(map(id, order))
    anchor = -1
    positions = {id(b): i for i, b in enumerate(order)}
    for unit in _tracked(new):
        builder = current[unit.index]
        if id(builder) in placed:
            anchor = positions[id(builder)]
            continue
        order.insert(anchor + 1, builder)
        placed.add(id(builder))
        anchor += 1
        positions = {id(b): i for i, b in enumerate(order)}

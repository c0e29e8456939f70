"""Comparison -> ReportView: what every report shows, in order, with anchors and citations."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from mla_diff.model import Comparison, Draft, Flag, Kind, Match, MatchStatus, Row, Severity, Unit
from mla_diff.reasons import percent
from mla_diff.redline import Run, SideBySideRow, excerpt, gist, runs_of, side_by_side

# Row statuses in the order a summary lists them: what was lost first.
STATUS_ORDER = (
    "deleted",
    "added",
    "modified",
    "renumbered+modified",
    "split",
    "merged",
    "renumbered",
    "unchanged",
)
STATUS_LABELS = {
    "deleted": "Removed",
    "added": "Added",
    "modified": "Modified",
    "renumbered+modified": "Renumbered and modified",
    "split": "Split",
    "merged": "Merged",
    "renumbered": "Renumbered only",
    "unchanged": "Unchanged",
}
# Rows a reader needs to see open; the rest are collapsed but present.
QUIET_STATUSES = frozenset({"unchanged", "renumbered"})


def row_status(match: Match) -> str:
    """One word for a row: the status, or for matched rows what happened to them."""
    if match.status is not MatchStatus.MATCHED:
        return match.status.value
    if match.modified:
        return "renumbered+modified" if match.renumbered else "modified"
    return "renumbered" if match.renumbered else "unchanged"


def status_rank(status: str) -> int:
    return STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER)


def summarize(comparison: Comparison) -> dict[str, dict[str, int]]:
    """Counts per row status and per flag severity (the JSON report's `summary`)."""
    statuses = Counter(row_status(row.match) for row in comparison.rows)
    severities = Counter(flag.severity.value for flag in comparison.flags)
    return {
        "status": dict(sorted(statuses.items())),
        "severity": {s.value: severities.get(s.value, 0) for s in Severity},
    }


@dataclass(frozen=True)
class Side:
    """One unit as a report shows it, with its anchor in its own version."""

    unit: Unit
    anchor: str  # "old-art-52", "new-pp-3": unique within the page
    label: str  # "art. 52", "PP3"
    citation: str  # "art. 52, Preliminary draft (Nov 2018)"


@dataclass(frozen=True)
class Nearest:
    """A near miss of an added or removed provision, found in the other version."""

    citation: str
    similarity: float
    anchor: str  # "" when the candidate is not in the page

    @property
    def percent(self) -> int:
        return percent(self.similarity)


@dataclass(frozen=True)
class FlagLink:
    anchor: str
    citation: str  # "art. 52"
    side: str  # "old" or "new"


@dataclass(frozen=True)
class FlagView:
    flag: Flag
    links: tuple[FlagLink, ...]  # the provisions it concerns, found in the page

    @property
    def target(self) -> str:
        """The anchor the flag links to first ("" when none was found)."""
        return self.links[0].anchor if self.links else ""

    @property
    def where(self) -> str:
        """The provisions as a lawyer reads them: "art. 52 → art. 48", "art. 52 → —"."""
        old = self.flag.old
        new = self.flag.new
        if self.flag.articles and old is None and new is None:
            return ", ".join(f"art. {label}" for label in self.flag.articles)
        old_text = next((link.citation for link in self.links if link.side == "old"), "")
        new_text = next((link.citation for link in self.links if link.side == "new"), "")
        old_text = old_text or (f"art. {old}" if old else "—")
        new_text = new_text or (f"art. {new}" if new else "—")
        return f"{old_text} → {new_text}"


@dataclass(frozen=True)
class RowView:
    """One concordance row with everything its block in the report needs."""

    row: Row
    number: int  # position in the concordance, from 1
    status: str  # row_status()
    old: tuple[Side, ...]
    new: tuple[Side, ...]
    anchor: str  # the block's id: the first new anchor, else the first old one
    title: str
    inline: tuple[Run, ...]
    title_runs: tuple[Run, ...]
    columns: tuple[SideBySideRow, ...]
    gist: tuple[Run, ...]
    flags: tuple[FlagView, ...]
    section: str  # "removed", "added", "changed" or "unchanged"
    nearest: tuple[Nearest, ...] = ()
    previous_change: str = ""  # anchors of the neighbouring changes in page order
    next_change: str = ""

    @property
    def moves(self) -> tuple[str, ...]:
        """Sentences naming the paragraphs that moved between this provision and another."""
        notes = []
        for paragraph in self.row.paragraphs:
            if not (paragraph.moved and paragraph.counterpart):
                continue
            if paragraph.new_label is not None:
                label = f"paragraph {paragraph.new_label}" if paragraph.new_label else "a paragraph"
                notes.append(f"{label.capitalize()} came from {paragraph.counterpart}.")
            else:
                label = f"paragraph {paragraph.old_label}" if paragraph.old_label else "a paragraph"
                notes.append(f"{label.capitalize()} moved to {paragraph.counterpart}.")
        return tuple(notes)

    @property
    def match(self) -> Match:
        return self.row.match

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def old_label(self) -> str:
        return ", ".join(side.label for side in self.old) or "—"

    @property
    def new_label(self) -> str:
        return ", ".join(side.label for side in self.new) or "—"

    @property
    def extra_anchors(self) -> tuple[str, ...]:
        """Anchors of the row's units other than the block's own id."""
        return tuple(s.anchor for s in (*self.new, *self.old) if s.anchor != self.anchor)

    @property
    def opening(self) -> str:
        """The first words of a whole removed or added provision ("" for other rows)."""
        if self.section not in ("removed", "added"):
            return ""
        sides = self.old if self.section == "removed" else self.new
        return excerpt(" ".join(side.unit.text for side in sides))

    @property
    def place(self) -> str:
        """Where the provision sits: "Part III", or "Part III (old), Part V (new)" after a move."""
        old = " › ".join(self.old[0].unit.path) if self.old else ""
        new = " › ".join(self.new[0].unit.path) if self.new else ""
        if old == new or not (old and new):
            return old or new
        return f"{old} (old), {new} (new)"

    @property
    def has_redline(self) -> bool:
        return bool(self.inline)

    @property
    def flag_severity(self) -> str:
        """The gravest severity among the row's flags, "" when it has none."""
        if not self.flags:
            return ""
        return min((f.flag.severity for f in self.flags), key=lambda s: s.rank).value


@dataclass(frozen=True)
class FlagGroup:
    severity: Severity
    flags: tuple[FlagView, ...]


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    articles: int
    others: int
    section: str  # the report section listing rows of this status

    @property
    def total(self) -> int:
        return self.articles + self.others


@dataclass(frozen=True)
class ReportView:
    comparison: Comparison
    instrument: str
    rows: tuple[RowView, ...]
    flags: tuple[FlagView, ...]  # in the comparison's order
    flag_groups: tuple[FlagGroup, ...]  # the same, by severity, gravest first
    counts: tuple[StatusCount, ...]

    def section(self, name: str) -> tuple[RowView, ...]:
        return tuple(row for row in self.rows if row.section == name)

    @property
    def changes(self) -> tuple[RowView, ...]:
        """Every row a reader must see, in page order: removed, changed, added."""
        return (*self.section("removed"), *self.section("changed"), *self.section("added"))

    @property
    def glance(self) -> tuple[RowView, ...]:
        """The changes for a summary: those with critical or high flags first, gravest first,
        then the others in page order."""
        grave = {Severity.CRITICAL.value: 0, Severity.HIGH.value: 1}
        changes = self.changes
        return tuple(
            sorted(changes, key=lambda r: (grave.get(r.flag_severity, 2), changes.index(r)))
        )

    @property
    def illustrative(self) -> bool:
        c = self.comparison
        return c.old_version.illustrative or c.new_version.illustrative


def assign_anchors(draft: Draft, prefix: str) -> dict[int, str]:
    """Unit index -> page id: "old-art-52"; a repeated key gets "-2", "-3" in document order."""
    anchors: dict[int, str] = {}
    seen: Counter[str] = Counter()
    for unit in draft.units:
        base = f"{prefix}-{unit.key}"
        seen[base] += 1
        anchors[unit.index] = base if seen[base] == 1 else f"{base}-{seen[base]}"
    return anchors


def unit_label(unit: Unit) -> str:
    """A short name for a unit in lists: its citation, with plain words for the title block and
    the final clauses, which have no number."""
    if unit.kind is Kind.FRONT:
        return "title block"
    if unit.kind is Kind.FINAL:
        return "final clauses"
    return unit.citation


def _anchor_of(unit: Unit, anchors: dict[int, str], prefix: str) -> str:
    return anchors.get(unit.index) or f"{prefix}-{unit.key}"


def _section(status: str) -> str:
    if status == "deleted":
        return "removed"
    if status == "added":
        return "added"
    return "unchanged" if status in QUIET_STATUSES else "changed"


def _title(match: Match) -> str:
    for unit in (*match.new, *match.old):
        if unit.title:
            return unit.title
    return ""


def _label_index(
    rows: tuple[Row, ...], old_anchors: dict[int, str], new_anchors: dict[int, str]
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Unit label -> (anchor, citation) on each side, articles first, so a flag's "52" finds
    art. 52 rather than a Part or annex of the same number."""
    old: dict[str, tuple[str, str]] = {}
    new: dict[str, tuple[str, str]] = {}
    ordered = sorted(rows, key=lambda r: r.match.kind is not Kind.ARTICLE)
    for row in ordered:
        for unit in row.match.old:
            old.setdefault(unit.number, (_anchor_of(unit, old_anchors, "old"), unit.citation))
        for unit in row.match.new:
            new.setdefault(unit.number, (_anchor_of(unit, new_anchors, "new"), unit.citation))
    return old, new


def _flag_view(
    flag: Flag, old: dict[str, tuple[str, str]], new: dict[str, tuple[str, str]]
) -> FlagView:
    links: list[FlagLink] = []
    if flag.old is not None and flag.old in old:
        links.append(FlagLink(*old[flag.old], "old"))
    if flag.new is not None and flag.new in new:
        links.append(FlagLink(*new[flag.new], "new"))
    for label in flag.articles:
        found = new.get(label) or old.get(label)
        if found and all(found[0] != link.anchor for link in links):
            links.append(FlagLink(*found, "new" if label in new else "old"))
    return FlagView(flag, tuple(links))


def _nearest(
    match: Match, units: _UnitLookup, anchors: dict[int, str], prefix: str
) -> tuple[Nearest, ...]:
    """The candidates of an added or removed row, resolved to units of the other version."""
    out: list[Nearest] = []
    for candidate in match.nearest:
        unit = (
            units.by_key.get(candidate.key)
            if candidate.key
            else units.by_number.get((match.kind, candidate.number))
        )
        if unit is None:
            out.append(Nearest(f"art. {candidate.number}", candidate.similarity, ""))
        else:
            out.append(
                Nearest(unit.citation, candidate.similarity, _anchor_of(unit, anchors, prefix))
            )
    return tuple(out)


@dataclass(frozen=True)
class _UnitLookup:
    """A draft's units by key and by kind and number, the first in reading order."""

    by_key: dict[str, Unit]
    by_number: dict[tuple[Kind, str], Unit]

    @classmethod
    def of(cls, draft: Draft) -> _UnitLookup:
        by_key: dict[str, Unit] = {}
        by_number: dict[tuple[Kind, str], Unit] = {}
        for unit in draft.units:
            by_key.setdefault(unit.key, unit)
            by_number.setdefault((unit.kind, unit.number), unit)
        return cls(by_key, by_number)


def build_view(comparison: Comparison, instrument: str = "") -> ReportView:
    """Everything the HTML, Markdown and terminal reports show, computed once."""
    c = comparison
    old_anchors = assign_anchors(c.old, "old")
    new_anchors = assign_anchors(c.new, "new")
    old_labels, new_labels = _label_index(c.rows, old_anchors, new_anchors)
    flag_views = tuple(_flag_view(flag, old_labels, new_labels) for flag in c.flags)
    flagged: dict[str, list[int]] = {}  # anchor: positions of the flags linking to it
    for k, flag_view in enumerate(flag_views):
        for link in flag_view.links:
            flagged.setdefault(link.anchor, []).append(k)
    old_units, new_units = _UnitLookup.of(c.old), _UnitLookup.of(c.new)

    rows: list[RowView] = []
    for number, row in enumerate(c.rows, start=1):
        match = row.match
        old = tuple(
            Side(
                u,
                _anchor_of(u, old_anchors, "old"),
                unit_label(u),
                f"{unit_label(u)}, {c.old_version.label}",
            )
            for u in match.old
        )
        new = tuple(
            Side(
                u,
                _anchor_of(u, new_anchors, "new"),
                unit_label(u),
                f"{unit_label(u)}, {c.new_version.label}",
            )
            for u in match.new
        )
        own = {s.anchor for s in (*old, *new)}
        status = row_status(match)
        changed_title = any(e.op.value != "equal" for e in row.title_edits)
        # Where each end of a move between provisions went to or came from.
        moves = {p.moved: p.counterpart for p in row.paragraphs if p.moved and p.counterpart}
        rows.append(
            RowView(
                row=row,
                number=number,
                status=status,
                old=old,
                new=new,
                anchor=(new or old)[0].anchor,
                title=_title(match),
                inline=runs_of(row.edits, moves),
                title_runs=runs_of(row.title_edits) if changed_title else (),
                columns=side_by_side(row.edits, moves),
                gist=gist(row.edits) or gist(row.title_edits),
                flags=tuple(
                    flag_views[k] for k in sorted({k for a in own for k in flagged.get(a, ())})
                ),
                section=_section(status),
                nearest=(
                    _nearest(match, new_units, new_anchors, "new")
                    if match.old and not match.new
                    else _nearest(match, old_units, old_anchors, "old")
                ),
            )
        )
    return ReportView(
        comparison=c,
        instrument=instrument or instrument_name(c.new) or instrument_name(c.old),
        rows=_link_changes(rows),
        flags=flag_views,
        flag_groups=tuple(
            FlagGroup(sev, group)
            for sev in Severity
            if (group := tuple(f for f in flag_views if f.flag.severity is sev))
        ),
        counts=_counts(rows),
    )


def _link_changes(rows: list[RowView]) -> tuple[RowView, ...]:
    """Give each shown change the anchors of its neighbours, in the order the page shows them."""
    order = [r for name in ("removed", "changed", "added") for r in rows if r.section == name]
    linked = {}
    for i, row in enumerate(order):
        linked[row.number] = replace(
            row,
            previous_change=order[i - 1].anchor if i else "",
            next_change=order[i + 1].anchor if i + 1 < len(order) else "",
        )
    return tuple(linked.get(row.number, row) for row in rows)


def _counts(rows: list[RowView]) -> tuple[StatusCount, ...]:
    articles = Counter(r.status for r in rows if r.match.kind is Kind.ARTICLE)
    others = Counter(r.status for r in rows if r.match.kind is not Kind.ARTICLE)
    statuses = sorted(set(articles) | set(others), key=lambda s: (status_rank(s), s))
    return tuple(
        StatusCount(s, STATUS_LABELS.get(s, s), articles[s], others[s], _section(s))
        for s in statuses
    )


def instrument_name(draft: Draft) -> str:
    """The first line of a draft's title block, when it has one."""
    for unit in draft.of_kind(Kind.FRONT):
        for line in (unit.title, *unit.text.splitlines()):
            if line.strip():
                return line.strip()
    return ""


def flag_count(comparison: Comparison, *severities: Severity) -> int:
    return sum(1 for flag in comparison.flags if flag.severity in severities)

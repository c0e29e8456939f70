"""A History as plain text (a timeline table, term findings) and as JSON data for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mla_diff.history import Event, History, Lineage, TermHit
from mla_diff.jsonreport import version_json
from mla_diff.model import UnitStatus

# One character per event, so that ten versions fit a terminal; the legend is printed below.
MARKS: dict[Event, str] = {
    Event.INTRODUCED: "+",
    Event.AMENDED: "~",
    Event.RENUMBERED: "#",
    Event.MOVED: "^",
    Event.SPLIT: "<",
    Event.MERGED: ">",
    Event.DELETED: "x",
    Event.REINSTATED: "!",
}
ABSENT = "-"


def cell_text(lineage: Lineage, version: int) -> str:
    """ "48#~": the number in that version (ABSENT when none) and the marks of its events."""
    steps = lineage.events_at(version) if version else ()
    marks = "".join(MARKS[step.event] for step in steps)
    return f"{lineage.number(version) or ABSENT}{marks}"


def latest_citation(lineage: Lineage) -> str:
    unit = next(u for u in reversed(lineage.units) if u is not None)
    return unit.citation


def render_timeline_text(history: History) -> str:
    """Rows are lineages, columns versions; each cell the number with its event marks."""
    labels = [v.label for v in history.versions]
    rows = [
        [lineage.id, *(cell_text(lineage, i) for i in range(len(labels)))]
        for lineage in history.lineages
    ]
    header = ["lineage", *labels]
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]
    legend = ", ".join(f"{mark} {event.value}" for event, mark in MARKS.items())
    lines.append("")
    lines.append(f"{ABSENT} absent; {legend} (the first version introduces all it holds)")
    return "\n".join(lines) + "\n"


def render_terms_text(history: History, terms: Sequence[str], hits: Sequence[TermHit]) -> str:
    """Per term: the provisions holding it in each version, and the version it last appears in."""
    out: list[str] = []
    for term in terms:
        out.append(f'"{term}"')
        found = [h for h in hits if h.term == term]
        width = max(len(v.label) for v in history.versions)
        for index, version in enumerate(history.versions):
            here = [h.citation for h in found if h.version == index]
            out.append(f"  {version.label.ljust(width)}  {', '.join(here) or '(absent)'}")
        if found:
            last = max(h.version for h in found)
            where = ", ".join(h.citation for h in found if h.version == last)
            out.append(f"  last appears in {history.versions[last].label} ({where})")
        else:
            out.append("  appears in no version")
        out.append("")
    return "\n".join(out)


def lineage_json(history: History, lineage: Lineage) -> dict[str, Any]:
    labels = [v.label for v in history.versions]
    return {
        "id": lineage.id,
        "kind": lineage.kind.value,
        "numbers": {labels[i]: lineage.number(i) for i in range(len(labels))},
        "placeholders": [
            labels[i]
            for i, unit in enumerate(lineage.units)
            if unit is not None and unit.status is not UnitStatus.ACTIVE
        ],
        "events": [
            {
                "version": labels[step.version],
                "event": step.event.value,
                "detail": step.detail,
                "related": list(step.related),
            }
            for step in lineage.steps
        ],
    }


def history_json(
    history: History,
    tool: dict[str, str],
    terms: Sequence[str] = (),
    hits: Sequence[TermHit] = (),
) -> dict[str, Any]:
    """The object `history --format json` prints: `versions` (labels in order), `lineages` (each
    with `id`, `numbers` label -> article or null, `events`), and `terms` when searched."""
    labels = [v.label for v in history.versions]
    data: dict[str, Any] = {
        "tool": tool,
        "versions": labels,
        "provenance": [version_json(v) for v in history.versions],
        "lineages": [lineage_json(history, lineage) for lineage in history.lineages],
    }
    if terms:
        data["terms"] = {
            term: {
                labels[i]: [
                    {"article": h.number, "lineage": h.lineage}
                    for h in hits
                    if h.term == term and h.version == i
                ]
                for i in range(len(labels))
            }
            for term in terms
        }
    return data


def render_history_json(
    history: History,
    tool: dict[str, str],
    terms: Sequence[str] = (),
    hits: Sequence[TermHit] = (),
) -> str:
    return json.dumps(history_json(history, tool, terms, hits), indent=2, ensure_ascii=False) + "\n"

"""Comparison -> the JSON report, described by the JSON Schema shipped in mla_diff/data/."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from mla_diff.model import Comparison, Edit, Flag, MatchStatus, ParagraphDiff, Unit, Version
from mla_diff.view import RowView, build_view, summarize

TOOL_NAME = "mla-diff"
SCHEMA_FILE = "comparison.schema.json"
# Raised when a field changes meaning or disappears; adding a field keeps the number.
SCHEMA_VERSION = 1


def load_schema() -> dict[str, Any]:
    """The JSON Schema of the JSON report, as shipped in the package."""
    text = resources.files("mla_diff").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def version_json(version: Version) -> dict[str, Any]:
    """A version's provenance, as the JSON report and the JSON history give it."""
    return {
        "label": version.label,
        "path": version.path,
        "date": version.date,
        "source": version.source,
        "status": version.status,
        "illustrative": version.illustrative,
        "sha256": version.sha256,
        "commit": version.commit,
    }


def _unit_json(unit: Unit, anchor: str) -> dict[str, Any]:
    return {
        "kind": unit.kind.value,
        "number": unit.number,
        "anchor": anchor,
        "citation": unit.citation,
        "heading": unit.heading,
        "title": unit.title,
        "text": unit.text,
        "path": list(unit.path),
        "status": unit.status.value,
        "notes": list(unit.notes),
        "first_line": unit.first_line,
        "last_line": unit.last_line,
    }


def _edits_json(edits: tuple[Edit, ...]) -> list[dict[str, Any]]:
    """Runs of a diff; "ignored" appears only when set."""
    out: list[dict[str, Any]] = []
    for edit in edits:
        data: dict[str, Any] = {"op": edit.op.value, "text": edit.text, "moved": edit.moved}
        if edit.ignored:
            data["ignored"] = True
        out.append(data)
    return out


def _paragraph_json(paragraph: ParagraphDiff) -> dict[str, Any]:
    return {
        "status": paragraph.status.value,
        "old": paragraph.old_label,
        "new": paragraph.new_label,
        "old_article": paragraph.old_article or None,
        "new_article": paragraph.new_article or None,
        "moved": paragraph.moved or None,
        "counterpart": paragraph.counterpart or None,
        "edits": _edits_json(paragraph.edits),
    }


def _flag_json(flag: Flag, anchors: list[str]) -> dict[str, Any]:
    return {
        "rule": flag.rule,
        "severity": flag.severity.value,
        "old": flag.old,
        "new": flag.new,
        "message": flag.message,
        "evidence": {"old": flag.evidence.old, "new": flag.evidence.new},
        "rationale": flag.rationale,
        "articles": list(flag.articles),
        "anchors": anchors,
    }


def _row_json(view: RowView) -> dict[str, Any]:
    match = view.match
    data: dict[str, Any] = {
        "kind": match.kind.value,
        "old": [unit.number for unit in match.old],
        "new": [unit.number for unit in match.new],
        "status": match.status.value,
        "renumbered": match.renumbered,
        "modified": match.modified,
        "moved": match.moved,
        "similarity": round(match.similarity, 3),
        "reason": match.reason,
    }
    if match.status in (MatchStatus.ADDED, MatchStatus.DELETED):
        data["nearest"] = [
            {"article": c.number, "similarity": round(c.similarity, 3)} for c in match.nearest
        ]
    data.update(
        {
            "change": view.status,
            "title": view.title,
            "anchor": view.anchor,
            "old_units": [_unit_json(side.unit, side.anchor) for side in view.old],
            "new_units": [_unit_json(side.unit, side.anchor) for side in view.new],
            "edits": _edits_json(view.row.edits),
            "title_edits": _edits_json(view.row.title_edits),
            "note_edits": _edits_json(view.row.note_edits),
            "paragraphs": [_paragraph_json(paragraph) for paragraph in view.row.paragraphs],
        }
    )
    if match.shares:
        # Split and merged rows: which paragraphs went where ("paragraphs" of the old unit in a
        # split, of the new unit in a merge).
        data["shares"] = [
            {
                "old": share.old,
                "new": share.new,
                "paragraphs": list(share.paragraphs),
                "sentences": share.sentences,
            }
            for share in match.shares
        ]
    return data


def comparison_json(
    comparison: Comparison, tool_version: str, instrument: str = ""
) -> dict[str, Any]:
    """The JSON report as a dict; every field is documented in the shipped schema."""
    view = build_view(comparison, instrument)
    settings = comparison.settings
    summary: dict[str, Any] = dict(summarize(comparison))
    summary["flags"] = len(comparison.flags)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": TOOL_NAME, "version": tool_version},
        "instrument": view.instrument,
        "settings": settings.describe(),
        "settings_detail": {
            "granularity": settings.granularity,
            "ignore": sorted(settings.ignore),
            "language": settings.language,
            "diff_timeout": settings.diff_timeout,
        },
        "old": {**version_json(comparison.old_version), "units": len(comparison.old.units)},
        "new": {**version_json(comparison.new_version), "units": len(comparison.new.units)},
        "changed": comparison.changed,
        "summary": summary,
        "concordance": [_row_json(row) for row in view.rows],
        "flags": [
            _flag_json(flag_view.flag, [link.anchor for link in flag_view.links])
            for flag_view in view.flags
        ],
    }


def render_json(comparison: Comparison, tool_version: str, instrument: str = "") -> str:
    """The JSON report: sorted as the comparison is, indented, UTF-8 kept readable."""
    data = comparison_json(comparison, tool_version, instrument)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

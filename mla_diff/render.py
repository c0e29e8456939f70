"""Comparison -> HTML, Markdown or JSON text; the only importer of jinja2."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from mla_diff.history import History, TermHit
from mla_diff.model import (
    Comparison,
    Edit,
    Flag,
    Match,
    MatchStatus,
    ParagraphDiff,
    Row,
    Severity,
)

TOOL_NAME = "mla-diff"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("mla_diff", "templates"),
        autoescape=select_autoescape(["html"], default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def row_status(match: Match) -> str:
    """One word for a row: the status, or for matched rows what happened to them."""
    if match.status is not MatchStatus.MATCHED:
        return match.status.value
    if match.modified:
        return "renumbered+modified" if match.renumbered else "modified"
    return "renumbered" if match.renumbered else "unchanged"


def summarize(comparison: Comparison) -> dict[str, dict[str, int]]:
    statuses = Counter(row_status(row.match) for row in comparison.rows)
    severities = Counter(flag.severity.value for flag in comparison.flags)
    return {
        "status": dict(sorted(statuses.items())),
        "severity": {s.value: severities.get(s.value, 0) for s in Severity},
    }


def _labels(match: Match, side: str) -> list[str]:
    units = match.old if side == "old" else match.new
    return [unit.number for unit in units]


def _flag_json(flag: Flag) -> dict[str, Any]:
    return {
        "rule": flag.rule,
        "severity": flag.severity.value,
        "old": flag.old,
        "new": flag.new,
        "message": flag.message,
        "evidence": {"old": flag.evidence.old, "new": flag.evidence.new},
        "rationale": flag.rationale,
        "articles": list(flag.articles),
    }


def _row_json(row: Row) -> dict[str, Any]:
    match = row.match
    data: dict[str, Any] = {
        "kind": match.kind.value,
        "old": _labels(match, "old"),
        "new": _labels(match, "new"),
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
    data["edits"] = [_edit_json(edit) for edit in row.edits]
    data["title_edits"] = [_edit_json(edit) for edit in row.title_edits]
    data["paragraphs"] = [_paragraph_json(paragraph) for paragraph in row.paragraphs]
    return data


def _edit_json(edit: Edit) -> dict[str, Any]:
    """One run of a diff; "moved" and "ignored" appear only when set."""
    data: dict[str, Any] = {"op": edit.op.value, "text": edit.text}
    if edit.moved:
        data["moved"] = edit.moved
    if edit.ignored:
        data["ignored"] = True
    return data


def _paragraph_json(paragraph: ParagraphDiff) -> dict[str, Any]:
    return {
        "status": paragraph.status.value,
        "old": paragraph.old_label,
        "new": paragraph.new_label,
        "old_article": paragraph.old_article or None,
        "new_article": paragraph.new_article or None,
        "moved": paragraph.moved or None,
        "counterpart": paragraph.counterpart or None,
        "edits": [_edit_json(edit) for edit in paragraph.edits],
    }


def comparison_json(comparison: Comparison, tool_version: str) -> dict[str, Any]:
    def version(v: Any) -> dict[str, Any]:
        return {
            "label": v.label,
            "path": v.path,
            "date": v.date,
            "source": v.source,
            "status": v.status,
            "illustrative": v.illustrative,
            "sha256": v.sha256,
            "commit": v.commit,
        }

    return {
        "tool": {"name": TOOL_NAME, "version": tool_version},
        "settings": comparison.settings.describe(),
        "old": version(comparison.old_version),
        "new": version(comparison.new_version),
        "summary": summarize(comparison),
        "concordance": [_row_json(row) for row in comparison.rows],
        "flags": [_flag_json(flag) for flag in comparison.flags],
    }


def render_json(comparison: Comparison, tool_version: str) -> str:
    return (
        json.dumps(comparison_json(comparison, tool_version), indent=2, ensure_ascii=False) + "\n"
    )


def render_html(comparison: Comparison, tool_version: str) -> str:
    template = _environment().get_template("report.html")
    return template.render(
        c=comparison,
        summary=summarize(comparison),
        row_status=row_status,
        tool=TOOL_NAME,
        tool_version=tool_version,
        MatchStatus=MatchStatus,
    )


def render_index(title: str, entries: list[dict[str, str]], tool_version: str) -> str:
    """An index page linking reports: entries hold title, href and note."""
    template = _environment().get_template("index.html")
    return template.render(title=title, entries=entries, tool=TOOL_NAME, tool_version=tool_version)


def render_markdown(comparison: Comparison, tool_version: str) -> str:
    template = _environment().get_template("summary.md")
    return template.render(
        c=comparison,
        summary=summarize(comparison),
        row_status=row_status,
        tool_version=tool_version,
    )


def render_history(
    history: History,
    tool_version: str,
    *,
    title: str = "",
    step_hrefs: Sequence[str | None] = (),
    terms: Sequence[str] = (),
    hits: Sequence[TermHit] = (),
) -> str:
    """The timeline page of a History: a row per lineage, a column per version, each cell linking
    to that step's comparison (`step_hrefs[k - 1]` compares versions k - 1 and k), then every
    provision's text in every version."""
    hrefs = list(step_hrefs) or [None] * (len(history.versions) - 1)
    rows = []
    for lineage in history.lineages:
        cells = []
        present = [unit for unit in lineage.units if unit is not None]
        first, last = present[0], present[-1]
        label = first.citation
        if last.number != first.number:
            label = f"{label} → {last.number}"
        for index, unit in enumerate(lineage.units):
            # Everything in the first version is introduced there: marking it would be noise.
            steps = lineage.events_at(index) if index else ()
            href = hrefs[index - 1] if index else None
            if href and unit is not None:
                href = f"{href}#new-{unit.key}"
            elif href and steps:
                previous = lineage.units[index - 1]
                href = f"{href}#old-{previous.key}" if previous is not None else href
            elif unit is None:
                href = None
            cells.append({"unit": unit, "steps": steps, "href": href})
        rows.append({"lineage": lineage, "label": label, "cells": cells})
    template = _environment().get_template("history.html")
    return template.render(
        h=history,
        title=title or "History of every provision",
        rows=rows,
        terms=list(terms),
        hits=list(hits),
        tool=TOOL_NAME,
        tool_version=tool_version,
    )

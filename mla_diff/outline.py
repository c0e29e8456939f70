"""A draft's structure as a readable tree or as JSON: what `mla-diff outline` prints."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from mla_diff.model import Draft, Kind, Unit, UnitStatus

LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "nl": "Dutch"}

_NAMES = {
    Kind.ARTICLE: ("article", "articles"),
    Kind.PART: ("container", "containers"),
    Kind.PREAMBLE: ("preambular paragraph", "preambular paragraphs"),
    Kind.ANNEX: ("annex", "annexes"),
    Kind.SECTION: ("section", "sections"),
}


def _plural(count: int, kind: Kind) -> str:
    one, many = _NAMES[kind]
    return f"{count} {one if count == 1 else many}"


def paragraph_counts(unit: Unit) -> tuple[int, int]:
    """(paragraphs, sub-paragraphs): top-level paragraphs and everything nested under them."""
    top = sum(1 for p in unit.paragraphs if p.depth == 0 and p.role != "tail")
    return top, sum(1 for p in unit.paragraphs if p.depth > 0)


def _describe_paragraphs(unit: Unit) -> str:
    top, sub = paragraph_counts(unit)
    if not top and not sub:
        return "(no text)"
    text = f"{top} paragraph{'' if top == 1 else 's'}"
    if sub:
        text += f", {sub} sub-paragraph{'' if sub == 1 else 's'}"
    return f"({text})"


def _excerpt(text: str, width: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _lines(unit: Unit) -> str:
    if unit.first_line == unit.last_line:
        return f"line {unit.first_line}"
    return f"lines {unit.first_line}-{unit.last_line}"


def outline_text(draft: Draft, name: str = "") -> str:
    """The structure as an indented tree a lawyer can read, warnings at the end."""
    counts = Counter(
        unit.kind
        for unit in draft.units
        if unit.kind is not Kind.PREAMBLE or unit.number.startswith("PP")
    )
    summary = [_plural(counts[kind], kind) for kind in _NAMES if counts[kind]]
    deleted = sum(1 for unit in draft.articles if unit.status is UnitStatus.DELETED)
    if deleted:
        summary.append(f"{deleted} deleted")
    head = " · ".join(
        part
        for part in (name, LANGUAGE_NAMES.get(draft.language, draft.language), ", ".join(summary))
        if part
    )
    out = [head, ""]
    in_preamble = False
    for unit in draft.units:
        if unit.kind is Kind.PREAMBLE and not in_preamble:
            out.append("Preamble")
        in_preamble = unit.kind is Kind.PREAMBLE
        out.append(_unit_line(unit))
    if draft.furniture:
        kinds = Counter(item.kind.value for item in draft.furniture)
        out += [
            "",
            "Left out of the text: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())),
        ]
    if draft.warnings:
        out += ["", "Warnings"]
        out += [f"  - {warning}" for warning in draft.warnings]
    return "\n".join(out) + "\n"


def _unit_line(unit: Unit) -> str:
    indent = "  " * len(unit.path)
    where = _lines(unit)
    if unit.kind is Kind.PREAMBLE:
        return f"  {unit.number:<8} {_excerpt(unit.text)}  · {where}"
    if unit.kind is Kind.FRONT:
        return f"Title block  {_excerpt(unit.text.replace(chr(10), ' / '))}  · {where}"
    if unit.kind is Kind.FINAL:
        return f"Final clauses  {_excerpt(unit.text)}  · {where}"
    if unit.kind is Kind.PART:
        heading = "  ".join(part for part in (_container_heading(unit), unit.title) if part)
        return f"{indent}{heading}  · {where}"
    if unit.kind is Kind.ANNEX:
        title = f"  {unit.title}" if unit.title else ""
        return f"{unit.citation}{title}  {_describe_paragraphs(unit)}  · {where}"
    if unit.kind is Kind.ARTICLE:
        label = f"Art. {unit.number}"
    elif unit.heading and unit.heading != unit.number:
        label = unit.heading  # "Section 3", "§ 3"
    else:
        label = f"Para. {unit.number}"  # a numbered or plain paragraph of a text without articles
    if unit.status is UnitStatus.DELETED:
        return f"{indent}{label}  [deleted] {_excerpt(unit.text, 40)}  · {where}"
    title = f"  {unit.title}" if unit.title else ""
    return f"{indent}{label}{title}  {_describe_paragraphs(unit)}  · {where}"


def _container_heading(unit: Unit) -> str:
    """ "CHAPTER  V" reads "Chapter V", "TITRE PREMIER" "Titre Premier"; an unnumbered heading
    ("FINAL PROVISIONS") is its title alone."""
    if not unit.number:
        return ""
    return " ".join(_soften(word) for word in unit.heading.split())


def _soften(word: str) -> str:
    roman = all(ch in "IVXLC" for ch in word.rstrip(".:"))
    return word.capitalize() if word.isupper() and len(word) > 1 and not roman else word


def outline_data(draft: Draft, detail: bool = False) -> dict[str, Any]:
    """The structure as plain data. Every unit has at least `kind` and `number` (the label as
    written); `detail` adds the text, paragraphs, notes, brackets and spans (used by test
    fixtures)."""
    units: list[dict[str, Any]] = []
    for unit in draft.units:
        top, sub = paragraph_counts(unit)
        item: dict[str, Any] = {
            "kind": unit.kind.value,
            "number": unit.number,
            "key": unit.key,
            "citation": unit.citation,
            "heading": unit.heading,
            "title": unit.title,
            "path": list(unit.path),
            "status": unit.status.value,
            "first_line": unit.first_line,
            "last_line": unit.last_line,
            "paragraphs": top,
            "subparagraphs": sub,
        }
        if detail:
            item["text"] = unit.text
            item["structure"] = [[p.label, p.depth, p.role, p.line] for p in unit.paragraphs]
            item["notes"] = list(unit.notes)
            item["brackets"] = list(unit.brackets)
            item["spans"] = [list(span) for span in unit.spans]
        units.append(item)
    counts = Counter(unit.kind.value for unit in draft.units)
    return {
        "language": draft.language,
        "counts": dict(sorted(counts.items())),
        "warnings": list(draft.warnings),
        "units": units,
        "furniture": [
            {"kind": item.kind.value, "start": item.start, "end": item.end}
            for item in draft.furniture
        ],
    }


def outline_json(draft: Draft, detail: bool = False) -> str:
    return json.dumps(outline_data(draft, detail), ensure_ascii=False, indent=2) + "\n"

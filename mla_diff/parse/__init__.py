"""Text -> Draft: front matter, preamble, containers, articles, annexes and final clauses.

`parse_draft` runs three steps, one module each: `lines` (clean lines, page furniture, which lines
are headings), `blocks` (the text between headings, the preamble, the fallback for drafts without
articles) and `units` (titles, paragraphs, notes, status and source spans)."""

from __future__ import annotations

import re
from functools import lru_cache

from mla_diff.errors import InputError
from mla_diff.headings import LANGUAGES, HeadingGrammar, detect_language
from mla_diff.model import Draft, Kind, Unit, UnitStatus, label_sort_key, roman_to_int
from mla_diff.parse.blocks import cut_blocks
from mla_diff.parse.fallback import fallback_blocks
from mla_diff.parse.lines import classify_headings, read_lines, wrap_width
from mla_diff.parse.units import build_units, uncovered


@lru_cache(maxsize=16)
def _grammar(languages: tuple[str, ...]) -> HeadingGrammar:
    return HeadingGrammar(languages)


def parse_draft(text: str, language: str = "") -> Draft:
    """Parse a draft's text into units. Never raises on any text; every character of `text` lies
    in exactly one unit's spans or in one furniture record (see `coverage_problems`).

    `language` ("en", "fr", "es", "de", "nl") restricts heading words to that language; "" detects
    the language and accepts the heading words of all of them."""
    if language and language not in LANGUAGES:
        raise InputError(
            f"unknown language {language!r}", hint=f"use one of {', '.join(LANGUAGES)}"
        )
    grammar = _grammar((language,) if language else LANGUAGES)
    lines, furniture = read_lines(text, grammar)
    classify_headings(lines)
    wrap = wrap_width(lines)
    blocks = cut_blocks(lines, fallback=False)
    warnings: list[str] = []
    if not any(block.kind is Kind.ARTICLE for block in blocks):
        blocks, note = fallback_blocks(lines)
        if blocks:
            warnings.append(note)
    units = build_units(blocks, text, furniture, wrap)
    furniture += uncovered(units, text, furniture)
    warnings += _numbering_warnings(units)
    return Draft(
        source=text,
        units=tuple(units),
        furniture=tuple(sorted(furniture, key=lambda item: item.start)),
        language=language or detect_language(text),
        warnings=tuple(warnings),
    )


def _numbering_warnings(units: list[Unit]) -> list[str]:
    """Repeated numbers, numbers that go back, articles without text."""
    warnings: list[str] = []
    seen: dict[str, list[int]] = {}
    previous: Unit | None = None
    order = _roman_order if _numbered_in_roman(units) else _label_order
    for unit in units:
        if unit.kind is not Kind.ARTICLE:
            continue
        seen.setdefault(unit.number, []).append(unit.first_line)
        if (
            previous is not None
            and order(unit) < order(previous)
            and unit.first_line != previous.first_line
        ):
            warnings.append(
                f"line {unit.first_line}: article {unit.number} follows article {previous.number}"
            )
        if unit.status is UnitStatus.ACTIVE and not unit.text:
            warnings.append(f"line {unit.first_line}: article {unit.number} has no text")
        previous = unit
    for number, where in seen.items():
        if len(where) > 1:
            at = ", ".join(str(line) for line in where)
            warnings.append(f"article {number} appears {len(where)} times (lines {at})")
    return warnings


_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})(?:[ -]?[a-z]+)?$")


_NUMERAL = re.compile(r"[IVXLCDM]*")


def _numbered_in_roman(units: list[Unit]) -> bool:
    """Whether the articles are "Article I", "Article II"...: then "IX" comes after "VIII"."""
    labels = [unit.number for unit in units if unit.kind is Kind.ARTICLE]
    return len(labels) > 1 and all(label and _ROMAN.match(label) for label in labels)


def _roman_order(unit: Unit) -> tuple[tuple[int, int, str], ...]:
    """ "IX" after "VIII", and "II bis", "II-bis" or "IIbis" after "II"."""
    numeral = _NUMERAL.match(unit.number)
    assert numeral is not None  # the pattern matches the empty string
    rest = unit.number[numeral.end() :].lstrip(" -")
    return ((1, roman_to_int(numeral[0]) or 0, ""), *label_sort_key(rest))


def _label_order(unit: Unit) -> tuple[tuple[int, int, str], ...]:
    return unit.sort_key


def coverage_problems(draft: Draft) -> list[str]:
    """Where the units' spans and the furniture fail to tile the source exactly once ([] when
    nothing is lost or counted twice)."""
    pieces = sorted(
        [
            (a, b, f"unit {unit.index} ({unit.kind.value} {unit.number})")
            for unit in draft.units
            for a, b in unit.spans
        ]
        + [(item.start, item.end, f"furniture {item.kind.value}") for item in draft.furniture]
    )
    problems: list[str] = []
    position = 0
    for a, b, owner in pieces:
        if b <= a:
            problems.append(f"{owner} has an empty span at {a}")
        if a > position:
            problems.append(f"characters {position}-{a} belong to nothing")
        elif a < position:
            problems.append(f"{owner} overlaps at {a}-{min(b, position)}")
        position = max(position, b)
    if position < len(draft.source):
        problems.append(f"characters {position}-{len(draft.source)} belong to nothing")
    return problems


__all__ = ["coverage_problems", "parse_draft"]

"""Footnotes, facilitators' notes and square brackets: what stands beside or around agreed text."""

from __future__ import annotations

import re
from typing import Protocol, TypeVar


class _Line(Protocol):
    @property
    def text(self) -> str: ...

    @property
    def soft(self) -> bool: ...


L = TypeVar("L", bound=_Line)

# Footnotes and facilitators' notes: kept apart from the text they annotate.
_NOTE = re.compile(
    r"^\[?\s*(?:(?:co-?)?facilitators?'?s?|chair(?:person|man)?'?s?|secretariat'?s?|editor'?s?|"
    r"explanatory|drafting|translator'?s?)\s+notes?\b[^:\]\n]{0,60}:"
    r"|^\[?\s*(?:notes?|footnotes?|n\.b\.|nb|nota|note du (?:facilitateur|président|secrétariat)|"
    r"fu(?:ß|ss)noten?|anmerkung|voetnoot|opmerking)\b[^:\]\n]{0,40}:"
    r"|^\[\^[^\]\s]{1,20}\]:"
    r"|^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s"
    r"|^\d{1,3}/\s"
    # EU consolidated texts: "(ex Article 4 TEU)" under a renumbered article's heading.
    r"|^\(ex (?:articles?|art\.)\s[^()]{1,80}\)$",
    re.IGNORECASE,
)


_ASTERISK = re.compile(r"^\*{1,3}\s+\S")


_FOOTNOTE_REF = re.compile(r"^\[\^?\d{1,3}\]$")


def separate_notes(body: list[L]) -> tuple[list[L], list[list[str]]]:
    """The body without its notes, and each note's lines. A note runs to the next blank line, or
    to its closing bracket when it opened with one."""
    kept: list[L] = []
    notes: list[list[str]] = []
    open_bracket = False
    in_note = False
    for index, line in enumerate(body):
        starts = bool(line.text) and (is_note(line.text) or _asterisk_note(body, index))
        if in_note and starts:
            in_note = open_bracket = False
        if in_note:
            if not line.text and not line.soft:
                in_note = open_bracket = False
            elif line.text:
                notes[-1].append(line.text)
                if open_bracket and _closes(notes[-1]):
                    in_note = open_bracket = False
                continue
        if starts:
            notes.append([line.text])
            open_bracket = line.text.startswith(("[", "(")) and not line.text.startswith("[^")
            in_note = not (open_bracket and _closes(notes[-1]))
            continue
        kept.append(line)
    return kept, notes


def is_note(text: str) -> bool:
    """Whether a line opens a footnote or a facilitator's, chair's or editor's note."""
    return bool(_NOTE.match(text))


def _asterisk_note(body: list[L], index: int) -> bool:
    """ "* Text proposed by the facilitators": an asterisk footnote, set apart by a blank line and
    not the first of a bulleted list."""
    if not _ASTERISK.match(body[index].text):
        return False
    before = body[index - 1].text if index else ""
    after = next((line.text for line in body[index + 1 :] if line.text), "")
    return not before and not _ASTERISK.match(after)


def _closes(lines: list[str]) -> bool:
    text = " ".join(lines)
    return text.count("]") >= text.count("[") and text.count(")") >= text.count("(")


_BRACKET = re.compile(r"[\[\]]")


def find_brackets(text: str) -> list[str]:
    """Outermost square-bracketed spans, nesting allowed; an unclosed bracket runs to the end.
    Footnote references ("[1]", "[^2]") are not brackets of the negotiation."""
    if "[" not in text:
        return []  # a closing bracket alone opens nothing
    spans: list[str] = []
    depth = 0
    start = 0
    for match in _BRACKET.finditer(text):
        if match[0] == "[":
            if depth == 0:
                start = match.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                span = text[start : match.end()]
                if not _FOOTNOTE_REF.match(span):
                    spans.append(span)
    if depth:
        spans.append(text[start:])
    return spans

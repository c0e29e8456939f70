"""Definitions ("'victim' means ...") changed, added or removed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from mla_diff.model import Evidence, MatchStatus, Severity
from mla_diff.rules.context import (
    Finding,
    label_of,
    make_flag,
)
from mla_diff.rules.evidence import normalise_words, quote, window
from mla_diff.rules.mentions import Mention, Paragraphs
from mla_diff.rules.rulebook import Language

# Words that open a sentence with "means" without defining anything ("This means that").
_NOT_TERMS = {"this", "that", "it", "which", "such", "these", "those", "he", "she", "they"}
_SENTENCE_END = re.compile(r";|\.(?=\s+[A-Z(]|\s*$)|$")


@dataclass(frozen=True)
class Definition:
    term: str
    body: str
    start: int  # span of the body in its paragraph
    end: int
    mention: Mention


@cache
def _patterns(language: Language) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A quoted term defined ("'victim' means"), and an unquoted one in a list of definitions."""
    verbs = "|".join(re.escape(v) for v in sorted(language.definition_verbs, key=len, reverse=True))
    quoted = re.compile(
        r"[\"'“‘«]\s*(?P<term>[^\"'”’»\n]{1,80}?)\s*[\"'”’»]\s*,?\s*(?:\([^)]{0,60}\)\s*)?"
        rf"(?:{verbs})(?![\w])",
        re.IGNORECASE,
    )
    verbs = "|".join(re.escape(v) for v in language.unquoted_definition_verbs)
    unquoted = re.compile(
        r"^\s*\(?[a-z0-9]{1,3}[.)]\s+(?:the term\s+)?"
        rf"(?P<term>[^\W\d][\w -]{{0,40}}?)\s*,?\s+(?:{verbs})(?![\w])",
        re.IGNORECASE,
    )
    return quoted, unquoted


def definitions_in(text: str, language: Language) -> list[tuple[str, int, int]]:
    """The terms a wording defines, each with the span of its definition."""
    pattern, unquoted = _patterns(language)
    found = list(pattern.finditer(text))
    if not found:  # "(a) victim means ...": an item of a list of definitions, unquoted
        found = [m for m in unquoted.finditer(text) if m["term"].lower() not in _NOT_TERMS]
    spans = []
    for m in found:
        end = _SENTENCE_END.search(text, m.end())
        stop = end.start() if end else len(text)
        spans.append((normalise_words(m["term"]), m.end(), stop))
    return spans


def _substituted(text: str, substitutions: frozenset[tuple[str, str]]) -> str:
    words = f" {normalise_words(text)} "
    for old, new in sorted(substitutions):
        words = words.replace(f" {old} ", f" {new} ")
    return words.strip()


def definitions(
    paragraphs: Paragraphs, language: Language, substitutions: frozenset[tuple[str, str]]
) -> Iterator[Finding]:
    # The definitions in each wording: a paragraph kept as it was is read once for both sides.
    found: dict[str, list[tuple[str, int, int]]] = {}

    def defined(mentions: list[Mention]) -> dict[str, Definition]:
        out: dict[str, Definition] = {}
        for m in mentions:
            if m.text not in found:
                found[m.text] = definitions_in(m.text, language)
            for term, start, end in found[m.text]:
                out[term] = Definition(term, m.text[start:end], start, end, m)
        return out

    old, new = defined(paragraphs[0]), defined(paragraphs[1])
    for term in sorted(set(old) | set(new), key=lambda t: _order(t, old, new)):
        a, b = old.get(term), new.get(term)
        if a is not None and b is not None:
            if _substituted(a.body, substitutions) == normalise_words(b.body):
                continue
            yield Finding(
                make_flag(
                    "definition-changed",
                    Severity.HIGH,
                    (a.mention.label, b.mention.label),
                    f"{b.mention.cite}: the definition of {quote(term)} changed",
                    Evidence(
                        window(a.mention.text, a.start, a.end, 30),
                        window(b.mention.text, b.start, b.end, 30),
                    ),
                    "A defined term carries its definition into every article that uses it.",
                ),
                (b.mention.position, 0),
            )
        elif a is not None and a.mention.row.match.status is not MatchStatus.DELETED:
            yield Finding(
                make_flag(
                    "definition-changed",
                    Severity.MEDIUM,
                    (a.mention.label, _counterpart(a.mention)),
                    f"{a.mention.cite}: {quote(term)} is no longer defined",
                    Evidence(old=window(a.mention.text, a.start, a.end, 30)),
                    "Without its definition a term takes whatever meaning a reader gives it.",
                ),
                (a.mention.position, 0),
            )
        elif b is not None and b.mention.row.match.status is not MatchStatus.ADDED:
            yield Finding(
                make_flag(
                    "definition-changed",
                    Severity.MEDIUM,
                    (_counterpart(b.mention, "old"), b.mention.label),
                    f"{b.mention.cite}: {quote(term)} is now defined",
                    Evidence(new=window(b.mention.text, b.start, b.end, 30)),
                    "A new definition fixes the meaning of a term wherever it is used.",
                ),
                (b.mention.position, 0),
            )


def _order(term: str, old: dict[str, Definition], new: dict[str, Definition]) -> tuple[int, str]:
    d = new.get(term) or old[term]
    return d.mention.position, term


def _counterpart(mention: Mention, side: str = "new") -> str | None:
    units = mention.row.match.new if side == "new" else mention.row.match.old
    return label_of(units[0]) if units else None

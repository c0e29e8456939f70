"""Rules on square brackets: text agreed (brackets removed), an option selected, text re-opened."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from mla_diff.model import Flag, MatchStatus, Row, Severity
from mla_diff.rules.context import (
    PROVISION_KINDS,
    Finding,
    Passage,
    Provision,
    make_flag,
    provision_passages,
)
from mla_diff.rules.evidence import map_span, normalise_words, quote

# Brackets that do not mark unagreed text: placeholders, elisions, [sic].
_NOT_NEGOTIATION = re.compile(
    r"^\[\s*(deleted|reserved|repealed|aufgehoben|weggefallen|supprimé|\.\.\.|…|sic|"
    r"emphasis added|footnote \d+)\s*\]$",
    re.IGNORECASE,
)
# A number alone in brackets is a footnote mark ("required[1].") unless it is one of a choice
# of numbers ("[40][60] days").
_FOOTNOTE_MARK = re.compile(r"^\[\s*\d{1,3}\s*\]$")
# What may separate the options of one group: "[shall][should]", "[A] / [B]", "[A] or [B]".
_BETWEEN_OPTIONS = re.compile(r"^\s*(/|or|ou|o)?\s*$", re.IGNORECASE)
_OPTION_NAME = re.compile(r"^\s*(option|alternative|alt\.?|variant)\s*\w{0,3}\s*[:.\-–]\s*", re.I)
# Two bracketed wordings this similar are the same text, reworded.
SIMILAR = 0.6


@dataclass(frozen=True)
class Group:
    """Adjacent bracketed spans: one span, or the options of a choice."""

    start: int
    end: int
    options: tuple[str, ...]  # the words inside each pair of brackets, option names removed

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(normalise_words(o) for o in self.options)


def bracket_spans(text: str) -> list[tuple[int, int]]:
    """Outermost [...] spans, nesting allowed; an unclosed bracket runs to the end."""
    spans: list[tuple[int, int]] = []
    depth = start = 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return [s for s in spans if not _NOT_NEGOTIATION.match(text[s[0] : s[1]])]


def bracket_groups(text: str) -> list[Group]:
    groups: list[list[tuple[int, int]]] = []
    for span in bracket_spans(text):
        if groups and _BETWEEN_OPTIONS.match(text[groups[-1][-1][1] : span[0]]):
            groups[-1].append(span)
        else:
            groups.append([span])
    return [
        Group(
            spans[0][0],
            spans[-1][1],
            tuple(_OPTION_NAME.sub("", text[s + 1 : e].rstrip("]")) for s, e in spans),
        )
        for spans in groups
        if len(spans) > 1 or not _FOOTNOTE_MARK.match(text[spans[0][0] : spans[0][1]])
    ]


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def brackets(provision: Provision) -> Iterator[Finding]:
    for k, passage in enumerate(provision.passages):
        if passage.old == passage.new or "[" not in passage.old + passage.new:
            continue
        for flag in _passage_brackets(passage):
            yield Finding(flag, (provision.position, k))


def brackets_in_new_provisions(rows: Sequence[Row]) -> Iterator[Finding]:
    """Text in brackets in a provision that is new as a whole: proposed, not agreed."""
    for position, row in enumerate(rows):
        match = row.match
        if match.status is not MatchStatus.ADDED or match.kind not in PROVISION_KINDS:
            continue
        for k, passage in enumerate(provision_passages(row, match.kind)):
            if "[" in passage.new:
                for flag in _passage_brackets(passage):
                    yield Finding(flag, (position, k))


def _passage_brackets(passage: Passage) -> Iterator[Flag]:
    old_groups = bracket_groups(passage.old)
    new_groups = bracket_groups(passage.new)
    new_keys = [g.key for g in new_groups]
    old_keys = [g.key for g in old_groups]
    for group in old_groups:
        if group.key in new_keys:
            new_keys.remove(group.key)
            continue
        start, end = _mapped(passage, group, "old")
        region = normalise_words(passage.new[start:end])
        if "[" in passage.new[start:end] or not passage.new:
            continue  # still bracketed, in another form: the words' diff tells
        evidence = passage.evidence("old", group.start, group.end)
        written = passage.old[group.start : group.end]
        if len(group.options) > 1:
            chosen = [
                o for o, key in zip(group.options, group.key, strict=True) if key and key in region
            ]
            if not chosen and region:  # one option kept with its words touched
                score, best = max(
                    (_similar(key, region), o)
                    for o, key in zip(group.options, group.key, strict=True)
                )
                chosen = [best] if score >= SIMILAR else []
            if chosen:
                yield make_flag(
                    "option-selected",
                    Severity.MEDIUM,
                    passage,
                    f"{passage.cite}: of the options {quote(written)}, {quote(chosen[0])} was kept",
                    evidence,
                    "Choosing one bracketed option settles a question the negotiators had left "
                    "open.",
                )
            continue
        inner = group.key[0]
        if inner and (inner == region or inner in region):
            message = (
                f"{passage.cite}: the brackets around {quote(written)} were removed: "
                "the text is agreed"
            )
        elif inner and region and _similar(inner, region) >= SIMILAR:
            message = (
                f"{passage.cite}: the brackets around {quote(written)} were removed and the "
                "words changed: the text is agreed as reworded"
            )
        else:
            continue  # bracketed words deleted outright: the words' diff shows it
        yield make_flag(
            "brackets-removed",
            Severity.MEDIUM,
            passage,
            message,
            evidence,
            "Square brackets mark text not yet agreed; removing them with the words kept means "
            "the words are agreed.",
        )
    for group in new_groups:
        if group.key in old_keys:
            old_keys.remove(group.key)
            continue
        start, end = _mapped(passage, group, "new")
        before = passage.old[start:end]
        if "[" in before:
            continue
        written = passage.new[group.start : group.end]
        region = normalise_words(before)
        inner = " ".join(group.key)
        reopened = bool(inner) and (inner in region or _similar(inner, region) >= SIMILAR)
        message = (
            f"{passage.cite}: {quote(written)} is now in brackets: the text is re-opened"
            if reopened
            else f"{passage.cite}: new text in brackets {quote(written)}: proposed, not agreed"
        )
        yield make_flag(
            "brackets-added",
            Severity.MEDIUM,
            passage,
            message,
            passage.evidence("new", group.start, group.end),
            "Square brackets mark text not yet agreed: these words are open to negotiation.",
        )


def _mapped(passage: Passage, group: Group, side: str) -> tuple[int, int]:
    return map_span(passage.edits, group.start, group.end, side)

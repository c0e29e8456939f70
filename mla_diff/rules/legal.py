"""Rules on legal substance: definitions, grounds of refusal, and the crimes in scope."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mla_diff.diff import new_text, old_text
from mla_diff.model import Evidence, Kind, MatchStatus, Row, Severity, Unit
from mla_diff.rules.context import (
    Finding,
    Provision,
    chapeau_contexts,
    cite_unit,
    label_of,
    make_flag,
    normalise_words,
    quote,
    window,
)
from mla_diff.rules.rulebook import Language, Phrase

_SENTENCE_END = re.compile(r";|\.(?=\s+[A-Z(]|\s*$)|$")


@dataclass(frozen=True)
class Mention:
    """A paragraph of one side of the draft, with where it sits."""

    text: str
    cite: str  # "Art. 2(1)"
    label: str  # the flag's article label: "2", "Annex I"
    unit: Unit
    row: Row
    position: int
    context: str = ""  # the chapeau(s) it continues: "... declare that it will also apply ...:"


def mentions(rows: Sequence[Row], side: str) -> list[Mention]:
    """Every paragraph of one side of the comparison, in reading order."""
    out: list[Mention] = []
    for position, row in enumerate(rows):
        units = row.match.old if side == "old" else row.match.new
        if not units:
            continue
        by_number = {u.number: u for u in units}
        present = [
            d for d in row.paragraphs if (d.old_label if side == "old" else d.new_label) is not None
        ]
        texts = [
            (
                d.old_label if side == "old" else d.new_label,
                old_text(d.edits) if side == "old" else new_text(d.edits),
            )
            for d in present
        ]
        for diff, (label, text), context in zip(
            present, texts, chapeau_contexts(texts), strict=True
        ):
            number = diff.old_article if side == "old" else diff.new_article
            unit = by_number.get(number, units[0])
            out.append(
                Mention(
                    text,
                    cite_unit(unit.kind, label_of(unit), label or ""),
                    label_of(unit),
                    unit,
                    row,
                    position,
                    context,
                )
            )
    return out


@dataclass(frozen=True)
class Definition:
    term: str
    body: str
    start: int  # span of the body in its paragraph
    end: int
    mention: Mention


def definitions_in(mention: Mention, language: Language) -> Iterator[Definition]:
    verbs = "|".join(re.escape(v) for v in sorted(language.definition_verbs, key=len, reverse=True))
    pattern = re.compile(
        r"[\"'“‘«]\s*(?P<term>[^\"'”’»\n]{1,80}?)\s*[\"'”’»]\s*,?\s*(?:\([^)]{0,60}\)\s*)?"
        rf"(?:{verbs})(?![\w])",
        re.IGNORECASE,
    )
    for m in pattern.finditer(mention.text):
        end = _SENTENCE_END.search(mention.text, m.end())
        stop = end.start() if end else len(mention.text)
        yield Definition(
            normalise_words(m["term"]), mention.text[m.end() : stop], m.end(), stop, mention
        )


def _substituted(text: str, substitutions: frozenset[tuple[str, str]]) -> str:
    words = f" {normalise_words(text)} "
    for old, new in sorted(substitutions):
        words = words.replace(f" {old} ", f" {new} ")
    return words.strip()


def definitions(
    rows: Sequence[Row], language: Language, substitutions: frozenset[tuple[str, str]]
) -> Iterator[Finding]:
    old = {d.term: d for m in mentions(rows, "old") for d in definitions_in(m, language)}
    new = {d.term: d for m in mentions(rows, "new") for d in definitions_in(m, language)}
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


def _has(text: str, phrases: tuple[Phrase, ...]) -> bool:
    return any(p.pattern.search(text) for p in phrases)


def refusal_grounds(provision: Provision, language: Language) -> Iterator[Finding]:
    """Grounds of refusal added or removed in the paragraphs that deal with refusal."""
    markers = language.refusal_markers
    old_parts = [
        (k, p)
        for k, p in enumerate(provision.passages)
        if p.old and _has(p.old + " " + p.old_context, markers)
    ]
    new_parts = [
        (k, p)
        for k, p in enumerate(provision.passages)
        if p.new and _has(p.new + " " + p.new_context, markers)
    ]
    if not old_parts and not new_parts:
        return
    for term in language.refusal_grounds:
        before = sum(term.count(p.adjusted_old) for _, p in old_parts)
        after = sum(term.count(p.new) for _, p in new_parts)
        if before == after:
            continue
        added = after > before
        parts = new_parts if added else old_parts
        chosen = None
        for k, p in parts:
            here = term.spans(p.new if added else p.old)
            there = term.count(p.adjusted_old if added else p.new)
            if len(here) > there:
                chosen = (k, p, here[min(there, len(here) - 1)])
                break
        if chosen is None:
            continue
        k, passage, (start, end) = chosen
        written = (passage.new if added else passage.old)[start:end]
        yield Finding(
            make_flag(
                "refusal-ground-changed",
                Severity.HIGH,
                passage,
                f"{passage.cite}: {quote(written)} was "
                + (
                    "added as a ground of refusal"
                    if added
                    else "removed from the grounds of refusal"
                ),
                passage.evidence("new" if added else "old", start, end),
                "Grounds of refusal decide when cooperation may or must be withheld; "
                + (
                    "one more ground lets States refuse in more cases."
                    if added
                    else "one ground fewer obliges States to cooperate in more cases."
                ),
            ),
            (provision.position, k),
            frozenset(
                {(passage.old_article or "", term.name), (passage.new_article or "", term.name)}
            ),
        )


def _zone(mention: Mention, language: Language) -> str:
    """Where a paragraph puts the crimes it names: "operative" scope, "optional", or ""."""
    unit = mention.unit
    if unit.kind is Kind.ANNEX:
        return "optional"
    if unit.kind is not Kind.ARTICLE:
        return ""
    if _has(f"{unit.title}\n{mention.context}\n{mention.text}", language.optional_markers):
        return "optional"
    if _has(unit.title, language.operative_titles) and _title_is_scope(unit.title, language):
        return "operative"
    return ""


def _title_is_scope(title: str, language: Language) -> bool:
    """The title is a scope title as a whole ("Scope of application"), not a mere mention."""
    words = normalise_words(title)
    return any(
        normalise_words(m.group()) == words
        for p in language.operative_titles
        for m in p.finditer(title)
    )


def scope(rows: Sequence[Row], language: Language) -> Iterator[Finding]:
    zones: dict[str, dict[str, dict[str, Mention]]] = {"old": {}, "new": {}}
    for side in ("old", "new"):
        for mention in mentions(rows, side):
            zone = _zone(mention, language)
            if not zone:
                continue
            for crime in language.crimes:
                if crime.count(mention.text):
                    zones[side].setdefault(crime.name, {}).setdefault(zone, mention)
    for crime in language.crimes:
        before = zones["old"].get(crime.name, {})
        after = zones["new"].get(crime.name, {})
        # A crime's place is the strongest zone naming it: operative scope beats an opt-in.
        was = "operative" if "operative" in before else "optional" if before else ""
        now = "operative" if "operative" in after else "optional" if after else ""
        if was == now:
            continue
        old_m = before.get(was) if was else None
        new_m = after.get(now) if now else None
        place = {
            "operative": "the crimes covered",
            "optional": "an optional provision",
            "": "nowhere in scope",
        }
        where_old = f" ({old_m.cite})" if old_m else ""
        where_new = f" ({new_m.cite})" if new_m else ""
        message = (
            f"{quote(crime.name)} moved from {place[was]}{where_old} to {place[now]}{where_new}"
            if was and now
            else f"{quote(crime.name)} is now in {place[now]}{where_new}"
            if now
            else f"{quote(crime.name)} is no longer in {place[was]}{where_old}"
        )
        narrower = (was, now) in {("operative", "optional"), ("operative", ""), ("optional", "")}
        old_evidence = ""
        new_evidence = ""
        if old_m:
            span = crime.spans(old_m.text)[0]
            old_evidence = window(old_m.text, *span)
        if new_m:
            span = crime.spans(new_m.text)[0]
            new_evidence = window(new_m.text, *span)
        yield Finding(
            make_flag(
                "scope-changed",
                Severity.HIGH,
                (old_m.label if old_m else None, new_m.label if new_m else None),
                message,
                Evidence(old_evidence, new_evidence),
                "Crimes in the operative scope bind every State Party; crimes in an optional "
                "article or annex bind only those that opt in: the scope is "
                + ("narrower." if narrower else "wider."),
            ),
            (_position(new_m, old_m), 0),
            frozenset(
                {(m.label, crime.name) for m in (old_m, new_m) if m is not None}
                | {(m.label, crime.name) for z in (before, after) for m in z.values()}
            ),
        )


def _position(*candidates: Mention | None) -> int:
    return next((m.position for m in candidates if m is not None), 0)

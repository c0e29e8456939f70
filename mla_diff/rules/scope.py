"""Scope: crimes moving between the operative scope and an optional article or annex."""

from __future__ import annotations

from collections.abc import Iterator

from mla_diff.model import Evidence, Kind, Severity
from mla_diff.rules.context import (
    Finding,
    make_flag,
)
from mla_diff.rules.evidence import normalise_words, quote, window
from mla_diff.rules.mentions import Mention, Paragraphs, has_phrase
from mla_diff.rules.rulebook import Language, Term, fold, holds_any, needles_of


def _zone(mention: Mention, language: Language) -> str:
    """Where a paragraph puts the crimes it names: "operative" scope, "optional", or ""."""
    unit = mention.unit
    if unit.kind is Kind.ANNEX:
        return "optional"
    if unit.kind is not Kind.ARTICLE:
        return ""
    if has_phrase(f"{unit.title}\n{mention.context}\n{mention.text}", language.optional_markers):
        return "optional"
    if has_phrase(unit.title, language.operative_titles) and _title_is_scope(unit.title, language):
        return "operative"
    if has_phrase(f"{mention.context}\n{mention.text}", language.operative_markers):
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


def scope(paragraphs: Paragraphs, language: Language) -> Iterator[Finding]:
    zones: dict[str, dict[str, dict[str, Mention]]] = {"old": {}, "new": {}}
    # A paragraph kept as it was, and where it stands, is placed once for both sides.
    known: dict[tuple[Kind, str, str, str], str] = {}
    # The crimes each wording names: a paragraph kept as it was is read once.
    crimes_in: dict[str, list[Term]] = {}
    screen = needles_of(tuple(phrase for crime in language.crimes for phrase in crime.phrases))
    for side, said in zip(("old", "new"), paragraphs, strict=True):
        for mention in said:
            named = crimes_in.get(mention.text)
            if named is None:
                named = crimes_in[mention.text] = _crimes_named(mention.text, language, screen)
            if not named:
                continue  # most paragraphs name no crime: where they stand does not matter
            key = (mention.unit.kind, mention.unit.title, mention.context, mention.text)
            zone = known.get(key)
            if zone is None:
                zone = known[key] = _zone(mention, language)
            if not zone:
                continue
            for crime in named:
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


def _crimes_named(text: str, language: Language, screen: tuple[str, ...] | None) -> list[Term]:
    """The crimes a paragraph names; `screen`, the needles of every crime, rules most out."""
    if not holds_any(screen, fold(text)):
        return []
    return [crime for crime in language.crimes if crime.count(text)]


def _position(*candidates: Mention | None) -> int:
    return next((m.position for m in candidates if m is not None), 0)

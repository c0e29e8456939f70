"""Global substitutions: one word replaced in many articles ("sex" -> "gender"), reported once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from mla_diff.model import Evidence, Severity
from mla_diff.rules.context import Finding, Provision, apply_substitutions, make_flag
from mla_diff.rules.evidence import normalise_words, quote
from mla_diff.rules.rulebook import Language

SPELLING = 0.85  # letters two spellings of one word share, at least
MAX_WORDS = 3  # a substitution replaces a short wording; longer rewrites are not substitutions
_LETTER = re.compile(r"[^\W\d_]")

Substitution = tuple[str, str]


def _candidate(old: str, new: str, language: Language) -> Substitution | None:
    a, b = normalise_words(old), normalise_words(new)
    if not a or not b or a == b:
        return None
    if len(a.split()) > MAX_WORDS or len(b.split()) > MAX_WORDS:
        return None
    if not _LETTER.search(a) or not _LETTER.search(b) or "[" in old + new or "]" in old + new:
        return None
    # Modal changes are weighed one by one as obligations, never collapsed into a substitution.
    if any(m.phrase.search(old) or m.phrase.search(new) for m in language.modals):
        return None
    return a, b


def find_substitutions(
    provisions: Sequence[Provision], language: Language, minimum: int
) -> tuple[list[Finding], dict[int, frozenset[Substitution]]]:
    """Substitutions seen in at least `minimum` articles: one finding each, and for each
    provision (by position) the substitutions it takes part in."""
    seen: dict[Substitution, list[tuple[Provision, int, int]]] = {}
    for provision in provisions:
        for k, passage in enumerate(provision.passages):
            if not passage.old or not passage.new or passage.old == passage.new:
                continue
            for h, hunk in enumerate(passage.hunks):
                key = _candidate(hunk.old, hunk.new, language)
                if key is None:
                    continue
                places = seen.setdefault(key, [])
                if not places or places[-1][0] is not provision:
                    places.append((provision, k, h))
    findings: list[Finding] = []
    by_position: dict[int, set[Substitution]] = {}
    for key, places in sorted(seen.items(), key=lambda item: (item[1][0][0].position, item[0])):
        labels = []
        for provision, _, _ in places:
            label = provision.new_label or provision.old_label or ""
            if label not in labels:
                labels.append(label)
        if len(labels) < minimum:
            continue
        provision, k, h = places[0]
        passage = provision.passages[k]
        hunk = passage.hunks[h]
        covers = frozenset((label, word) for label in labels for word in (key[0], key[1]))
        for place, _, _ in places:
            by_position.setdefault(place.position, set()).add(key)
        findings.append(
            Finding(
                make_flag(
                    "global-substitution",
                    Severity.INFO if spelling_variant(*key) else Severity.MEDIUM,
                    (None, None),
                    f"{quote(hunk.old.strip())} became {quote(hunk.new.strip())} in "
                    f"{_cite_many(provision, labels)}"
                    + (" (spelling only)" if spelling_variant(*key) else ""),
                    Evidence(
                        passage.evidence("old", hunk.old_start, hunk.old_end).old,
                        passage.evidence("new", hunk.new_start, hunk.new_end).new,
                    ),
                    "The same words replaced throughout: one decision, reported once, listing "
                    "every article it touches.",
                    tuple(labels),
                ),
                (provision.position, k),
                covers,
            )
        )
    return findings, {position: frozenset(keys) for position, keys in by_position.items()}


def spelling_variant(old: str, new: str) -> bool:
    """Two spellings of one word ("organization" / "organisation", "offence" / "offense"): an
    editorial change, however often it recurs. A plural is a different word."""
    if old.rstrip("s") == new.rstrip("s") or " " in old or " " in new:
        return False
    return min(len(old), len(new)) >= 5 and SequenceMatcher(None, old, new).ratio() >= SPELLING


def _cite_many(provision: Provision, labels: list[str]) -> str:
    prefix = "arts " if provision.kind.value == "article" else ""
    listed = ", ".join(labels[:-1]) + f" and {labels[-1]}" if len(labels) > 1 else labels[0]
    return prefix + listed


def with_substitutions(provision: Provision, substitutions: frozenset[Substitution]) -> Provision:
    """The provision with its old wording adjusted for the substitutions, for counting."""
    if not substitutions:
        return provision
    passages = tuple(
        replace(p, adjusted_old=apply_substitutions(p, substitutions)) for p in provision.passages
    )
    return replace(provision, passages=passages)

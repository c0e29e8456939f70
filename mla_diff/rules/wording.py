"""Rules on the words of a provision: qualifiers, rights and watch terms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mla_diff.model import Severity
from mla_diff.rules.context import Finding, Passage, Provision, make_flag
from mla_diff.rules.evidence import quote
from mla_diff.rules.rulebook import Language, Phrase, Term, fold, holds_any, needles_of

_WORD = re.compile(r"[\w'-]+")
_ARTICLES = {"the", "a", "an", "full", "effective", "prompt", "adequate", "fair", "le", "la", "les"}


def _phrase_spans(text: str, phrases: tuple[Phrase, ...]) -> list[tuple[int, int, int]]:
    """(start, end, phrase index) of each phrase found; of overlapping finds, the longest."""
    found = sorted(
        ((m.start(), m.end(), k) for k, p in enumerate(phrases) for m in p.finditer(text)),
        key=lambda f: (f[0], -(f[1] - f[0]), f[2]),
    )
    kept: list[tuple[int, int, int]] = []
    for start, end, k in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, k))
    return kept


def qualifiers(provision: Provision, language: Language) -> Iterator[Finding]:
    phrases = language.qualifiers
    screen = needles_of(phrases)
    found: dict[str, list[tuple[int, int, int]]] = {}

    def spans(text: str) -> list[tuple[int, int, int]]:
        """The qualifiers in a wording, each wording read once: most passages of a provision
        are read on both sides and again for each qualifier whose count changed."""
        if text not in found:
            # Most wordings hold none of the qualifiers' needles: one test rules them out.
            found[text] = _phrase_spans(text, phrases) if holds_any(screen, fold(text)) else []
        return found[text]

    counts: dict[int, list[int]] = {}
    for passage in provision.passages:
        for side, text in (("old", passage.adjusted_old), ("new", passage.new)):
            for _, _, k in spans(text):
                counts.setdefault(k, [0, 0])[side == "new"] += 1
    for k, (old_count, new_count) in sorted(counts.items()):
        if old_count == new_count:
            continue
        added = new_count > old_count
        for index, passage in enumerate(provision.passages):
            text = passage.new if added else passage.old
            other = passage.adjusted_old if added else passage.new
            here = [s for s in spans(text) if s[2] == k]
            there = [s for s in spans(other) if s[2] == k]
            if len(here) <= len(there):
                continue
            start, end, _ = here[len(there)]  # the first occurrence the other side lacks
            start, end = _changed_occurrence(passage, here, "new" if added else "old", start, end)
            written = text[start:end]
            side = "new" if added else "old"
            message = (
                f"{passage.cite}: {quote(written)} was added: the obligation is qualified"
                if added
                else f"{passage.cite}: {quote(written)} was removed: the obligation is no longer "
                "qualified by it"
            )
            yield Finding(
                make_flag(
                    "qualifier-added" if added else "qualifier-removed",
                    Severity.HIGH,
                    passage,
                    message,
                    passage.evidence(side, start, end),
                    "A qualifier such as this lets a State limit or set aside what it must do; "
                    + (
                        "adding one loosens the provision."
                        if added
                        else "removing one tightens it."
                    ),
                ),
                (provision.position, index),
            )
            break


def _changed_occurrence(
    passage: Passage, spans: list[tuple[int, int, int]], side: str, start: int, end: int
) -> tuple[int, int]:
    """Of several occurrences, the one inside a change, so the evidence shows the change."""
    for s, e, _ in spans:
        for hunk in passage.hunks:
            lo, hi = (
                (hunk.new_start, hunk.new_end) if side == "new" else (hunk.old_start, hunk.old_end)
            )
            if s < hi and lo < e:
                return s, e
    return start, end


@dataclass(frozen=True)
class RightUse:
    start: int
    end: int
    object: str  # what the right is to: "reparation"
    narrowed: bool  # "right to seek reparation"


def right_uses(text: str, language: Language) -> list[RightUse]:
    uses: list[RightUse] = []
    for holder in language.right_holders:
        for m in holder.finditer(text):
            rest = text[m.end() :]
            narrowed = False
            skip = len(rest) - len(rest.lstrip())
            for narrower in language.right_narrowers:
                found = narrower.pattern.match(rest, skip)
                if found:
                    narrowed, skip = True, found.end()
                    break
            words = list(_WORD.finditer(rest, skip))[:4]
            content = [w for w in words if w.group().lower() not in _ARTICLES]
            if not content:
                continue
            obj = content[0]
            uses.append(RightUse(m.start(), m.end() + obj.end(), obj.group().lower(), narrowed))
    return sorted(uses, key=lambda u: u.start)


def rights(provision: Provision, language: Language) -> Iterator[Finding]:
    for k, passage in enumerate(provision.passages):
        if not passage.old or not passage.new or passage.old == passage.new:
            continue
        old = right_uses(passage.old, language)
        new = right_uses(passage.new, language)
        for obj in sorted({u.object for u in old} & {u.object for u in new}):
            was = [u for u in old if u.object == obj]
            now = [u for u in new if u.object == obj]
            narrow_before = sum(u.narrowed for u in was)
            narrow_after = sum(u.narrowed for u in now)
            if narrow_before == narrow_after:
                continue
            narrowed = narrow_after > narrow_before
            a = next((u for u in was if u.narrowed != narrowed), was[0])
            b = next((u for u in now if u.narrowed == narrowed), now[0])
            evidence = passage.evidence("new", b.start, b.end)
            evidence = type(evidence)(passage.evidence("old", a.start, a.end).old, evidence.new)
            yield Finding(
                make_flag(
                    "right-narrowed" if narrowed else "right-broadened",
                    Severity.HIGH,
                    passage,
                    f"{passage.cite}: {quote(passage.old[a.start : a.end])} became "
                    f"{quote(passage.new[b.start : b.end])}: the right is "
                    + ("narrower" if narrowed else "broader"),
                    evidence,
                    "A right to seek or request something promises only the asking; a right to "
                    "it promises the thing itself.",
                ),
                (provision.position, k),
            )


def term_counts(provision: Provision, terms: tuple[Term, ...]) -> dict[str, tuple[int, int]]:
    old_text, new_text = provision.adjusted_old_text(), provision.new_text()
    # Each side case-folded once for the terms' screens, not once per term.
    old_folded, new_folded = fold(old_text), fold(new_text)
    return {t.name: (t.count(old_text, old_folded), t.count(new_text, new_folded)) for t in terms}


def watch_terms(provision: Provision, language: Language) -> Iterator[Finding]:
    counts = term_counts(provision, language.watch_terms)
    for term in language.watch_terms:
        before, after = counts[term.name]
        if before == after:
            continue
        if before and after and term.name not in language.critical_terms:
            continue  # still mentioned, only more or less often: the words' diff shows it
        added = after > before
        index, passage, span = _term_evidence(provision, term, added)
        side = "new" if added else "old"
        if after == 0:
            what = f"no longer mentions {quote(term.name)}"
        elif before == 0:
            what = f"now mentions {quote(term.name)}"
        else:
            what = f"mentions {quote(term.name)} {after} times instead of {before}"
        yield Finding(
            make_flag(
                "watch-term-added" if added else "watch-term-removed",
                Severity.HIGH,
                passage,
                f"{passage.cite}: {what}",
                passage.evidence(side, *span),
                f"{term.name.capitalize()} is a watch term: its appearance or disappearance "
                "changes what the provision does for accountability or for victims.",
            ),
            (provision.position, index),
            frozenset(
                {(passage.old_article or "", term.name), (passage.new_article or "", term.name)}
            ),
        )


def _term_evidence(
    provision: Provision, term: Term, added: bool
) -> tuple[int, Passage, tuple[int, int]]:
    """The passage where the term's count moved, and the mention to show."""
    fallback: tuple[int, Passage, tuple[int, int]] | None = None
    for index, passage in enumerate(provision.passages):
        here = term.spans(passage.new if added else passage.old)
        there = term.count(passage.adjusted_old if added else passage.new)
        if here and fallback is None:
            fallback = (index, passage, here[0])
        if len(here) > there:
            return index, passage, here[there]
    if fallback is not None:
        return fallback
    passage = provision.passages[0]
    return 0, passage, (0, 0)

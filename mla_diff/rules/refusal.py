"""Grounds of refusal added to or removed from the paragraphs that deal with refusal."""

from __future__ import annotations

from collections.abc import Iterator

from mla_diff.model import Severity
from mla_diff.rules.context import (
    Finding,
    Provision,
    make_flag,
)
from mla_diff.rules.evidence import quote
from mla_diff.rules.mentions import has_phrase
from mla_diff.rules.rulebook import Language, fold


def refusal_grounds(provision: Provision, language: Language) -> Iterator[Finding]:
    """Grounds of refusal added or removed in the paragraphs that deal with refusal."""
    markers = language.refusal_markers
    # A title such as "Grounds for refusal" makes the whole article about refusal.
    titles = [p for p in provision.passages if p.title]
    old_title = any(has_phrase(p.old, markers) for p in titles)
    new_title = any(has_phrase(p.new, markers) for p in titles)
    old_parts = [
        (k, p)
        for k, p in enumerate(provision.passages)
        if p.old and not p.title and (old_title or has_phrase(p.old + " " + p.old_context, markers))
    ]
    new_parts = [
        (k, p)
        for k, p in enumerate(provision.passages)
        if p.new and not p.title and (new_title or has_phrase(p.new + " " + p.new_context, markers))
    ]
    if not old_parts and not new_parts:
        return
    # Each part case-folded once for the grounds' screens, not once per ground.
    old_texts = [(p.adjusted_old, fold(p.adjusted_old)) for _, p in old_parts]
    new_texts = [(p.new, fold(p.new)) for _, p in new_parts]
    for term in language.refusal_grounds:
        before = sum(term.count(text, folded) for text, folded in old_texts)
        after = sum(term.count(text, folded) for text, folded in new_texts)
        if before == after:
            continue
        added = after > before
        parts = new_parts if added else old_parts
        chosen = None
        for k, p in parts:
            here = term.spans(p.new if added else p.old)
            there = term.count(p.adjusted_old if added else p.new)
            if len(here) > there:
                chosen = (k, p, here[there])
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

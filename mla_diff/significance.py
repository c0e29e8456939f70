"""Rules that turn concordance rows and edits into flags of legally significant changes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mla_diff.model import Flag, Kind, Row
from mla_diff.rules.brackets import brackets, brackets_in_new_provisions
from mla_diff.rules.context import (
    Finding,
    Provision,
    is_provision,
    label_of,
    moved_passages,
    provision_passages,
)
from mla_diff.rules.crossrefs import crossrefs
from mla_diff.rules.definitions import definitions
from mla_diff.rules.mentions import mentions
from mla_diff.rules.obligations import obligations
from mla_diff.rules.references import sides
from mla_diff.rules.refusal import refusal_grounds
from mla_diff.rules.renumbering import references_renumbered
from mla_diff.rules.rulebook import Rulebook, load_rulebook
from mla_diff.rules.scope import scope
from mla_diff.rules.structure import (
    is_placeholder_change,
    preamble,
    provisions_added_deleted,
    renumbered_only,
)
from mla_diff.rules.substitution import find_substitutions, with_substitutions
from mla_diff.rules.wording import qualifiers, rights, watch_terms

RULES = (
    "article-deleted",
    "article-added",
    "obligation-weakened",
    "obligation-strengthened",
    "qualifier-added",
    "qualifier-removed",
    "right-narrowed",
    "right-broadened",
    "watch-term-added",
    "watch-term-removed",
    "brackets-removed",
    "brackets-added",
    "option-selected",
    "crossref-dangling",
    "crossref-retargeted",
    "scope-changed",
    "definition-changed",
    "global-substitution",
    "refusal-ground-changed",
    "preamble-changed",
    "renumbered-only",
)

# A flag about a term in an article gives way to a more specific flag on the same term there:
# the lower the number, the more specific.
_PRECEDENCE = {
    "global-substitution": 0,
    "scope-changed": 0,
    "refusal-ground-changed": 1,
    "watch-term-added": 2,
    "watch-term-removed": 2,
}


def load_rules(override: str = "", source: str = "") -> Rulebook:
    """The shipped rules with an override (TOML text) merged over them."""
    return load_rulebook(override, source)


def build_provisions(rows: Sequence[Row]) -> list[Provision]:
    """Provisions present on both sides, and text moved between provisions, passage by passage."""
    provisions: list[Provision] = []
    for position, row in enumerate(rows):
        match = row.match
        if not is_provision(row) or is_placeholder_change(match):
            continue
        provisions.append(
            Provision(
                position,
                match.kind,
                label_of(match.old[0]),
                label_of(match.new[0]),
                tuple(provision_passages(row, match.kind)),
            )
        )
    for position, passage in moved_passages(rows):
        provisions.append(
            Provision(
                position,
                Kind.ARTICLE,
                passage.old_article,
                passage.new_article,
                (passage,),
                moved_between=True,
            )
        )
    return sorted(provisions, key=lambda p: p.position)


def flag_rows(
    rows: tuple[Row, ...], *, rules: Rulebook | None = None, language: str = "en"
) -> tuple[Flag, ...]:
    """Every flag for a comparison's rows, most severe first, then in reading order."""
    rulebook = rules or load_rulebook()
    words = rulebook.language(language)
    provisions = build_provisions(rows)
    findings, substitutions = find_substitutions(
        provisions, words, rulebook.substitution_min_articles
    )
    provisions = [
        with_substitutions(p, substitutions.get(p.position, frozenset())) for p in provisions
    ]
    every_substitution = frozenset(s for keys in substitutions.values() for s in keys)
    findings += provisions_added_deleted(rows, words)
    findings += renumbered_only(rows)
    findings += preamble(rows)
    for provision in provisions:
        if not provision.changed:
            continue  # the same words: only references to renumbered articles can go stale
        findings += obligations(provision, words)
        findings += qualifiers(provision, words)
        findings += rights(provision, words)
        findings += watch_terms(provision, words)
        findings += refusal_grounds(provision, words)
        findings += brackets(provision)
    findings += brackets_in_new_provisions(rows)
    # Both drafts' articles and paragraphs, read once for the rules that need them.
    drafts = sides(rows)
    paragraphs = (mentions(rows, "old"), mentions(rows, "new"))
    findings += definitions(paragraphs, words, every_substitution)
    findings += crossrefs(rows, provisions, words, drafts)
    findings += references_renumbered(rows, provisions, words, drafts)
    findings += scope(paragraphs, words)
    return tuple(f.flag for f in _order(_without_redundant(findings)))


def _without_redundant(findings: list[Finding]) -> list[Finding]:
    """Drop a watch-term or refusal-ground flag that a grouped or more specific flag on the
    same term in the same article already reports."""

    def named(finding: Finding) -> set[tuple[str, str]]:
        return {(article, term) for article, term in finding.covers if article}

    def redundant(finding: Finding) -> bool:
        rank = _PRECEDENCE.get(finding.flag.rule)
        if rank is None:
            return False
        mine = named(finding)
        return any(
            _PRECEDENCE.get(other.flag.rule, rank) < rank and mine & named(other)
            for other in findings
        )

    return [f for f in findings if not redundant(f)]


def _order(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (
            f.flag.severity.rank,
            f.position,
            RULES.index(f.flag.rule),
            f.flag.message,
        ),
    )

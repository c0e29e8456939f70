"""Where terms appear across a history: in which versions and provisions, and when last."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mla_diff.history import History, TermHit


def term_pattern(term: str) -> re.Pattern[str]:
    """Case-insensitive match of a term at a word start, any run of spaces between its words
    ("amnesty" finds "Amnesty-related"; "statute of limitations" finds it across a line break)."""
    words = [re.escape(word) for word in term.split()]
    if not words:
        raise ValueError("empty term")
    return re.compile(r"\b" + r"\s+".join(words), re.IGNORECASE)


def find_terms(history: History, terms: Sequence[str]) -> tuple[TermHit, ...]:
    """Every (term, version, provision) where the term appears, in term, version, row order."""
    hits: list[TermHit] = []
    for term in terms:
        pattern = term_pattern(term)
        for version in range(len(history.versions)):
            for lineage in history.lineages:
                unit = lineage.units[version]
                if unit is not None and pattern.search(unit.body):
                    hits.append(TermHit(term, version, lineage.id, unit.number, unit.citation))
    return tuple(hits)

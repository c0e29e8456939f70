"""Rules that turn concordance rows and edits into flags of legally significant changes."""

from __future__ import annotations

import re

from mla_diff.model import Evidence, Flag, Kind, MatchStatus, Row, Severity

WATCH_TERMS = (
    "amnesty",
    "pardon",
    "commutation",
    "immunity",
    "statute of limitations",
    "reparation",
    "victim",
    "torture",
    "enforced disappearance",
    "reservation",
)


def _watch_terms_in(text: str) -> list[str]:
    lower = text.lower()
    return [term for term in WATCH_TERMS if re.search(rf"\b{re.escape(term)}", lower)]


def flag_rows(rows: tuple[Row, ...]) -> tuple[Flag, ...]:
    flags: list[Flag] = []
    for row in rows:
        match = row.match
        if match.kind is not Kind.ARTICLE:
            continue
        if match.status is MatchStatus.DELETED:
            unit = match.old[0]
            terms = _watch_terms_in(unit.body)
            severity = Severity.CRITICAL if terms else Severity.MEDIUM
            about = f" It mentioned {', '.join(terms)}." if terms else ""
            flags.append(
                Flag(
                    "article-deleted",
                    severity,
                    unit.number,
                    None,
                    f"Art. {unit.number} ({unit.title or 'untitled'}) was removed.{about}",
                    Evidence(old=unit.text[:300]),
                    "A provision that disappears without a counterpart changes what States accept.",
                )
            )
        elif match.status is MatchStatus.ADDED:
            unit = match.new[0]
            flags.append(
                Flag(
                    "article-added",
                    Severity.MEDIUM,
                    None,
                    unit.number,
                    f"Art. {unit.number} ({unit.title or 'untitled'}) is new.",
                    Evidence(new=unit.text[:300]),
                    "A new provision has no earlier text to compare with.",
                )
            )
    return tuple(sorted(flags, key=lambda f: (f.severity.rank, f.rule, f.old or "", f.new or "")))

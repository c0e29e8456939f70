"""Articles whose only change is references updated for the renumbering: no change, at info."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from mla_diff.model import Evidence, Kind, Row, Severity
from mla_diff.rules.context import Finding, Provision, make_flag
from mla_diff.rules.evidence import editorial_only, strip_label
from mla_diff.rules.references import (
    Reference,
    Side,
    Sides,
    number_of,
    references,
    words_pattern,
)
from mla_diff.rules.rulebook import Language


def references_renumbered(
    rows: Sequence[Row], provisions: Sequence[Provision], language: Language, drafts: Sides
) -> Iterator[Finding]:
    """Articles whose only change is references updated for the renumbering: info, since "one
    updated only because of renumbering is no change"."""
    old, new, concordance = drafts
    parts = _part_concordance(rows)
    for provision in provisions:
        if provision.moved_between or not provision.passages:
            continue
        changed = [p for p in provision.passages if p.old != p.new]
        if not changed or any(not p.old or not p.new for p in changed):
            continue
        if not all(
            editorial_only(
                strip_label(
                    _parts_renumbered(
                        _renumbered(p.old, language, old, new, concordance), language, parts
                    )
                ),
                strip_label(p.new),
            )
            for p in changed
        ):
            continue
        if all(editorial_only(strip_label(p.old), strip_label(p.new)) for p in changed):
            continue  # nothing but spacing or labels: not a matter of references
        first = changed[0]
        renumbered = provision.old_label != provision.new_label
        was = (
            f"Art. {provision.old_label} became art. {provision.new_label}; "
            if renumbered
            else f"{provision.cite}: "
        )
        yield Finding(
            make_flag(
                "renumbered-only",
                Severity.INFO,
                (provision.old_label, provision.new_label),
                was + "only its references were updated to the new numbering",
                Evidence(first.old, first.new),
                "A reference that follows its article to a new number is no change.",
            ),
            (provision.position, 0),
        )


def _renumbered(
    text: str, language: Language, old: Side, new: Side, concordance: dict[str, list[str]]
) -> str:
    """The old wording with each reference's article number replaced by its new number."""
    out: list[str] = []
    position = 0
    spans: dict[tuple[int, int], list[Reference]] = {}
    for ref in references(text, language):
        spans.setdefault((ref.start, ref.end), []).append(ref)
    for (start, end), refs in sorted(spans.items()):
        mapping: dict[str, str] = {}
        for ref in refs:
            successors = concordance.get(ref.key, [])
            if len(successors) == 1 and ref.key in old.units:
                mapping[ref.article] = number_of(new, successors[0])
        if not mapping:
            continue
        pattern = re.compile(
            r"(?<![\w.])("
            + "|".join(re.escape(a) for a in sorted(mapping, key=len, reverse=True))
            + r")(?![\w])"
        )
        out.append(text[position:start])
        out.append(pattern.sub(_replacer(mapping), text[start:end]))
        position = end
    out.append(text[position:])
    return "".join(out)


def _part_concordance(rows: Sequence[Row]) -> dict[str, str]:
    """Old Part (or Chapter) number -> new number, for the Parts whose number changed."""
    out: dict[str, str] = {}
    for row in rows:
        if row.match.kind is Kind.PART and len(row.match.old) == 1 and len(row.match.new) == 1:
            old, new = row.match.old[0].number, row.match.new[0].number
            if old.lower() != new.lower():
                out[old.lower()] = new
    return out


def _parts_renumbered(text: str, language: Language, parts: dict[str, str]) -> str:
    """The wording with references to renumbered Parts ("Part IV") given their new numbers."""
    if not parts or not language.part_words:
        return text
    pattern = re.compile(
        rf"(?<![\w])((?i:{words_pattern(language.part_words)})\s+)([IVXLC]+|\d+)(?![\w])"
    )
    return pattern.sub(lambda m: m.group(1) + parts.get(m.group(2).lower(), m.group(2)), text)


def _replacer(mapping: dict[str, str]) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return mapping[match.group(1)]

    return replace

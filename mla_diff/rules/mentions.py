"""Every paragraph of one side of a comparison, with where it sits and the chapeau it continues."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mla_diff.diff import new_text, old_text
from mla_diff.model import Row, Unit
from mla_diff.rules.context import (
    chapeau_contexts,
    cite_unit,
    label_of,
)
from mla_diff.rules.rulebook import Phrase, fold, may_hold


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


# The paragraphs of the old side and of the new, as `mentions` lists them.
Paragraphs = tuple[list[Mention], list[Mention]]


def has_phrase(text: str, phrases: tuple[Phrase, ...]) -> bool:
    folded = fold(text)
    return may_hold(phrases, folded) and any(p.search(text, folded) for p in phrases)

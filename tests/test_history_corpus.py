"""Lineages over the four real versions of the Treaty on European Union (../shared/corpus):
letter articles renumbered to numbers, followed through every version."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mla_diff.history import History, build_history
from mla_diff.model import Kind, Version
from mla_diff.sources import read_draft

pytestmark = pytest.mark.corpus

MAPPINGS = (
    "TEU_1992_to_1997_mapping.csv",
    "TEU_1997_to_1998_mapping.csv",
    "TEU_1998_to_2001_mapping.csv",
)


def _teu_history(corpus: Path) -> History:
    files = sorted((corpus / "eu-teu").glob("TEU_v*.txt"))
    read = [
        read_draft(path, Version(label=path.stem.split("_")[2], path=str(path))) for path in files
    ]
    return build_history([v for v, _ in read], [d for _, d in read])


def test_teu_lineages_follow_the_ground_truth_mappings(corpus: Path) -> None:
    history = _teu_history(corpus)
    articles = [lineage for lineage in history.lineages if lineage.kind is Kind.ARTICLE]
    checked, missed = 0, []
    for step, name in enumerate(MAPPINGS):
        with (corpus / "eu-teu" / "ground_truth" / name).open(encoding="utf-8") as table:
            for row in csv.DictReader(table):
                old, new = row["old_article"], row["new_article"]
                # This mapping pairs articles by number: where Amsterdam replaced Titles V and
                # VI wholesale it pairs unrelated texts (similarity near 0), and its additions
                # are the other half of those pairs. Lineages follow text, so only the pairs
                # whose text carried over are checked there.
                if step == 0 and not (old and new and float(row["text_similarity"]) >= 0.5):
                    continue
                if old and new:
                    good = any(
                        a.number(step) == old and a.number(step + 1) == new for a in articles
                    )
                elif new:
                    good = any(
                        a.number(step + 1) == new and a.number(step) is None for a in articles
                    )
                else:
                    good = any(
                        a.number(step) == old and a.number(step + 1) is None for a in articles
                    )
                checked += 1
                if not good:
                    missed.append(f"{name}: {old or '-'} -> {new or '-'} ({row['status']})")
    assert checked > 120
    assert len(missed) <= checked // 20, missed


def test_teu_article_j1_is_followed_from_maastricht_to_nice(corpus: Path) -> None:
    history = _teu_history(corpus)
    (cfsp,) = [lineage for lineage in history.lineages if lineage.number(0) == "J.1"]
    assert [cfsp.number(i) for i in range(4)] == ["J.1", "J.1", "11", "11"]
    assert "renumbered" in [step.event.value for step in cfsp.events_at(2)]

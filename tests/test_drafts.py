"""The embedded illustrative drafts: a manifest that loads, texts that parse like treaties."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.model import Kind, MatchStatus, Severity
from mla_diff.sources import load_instrument, read_draft
from tests.conftest import MLA


def test_manifest_lists_four_dated_illustrative_versions() -> None:
    instrument = load_instrument(MLA)
    assert instrument.illustrative
    assert "not the official text" in instrument.notice
    dates = [version.date for version in instrument.versions]
    assert dates == sorted(dates)
    assert len(dates) >= 4
    for version in instrument.versions:
        assert version.label
        assert version.source
        assert "illustrative" in version.status


@pytest.mark.parametrize("path", sorted(MLA.glob("*.txt")), ids=lambda p: p.stem)
def test_each_draft_has_preamble_parts_and_forty_articles(path: Path) -> None:
    _, draft = read_draft(path)
    assert not draft.warnings
    assert len(draft.of_kind(Kind.PREAMBLE)) >= 8
    assert len(draft.of_kind(Kind.PART)) >= 6
    articles = draft.articles
    assert len(articles) >= 40
    assert all(article.title for article in articles)
    numbered = [a for a in articles if any(p.label for p in a.paragraphs)]
    assert len(numbered) >= 0.8 * len(articles)


def test_adopted_text_has_annexes() -> None:
    _, draft = read_draft(MLA / "2023-05-26_adopted-text.txt")
    assert len(draft.of_kind(Kind.ANNEX)) >= 2


def test_first_to_last_shows_the_amnesty_article_removed() -> None:
    _, old = read_draft(MLA / "2018-11_preliminary-draft.txt")
    _, new = read_draft(MLA / "2023-05-26_adopted-text.txt")
    comparison = compare_drafts(old, new)
    deleted = [
        row.match
        for row in comparison.rows
        if row.match.status is MatchStatus.DELETED and row.match.kind is Kind.ARTICLE
    ]
    assert "52" in [unit.number for match in deleted for unit in match.old]
    flags = [f for f in comparison.flags if f.rule == "article-deleted" and f.old == "52"]
    assert flags
    assert flags[0].severity is Severity.CRITICAL
    assert "amnesty" in flags[0].message

"""The illustrative MLA drafts parse exactly as their answer key says."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from mla_diff.model import Draft, Kind
from mla_diff.parse import coverage_problems, parse_draft
from tests.conftest import MLA

KEY = Path(__file__).resolve().parent / "data" / "mla-convention" / "ground_truth"
FILES = {
    "2018-11": "2018-11_preliminary-draft.txt",
    "2020-03": "2020-03_march-2020-version.txt",
    "2022-11-30": "2022-11-30_version-30-11-2022.txt",
    "2023-05-26": "2023-05-26_adopted-text.txt",
}
ARTICLES = {"2018-11": 66, "2020-03": 67, "2022-11-30": 82, "2023-05-26": 94}
PAIRS = sorted(KEY.glob("*.csv"))


@cache
def _draft(version: str) -> Draft:
    return parse_draft((MLA / FILES[version]).read_text(encoding="utf-8"))


def _rows(pair: Path) -> list[dict[str, str]]:
    with pair.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("version", sorted(FILES))
def test_each_draft_parses_cleanly(version: str) -> None:
    draft = _draft(version)
    assert len(draft.articles) == ARTICLES[version]
    assert draft.warnings == ()
    assert coverage_problems(draft) == []
    preamble = [u.number for u in draft.of_kind(Kind.PREAMBLE)]
    assert (preamble[0], preamble[-1]) == ("intro", "formula")


@pytest.mark.parametrize("pair", PAIRS, ids=lambda path: path.stem)
def test_article_labels_match_the_answer_key(pair: Path) -> None:
    old, new = pair.stem.split("_to_")
    rows = _rows(pair)
    for version, column in ((old, "old_article"), (new, "new_article")):
        labels = {x for row in rows for x in row[column].split("+") if x}
        articles = {u.number for u in _draft(version).articles}
        annexes = {u.citation for u in _draft(version).of_kind(Kind.ANNEX)}
        assert labels == articles | (labels & annexes)


@pytest.mark.parametrize("pair", PAIRS, ids=lambda path: path.stem)
def test_unchanged_articles_parse_identically(pair: Path) -> None:
    old, new = pair.stem.split("_to_")
    before = {u.number: u for u in _draft(old).articles}
    after = {u.number: u for u in _draft(new).articles}
    for row in _rows(pair):
        if row["status"] not in ("unchanged", "renumbered"):
            continue
        a, b = before[row["old_article"]], after[row["new_article"]]
        assert (a.title, a.text, a.notes) == (b.title, b.text, b.notes)
        assert [(p.label, p.depth, p.role) for p in a.paragraphs] == [
            (p.label, p.depth, p.role) for p in b.paragraphs
        ]


def test_the_pardon_article_and_its_facilitators_note() -> None:
    article = next(u for u in _draft("2020-03").articles if u.number == "53")
    assert article.title == "Pardon, amnesty or commutation"
    assert article.path == ("Part IV",)
    assert article.brackets
    assert article.brackets[0].startswith("[The sentencing State")
    assert any("proposed the deletion of this article" in note for note in article.notes)
    assert "proposed the deletion" not in article.text

"""The parser on real texts: every article heading found, none invented, nothing lost."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from mla_diff.model import Draft, Kind, UnitStatus
from mla_diff.parse import coverage_problems, parse_draft

pytestmark = pytest.mark.corpus

ETS030 = [
    f"coe-ets030/ECMACM_{lang}_{v}.md"
    for lang in ("en", "nl")
    for v in ("v1_1982-04-12", "v2_2011-04-01", "v3_2012-07-10")
]
ETS112 = ["coe-ets112/ETS112_en_v1_1988-01-01.md", "coe-ets112/ETS112_en_v2_2011-04-14.md"]
GG_V2 = "de-grundgesetz-1968/v2_1968-06-23_16th-amendment.txt"
GG_V3 = "de-grundgesetz-1968/v3_1968-06-28_17th-amendment-emergency-constitution.txt"
TEU = [
    "eu-teu/TEU_v1_1992-11-01_maastricht.txt",
    "eu-teu/TEU_v2_1997-10-02_amsterdam-amended-old-numbering.txt",
    "eu-teu/TEU_v3_1999-05-01_amsterdam-renumbered.txt",
    "eu-teu/TEU_v4_2003-02-01_nice.txt",
]
ARTICLE_COUNTS = {
    **dict.fromkeys(ETS030, 30),
    **dict.fromkeys(ETS112, 25),
    GG_V2: 159,
    GG_V3: 173,
    **dict(zip(TEU, (37, 53, 53, 63), strict=True)),
}


@cache
def _parse(corpus: Path, name: str) -> Draft:
    return parse_draft((corpus / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(ARTICLE_COUNTS))
def test_every_article_heading_is_found_and_none_invented(corpus: Path, name: str) -> None:
    draft = _parse(corpus, name)
    numbers = [unit.number for unit in draft.articles]
    assert len(numbers) == ARTICLE_COUNTS[name]
    assert len(set(numbers)) == len(numbers)
    assert not [w for w in draft.warnings if "appears" in w or "no article" in w]


@pytest.mark.parametrize("name", sorted(ARTICLE_COUNTS))
def test_nothing_is_lost(corpus: Path, name: str) -> None:
    draft = _parse(corpus, name)
    assert coverage_problems(draft) == []
    lines = draft.source.count("\n") + 1
    for unit in draft.units:
        assert 1 <= unit.first_line <= unit.last_line <= lines


@pytest.mark.parametrize("name", ETS030)
def test_ets030_has_its_chapters_and_preamble(corpus: Path, name: str) -> None:
    draft = _parse(corpus, name)
    assert [u.number for u in draft.articles] == [str(n) for n in range(1, 31)]
    chapters = draft.of_kind(Kind.PART)
    assert [u.number for u in chapters] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    word = "Chapter" if "_en_" in name else "Titel"
    article_14 = next(u for u in draft.articles if u.number == "14")
    assert article_14.path == (f"{word} V",)
    preamble = [u.number for u in draft.of_kind(Kind.PREAMBLE)]
    assert preamble == ["intro", "PP1", "PP2", "PP3", "formula"]
    assert draft.language == ("en" if "_en_" in name else "nl")
    assert len(draft.of_kind(Kind.FINAL)) == 1


def test_ets030_article_2_has_its_chapeau_and_items(corpus: Path) -> None:
    draft = _parse(corpus, ETS030[0])
    article = next(u for u in draft.articles if u.number == "2")
    assert [(p.label, p.depth, p.role) for p in article.paragraphs] == [
        ("", 0, "chapeau"),
        ("(a)", 1, "item"),
        ("(b)", 1, "item"),
    ]
    assert article.text.startswith("Assistance may be refused:\n(a) if the request concerns")


@pytest.mark.parametrize("name", ETS112)
def test_ets112_titles_and_pardon_clause(corpus: Path, name: str) -> None:
    draft = _parse(corpus, name)
    article = next(u for u in draft.articles if u.number == "12")
    assert article.title == "Pardon, amnesty, commutation"
    assert "amnesty" in article.text
    definitions = draft.articles[0]
    assert definitions.title == "Definitions"
    assert [p.label for p in definitions.paragraphs] == ["", "a.", "b.", "c.", "d."]
    assert [u.number for u in draft.of_kind(Kind.PREAMBLE)] == [
        "intro",
        "PP1",
        "PP2",
        "PP3",
        "PP4",
        "PP5",
        "formula",
    ]


def test_grundgesetz_insertions_and_repeals_match_the_amending_law(corpus: Path) -> None:
    before, after = _parse(corpus, GG_V2), _parse(corpus, GG_V3)
    truth = (corpus / "de-grundgesetz-1968/ground_truth/v2_to_v3_net_diff.tsv").read_text(
        encoding="utf-8"
    )
    rows = [line.split("\t") for line in truth.splitlines()[1:] if line.strip()]
    added = {name.removesuffix(".md").lstrip("0") for status, name in rows if status == "A"}
    old = {u.number for u in before.articles}
    new = {u.number for u in after.articles}
    assert new - old == added
    assert old - new == set()
    repealed = [u.number for u in after.articles if u.status is UnitStatus.DELETED]
    assert repealed == ["59a", "142a", "143"]
    assert {"115a", "115l", "12a"} <= new
    assert after.language == "de"
    chapter = next(u for u in after.of_kind(Kind.PART) if u.number == "Xa")
    assert chapter.title == "Verteidigungsfall"
    article = next(u for u in after.articles if u.number == "115a")
    assert article.path == ("Xa",)


@pytest.mark.parametrize(
    ("name", "mapping", "column"),
    [
        (TEU[0], "TEU_1992_to_1997_mapping.csv", "old_article"),
        (TEU[1], "TEU_1992_to_1997_mapping.csv", "new_article"),
        (TEU[2], "TEU_1997_to_1998_mapping.csv", "new_article"),
        (TEU[3], "TEU_1998_to_2001_mapping.csv", "new_article"),
    ],
)
def test_teu_article_labels_match_the_ground_truth(
    corpus: Path, name: str, mapping: str, column: str
) -> None:
    draft = _parse(corpus, name)
    with (corpus / "eu-teu/ground_truth" / mapping).open(encoding="utf-8") as handle:
        expected = {row[column] for row in csv.DictReader(handle) if row[column]}
    assert {u.number for u in draft.articles} == expected


def test_teu_single_line_bodies_are_split_into_paragraphs(corpus: Path) -> None:
    draft = _parse(corpus, TEU[0])
    article = next(u for u in draft.articles if u.number == "F")
    assert [p.label for p in article.paragraphs] == ["1.", "2.", "3."]

"""The concordance of real texts against their ground truth (../shared/corpus)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mla_diff.align import align_drafts
from mla_diff.model import Draft, Kind, Match, MatchStatus
from mla_diff.parse import parse_draft
from mla_diff.similarity import label_key

pytestmark = pytest.mark.corpus


def _parse(path: Path) -> Draft:
    return parse_draft(path.read_text(encoding="utf-8"))


def _articles(rows: tuple[Match, ...]) -> list[Match]:
    return [row for row in rows if row.kind is Kind.ARTICLE]


def _pairs(rows: list[Match]) -> dict[str, Match]:
    """Matched rows by old label."""
    return {row.old[0].number: row for row in rows if row.status is MatchStatus.MATCHED}


def _key(label: str) -> str:
    return label_key(label.removeprefix("Article "))


def test_teu_renumbering_follows_the_official_table(corpus: Path) -> None:
    """Amsterdam, 1997 -> 1999: every article renumbered (A -> 1, J.1 -> 11) and no text changed."""
    folder = corpus / "eu-teu"
    old = _parse(folder / "TEU_v2_1997-10-02_amsterdam-amended-old-numbering.txt")
    new = _parse(folder / "TEU_v3_1999-05-01_amsterdam-renumbered.txt")
    with (folder / "ground_truth" / "official_amsterdam_table_of_equivalences_TEU.csv").open(
        encoding="utf-8"
    ) as handle:
        table = {
            _key(r["change_article"]): _key(r["new_article"])
            for r in csv.DictReader(handle)
            if r["change_id"] != "NA"
        }
    rows = _articles(align_drafts(old, new))
    assert all(row.status is MatchStatus.MATCHED for row in rows)
    got = {label_key(r.old[0].number): label_key(r.new[0].number) for r in rows}
    assert {k: got[k] for k in table} == table
    assert got["j"] == "j"
    assert got["k"] == "k"
    assert not any(row.modified for row in rows)
    assert sum(row.renumbered for row in rows) == len(table)


def test_teu_nice_amendments_keep_their_numbers(corpus: Path) -> None:
    """1999 -> 2003: articles amended in place, new lettered articles (27a-27e, 40a...) added."""
    folder = corpus / "eu-teu"
    old = _parse(folder / "TEU_v3_1999-05-01_amsterdam-renumbered.txt")
    new = _parse(folder / "TEU_v4_2003-02-01_nice.txt")
    rows = _articles(align_drafts(old, new))
    added = sorted(r.new[0].number for r in rows if r.status is MatchStatus.ADDED)
    assert added == ["27a", "27b", "27c", "27d", "27e", "40a", "40b", "43a", "43b", "44a"]
    matched = _pairs(rows)
    assert all(row.new[0].number == old_label for old_label, row in matched.items())
    assert len(matched) == len(old.articles)
    assert {label for label, row in matched.items() if row.modified} == {
        "7",
        "17",
        "23",
        "24",
        "25",
        "29",
        "31",
        "40",
        "43",
        "44",
        "45",
        "46",
    }


def test_teu_maastricht_to_amsterdam_follows_the_text(corpus: Path) -> None:
    """1992 -> 1999: renumbering and amendment at once. Articles keep their text's lineage: the
    Maastricht J.7 (consulting Parliament) is, word for word, the 1999 art. 21."""
    folder = corpus / "eu-teu"
    old = _parse(folder / "TEU_v1_1992-11-01_maastricht.txt")
    new = _parse(folder / "TEU_v3_1999-05-01_amsterdam-renumbered.txt")
    matched = _pairs(_articles(align_drafts(old, new)))
    lineage = {
        "A": "1",
        "B": "2",
        "C": "3",
        "D": "4",
        "E": "5",
        "F": "6",
        "H": "9",
        "I": "10",
        "J.1": "11",
        "J.6": "20",
        "J.7": "21",
        "J.9": "27",
        "M": "47",
        "N": "48",
        "O": "49",
        "Q": "51",
        "R": "52",
        "S": "53",
        "J": "J",
        "K": "K",
    }
    assert {k: matched[k].new[0].number for k in lineage} == lineage
    assert not matched["J.7"].modified
    assert matched["J.7"].renumbered


def test_ets030_protocol_replaced_six_articles_in_place(corpus: Path) -> None:
    folder = corpus / "coe-ets030"
    for language in ("en", "nl"):
        v1, v2, v3 = (_parse(p) for p in sorted(folder.glob(f"ECMACM_{language}_v*.md")))
        rows = _articles(align_drafts(v1, v2))
        matched = _pairs(rows)
        assert len(matched) == len(rows) == 30
        assert not any(row.renumbered or row.moved for row in rows)
        assert {k for k, row in matched.items() if row.modified} == {
            "1",
            "4",
            "11",
            "15",
            "20",
            "24",
        }
        # 2011 -> 2012 changed spacing after list letters ("a) costs" -> "a)costs", arts 15 and
        # 20) and link markup only: no wording changed, so no article is modified.
        rows = _articles(align_drafts(v2, v3))
        assert all(r.status is MatchStatus.MATCHED and not r.renumbered for r in rows)
        assert not any(row.modified for row in rows)


def test_ets112_editorial_changes_are_all_matched(corpus: Path) -> None:
    folder = corpus / "coe-ets112"
    old, new = (_parse(p) for p in sorted(folder.glob("ETS112_en_v*.md")))
    rows = align_drafts(old, new)
    assert all(row.status is MatchStatus.MATCHED for row in rows)
    matched = _pairs(_articles(rows))
    assert all(row.new[0].number == label for label, row in matched.items())


def test_grundgesetz_1968_emergency_constitution(corpus: Path) -> None:
    """New lettered articles added, repealed ones aligned with their placeholder, the rest kept."""
    folder = corpus / "de-grundgesetz-1968"
    old, new = (_parse(p) for p in sorted(folder.glob("v*.txt")))
    with (folder / "ground_truth" / "v2_to_v3_net_diff.tsv").open(encoding="utf-8") as handle:
        net = {
            label_key(r["article_file"].removesuffix(".md").lstrip("0")): r["status"]
            for r in csv.DictReader(handle, delimiter="\t")
        }
    rows = align_drafts(old, new)
    articles = _articles(rows)
    added = {label_key(r.new[0].number) for r in articles if r.status is MatchStatus.ADDED}
    assert added == {k for k, s in net.items() if s == "A"}
    matched = _pairs(articles)
    assert len(matched) == len(old.articles)
    assert all(label_key(row.new[0].number) == label_key(k) for k, row in matched.items())
    modified = {label_key(k) for k, row in matched.items() if row.modified}
    assert modified == {k for k, s in net.items() if s == "M"}
    for label in ("59a", "142a", "143"):
        assert matched[label].reason.startswith("repealed in place")
    parts = {r.new[0].number for r in rows if r.kind is Kind.PART and r.status is MatchStatus.ADDED}
    assert parts == {"IVa", "Xa"}

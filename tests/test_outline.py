"""`mla-diff outline`: the structure as a tree a lawyer reads, or as JSON scripts rely on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from mla_diff.cli import main
from mla_diff.outline import outline_text
from mla_diff.parse import parse_draft

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "parse"

DRAFT = """Draft Convention

The States Parties to this Convention,

Recalling the Charter,

Have agreed as follows:

PART IV
TRANSFER OF SENTENCED PERSONS

Article 52 – Pardon, amnesty or commutation

1. A State may grant a pardon.

2. The other State shall be informed.

3. Commutation is possible.

Article 53 [Deleted]

Article 53
Duplicate

Text.
"""


def test_the_tree_reads_like_a_table_of_contents() -> None:
    text = outline_text(parse_draft(DRAFT), "draft.txt")
    assert text.splitlines() == [
        "draft.txt · English · 3 articles, 1 container, 1 preambular paragraph, 1 deleted",
        "",
        "Title block  Draft Convention  · line 1",
        "Preamble",
        "  intro    The States Parties to this Convention,  · line 3",
        "  PP1      Recalling the Charter,  · line 5",
        "  formula  Have agreed as follows:  · line 7",
        "Part IV  TRANSFER OF SENTENCED PERSONS  · lines 9-10",
        "  Art. 52  Pardon, amnesty or commutation  (3 paragraphs)  · lines 12-18",
        "  Art. 53  [deleted] [Deleted]  · line 20",
        "  Art. 53  Duplicate  (1 paragraph)  · lines 22-25",
        "",
        "Warnings",
        "  - article 53 appears 2 times (lines 20, 22)",
    ]


def test_outline_command_prints_the_tree(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["outline", str(path)])
    assert result.exit_code == 0
    assert result.output == outline_text(parse_draft(DRAFT), "draft.txt")


def test_outline_json_has_kind_and_number_per_unit(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(DRAFT, encoding="utf-8")
    result = CliRunner().invoke(main, ["outline", str(path), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [(u["kind"], u["number"]) for u in data["units"]] == [
        ("front", ""),
        ("preamble", "intro"),
        ("preamble", "PP1"),
        ("preamble", "formula"),
        ("part", "IV"),
        ("article", "52"),
        ("article", "53"),
        ("article", "53"),
    ]
    article = data["units"][5]
    assert article["title"] == "Pardon, amnesty or commutation"
    assert article["path"] == ["Part IV"]
    assert (article["first_line"], article["last_line"], article["paragraphs"]) == (12, 18, 3)
    assert data["units"][6]["status"] == "deleted"
    assert data["language"] == "en"
    assert data["warnings"] == ["article 53 appears 2 times (lines 20, 22)"]


def test_outline_language_can_be_forced() -> None:
    path = FIXTURES / "dutch.txt"
    detected = CliRunner().invoke(main, ["outline", str(path), "--format", "json"])
    assert json.loads(detected.output)["counts"]["article"] == 3
    forced = CliRunner().invoke(
        main, ["outline", str(path), "--format", "json", "--language", "en"]
    )
    data = json.loads(forced.output)
    assert data["language"] == "en"
    assert "article" not in data["counts"]
    assert data["warnings"][0].startswith("no article headings found")


def test_outline_of_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["outline", str(tmp_path / "absent.txt")])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ")
    assert "absent.txt" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_compare_accepts_a_language(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text("Artikel 1\n\nDe Staten werken samen.\n", encoding="utf-8")
    new.write_text("Artikel 1\n\nDe Staten werken nauw samen.\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["compare", str(old), str(new), "--format", "json", "--language", "nl"]
    )
    assert result.exit_code == 1, result.output
    assert "language=nl" in result.output
    bad = CliRunner().invoke(main, ["compare", str(old), str(new), "--language", "xx"])
    assert bad.exit_code == 2

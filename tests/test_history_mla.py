"""The history page of the illustrative MLA drafts shows what advocates tracked: art. 52
introduced in 2018 and later deleted, the victims' articles renumbered, the term's last
appearance."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from mla_diff.cli import main
from mla_diff.gitsource import read_instrument
from mla_diff.history import build_history
from mla_diff.model import Kind
from mla_diff.sources import load_instrument
from tests.conftest import MLA


class _Timeline(HTMLParser):
    """The text of each timeline cell, by row id."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self._row: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and (found.get("id") or "").startswith("row-"):
            self._row = str(found["id"])[4:]
            self.rows[self._row], self.links[self._row] = [], []
        elif tag == "td" and self._row:
            self._cell = []
        elif tag == "a" and self._cell is not None and self._row:
            self.links[self._row].append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._row and self._cell is not None:
            self.rows[self._row].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(f" {data} ")


@pytest.fixture(scope="module")
def timeline(tmp_path_factory: pytest.TempPathFactory) -> tuple[_Timeline, str, Path]:
    assert (MLA / "versions.toml").is_file(), f"the illustrative drafts are tracked in git: {MLA}"
    out = tmp_path_factory.mktemp("history") / "history.html"
    result = CliRunner().invoke(main, ["history", str(MLA), "-o", str(out), "--term", "amnesty"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parser = _Timeline()
    parser.feed(page)
    return parser, page, out.parent


def test_art_52_is_introduced_in_2018_and_deleted(timeline: tuple[_Timeline, str, Path]) -> None:
    parser, page, folder = timeline
    assert '<a href="#L-2018-11-art-52" title="L-2018-11-art-52">art. 52 → 53</a>' in page
    section = page[page.index('id="L-2018-11-art-52"') :]
    assert "<strong>Preliminary draft (Nov 2018)</strong>: introduced." in section[:2000]
    cells = parser.rows["L-2018-11-art-52"]
    assert cells[0] == "52"
    assert cells[1].startswith("53 renumbered")  # art. 36 was inserted before it in March 2020
    assert cells[2] == "— deleted"
    assert cells[3] == "—"
    links = parser.links["L-2018-11-art-52"]
    assert links[0].endswith(".html#new-art-53")
    assert links[1].endswith(".html#old-art-53")
    for link in links:
        report, _, anchor = link.partition("#")
        assert f'id="{anchor}"' in (folder / report).read_text(encoding="utf-8")


def test_victims_articles_are_renumbered(timeline: tuple[_Timeline, str, Path]) -> None:
    parser, _, _ = timeline
    numbers = {
        row: [cell.split()[0] for cell in cells]
        for row, cells in parser.rows.items()
        if row in ("L-2018-11-art-59", "L-2018-11-art-60")
    }
    assert numbers["L-2018-11-art-59"] == ["59", "59", "72", "83"]  # rights of victims
    assert numbers["L-2018-11-art-60"] == ["60", "60", "71", "81"]  # definition of victim
    for row in numbers:
        assert "renumbered" in parser.rows[row][2]
        assert "renumbered" in parser.rows[row][3]


def test_amnesty_last_appears_in_march_2020(timeline: tuple[_Timeline, str, Path]) -> None:
    _, page, _ = timeline
    terms = page[page.index('<h2 id="terms">') : page.index('<h2 id="provisions">')]
    assert terms.count('href="#L-2018-11-art-52"') == 2  # art. 52 (2018), art. 53 (March 2020)
    assert terms.count(">absent<") == 2
    assert '<td class="last">March 2020 version</td>' in terms
    assert "These are <strong>illustrative drafts</strong>" in page


def _ground_truth_rows() -> list[tuple[int, str, str, str]]:
    rows = []
    folder = MLA.parent.parent / "tests" / "data" / "mla-convention" / "ground_truth"
    keys = ["2018-11", "2020-03", "2022-11-30", "2023-05-26"]
    for step in range(3):
        path = folder / f"{keys[step]}_to_{keys[step + 1]}.csv"
        with path.open(encoding="utf-8") as table:
            for row in csv.DictReader(table):
                old, new = (row[k].removeprefix("Annex ") for k in ("old_article", "new_article"))
                rows.append((step, old, new, row["status"]))
    return rows


def test_lineages_agree_with_the_answer_key() -> None:
    """Every row of the answer key's consecutive concordances, followed through the lineages:
    the article keeps its lineage from one version to the next, is born, ends, forks or joins."""
    instrument = load_instrument(MLA)
    read = read_instrument(instrument)
    history = build_history([v for v, _ in read], [d for _, d in read])
    provisions = [lin for lin in history.lineages if lin.kind in (Kind.ARTICLE, Kind.ANNEX)]
    missed = []
    rows = _ground_truth_rows()
    for step, old, new, status in rows:
        before, after = step, step + 1
        if status == "added":
            good = any(p.number(after) == new and p.number(before) is None for p in provisions)
        elif status == "deleted":
            good = any(p.number(before) == old and p.number(after) is None for p in provisions)
        elif status in ("split", "merged"):
            olds, news = old.split("+"), new.split("+")
            good = any(p.number(before) in olds and p.number(after) in news for p in provisions)
        else:
            good = any(p.number(before) == old and p.number(after) == new for p in provisions)
        if not good:
            missed.append(f"{instrument.versions[step].label}: {old} -> {new} ({status})")
    assert len(rows) > 200
    assert len(missed) <= len(rows) // 20, missed

"""Bad input through the CLI: one line naming the file and the fix, exit 2, no traceback, nothing
written. Odd but valid input works."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mla_diff.cli import main

DRAFT = "Article 1\nScope\n\n1. This Convention applies to genocide.\n"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _assert_one_line_error(result: Result, names: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert names in lines[0]
    assert "(" in lines[0]  # the fix, in brackets after the problem


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _blank(path: Path) -> Path:
    path.write_bytes(b"  \n\t\n\n   ")
    return path


def _binary(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _damaged_utf8(path: Path) -> Path:
    path.write_bytes("Article 1\nPortée\n\n1. Le présent texte ".encode() + b"\xff\xfe.\n")
    return path


def _directory(path: Path) -> Path:
    path.mkdir()
    return path


def _missing(path: Path) -> Path:
    return path


BAD_INPUTS: dict[str, Callable[[Path], Path]] = {
    "empty": _empty,
    "whitespace-only": _blank,
    "binary": _binary,
    "damaged-utf8": _damaged_utf8,
    "directory": _directory,
    "missing": _missing,
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
@pytest.mark.parametrize("side", ["old", "new"])
def test_bad_draft_is_refused_and_nothing_is_written(tmp_path: Path, case: str, side: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(DRAFT, encoding="utf-8")
    bad = BAD_INPUTS[case](tmp_path / f"bad-{case}.txt")
    out = tmp_path / "report.html"
    drafts = [str(bad), str(good)] if side == "old" else [str(good), str(bad)]
    result = _run("compare", *drafts, "-o", str(out))
    _assert_one_line_error(result, bad.name)
    assert not out.exists()


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_outline_refuses_bad_drafts_too(tmp_path: Path, case: str) -> None:
    bad = BAD_INPUTS[case](tmp_path / f"bad-{case}.txt")
    _assert_one_line_error(_run("outline", str(bad)), bad.name)


def test_unreadable_draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(DRAFT, encoding="utf-8")
    if os.geteuid() == 0:
        # Permission bits do not stop root: make the read fail as the OS would.
        real = Path.read_bytes

        def refuse(path: Path) -> bytes:
            if path.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    else:
        locked.chmod(0)
    result = _run("compare", str(locked), str(locked), "-o", str(tmp_path / "r.html"))
    _assert_one_line_error(result, "locked.txt")
    assert "ermission" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_output_in_a_missing_folder(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "no" / "such" / "report.html"
    _assert_one_line_error(_run("compare", str(draft), str(draft), "-o", str(out)), "no/such")
    assert not out.parent.exists()


def test_output_equal_to_an_input_keeps_the_input(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    old.write_text(DRAFT, encoding="utf-8")
    new.write_text(DRAFT.replace("genocide", "war crimes"), encoding="utf-8")
    _assert_one_line_error(_run("compare", str(old), str(new), "-o", str(new)), "new.txt")
    assert "war crimes" in new.read_text(encoding="utf-8")


@pytest.mark.parametrize("label", ["../escape", "a/b", "a\\b"])
def test_label_with_path_separators_is_refused_by_add_and_import(
    tmp_path: Path, label: str
) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for command in ("add", "import"):
        result = _run(
            command,
            str(draft),
            "--instrument",
            "conv",
            "--label",
            label,
            "--date",
            "2024-01-01",
            "--drafts",
            str(drafts),
        )
        _assert_one_line_error(result, "label")
    assert list(drafts.iterdir()) == []


# Odd but valid input: each is read, parsed and compared with itself without a change.
ODD_INPUTS: dict[str, bytes] = {
    "utf16-bom": b"\xff\xfe" + "Article 1\nPortée\n\n1. Le texte s'applique.\n".encode("utf-16-le"),
    "utf16-be-bom": b"\xfe\xff" + "Article 1\nScope\n\n1. The text applies.\n".encode("utf-16-be"),
    "cp1252": "Article 1\nPortée\n\n1. Le « texte » s’applique – naïvement.\n".encode("cp1252"),
    "crlf": DRAFT.replace("\n", "\r\n").encode(),
    "lone-cr": DRAFT.replace("\n", "\r").encode(),
    "bom-utf8": b"\xef\xbb\xbf" + DRAFT.encode(),
    "duplicate-numbers": (DRAFT + "\nArticle 1\nScope again\n\n1. Another text.\n").encode(),
    "brackets": b"Article 1\nA\n\n1. The [State [shall]] act [[unclosed.\n\nArticle 2\nB\n\n"
    b"1. Closing ]] only].\n",
    "empty-headings": b"Article 1\n\nArticle 2\n\nArticle 3\nTitle\n",
    "no-headings": b"This text has no headings.\n\nIt has two paragraphs.\n",
}


@pytest.mark.parametrize("case", sorted(ODD_INPUTS))
def test_odd_but_valid_input_compares_with_itself(tmp_path: Path, case: str) -> None:
    draft = tmp_path / f"{case}.txt"
    draft.write_bytes(ODD_INPUTS[case])
    result = _run("compare", str(draft), str(draft), "--format", "json")
    assert result.exit_code == 0, result.output
    outline = _run("outline", str(draft))
    assert outline.exit_code == 0, outline.output


def test_cp1252_is_decoded_not_mangled(tmp_path: Path) -> None:
    draft = tmp_path / "cp.txt"
    draft.write_bytes(ODD_INPUTS["cp1252"])
    result = _run("outline", str(draft), "--format", "json")
    assert result.exit_code == 0
    assert "Portée" in result.output


def test_duplicate_article_numbers_are_kept_with_a_warning(tmp_path: Path) -> None:
    draft = tmp_path / "dup.txt"
    draft.write_bytes(ODD_INPUTS["duplicate-numbers"])
    result = _run("outline", str(draft), "--format", "json")
    assert result.output.count('"number": "1"') == 2
    assert "appears 2 times" in result.output


def test_text_without_headings_warns(tmp_path: Path) -> None:
    draft = tmp_path / "plain.txt"
    draft.write_bytes(ODD_INPUTS["no-headings"])
    result = _run("outline", str(draft))
    assert result.exit_code == 0
    assert "no article headings" in result.output


# Big odd input, made at test time (never committed): each is read, parsed and compared through
# the command line in seconds, not minutes.
WORDS = [
    "the",
    "State",
    "Party",
    "shall",
    "may",
    "request",
    "assistance",
    "competent",
    "authority",
    "extradition",
]


def _prose(words: int, seed: int) -> str:
    return " ".join(WORDS[(k * 7 + seed * 3 + k // 11) % len(WORDS)] for k in range(words))


def test_a_draft_of_ten_thousand_articles(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    new = tmp_path / "new.txt"
    articles = [
        f"Article {n}\nProvision {n}\n\n1. Each State Party shall act under paragraph {n % 50} "
        f"of article {n % 37} of this Convention.\n"
        for n in range(1, 10_001)
    ]
    old.write_text("\n".join(articles), encoding="utf-8")
    articles[4_999] = articles[4_999].replace("shall act", "may act")
    del articles[7_000]
    new.write_text("\n".join(articles), encoding="utf-8")
    result = _run("compare", str(old), str(new), "--format", "json", "--exit-zero")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    articles_rows = [row for row in report["concordance"] if row["kind"] == "article"]
    statuses = Counter(row["status"] for row in articles_rows)
    assert statuses == {"matched": 9_999, "deleted": 1}
    assert [row["old"] for row in articles_rows if row["status"] == "deleted"] == [["7001"]]
    assert [row["new"] for row in articles_rows if row["modified"]] == [["5000"]]


def test_one_line_of_five_megabytes(tmp_path: Path) -> None:
    draft = tmp_path / "line.txt"
    text = _prose(800_000, 1)[:5_000_000]
    draft.write_text(text + "\n", encoding="utf-8")
    result = _run("compare", str(draft), str(draft), "--format", "json")
    assert result.exit_code == 0, result.output
    outline = _run("outline", str(draft), "--format", "json")
    assert outline.exit_code == 0, outline.output


def test_a_draft_of_fifty_megabytes(tmp_path: Path) -> None:
    draft = tmp_path / "big.txt"
    paragraph = _prose(170, 2)
    article = "\n\n".join(f"{p}. {paragraph}" for p in range(1, 41))
    count = 50_000_000 // (len(article) + 30) + 1
    with draft.open("w", encoding="utf-8") as out:
        for n in range(1, count + 1):
            out.write(f"Article {n}\nProvision {n}\n\n{article}\n\n")
    assert draft.stat().st_size >= 50_000_000
    result = _run("outline", str(draft), "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.output.count('"kind": "article"') == count

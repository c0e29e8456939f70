"""Front matter, running headers, footers and page numbers: found, and never confused with text."""

from __future__ import annotations

import pytest

from mla_diff.furniture import find_page_furniture, front_matter_lines, page_number_pattern
from mla_diff.model import FurnitureKind


def _find(text: str, protected: set[int] | None = None) -> dict[int, FurnitureKind]:
    lines = text.split("\n")
    marks = [i in (protected or set()) for i in range(len(lines))]
    return find_page_furniture(lines, marks)


def test_yaml_front_matter() -> None:
    assert front_matter_lines(["---", "title: Draft", "tags:", "  - mla", "---", "Article 1"]) == 5
    assert front_matter_lines(["---", "Article 1", "---"]) == 0
    assert front_matter_lines(["---", "---", "x"]) == 0
    assert front_matter_lines(["Article 1", "---"]) == 0


def test_headers_and_page_numbers_at_form_feeds() -> None:
    page = "Header of the draft  Page {n}\n\nArticle {n}\n\nText of the article.\n\n{n}\n"
    text = "\f".join(page.format(n=n) for n in range(1, 4))
    found = _find(text, protected={2, 9, 16})
    lines = text.split("\n")
    assert {
        lines[i].strip("\f") for i, kind in found.items() if kind is FurnitureKind.PAGE_HEADER
    } == {f"Header of the draft  Page {n}" for n in range(1, 4)}
    assert sorted(
        lines[i].strip("\f") for i, k in found.items() if k is FurnitureKind.PAGE_NUMBER
    ) == ["1", "2", "3"]


def test_page_numbers_without_form_feeds_must_count_up_far_apart() -> None:
    filler = "\n".join(f"Line {n} of the text." for n in range(12))
    text = "\n\n".join(f"{filler}\n\n- {n} -" for n in range(1, 4))
    found = _find(text)
    assert sorted(found.values()) == [FurnitureKind.PAGE_NUMBER] * 3
    bare = "\n\n".join(f"{filler}\n\n{n}" for n in range(1, 4))
    assert len(_find(bare)) == 3


def test_repeated_lines_and_short_lists_stay_text() -> None:
    options = "\n\n".join(f"Option 1\n\nText {n}." for n in range(5))
    assert _find(options) == {}
    numbers = "1\n\n2\n\n3\n\n"
    assert _find(numbers) == {}
    deleted = "\n\n".join("[Deleted]" for _ in range(5))
    assert _find(deleted, protected=set(range(0, 10, 2))) == {}


def test_a_running_header_printed_against_its_page_number() -> None:
    filler = "\n".join(f"Line {n} of the text." for n in range(12))
    text = "".join(f"{filler}\n\nA/CONF.1/L.2\n- {n} -\n\n" for n in range(2, 5))
    found = _find(text)
    lines = text.split("\n")
    headers = [lines[i] for i, kind in found.items() if kind is FurnitureKind.PAGE_HEADER]
    assert headers == ["A/CONF.1/L.2"] * 3


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("12", "12"),
        ("- 12 -", "12"),
        ("Page 12 of 40", "12"),
        ("12/40", "12"),
        ("p. 12", "12"),
        ("Seite 3 von 40", "3"),
        ("blz. 7", "7"),
        ("Página 9", "9"),
        ("12 z 40", "12"),
    ],
)
def test_one_page_number_grammar_for_plain_text_and_pdf_edges(line: str, number: str) -> None:
    for edge in (r"[\s\-–—]", r"[\W_]"):
        match = page_number_pattern(edge).match(line)
        assert match is not None
        assert match["n"] == number


def test_a_bracketed_number_is_a_page_number_only_at_a_pdf_page_edge() -> None:
    """Plain text keeps "(3)" alone on its line: a paragraph number, not page furniture."""
    assert page_number_pattern(r"[\W_]").match("[12]")
    assert not page_number_pattern(r"[\s\-–—]").match("(3)")

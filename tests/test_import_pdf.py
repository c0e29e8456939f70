"""PDF import on typeset drafts: furniture gone, hyphens and lines joined, every article found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from mla_diff.cli import main
from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError
from mla_diff.importers import import_draft
from mla_diff.model import Kind, MatchStatus
from mla_diff.parse import parse_draft
from tests.conftest import MLA
from tests.test_import_fixtures import (
    PdfLayout,
    build_pdf,
    build_scanned_pdf,
    draft_paragraphs,
    word_recall,
)

CORPUS_TEXTS = [
    "coe-ets030/ECMACM_en_v2_2011-04-01.md",
    "coe-ets030/ECMACM_nl_v1_1982-04-12.md",
    "coe-ets112/ETS112_en_v1_1988-01-01.md",
    "eu-teu/TEU_v1_1992-11-01_maastricht.txt",
    "de-grundgesetz-1968/v2_1968-06-23_16th-amendment.txt",
]
LAYOUT = PdfLayout(
    header=("Council of Europe - informal working document", "Restricted"),
    two_columns=frozenset({2}),
    footnotes={4: "The facilitator proposes to revisit this paragraph."},
)
_PAGE_FOOTER = re.compile(r"^Page \d+ of \d+$", re.MULTILINE)


def _articles(text: str) -> list[str]:
    return [u.number for u in parse_draft(text).units if u.kind is Kind.ARTICLE]


def _typeset(text: str) -> str:
    """The draft's text as the builder typesets it (no front matter, no markdown)."""
    return "\n".join(line for _, line in draft_paragraphs(text))


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_TEXTS)
def test_corpus_pdf_recovers_every_article_and_word(
    corpus: Path, tmp_path: Path, name: str
) -> None:
    source = (corpus / name).read_text(encoding="utf-8")
    pdf = tmp_path / "draft.pdf"
    built = build_pdf(source, pdf, LAYOUT)
    imported = import_draft(pdf)
    assert word_recall(_typeset(source), imported.text) >= 0.99
    assert _articles(imported.text) == _articles(source)
    for furniture in set(built.furniture):
        assert furniture not in imported.text
    assert not _PAGE_FOOTER.search(imported.text)
    report = imported.report
    assert report.get("removed", "page header") == 2 * built.pages
    assert (
        report.get("removed", "page footer") + report.get("removed", "page number") == built.pages
    )
    assert report.get("joined", "hyphenated word") >= 0.8 * built.hyphenated
    assert "page 2 has two columns: read as left column, then right" in report.doubts
    assert "[^1]: The facilitator proposes to revisit this paragraph." in imported.text.splitlines()


@pytest.mark.parametrize("path", sorted(MLA.glob("*.txt")), ids=lambda p: p.stem)
def test_illustrative_draft_survives_pdf_round_trip(tmp_path: Path, path: Path) -> None:
    """Typeset an illustrative draft (justified, a two-column page), import it, compare it with
    its source: no article added, deleted or modified."""
    source = path.read_text(encoding="utf-8")
    pdf = tmp_path / f"{path.stem}.pdf"
    build_pdf(source, pdf, PdfLayout(justify=True, two_columns=frozenset({3})))
    drafts = tmp_path / "drafts"
    result = CliRunner().invoke(
        main,
        [
            *("import", str(pdf), "--instrument", "mla", "--label", "Imported"),
            *("--date", "2020-03", "--drafts", str(drafts)),
        ],
    )
    assert result.exit_code == 0, result.output
    imported = drafts / "mla" / "2020-03_imported.txt"
    comparison = compare_drafts(parse_draft(source), parse_draft(imported.read_text("utf-8")))
    changed = [
        (row.match.status, [u.number for u in row.match.old], [u.number for u in row.match.new])
        for row in comparison.rows
        if row.match.status is not MatchStatus.MATCHED or row.match.modified
    ]
    assert changed == []
    compared = CliRunner().invoke(main, ["compare", str(path), str(imported), "--format", "json"])
    assert compared.exit_code == 0, compared.output[:500]


def test_page_numbers_in_other_styles_are_removed(tmp_path: Path) -> None:
    text = "\n\n".join(
        f"Article {n}\nTitle {n}\n\n" + "The requested State shall execute the request. " * 40
        for n in range(1, 6)
    )
    pdf = tmp_path / "d.pdf"
    built = build_pdf(text, pdf, PdfLayout(header=("A/CONF.1/L.3",), footer="- {n} -"))
    imported = import_draft(pdf)
    assert not re.search(r"^- \d+ -$", imported.text, re.MULTILINE)
    assert "A/CONF.1/L.3" not in imported.text
    assert _articles(imported.text) == ["1", "2", "3", "4", "5"]
    assert built.pages >= 3


def test_scanned_pdf_is_refused_naming_ocr(tmp_path: Path) -> None:
    pdf = tmp_path / "scan.pdf"
    build_scanned_pdf(pdf)
    with pytest.raises(InputError, match=r"no text layer.*ocrmypdf"):
        import_draft(pdf)
    result = CliRunner().invoke(
        main,
        [
            *("import", str(pdf), "--instrument", "x", "--label", "Scan"),
            *("--date", "2020-01-02", "--drafts", str(tmp_path / "drafts")),
        ],
    )
    assert result.exit_code == 2
    assert "ocrmypdf" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "drafts").exists()


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "locked.pdf"
    canvas = Canvas(str(pdf), encrypt=StandardEncryption("secret", canPrint=0))
    canvas.drawString(72, 720, "Article 1 The Parties shall cooperate.")
    canvas.showPage()
    canvas.save()
    with pytest.raises(InputError, match="password-protected"):
        import_draft(pdf)


def test_damaged_pdf_is_refused(tmp_path: Path) -> None:
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage without end")
    with pytest.raises(InputError, match=r"broken\.pdf: is not a readable PDF"):
        import_draft(pdf)


def test_wrapped_line_starting_with_a_capitalised_reference_stays_in_its_paragraph(
    tmp_path: Path,
) -> None:
    """A line that happens to begin with "Article 14 of ..." is running text, not a heading."""
    body = (
        "1. The requested State Party shall execute the request in accordance with its law "
        "and the provisions of Article 14 of this Convention and shall inform the requesting "
        "State Party without delay of any circumstances that are likely to delay it. " * 6
    )
    text = f"Article 1\nExecution\n\n{body}\n\nArticle 2\nCosts\n\n2. Costs shall be borne."
    pdf = tmp_path / "d.pdf"
    build_pdf(text, pdf, PdfLayout(hyphenate=False))
    assert _articles(import_draft(pdf).text) == ["1", "2"]

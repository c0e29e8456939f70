"""Compare PDF text libraries on typeset drafts: word recall, articles found, furniture, speed.

Run `make pdf-libraries` (the dev extra and ../shared/corpus). Each library's text goes through
the same cleanup; pypdfium2 also gives the character geometry the importer uses."""

from __future__ import annotations

import re
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdf
from pdfminer.high_level import extract_text

from mla_diff.importers import import_draft
from mla_diff.importers.cleanup import ImportReport, render_blocks
from mla_diff.importers.text import clean_pages
from mla_diff.model import Kind
from mla_diff.parse import parse_draft
from tests.test_import_fixtures import PdfLayout, build_pdf, draft_paragraphs, word_recall

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    ROOT.parent / "shared/corpus/coe-ets030/ECMACM_en_v2_2011-04-01.md",
    ROOT.parent / "shared/corpus/coe-ets112/ETS112_en_v1_1988-01-01.md",
    ROOT.parent / "shared/corpus/eu-teu/TEU_v1_1992-11-01_maastricht.txt",
    ROOT.parent / "shared/corpus/de-grundgesetz-1968/v2_1968-06-23_16th-amendment.txt",
    ROOT / "drafts/mla-convention/2023-05-26_adopted-text.txt",
]
LAYOUTS = {
    "ragged": PdfLayout(two_columns=frozenset({2}), footnotes={4: "A facilitator's note."}),
    "justified": PdfLayout(justify=True, two_columns=frozenset({3}), footer="- {n} -"),
}


def _pdfplumber(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _pypdf(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def _pdfminer(path: Path) -> list[str]:
    return extract_text(str(path)).split("\f")


def _through_cleanup(pages: Callable[[Path], list[str]]) -> Callable[[Path], str]:
    return lambda path: render_blocks(clean_pages(pages(path), ImportReport()))


LIBRARIES: dict[str, Callable[[Path], str]] = {
    "pypdfium2 (importer)": lambda path: import_draft(path).text,
    "pdfplumber": _through_cleanup(_pdfplumber),
    "pypdf": _through_cleanup(_pypdf),
    "pdfminer.six": _through_cleanup(_pdfminer),
}


def _articles(text: str) -> list[str]:
    return [u.number for u in parse_draft(text).units if u.kind is Kind.ARTICLE]


def main() -> None:
    totals: dict[str, list[float]] = {name: [0, 0, 0, 0, 0, 0] for name in LIBRARIES}
    with tempfile.TemporaryDirectory() as tmp:
        for source in SOURCES:
            text = source.read_text(encoding="utf-8")
            typeset = "\n".join(line for _, line in draft_paragraphs(text))
            expected = _articles(text)
            for layout_name, layout in LAYOUTS.items():
                pdf = Path(tmp) / f"{source.stem}-{layout_name}.pdf"
                built = build_pdf(text, pdf, layout)
                furniture = set(built.furniture)
                for name, read in LIBRARIES.items():
                    start = time.perf_counter()
                    out = read(pdf)
                    seconds = time.perf_counter() - start
                    found = _articles(out)
                    left = sum(
                        len(re.findall(rf"^{re.escape(f)}$", out, re.MULTILINE)) for f in furniture
                    )
                    t = totals[name]
                    t[0] += word_recall(typeset, out) * len(typeset.split())
                    t[1] += len(typeset.split())
                    t[2] += sum(1 for a, b in zip(expected, found, strict=False) if a == b)
                    t[3] += len(expected)
                    t[4] += left
                    t[5] += seconds / built.pages
                    print(
                        f"{source.stem[:28]:28} {layout_name:9} {name:21} "
                        f"recall {word_recall(typeset, out):.4f} "
                        f"articles {found == expected!s:5} furniture {left:3} "
                        f"{1000 * seconds / built.pages:6.1f} ms/page",
                        file=sys.stderr,
                    )
    runs = len(SOURCES) * len(LAYOUTS)
    print("| library | word recall | articles in order | furniture lines left | ms per page |")
    print("|---|---|---|---|---|")
    for name, t in totals.items():
        print(
            f"| {name} | {t[0] / t[1]:.4f} | {t[2] / t[3]:.3f} | {int(t[4])} | "
            f"{1000 * t[5] / runs:.0f} |"
        )


if __name__ == "__main__":
    main()

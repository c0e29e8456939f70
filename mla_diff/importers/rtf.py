"""RTF -> blocks through striprtf: one paragraph per \\par, in the file's code page."""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from striprtf.striprtf import rtf_to_text as _rtf_to_text

from mla_diff.errors import InputError
from mla_diff.importers.cleanup import Block, BlockKind, HeadingTest, ImportReport, mark_titles
from mla_diff.importers.marks import ImportOptions

# striprtf's function has no annotations; its contract is str in, str out.
rtf_to_text: Callable[..., str] = _rtf_to_text
_CODE_PAGE = re.compile(rb"\\ansicpg(\d+)")


def read_rtf(data: bytes, path: str, options: ImportOptions, report: ImportReport) -> list[Block]:
    """The paragraphs of an RTF file. Its list numbers are read from the \\listtext that word
    processors write beside each numbered paragraph."""
    page = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{page[1].decode()}" if page else "cp1252"
    try:
        codecs.lookup(encoding)
    except LookupError:
        report.doubt(f"unknown code page {encoding}; read as cp1252")
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode(encoding, "replace"), encoding=encoding, errors="replace")
    except Exception as exc:  # striprtf raises what its regular expressions meet
        raise InputError(
            f"is not a readable RTF file ({type(exc).__name__})",
            path=path,
            hint="save it again, or save it as .docx",
        ) from exc
    if "\ufffd" in text:
        report.doubt(f"some characters did not decode in code page {encoding} (shown as \ufffd)")
    if options.keep_marks or options.show_changes:
        report.doubt("strike-through, underline and tracked changes are not read from RTF")
    paragraphs = [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]
    heading = HeadingTest("\n".join(paragraphs))
    return mark_titles(
        [Block(BlockKind.HEADING if heading(p) else BlockKind.PARAGRAPH, p) for p in paragraphs]
    )

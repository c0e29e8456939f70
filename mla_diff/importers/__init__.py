"""Draft files in PDF, Word, ODT, HTML, RTF or plain text -> clean plain text for the parser."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date as calendar_date
from pathlib import Path

from mla_diff.errors import InputError, OutputError
from mla_diff.importers.cleanup import Block, ImportReport, render_blocks
from mla_diff.importers.marks import ImportOptions
from mla_diff.parse import parse_draft
from mla_diff.sources import read_bytes

__all__ = [
    "FORMATS",
    "ImportOptions",
    "ImportReport",
    "ImportedDraft",
    "check_date",
    "draft_file_name",
    "import_draft",
    "write_draft",
]

# File extension -> format name.
FORMATS = {
    ".pdf": "PDF",
    ".docx": "Word",
    ".odt": "ODT",
    ".html": "HTML",
    ".htm": "HTML",
    ".xhtml": "HTML",
    ".rtf": "RTF",
    ".txt": "text",
}
_EXTENSION = {"PDF": ".pdf", "Word": ".docx", "ODT": ".odt", "HTML": ".html", "RTF": ".rtf"}


@dataclass(frozen=True)
class ImportedDraft:
    """A draft's text as the parser reads it, the format it came from and what was done to it."""

    text: str
    format: str
    report: ImportReport
    articles: int = 0  # article headings the parser finds in `text`


def import_draft(path: Path, options: ImportOptions | None = None) -> ImportedDraft:
    """Read a draft file of any supported format and return its clean text.

    Raises InputError (one line naming the file and the fix) for missing, unreadable, encrypted,
    scanned, corrupt or mislabelled files, and for files with no text."""
    options = options or ImportOptions()
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"has an extension this tool cannot import ({path.suffix or 'none'})",
            path=str(path),
            hint="use .pdf, .docx, .odt, .html, .rtf or .txt",
        )
    data = read_bytes(path, wanted="a file")
    found = sniff_format(data)
    if found == "Word 97-2003":
        raise InputError(
            "is an old Word 97-2003 file, not .docx",
            path=str(path),
            hint="open it in Word or LibreOffice and save it as .docx",
        )
    if found == "damaged ZIP":
        raise InputError(
            f"is not a readable {fmt} file (damaged archive)",
            path=str(path),
            hint="re-download it or save it again",
        )
    if found is not None and found != fmt and not (fmt == "text" and found == "HTML"):
        raise InputError(
            f"is a {found} file, not {fmt} as its extension says",
            path=str(path),
            hint=f"rename it to {_EXTENSION[found]}"
            if found in _EXTENSION
            else "open it and save it as .docx, .odt or .pdf",
        )
    if found is None and fmt in ("PDF", "Word", "ODT", "RTF"):
        raise InputError(
            f"is not a {fmt} file (it does not start like one)",
            path=str(path),
            hint="check that it is the file you meant, or re-download it",
        )
    report = ImportReport()
    try:
        blocks = _read_blocks(fmt, path, data, options, report)
    except (ValueError, IndexError) as exc:
        # A backstop for values the readers do not expect: a damaged file, not a crash.
        raise InputError(
            f"is damaged: {exc}", path=str(path), hint="open it and save it again"
        ) from exc
    text = render_blocks(blocks)
    if not text.strip():
        raise InputError("holds no text", path=str(path), hint="check that it is the right file")
    articles = len(parse_draft(text).articles)
    if not articles:
        report.doubt("the parser finds no article headings in the imported text")
    return ImportedDraft(text, fmt, report, articles)


_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_INSTRUMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def check_date(value: str) -> str:
    """A draft's date as YYYY-MM-DD or YYYY-MM, checked against the calendar."""
    match = _DATE.match(value)
    try:
        if match is None:
            raise ValueError(value)
        calendar_date(int(match[1]), int(match[2]), int(match[3] or 1))
    except ValueError as exc:
        raise InputError(
            f"date {value!r} is not a calendar date", hint="write it as YYYY-MM-DD or YYYY-MM"
        ) from exc
    return value


def check_instrument(name: str) -> str:
    """An instrument's folder name: letters, digits, dots, dashes and underscores."""
    if not _INSTRUMENT.match(name) or name in (".", ".."):
        raise InputError(
            f"instrument name {name!r} cannot be a folder name",
            hint="use letters, digits and dashes, e.g. mla-convention",
        )
    return name


def slugify(label: str) -> str:
    """A file-name form of a label: "Revised draft (Jan 2020)" -> "revised-draft-jan-2020"."""
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_label.lower()).strip("-")
    return slug[:60].rstrip("-") or "draft"


def draft_file_name(date: str, label: str) -> str:
    """drafts/NAME/<date>_<slug>.txt's file name."""
    return f"{check_date(date)}_{slugify(label)}.txt"


def write_draft(path: Path, text: str) -> None:
    """Write an imported draft as UTF-8 with LF line ends, replacing any file there (the caller
    decides whether one may be replaced)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise OutputError(
            f"cannot be written ({exc.strerror})", path=str(path), hint="check the folder"
        ) from exc


def _read_blocks(
    fmt: str, path: Path, data: bytes, options: ImportOptions, report: ImportReport
) -> list[Block]:
    # Each reader imports its library only when its format is asked for.
    if fmt == "PDF":
        from mla_diff.importers.pdf import read_pdf  # noqa: PLC0415

        return read_pdf(data, str(path), report)
    if fmt == "Word":
        from mla_diff.importers.word import read_docx  # noqa: PLC0415

        return read_docx(data, str(path), options, report)
    if fmt == "ODT":
        from mla_diff.importers.odt import read_odt  # noqa: PLC0415

        return read_odt(data, str(path), options, report)
    if fmt == "HTML":
        from mla_diff.importers.html import read_html  # noqa: PLC0415

        return read_html(data, str(path), options, report)
    if fmt == "RTF":
        from mla_diff.importers.rtf import read_rtf  # noqa: PLC0415

        return read_rtf(data, str(path), options, report)
    from mla_diff.importers.text import read_text  # noqa: PLC0415

    return read_text(data, str(path), report)


def sniff_format(data: bytes) -> str | None:
    """The format the bytes themselves show, or None when they show none (plain text)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "PDF"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "Word 97-2003"
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        return "RTF"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    lowered = head.lower().replace(b"\x00", b"")
    if any(tag in lowered for tag in (b"<!doctype html", b"<html", b"<body", b"<head")):
        return "HTML"
    return None


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "Word"
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype == "application/vnd.oasis.opendocument.text":
                    return "ODT"
                return f"OpenDocument ({mimetype.rsplit('.', 1)[-1]})"
    except (zipfile.BadZipFile, OSError, KeyError):
        return "damaged ZIP"
    return "ZIP archive"

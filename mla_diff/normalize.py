"""Text hygiene: decoding, line splitting, quotes, spaces, hyphenation, markdown noise."""

from __future__ import annotations

import re
import unicodedata

from mla_diff.errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Characters that never occur in a text file; one of them means the input is binary.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_text(data: bytes, path: str = "") -> str:
    """Decode a draft's bytes: a BOM decides; else UTF-8; else cp1252. Binary input is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"not valid {encoding} despite its byte-order mark",
                    path=path,
                    hint="re-save the file as UTF-8",
                ) from exc
    if _BINARY_BYTES.search(data[:65536]):
        raise InputError(
            "looks like a binary file, not a plain-text draft",
            path=path,
            hint="convert it first with `mla-diff import` or save it as UTF-8 text",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            "is neither UTF-8 nor cp1252 text", path=path, hint="re-save the file as UTF-8"
        ) from exc


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[tuple[int, int, int]]:
    """(start, end, next) of every line: `end` excludes the line break, `next` includes it.

    CRLF, lone CR and LF all end a line, so offsets stay true to the source."""
    lines: list[tuple[int, int, int]] = []
    pos = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append((pos, match.start(), match.end()))
        pos = match.end()
    if pos < len(text):
        lines.append((pos, len(text), len(text)))
    return lines


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
    }
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")


def clean_line(line: str) -> str:
    """One line as compared: NFC, straight quotes, single spaces, no soft hyphens, no markdown links
    or emphasis marks."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = line.translate(_QUOTES)
    line = _MARKDOWN_LINK.sub(r"\1", line)
    line = _MARKDOWN_EMPHASIS.sub(r"\2", line)
    return _SPACES.sub(" ", line).strip()


_HYPHENATED = re.compile(r"(\w)-$")


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of one paragraph, undoing hyphenation at line ends ("juris-" + "diction")."""
    out = ""
    for line in lines:
        if not line:
            continue
        if not out:
            out = line
        elif _HYPHENATED.search(out) and line[:1].islower():
            out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out

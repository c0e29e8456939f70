"""Text hygiene: decoding, line splitting, quotes, spaces, hyphenation, markdown noise."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container

from mla_diff.errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# Characters that never occur in a text file; one of them means the input is binary.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


# A well-formed multi-byte UTF-8 character.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


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
    except UnicodeDecodeError as exc:
        # Real UTF-8 sequences beside an invalid byte mean a damaged UTF-8 file, not cp1252:
        # decoding it as cp1252 would silently turn every accented letter into two wrong ones.
        if _UTF8_SEQUENCE.search(data):
            line = data.count(b"\n", 0, exc.start) + 1
            raise InputError(
                f"is not valid UTF-8: byte {exc.start} (line {line}) is not part of a character",
                path=path,
                hint="re-save the file as UTF-8",
            ) from exc
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
    if "\r" not in text:
        # Only LF ends a line: splitting at it finds the same breaks as the pattern, faster.
        for line in text.split("\n")[:-1]:
            end = pos + len(line)
            lines.append((pos, end, end + 1))
            pos = end + 1
        if pos < len(text):
            lines.append((pos, len(text), len(text)))
        return lines
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
_CURLY_QUOTE = re.compile("[" + "".join(map(chr, _QUOTES)) + "]")
# Every horizontal space, including the form feed that PDF extraction leaves at page breaks.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# The spaces of `_SPACES` beyond ASCII.
_WIDE_SPACE = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
# Pandoc and other converters escape markdown punctuation: "\[shall\]" is "[shall]".
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")
# A horizontal rule ("---", "* * *", "___") separates; it is no text.
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
# A hyphen before one of these words marks a suspended compound ("pre- and post-trial",
# "Zoll- und Handelsabkommen"): it stays, and so does the space after it.
SUSPENDING = frozenset(
    ("and", "or", "und", "oder", "bzw", "et", "ou", "y", "o", "e", "en", "of", "to", "bis")
)
# PDF extraction joins a hyphenated word's halves with a space: "juris- diction".
_SPLIT_WORD = re.compile(
    rf"(?<![\w-])([^\W\d_]{{2,}})- (?!(?:{'|'.join(sorted(SUSPENDING))})\b)"
    r"(?=([^\W\d_A-Z]{2,}))"
)


def clean_line(line: str) -> str:
    """One line as compared: NFC, straight quotes, single spaces, no soft hyphens, and no markdown
    links, emphasis marks or escapes."""
    if not line.isascii():
        # ASCII text is NFC and holds no soft hyphen, invisible character or curly quote.
        line = _clean_unicode(line)
    if _RULE.match(line):
        return ""
    if "[" in line:
        line = _MARKDOWN_LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _MARKDOWN_EMPHASIS.sub(r"\2", line)
    if "\\" in line:
        line = _MARKDOWN_ESCAPE.sub(r"\1", line)
    if _uneven_spaces(line):
        line = _SPACES.sub(" ", line)
    line = line.strip()
    if "- " in line:
        line = _rejoin_split_words(line)
    return line


def _clean_unicode(line: str) -> str:
    """NFC, no soft hyphens or invisible characters, straight quotes."""
    line = unicodedata.normalize("NFC", line)
    # A soft hyphen ends a line where a word was broken: it becomes a line-end hyphen, which
    # `join_wrapped` weighs like any other. Elsewhere it is invisible and goes.
    soft_end = line.rstrip().endswith("\u00ad")
    line = _INVISIBLE.sub("", line)
    if soft_end and line.rstrip()[-1:].isalpha():
        line = line.rstrip() + "-"
    if _CURLY_QUOTE.search(line):
        line = line.translate(_QUOTES)
    return line


def _uneven_spaces(line: str) -> bool:
    """Whether `_SPACES` would change the line: it holds two spaces in a row or a space other than
    " ". Most lines hold neither, and looking is cheaper than rewriting every space."""
    if "  " in line or "\t" in line or "\f" in line or "\v" in line:
        return True
    return not line.isascii() and bool(_WIDE_SPACE.search(line))


def _rejoin_split_words(line: str) -> str:
    def rejoin(match: re.Match[str]) -> str:
        word = match[1]
        return f"{word}-" if line_end_hyphen(word, match[2]) == "-" else word

    return _SPLIT_WORD.sub(rejoin, line)


# Prefixes that form hyphenated compounds ("non-governmental", "self-defence", "co-operation"):
# a line break after them keeps the hyphen, unless the draft writes the word whole. Short
# syllables that also begin plain words ("ex-tradition", "re-quest", "inter-national") are not
# among them.
_HYPHEN_PREFIXES = frozenset(("co", "cross", "non", "quasi", "self", "well"))


def line_end_hyphen(stem: str, tail: str, known: Container[str] = frozenset()) -> str:
    """What becomes of a hyphen that ends a line after the word `stem`, when the next line starts
    with the word `tail`: "" (a word broken in two: "juris-" + "diction"), "-" (a compound:
    "decision-" + "making", "Euro-" + "Atlantic") or "- " (a suspended compound: "pre-" + "and").

    `known` holds the words and compounds the text writes whole elsewhere, lower-cased: they
    decide first. Both the plain-text parser and the importers join lines with this."""
    if tail.lower() in SUSPENDING:
        return "- "
    joined, compound = f"{stem}{tail}".lower(), f"{stem}-{tail}".lower()
    if compound in known and joined not in known:
        return "-"
    if joined in known:
        return ""
    if tail[:1].isupper() or (len(stem) > 1 and stem.isupper()):
        return "-"  # "Euro-" + "Atlantic", "UN-" + "led"; but "Con-" + "vention" is one word
    return "-" if stem.lower().rsplit("-", 1)[-1] in _HYPHEN_PREFIXES else ""


_LAST_WORD = re.compile(r"([^\W\d_]+)-$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def join_wrapped(lines: list[str], words: frozenset[str] = frozenset()) -> str:
    """Join the lines of one paragraph, undoing hyphenation at line ends ("juris-" + "diction").

    `words` (see `hyphenation_words`) are the draft's own spellings: when it writes
    "decision-making" elsewhere the hyphen stays, when it writes "jurisdiction" it goes."""
    parts: list[str] = []
    for line in lines:
        if not line:
            continue
        if not parts:
            parts.append(line)
            continue
        previous = parts[-1]
        # Only the tail is searched, so a long line costs no more than a short one.
        hyphen = _LAST_WORD.search(previous[-64:]) if previous.endswith("-") else None
        tail = _FIRST_WORD.match(line) if hyphen else None
        if hyphen and tail:
            joint = line_end_hyphen(hyphen[1], tail[0], words)
            parts[-1] = previous[:-1]
            parts.append(joint)
        else:
            parts.append(" ")
        parts.append(line)
    return "".join(parts)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_HYPHEN_AT_END = re.compile(r"-[ \t]*(?:\r\n|\r|\n)")
_WORD_HYPHEN_AT_END = re.compile(r"\w-[ \t]*(?:\r\n|\r|\n)")


def _has_line_end_hyphen(text: str) -> bool:
    """Whether a line ends with a hyphen after a word character ("juris-"). A hyphen before a line
    break is looked for first: a pattern that opens with a literal is found fast, and most texts
    have none. The full pattern is then searched from just before that hyphen."""
    hyphen = _HYPHEN_AT_END.search(text)
    if hyphen is None:
        return False
    return _WORD_HYPHEN_AT_END.search(text, max(0, hyphen.start() - 1)) is not None


def hyphenation_words(text: str) -> frozenset[str]:
    """The words and hyphenated compounds a draft writes whole on a line, lower-cased: the evidence
    `join_wrapped` weighs when a line ends with a hyphen. Empty when no line does."""
    if not _has_line_end_hyphen(text):
        return frozenset()
    found: set[str] = set()
    for word in _WORD.findall(text):
        found.add(word.lower())
        if "-" in word:
            found.update(part.lower() for part in word.split("-"))
    return frozenset(found)

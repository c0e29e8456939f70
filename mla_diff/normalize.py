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
# Every horizontal space, including the form feed that PDF extraction leaves at page breaks.
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_MARKDOWN_LINK = re.compile(r"\[([^\[\]\n]*)\]\([^()\s]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
# Pandoc and other converters escape markdown punctuation: "\[shall\]" is "[shall]".
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")
# A horizontal rule ("---", "* * *", "___") separates; it is no text.
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
# PDF extraction joins a hyphenated word's halves with a space: "juris- diction". A hyphen before
# "and"/"or" is a suspended compound ("pre- and post-trial") and stays.
_SPLIT_WORD = re.compile(
    r"(?<![\w-])([^\W\d_]{2,})- (?!(?:and|or|und|oder|et|ou|y|o|e|en|of|to|bis)\b)"
    r"(?=[^\W\d_A-Z]{2,})"
)


def clean_line(line: str) -> str:
    """One line as compared: NFC, straight quotes, single spaces, no soft hyphens, and no markdown
    links, emphasis marks or escapes."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = line.translate(_QUOTES)
    if _RULE.match(line):
        return ""
    if "[" in line:
        line = _MARKDOWN_LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _MARKDOWN_EMPHASIS.sub(r"\2", line)
    if "\\" in line:
        line = _MARKDOWN_ESCAPE.sub(r"\1", line)
    line = _SPACES.sub(" ", line).strip()
    if "- " in line:
        line = _rejoin_split_words(line)
    return line


def _rejoin_split_words(line: str) -> str:
    def rejoin(match: re.Match[str]) -> str:
        word = match[1]
        return f"{word}-" if _keeps_hyphen(word) else word

    return _SPLIT_WORD.sub(rejoin, line)


# Prefixes that form hyphenated compounds ("co-operation", "non-governmental", "self-defence"):
# a line break after them keeps the hyphen.
_HYPHEN_PREFIXES = frozenset(
    (
        *("anti", "co", "cross", "ex", "extra", "inter", "intra", "multi", "non", "post", "pre"),
        *("pro", "quasi", "re", "self", "semi", "sub", "super", "trans", "ultra", "vice", "well"),
    )
)


def _keeps_hyphen(word: str) -> bool:
    """Whether "word-" at a line end is a compound's hyphen rather than a hyphenation."""
    return word[:1].isupper() or word.lower() in _HYPHEN_PREFIXES


_LAST_WORD = re.compile(r"([^\W\d_]+)-$")


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
        if hyphen and line[:1].isalpha() and _drops_hyphen(hyphen[1], line, words):
            parts[-1] = previous[:-1]
            parts.append(line)
        elif hyphen and line[:1].isalpha():
            parts.append(line)
        else:
            parts.append(" ")
            parts.append(line)
    return "".join(parts)


_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _drops_hyphen(before: str, line: str, words: frozenset[str]) -> bool:
    after = _FIRST_WORD.match(line)
    if words and after:
        joined = f"{before}{after[0]}".lower()
        hyphenated = f"{before}-{after[0]}".lower()
        if hyphenated in words and joined not in words:
            return False
        if joined in words:
            return True
    return line[:1].islower() and not _keeps_hyphen(before)


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def hyphenation_words(text: str) -> frozenset[str]:
    """The words and hyphenated compounds a draft writes whole on a line, lower-cased: the evidence
    `join_wrapped` weighs when a line ends with a hyphen. Empty when no line does."""
    if not re.search(r"\w-[ \t]*(?:\r\n|\r|\n)", text):
        return frozenset()
    found: set[str] = set()
    for word in _WORD.findall(text):
        found.add(word.lower())
        if "-" in word:
            found.update(part.lower() for part in word.split("-"))
    return frozenset(found)


def collapse_key(line: str) -> str:
    """A line reduced to what repeats on every page: lower case, digits as #, single spaces."""
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))

"""A provision's body: notes set apart, paragraphs and sub-paragraphs with labels and roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from mla_diff.model import roman_to_int

# A paragraph label at the start of a line, then a space: "1.", "(1)", "1)", "1.2", "(a)", "a)",
# "a.", "(i)", "iv.", "(A)", "A.", bullets.
_LABEL = re.compile(
    r"^(?P<label>\((?:\d{1,3}[a-z]?|[a-z]{1,4}|[A-Z]{1,4})\)"
    r"|\d{1,3}(?:\.\d{1,3})+\.?"
    r"|\d{1,3}[a-z]?[.)]"
    r"|[a-z]{1,2}[.)]|[ivxlc]{1,6}[.)]"
    r"|[A-Z][.)]|[IVXLC]{1,6}[.)]"
    r"|[-–—•·▪◦*])(?=\s|$|(?<=[.)])[\"'])\s*"
)

_SENTENCE_END = re.compile(r"[.:;!?][\"')\]]*$")
_TERMINAL = re.compile(r"[.!?][\"')\]]*$")


@dataclass(frozen=True)
class BodyLine:
    """One cleaned line of a provision's body."""

    text: str
    line: int  # 1-based line number in the source
    soft: bool = False  # a blank that only separates text from page furniture
    after_break: bool = False  # the first line after page furniture


@dataclass
class ParagraphLines:
    """A paragraph before its lines are joined: the caller joins them (hyphenation is hygiene)."""

    label: str
    lines: list[str]
    line: int
    depth: int = 0
    role: str = "text"
    after_list: bool = field(default=False, repr=False)


def split_inline_paragraphs(text: str) -> list[str]:
    """Split a line that runs several numbered paragraphs or lettered items together, as in
    "1. The Union ... 2. The Council ..." or "as follows: (a) ...; (b) ...". Numbers and letters
    must follow each other, so a cross-reference ("paragraph 1. 3.") never splits a line."""
    pieces = _split_numbers(text)
    out: list[str] = []
    for piece in pieces:
        out += _split_letters(piece)
    return out


_NUMBER_START = re.compile(r"^(\(?)(\d{1,3})([.)])\s")
# Where the next numbered paragraph starts on the same line, by the first one's label form ("1.",
# "1)", "(1." or "(1)"); group 1 is its number.
_NEXT_NUMBER = {
    (opening, closing): re.compile(
        rf"[.;:]\s+(?={re.escape(opening)}(\d{{1,3}}){re.escape(closing)}\s+[A-Z\"'(\[])"
    )
    for opening in ("", "(")
    for closing in ".)"
}


def _split_numbers(text: str) -> list[str]:
    start = _NUMBER_START.match(text)
    if not start:
        return [text]
    number = int(start[2])
    cuts: list[int] = []
    expected = number + 1
    for match in _NEXT_NUMBER[start[1], start[3]].finditer(text):
        if int(match[1]) == expected:
            cuts.append(match.end())
            expected += 1
    return _cut(text, cuts)


_LETTER_OPEN = re.compile(r":\s+(?=\(a\)\s|a\)\s)")
# Where the next lettered item starts ("; (b) ", ", and b) "), by the form of "(a)" or "a)";
# group 1 is its letter.
_NEXT_LETTER = {
    paren: re.compile(
        r"[;,.]\s+(?:(?:and|or|et|ou|y|o|und|oder|en|of)\s+)?(?="
        + (r"\(([a-z]{1,2})\)\s" if paren else r"([a-z]{1,2})\)\s")
        + ")"
    )
    for paren in (True, False)
}


def _split_letters(text: str) -> list[str]:
    first = _LETTER_OPEN.search(text)
    if not first:
        return [text]
    paren = text[first.end()] == "("
    cuts = [first.end()]
    expected = "b"
    for match in _NEXT_LETTER[paren].finditer(text, first.end()):
        if match[1] == expected:
            cuts.append(match.end())
            expected = _next_letter(expected)
    return _cut(text, cuts) if len(cuts) >= 2 else [text]


def _cut(text: str, cuts: list[int]) -> list[str]:
    bounds = [0, *cuts, len(text)]
    pieces = (text[a:b].strip() for a, b in pairwise(bounds))
    return [piece for piece in pieces if piece]


def group_paragraphs(body: list[BodyLine], wrap: int = 0) -> list[ParagraphLines]:
    """Paragraphs from lines: a label or a blank line starts one; an unlabelled line continues the
    paragraph unless it plainly starts a new one (see `_continues`). `wrap` is the width at which
    the text was hard-wrapped, 0 when every paragraph is one line."""
    paragraphs: list[ParagraphLines] = []
    blank_before = True
    previous = ""
    for line in body:
        if not line.text:
            if not line.soft:
                blank_before = True
            continue
        for index, text in enumerate(split_inline_paragraphs(line.text)):
            match = _LABEL.match(text)
            if match and (
                match["label"] not in "-–—*" or blank_before or index or _is_list(previous)
            ):
                paragraphs.append(ParagraphLines(match["label"], [text[match.end() :]], line.line))
            elif (
                not paragraphs
                or index
                or blank_before
                or not _continues(previous, text, line, wrap)
            ):
                paragraphs.append(ParagraphLines("", [text], line.line))
            else:
                paragraphs[-1].lines.append(text)
            previous = text
            blank_before = False
    return _assign_depths(paragraphs)


def _is_list(previous: str) -> bool:
    return previous.endswith((":", ";")) or bool(_LABEL.match(previous))


def _continues(previous: str, text: str, line: BodyLine, wrap: int) -> bool:
    """Whether an unlabelled line carries on the paragraph above it."""
    if text[:1].islower() or not _SENTENCE_END.search(previous):
        return True
    if line.after_break or wrap:
        # In wrapped text a full line may end a sentence mid-paragraph; a short one ends the
        # paragraph.
        full = wrap > 0 and len(previous) >= 0.85 * wrap
        return full and not previous.endswith(":")
    return False


@dataclass
class _Level:
    style: tuple[str, str] | None  # (kind, form); None for an unlabelled opening paragraph
    last: str = ""
    chapeau: bool = False


def _assign_depths(paragraphs: list[ParagraphLines]) -> list[ParagraphLines]:
    """Depth by label style, in the order styles appear: the first style is depth 0, a new style
    nests under the paragraph before it, a known style returns to its level."""
    levels: list[_Level] = []
    for i, paragraph in enumerate(paragraphs):
        previous = paragraphs[i - 1] if i else None
        if not paragraph.label:
            if previous is not None and previous.label and previous.depth >= 1:
                paragraph.depth = previous.depth - 1
                paragraph.role = "tail"
                del levels[paragraph.depth + 1 :]
            elif previous is not None:
                paragraph.depth = previous.depth
            if not levels:
                levels.append(_Level(None, chapeau=not _TERMINAL.search(paragraph.lines[-1])))
            continue
        style, core = _style(paragraph.label, levels)
        known = [n for n, level in enumerate(levels) if level.style == style]
        if known:
            depth = known[-1]
            del levels[depth + 1 :]
        elif levels and levels[-1].style is None and not levels[-1].chapeau:
            levels[-1] = _Level(style)
            depth = len(levels) - 1
        else:
            levels.append(_Level(style))
            depth = len(levels) - 1
        levels[depth].last = core
        paragraph.depth = depth
    for i, paragraph in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        if following is not None and following.depth > paragraph.depth:
            paragraph.role = "chapeau"
        elif paragraph.label and paragraph.depth >= 1:
            paragraph.role = "item"
    return paragraphs


_DECIMAL = re.compile(r"\d+(?:\.\d+)+\.?")


def _style(label: str, levels: list[_Level]) -> tuple[tuple[str, str], str]:
    """A label's style (kind, form) and its core ("iv" of "(iv)")."""
    if label in ("-", "–", "—", "•", "·", "▪", "◦", "*"):
        return ("bullet", label), label
    if label.startswith("("):
        form, core = "paren", label[1:-1]
    elif label[-1] in ".)" and not _DECIMAL.fullmatch(label):
        form, core = label[-1], label[:-1]
    else:
        return ("decimal", str(label.rstrip(".").count("."))), label.rstrip(".")
    if core[:1].isdigit():
        return ("number", form), core
    upper = core.isupper()
    kinds = ("upper", "roman-upper") if upper else ("letter", "roman")
    letter_ok = len(core) == 1 or core == core[0] * len(core)
    roman_ok = roman_to_int(core) is not None and _is_roman(core.lower())
    if not roman_ok:
        return (kinds[0], form), core
    if not letter_ok:
        return (kinds[1], form), core
    for level in reversed(levels):
        if level.style == (kinds[0], form) and _next_letter(level.last) == core:
            return (kinds[0], form), core
        if level.style == (kinds[1], form) and _roman_follows(level.last, core):
            return (kinds[1], form), core
    # A list opens with "(a)" or "(i)": a lone "(i)" is a Roman one, a lone "(v)" a letter.
    if core.lower() == "i":
        return (kinds[1], form), core
    return (kinds[0], form), core


_ROMAN_FORM = re.compile(r"^m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def _is_roman(core: str) -> bool:
    return bool(core) and bool(_ROMAN_FORM.match(core))


def _roman_follows(last: str, core: str) -> bool:
    a, b = roman_to_int(last), roman_to_int(core)
    return a is not None and b is not None and b == a + 1


def _next_letter(letter: str) -> str:
    """ "a" -> "b", "z" -> "aa", "aa" -> "bb"."""
    if not letter or not letter.isalpha():
        return ""
    ch = letter[0]
    if ch in "zZ":
        return ("a" if ch == "z" else "A") * (len(letter) + 1)
    return chr(ord(ch) + 1) * len(letter)

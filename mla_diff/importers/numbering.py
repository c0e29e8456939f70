"""Numbers that word processors generate (1., (a), iv, Article 3): counters and their formats."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from mla_diff.importers.package import int_attribute

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_CARDINALS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
]
_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]


def to_roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def to_letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa, 28 -> bb: Word's and LibreOffice's lettering."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter in a Word numFmt ("decimal", "lowerLetter", ...) or an ODF num-format ("1",
    "a", "A", "i", "I")."""
    if fmt in ("lowerLetter", "a"):
        return to_letters(n)
    if fmt in ("upperLetter", "A"):
        return to_letters(n).upper()
    if fmt in ("lowerRoman", "i"):
        return to_roman(n)
    if fmt in ("upperRoman", "I"):
        return to_roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if fmt == "cardinalText" and n < len(_CARDINALS):
        return _CARDINALS[n].capitalize()
    if fmt == "ordinalText" and n < len(_ORDINALS):
        return _ORDINALS[n].capitalize()
    if fmt in ("none", ""):
        return ""
    return str(n)


# The largest start value Word accepts for a list level.
_MAX_START = 32767


@dataclass
class Level:
    """One level of a Word list: "%1." in decimal from 1, restarting after the level above."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: 0 never, n after level n (1-based), None default
    legal: bool = False  # w:isLgl: every number in the label written in decimal
    suffix: str = "tab"
    style: str = ""  # w:pStyle: a paragraph style linked to this level


@dataclass
class WordNumbering:
    """numbering.xml: abstract lists, their instances, and the counters as a document runs."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    unknown_formats: set[str] = field(default_factory=set)

    @classmethod
    def from_xml(cls, root: Element | None, w: str) -> WordNumbering:
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.findall(f"{w}abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in abstract.findall(f"{w}lvl"):
                levels[int_attribute(lvl.get(f"{w}ilvl"), 0, 0, 9, "w:lvl w:ilvl")] = _level(lvl, w)
            numbering.abstract[abstract.get(f"{w}abstractNumId", "")] = levels
        for num in root.findall(f"{w}num"):
            ref = num.find(f"{w}abstractNumId")
            overrides: dict[int, int] = {}
            for override in num.findall(f"{w}lvlOverride"):
                start = override.find(f"{w}startOverride")
                if start is not None:
                    ilvl = int_attribute(override.get(f"{w}ilvl"), 0, 0, 9, "w:lvlOverride w:ilvl")
                    overrides[ilvl] = int_attribute(
                        start.get(f"{w}val"), 1, 0, _MAX_START, "w:startOverride w:val"
                    )
            if ref is not None:
                numbering.instances[num.get(f"{w}numId", "")] = (ref.get(f"{w}val", ""), overrides)
        return numbering

    def level_for_style(self, num_id: str, style: str) -> int | None:
        """The level of list `num_id` that paragraph style `style` is linked to."""
        abstract_id = self.instances.get(num_id, ("", {}))[0]
        for ilvl, level in self.abstract.get(abstract_id, {}).items():
            if level.style == style:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Advance list `num_id` at level `ilvl`; return (label, suffix) as Word would show
        them, or ("", "") for a paragraph that is not numbered."""
        if num_id in ("", "0") or num_id not in self.instances:
            return "", ""
        abstract_id, overrides = self.instances[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl not in levels:
            return "", ""
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            # A list instance with start overrides restarts its levels the first time it is used.
            self.started.add(num_id)
            for level_index, start in overrides.items():
                counters[level_index] = start - 1
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper, deeper_level in levels.items():
            if deeper <= ilvl:
                continue
            restart = deeper_level.restart
            if restart is None or (restart and ilvl <= restart - 1):
                counters.pop(deeper, None)
        if level.fmt == "bullet":
            return level.text, level.suffix

        def number(match: re.Match[str]) -> str:
            index = int(match[1]) - 1
            shown = levels.get(index, Level())
            value = counters.get(index, shown.start)
            fmt = "decimal" if level.legal and index != ilvl else shown.fmt
            if fmt not in _KNOWN_FORMATS:
                self.unknown_formats.add(fmt)
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", number, level.text), level.suffix


_KNOWN_FORMATS = frozenset(
    {
        "decimal",
        "lowerLetter",
        "upperLetter",
        "lowerRoman",
        "upperRoman",
        "decimalZero",
        "ordinal",
        "cardinalText",
        "ordinalText",
        "none",
        "bullet",
    }
)


def _level(lvl: Element, w: str) -> Level:
    def val(tag: str, default: str = "") -> str:
        found = lvl.find(f"{w}{tag}")
        return found.get(f"{w}val", default) if found is not None else default

    legal = lvl.find(f"{w}isLgl")
    restart = val("lvlRestart")
    return Level(
        start=int_attribute(val("start"), 1, 0, _MAX_START, "w:start w:val"),
        fmt=val("numFmt", "decimal"),
        text=val("lvlText", ""),
        restart=int(restart) if restart.isdecimal() else None,
        legal=legal is not None and legal.get(f"{w}val", "true") not in ("false", "0"),
        suffix=val("suff", "tab"),
        style=val("pStyle"),
    )

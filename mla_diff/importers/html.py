"""HTML -> blocks: block elements as paragraphs, list numbers written out, no scripts or styles."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from mla_diff.importers.cleanup import LABEL, Block, ImportReport, numbered_blocks
from mla_diff.importers.marks import ImportOptions, MarkedText
from mla_diff.importers.numbering import format_number
from mla_diff.normalize import decode_text

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Elements whose content is never draft text; counted in the report by these names.
_SKIPPED = {
    "script": "script",
    "style": "style sheet",
    "noscript": "noscript block",
    "template": "template",
    "svg": "drawing",
    "head": "",
    "nav": "navigation block",
    "button": "button",
    "select": "form control",
    "iframe": "embedded frame",
    "object": "embedded object",
    "canvas": "drawing",
}
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_LIST_TYPES = {
    "1": "1",
    "a": "a",
    "A": "A",
    "i": "i",
    "I": "I",
    "decimal": "1",
    "lower-alpha": "a",
    "lower-latin": "a",
    "upper-alpha": "A",
    "upper-latin": "A",
    "lower-roman": "i",
    "upper-roman": "I",
    "none": "",
    "disc": "•",
    "circle": "•",
    "square": "•",
}
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([\w-]+)", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, path: str) -> str:
    """A BOM decides; then a <meta> charset that decodes the bytes; then UTF-8, else cp1252."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared[1].decode("ascii", "replace")
            try:
                codec = codecs.lookup(name).name
                if codec not in ("utf-8", "cp1252", "latin-1", "iso8859-1"):
                    return data.decode(codec)
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common; fall back to what the bytes say
    return decode_text(data, path)


@dataclass
class _List:
    kind: str  # "1", "a", "A", "i", "I", "•" or "" for none
    next: int


class _Reader(HTMLParser):
    def __init__(self, options: ImportOptions, report: ImportReport) -> None:
        super().__init__(convert_charrefs=True)
        self.options = options
        self.report = report
        self.paragraphs: list[tuple[str, str]] = []  # (generated label, text)
        self.current = MarkedText(options.show_changes, options.keep_marks)
        self.label = ""
        self.skip: list[str] = []  # open elements whose content is skipped
        self.pre = 0
        self.changes: list[str] = []  # open del/ins
        self.styles: list[str] = []  # open s/strike/u
        self.lists: list[_List] = []

    def flush(self) -> None:
        text = self.current.text()
        if not self.pre:
            text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", "\n", text).strip()
        if text.strip() or self.label:
            label = self.label
            if label and LABEL.match(text):
                label = ""  # the page already writes its numbers
            self.paragraphs.append((label, text))
            self.label = ""
        self.current = MarkedText(self.options.show_changes, self.options.keep_marks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if self.skip:
            if tag not in _VOID:
                self.skip.append(tag)
            if _SKIPPED.get(tag):
                self.report.add("removed", _SKIPPED[tag])
            return
        hidden = "hidden" in values or _HIDDEN_STYLE.search(values.get("style", ""))
        if tag in _SKIPPED or hidden:
            if tag not in _VOID:
                self.skip.append(tag)
            noun = "hidden element" if hidden else _SKIPPED[tag]
            if noun:
                self.report.add("removed", noun)
            return
        if tag == "br":
            self.current.add("\n", *self.marks())
            return
        if tag in _BLOCKS:
            self.flush()
        if tag == "table":
            self.report.add("flattened", "table")
        if tag == "pre":
            self.pre += 1
        if tag in ("ol", "ul"):
            style = _LIST_STYLE.search(values.get("style", ""))
            kind = _LIST_TYPES.get(style[1].lower() if style else values.get("type", ""), "")
            if not style and "type" not in values:
                kind = "1" if tag == "ol" else "•"
            start = int(values["start"]) if values.get("start", "").isdecimal() else 1
            self.lists.append(_List(kind, start))
        if tag == "li" and self.lists:
            current = self.lists[-1]
            if values.get("value", "").isdecimal():
                current.next = int(values["value"])
            if current.kind == "•":
                self.label = "•"
            elif current.kind:
                self.label = format_number(current.next, current.kind) + "."
            current.next += 1
        if tag in ("del", "ins"):
            self.changes.append(tag)
            self.report.add("marked" if self.options.show_changes else "accepted", _NOUN[tag])
        if tag in ("s", "strike", "u"):
            self.styles.append("underline" if tag == "u" else "strike")

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in ("del", "ins") and tag in self.changes:
            self.changes.remove(tag)
        if tag in ("s", "strike", "u") and self.styles:
            self.styles.pop()
        if tag in _BLOCKS:
            self.flush()
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in ("ol", "ul") and self.lists:
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.pre:
            data = re.sub(r"\s+", " ", data)
        self.current.add(data, *self.marks())

    def marks(self) -> tuple[str, str]:
        change = self.changes[-1] if self.changes else ""
        return change, self.styles[-1] if self.styles else ""


_NOUN = {"del": "deletion", "ins": "insertion"}


def read_html(data: bytes, path: str, options: ImportOptions, report: ImportReport) -> list[Block]:
    """The blocks of an HTML page, in document order."""
    reader = _Reader(options, report)
    reader.feed(decode_html(data, path))
    reader.close()
    reader.flush()
    return numbered_blocks([(label, text, ()) for label, text in reader.paragraphs], report)

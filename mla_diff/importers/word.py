"""Word .docx -> blocks: paragraphs and tables, generated numbers, tracked changes, footnotes.

Read as ZIP and XML with the standard library: the numbering, the revisions (w:ins, w:del) and
the strike-through and underline a negotiating text relies on live in the XML, which a document
object model (python-docx) does not expose."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from mla_diff.errors import InputError
from mla_diff.importers.cleanup import Block, ImportReport, numbered_blocks
from mla_diff.importers.marks import ImportOptions, MarkedText
from mla_diff.importers.numbering import WordNumbering
from mla_diff.importers.package import open_package, read_xml_part

_FALSE = ("false", "0", "off", "none")


@dataclass
class _Paragraph:
    label: str
    text: str
    notes: list[str] = field(default_factory=list)


class _DocxReader:
    def __init__(
        self,
        w: str,
        numbering: WordNumbering,
        styles: dict[str, tuple[str, str, str]],
        footnotes: dict[str, Element],
        show_changes: bool,
        keep_marks: bool,
        report: ImportReport,
    ) -> None:
        self.w = w
        self.numbering = numbering
        self.styles = styles  # styleId -> (basedOn, numId, ilvl)
        self.footnotes = footnotes
        self.show_changes = show_changes
        self.keep_marks = keep_marks
        self.report = report
        self.paragraphs: list[_Paragraph] = []
        self.note_count = 0
        self.carry = ""  # text of a paragraph whose mark was deleted, joined to the next

    # --- body ---

    def read_body(self, body: Element) -> None:
        for child in body:
            tag = child.tag.removeprefix(self.w)
            if tag == "p":
                self.read_paragraph(child)
            elif tag == "tbl":
                self.read_table(child)
            elif tag in ("sdt", "customXml"):
                content = child.find(f"{self.w}sdtContent")
                self.read_body(content if content is not None else child)
            elif tag == "altChunk":
                self.report.doubt("an embedded document (altChunk) was skipped")
        if self.carry:
            self.paragraphs.append(_Paragraph("", self.carry))
            self.carry = ""

    def read_table(self, table: Element) -> None:
        self.report.add("flattened", "table")
        for row in table.findall(f"{self.w}tr"):
            for cell in row.findall(f"{self.w}tc"):
                self.read_body(cell)

    def read_paragraph(self, p: Element) -> None:
        w = self.w
        ppr = p.find(f"{w}pPr")
        marked = MarkedText(self.show_changes, self.keep_marks)
        notes: list[str] = []
        self.read_runs(p, marked, "", notes)
        text = marked.text()
        mark_deleted = ppr is not None and ppr.find(f"{w}rPr/{w}del") is not None
        whole_deleted = mark_deleted and marked.only_deleted()
        label, suffix = ("", "")
        if not (whole_deleted and not self.show_changes):
            label, suffix = self.numbering.next_label(*self.num_ref(ppr))
        if suffix == "nothing":
            text = label + text
            label = ""
        if mark_deleted and not self.show_changes:
            # Accepting the deletion of a paragraph mark joins this paragraph to the next.
            self.carry = f"{self.carry} {label} {text}".strip() if (label or text) else self.carry
            self.report.add("accepted", "deleted paragraph break")
            return
        if self.carry:
            text = f"{self.carry} {text}".strip() if not label else text
            if label:
                self.paragraphs.append(_Paragraph("", self.carry))
            self.carry = ""
        if text.strip() or label:
            self.paragraphs.append(_Paragraph(label, text, notes))
        elif notes:
            self.paragraphs.append(_Paragraph("", "", notes))

    def num_ref(self, ppr: Element | None) -> tuple[str, int]:
        """(numId, ilvl) from the paragraph's properties or its style chain."""
        w = self.w
        num_id, ilvl = "", -1
        style = ""
        if ppr is not None:
            num_pr = ppr.find(f"{w}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{w}numId"), w)
                level = _val(num_pr.find(f"{w}ilvl"), w)
                ilvl = int(level) if level.isdecimal() else -1
            style = _val(ppr.find(f"{w}pStyle"), w)
        seen: set[str] = set()
        while style and style not in seen and (not num_id or ilvl < 0):
            seen.add(style)
            based_on, style_num, style_level = self.styles.get(style, ("", "", ""))
            if not num_id and style_num:
                num_id = style_num
                if ilvl < 0 and style_level.isdecimal():
                    ilvl = int(style_level)
                if ilvl < 0:
                    linked = self.numbering.level_for_style(num_id, style)
                    ilvl = linked if linked is not None else -1
            style = based_on
        return num_id, max(ilvl, 0)

    # --- runs ---

    def read_runs(self, node: Element, marked: MarkedText, change: str, notes: list[str]) -> None:
        w = self.w
        for child in node:
            tag = child.tag.removeprefix(w)
            if tag == "r":
                self.read_run(child, marked, change, notes)
            elif tag in ("ins", "moveTo"):
                self.report.add("accepted" if not self.show_changes else "marked", "insertion")
                self.read_runs(child, marked, "ins", notes)
            elif tag in ("del", "moveFrom"):
                self.report.add("accepted" if not self.show_changes else "marked", "deletion")
                self.read_runs(child, marked, "del", notes)
            elif (
                tag in ("hyperlink", "smartTag", "customXml", "fldSimple", "bdo", "dir", "sdt")
                or tag == "sdtContent"
            ):
                self.read_runs(child, marked, change, notes)
            elif child.tag.endswith("}oMath") or child.tag.endswith("}oMathPara"):
                maths = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
                marked.add(maths, change)

    def read_run(self, run: Element, marked: MarkedText, change: str, notes: list[str]) -> None:
        w = self.w
        rpr = run.find(f"{w}rPr")
        style = ""
        if rpr is not None:
            if _on(rpr.find(f"{w}vanish"), w):
                self.report.add("skipped", "hidden run")
                return
            if _on(rpr.find(f"{w}strike"), w) or _on(rpr.find(f"{w}dstrike"), w):
                style = "strike"
            underline = rpr.find(f"{w}u")
            if underline is not None and underline.get(f"{w}val", "single") not in _FALSE:
                style = style or "underline"
        for child in run:
            tag = child.tag.removeprefix(w)
            if tag in ("t", "delText"):
                marked.add(child.text or "", change, style)
            elif tag in ("tab", "ptab"):
                marked.add(" ", change, style)
            elif tag in ("br", "cr"):
                if child.get(f"{w}type", "textWrapping") == "textWrapping":
                    marked.add("\n", change, style)
            elif tag == "noBreakHyphen":
                marked.add("-", change, style)
            elif tag == "sym":
                code = child.get(f"{w}char", "")
                marked.add(_symbol(code), change, style)
            elif tag in ("footnoteReference", "endnoteReference"):
                self.note_count += 1
                marked.add(f"[^{self.note_count}]", change, "")
                body = self.footnotes.get(f"{tag[:-9]}:{child.get(f'{w}id', '')}")
                if body is not None:
                    notes.append(f"[^{self.note_count}]: {self.note_text(body)}")
                    self.report.add("set apart", "footnote")
            elif tag == "fldChar":
                marked.field(child.get(f"{w}fldCharType", ""))
            elif tag in ("drawing", "pict") and any(
                e.tag.endswith("}txbxContent") for e in child.iter()
            ):
                self.report.doubt("a text box was skipped")

    def note_text(self, note: Element) -> str:
        parts: list[str] = []
        for p in note.findall(f"{self.w}p"):
            marked = MarkedText(self.show_changes, self.keep_marks)
            self.read_runs(p, marked, "", [])
            parts.append(marked.text().strip())
        return " ".join(part for part in parts if part)


def _val(element: Element | None, w: str) -> str:
    return element.get(f"{w}val", "") if element is not None else ""


def _on(element: Element | None, w: str) -> bool:
    return element is not None and element.get(f"{w}val", "true") not in _FALSE


def _symbol(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    # Symbol-font codes live in the private-use area from F000; F0B7 is the common bullet.
    return chr(value)


def read_docx(data: bytes, path: str, options: ImportOptions, report: ImportReport) -> list[Block]:
    """The blocks of a Word document: body paragraphs and table cells in order."""
    with open_package(data, path, "Word") as archive:
        document = read_xml_part(archive, "word/document.xml", path)
        if document is None:
            raise InputError("has no word/document.xml", path=path, hint="save it again in Word")
        w = document.tag.split("}")[0] + "}" if document.tag.startswith("{") else ""
        numbering = WordNumbering.from_xml(read_xml_part(archive, "word/numbering.xml", path), w)
        styles = _styles(read_xml_part(archive, "word/styles.xml", path), w)
        footnotes: dict[str, Element] = {}
        for part, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
            root = read_xml_part(archive, part, path)
            for note in root.findall(f"{w}{kind}") if root is not None else []:
                if note.get(f"{w}type", "normal") == "normal":
                    footnotes[f"{kind}:{note.get(f'{w}id', '')}"] = note
    body = document.find(f"{w}body")
    if body is None:
        raise InputError("has no document body", path=path, hint="save it again in Word")
    reader = _DocxReader(
        w, numbering, styles, footnotes, options.show_changes, options.keep_marks, report
    )
    reader.read_body(body)
    if numbering.unknown_formats:
        formats = ", ".join(sorted(numbering.unknown_formats))
        report.doubt(f"list numbers in formats {formats} were written as 1, 2, 3")
    sample = "\n".join(f"{p.label} {p.text}" for p in reader.paragraphs)
    paragraphs = [(p.label, p.text, p.notes) for p in reader.paragraphs]
    return numbered_blocks(paragraphs, report, sample)


def _styles(root: Element | None, w: str) -> dict[str, tuple[str, str, str]]:
    """styleId -> (basedOn, numId, ilvl) for paragraph styles."""
    styles: dict[str, tuple[str, str, str]] = {}
    if root is None:
        return styles
    for style in root.findall(f"{w}style"):
        num_pr = style.find(f"{w}pPr/{w}numPr")
        styles[style.get(f"{w}styleId", "")] = (
            _val(style.find(f"{w}basedOn"), w),
            _val(num_pr.find(f"{w}numId"), w) if num_pr is not None else "",
            _val(num_pr.find(f"{w}ilvl"), w) if num_pr is not None else "",
        )
    return styles

"""OpenDocument .odt -> blocks: headings, paragraphs, lists with their numbers, tables, changes."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from mla_diff.errors import InputError
from mla_diff.importers.cleanup import Block, ImportReport, numbered_blocks
from mla_diff.importers.marks import ImportOptions, MarkedText
from mla_diff.importers.numbering import format_number
from mla_diff.importers.package import int_attribute, open_package, read_xml_part

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

_LEVEL_TAGS = frozenset(
    f"{TEXT}{name}"
    for name in ("list-level-style-number", "list-level-style-bullet", "outline-level-style")
)
_ListLevel = tuple[str, str, str, int, int]  # (format, prefix, suffix, start, display levels)
_LEVELS = 10  # ODF lists and outlines have levels 1 to 10
_MAX_START = 999_999
_MAX_SPACES = 10_000


class _OdtReader:
    def __init__(
        self,
        list_styles: dict[str, dict[int, _ListLevel]],
        text_styles: dict[str, str],
        regions: dict[str, tuple[str, Element]],
        options: ImportOptions,
        report: ImportReport,
    ) -> None:
        self.list_styles = list_styles
        self.text_styles = text_styles  # style name -> "strike" | "underline"
        self.regions = regions  # change id -> ("insertion"|"deletion", region)
        self.options = options
        self.report = report
        self.paragraphs: list[tuple[str, str, list[str]]] = []
        self.counters: dict[str, list[int]] = {}
        self.note_count = 0
        self.open_insertions: set[str] = set()
        self.outline: dict[int, _ListLevel] = list_styles.get("", {})
        self.outline_counters = [0] * 11

    def read_container(self, node: Element) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{TEXT}p":
                self.read_paragraph(child, "")
            elif tag == f"{TEXT}h":
                self.read_paragraph(child, self.outline_label(child))
            elif tag == f"{TEXT}list":
                self.read_list(child, child.get(f"{TEXT}style-name", ""), 0, restart=True)
            elif tag == f"{TABLE}table":
                self.report.add("flattened", "table")
                for cell in child.iter(f"{TABLE}table-cell"):
                    self.read_container(cell)
            elif tag in (f"{TEXT}section", f"{TEXT}index-body", f"{TABLE}table-row"):
                self.read_container(child)
            elif tag in (f"{TEXT}table-of-content", f"{TEXT}alphabetical-index"):
                self.report.add("skipped", "table of contents|tables of contents")

    def read_list(self, node: Element, style: str, level: int, restart: bool) -> None:
        style = node.get(f"{TEXT}style-name", style)
        continued = node.get(f"{TEXT}continue-numbering") == "true" or node.get(
            f"{TEXT}continue-list"
        )
        counters = self.counters.setdefault(style, [0] * 10)
        if restart and not continued and level == 0:
            counters[:] = [0] * 10
        for item in node:
            numbered = item.tag == f"{TEXT}list-item"
            label = ""
            levels = self.list_styles.get(style, {})
            if numbered and level + 1 in levels:
                fmt, prefix, suffix, start, display = levels[level + 1]
                start_value = item.get(f"{TEXT}start-value")
                if start_value and start_value.isdecimal():
                    counters[level] = min(int(start_value), _MAX_START) - 1
                counters[level] = max(counters[level], start - 1) + 1
                counters[level + 1 :] = [0] * (9 - level)
                if fmt:
                    shown = [
                        format_number(counters[k], levels.get(k + 1, ("1",) * 5)[0])
                        for k in range(max(0, level + 1 - display), level + 1)
                    ]
                    label = prefix + ".".join(shown) + suffix
                elif prefix or suffix:
                    label = (prefix + suffix).strip()
            first = True
            for child in item:
                if child.tag in (f"{TEXT}p", f"{TEXT}h"):
                    self.read_paragraph(child, label if first else "")
                    first = False
                elif child.tag == f"{TEXT}list":
                    self.read_list(child, style, level + 1, restart=True)
                    first = False

    def outline_label(self, heading: Element) -> str:
        """The number a heading gets from the document's outline numbering, if any."""
        level = int_attribute(
            heading.get(f"{TEXT}outline-level"), 1, 0, _LEVELS, "text:h text:outline-level"
        )
        if heading.get(f"{TEXT}is-list-header") == "true" or level not in self.outline:
            return ""
        fmt, prefix, suffix, start, display = self.outline[level]
        if not fmt:
            return ""
        self.outline_counters[level] = max(self.outline_counters[level], start - 1) + 1
        self.outline_counters[level + 1 :] = [0] * (10 - level)
        shown = [
            format_number(max(self.outline_counters[k], 1), self.outline.get(k, ("1",) * 5)[0])
            for k in range(max(1, level + 1 - display), level + 1)
        ]
        return prefix + ".".join(shown) + suffix

    def read_paragraph(self, node: Element, label: str) -> None:
        marked = MarkedText(self.options.show_changes, self.options.keep_marks)
        notes: list[str] = []
        self.read_inline(node, marked, "", notes)
        self.paragraphs.append((label, marked.text(), notes))

    def read_inline(self, node: Element, marked: MarkedText, style: str, notes: list[str]) -> None:
        if node.text:
            marked.add(node.text, self.change(), style)
        for child in node:
            tag = child.tag
            if tag in (f"{TEXT}span", f"{TEXT}a", f"{TEXT}ruby-base", f"{TEXT}meta"):
                span = self.text_styles.get(child.get(f"{TEXT}style-name", ""), style)
                self.read_inline(child, marked, span, notes)
            elif tag == f"{TEXT}s":
                count = int_attribute(child.get(f"{TEXT}c"), 1, 0, _MAX_SPACES, "text:s text:c")
                marked.add(" " * count, self.change(), style)
            elif tag == f"{TEXT}tab":
                marked.add(" ", self.change(), style)
            elif tag == f"{TEXT}line-break":
                marked.add("\n", self.change(), style)
            elif tag == f"{TEXT}note":
                self.note_count += 1
                marked.add(f"[^{self.note_count}]", self.change())
                body = child.find(f"{TEXT}note-body")
                if body is not None:
                    note = MarkedText(self.options.show_changes, self.options.keep_marks)
                    for p in body.iter(f"{TEXT}p"):
                        self.read_inline(p, note, "", [])
                        note.add(" ")
                    notes.append(f"[^{self.note_count}]: {note.text().strip()}")
                    self.report.add("set apart", "footnote")
            elif tag == f"{TEXT}change-start":
                self.open_insertions.add(child.get(f"{TEXT}change-id", ""))
            elif tag == f"{TEXT}change-end":
                self.open_insertions.discard(child.get(f"{TEXT}change-id", ""))
            elif tag == f"{TEXT}change":
                self.read_deletion(child.get(f"{TEXT}change-id", ""), marked)
            elif tag in (f"{TEXT}number", f"{OFFICE}annotation"):
                pass  # a cached list number (computed here instead); a comment
            elif tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:drawing"):
                if any(e.tag == f"{TEXT}p" for e in child.iter()):
                    self.report.doubt("a text frame was skipped")
            else:
                self.read_inline(child, marked, style, notes)
            if child.tail:
                marked.add(child.tail, self.change(), style)

    def change(self) -> str:
        for change_id in self.open_insertions:
            if self.regions.get(change_id, ("", None))[0] == "insertion":
                return "ins"
        return ""

    def read_deletion(self, change_id: str, marked: MarkedText) -> None:
        kind, region = self.regions.get(change_id, ("", None))
        if kind != "deletion" or region is None:
            return
        deleted = MarkedText(True, False)
        for p in region.iter(f"{TEXT}p"):
            self.read_inline(p, deleted, "", [])
            deleted.add(" ")
        marked.add(deleted.text().strip(), "del")


def read_odt(data: bytes, path: str, options: ImportOptions, report: ImportReport) -> list[Block]:
    """The blocks of an OpenDocument text, in document order."""
    with open_package(data, path, "ODT") as archive:
        content = read_xml_part(archive, "content.xml", path)
        styles = read_xml_part(archive, "styles.xml", path)
    if content is None:
        raise InputError("has no content.xml", path=path, hint="save it again")
    text = content.find(f"{OFFICE}body/{OFFICE}text")
    if text is None:
        raise InputError("is not a text document", path=path, hint="save it as .odt text")
    list_styles: dict[str, dict[int, _ListLevel]] = {}
    text_styles: dict[str, str] = {}
    for root in (styles, content):
        if root is not None:
            _collect_styles(root, list_styles, text_styles)
    regions: dict[str, tuple[str, Element]] = {}
    tracked = text.find(f"{TEXT}tracked-changes")
    for region in tracked if tracked is not None else []:
        for child in region:
            kind = child.tag.removeprefix(TEXT)
            if kind in ("insertion", "deletion"):
                regions[region.get(f"{TEXT}id", "")] = (kind, child)
                verb = "marked" if options.show_changes else "accepted"
                report.add(verb, kind)
    reader = _OdtReader(list_styles, text_styles, regions, options, report)
    reader.read_container(text)
    return numbered_blocks(reader.paragraphs, report)


def _collect_styles(
    root: Element, list_styles: dict[str, dict[int, _ListLevel]], text_styles: dict[str, str]
) -> None:
    # The outline style (heading numbers) is kept under the name "".
    outlines = [(s, "") for s in root.iter(f"{TEXT}outline-style")]
    lists = [(s, s.get(f"{STYLE}name", "")) for s in root.iter(f"{TEXT}list-style")]
    for list_style, name in outlines + lists:
        levels: dict[int, _ListLevel] = {}
        for level in list_style:
            if level.tag not in _LEVEL_TAGS:
                continue
            bullet = level.tag.endswith("bullet")
            number = int_attribute(level.get(f"{TEXT}level"), 1, 1, _LEVELS, "text:level")
            levels[number] = (
                "" if bullet else level.get(f"{STYLE}num-format", ""),
                level.get(f"{TEXT}bullet-char", "•")
                if bullet
                else level.get(f"{STYLE}num-prefix", ""),
                "" if bullet else level.get(f"{STYLE}num-suffix", ""),
                int_attribute(
                    level.get(f"{TEXT}start-value"), 1, 0, _MAX_START, "text:start-value"
                ),
                int_attribute(
                    level.get(f"{TEXT}display-levels"), 1, 1, _LEVELS, "text:display-levels"
                ),
            )
        list_styles[name] = levels
    for style in root.iter(f"{STYLE}style"):
        props = style.find(f"{STYLE}text-properties")
        if props is None:
            continue
        if props.get(f"{STYLE}text-line-through-style", "none") != "none":
            text_styles[style.get(f"{STYLE}name", "")] = "strike"
        elif props.get(f"{STYLE}text-underline-style", "none") != "none":
            text_styles[style.get(f"{STYLE}name", "")] = "underline"

"""A small HTML reader for tests: visible text, ids, links and resources of a report page."""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = {"p", "div", "td", "th", "tr", "li", "h1", "h2", "h3", "h4", "summary", "section"}
_VOID = {"meta", "br", "img", "input", "link", "hr", "source", "area", "base", "col", "wbr"}


class PageReader(HTMLParser):
    """Collects what a reader sees (without visually hidden helper text), ids and URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.resources: list[str] = []  # src, srcset, link href, inline handlers
        self._stack: list[tuple[str, bool]] = []  # (tag, hidden text)

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self._stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        for name, value in attrs:
            if name in {"src", "srcset", "poster", "background"} or name.startswith("on"):
                self.resources.append(f"{tag}[{name}={value}]")
        if tag == "link":
            self.resources.append(f"link[href={values.get('href')}]")
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in _VOID:
            return
        hidden = tag in {"script", "style"} or "sr-only" in (values.get("class") or "").split()
        self._stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden():
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def flat_text(self) -> str:
        """The visible text with all whitespace runs made single spaces."""
        return " ".join(self.text.split())


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader

"""Text -> Draft: preamble, containers, articles, annexes and final clauses, with paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mla_diff.model import Draft, Furniture, FurnitureKind, Kind, Paragraph, Unit, UnitStatus
from mla_diff.normalize import clean_line, join_wrapped, split_lines

# Article heading words per language. A heading starts its line with one of these words written
# with a capital (lower-case "article 14" in running text is a cross-reference, never a heading).
ARTICLE_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Article", "ARTICLE", "Art."),
    "fr": ("Article", "ARTICLE", "Art."),
    "es": ("Artículo", "ARTÍCULO", "Articulo", "ARTICULO", "Art."),
    "de": ("Artikel", "ARTIKEL", "Art.", "Art"),
    "nl": ("Artikel", "ARTIKEL", "Art.", "Art"),
}

# Container words per language with their rank: a container closes every open one of equal or
# lower rank ("Part" > "Title" > "Chapter" > "Section").
CONTAINER_WORDS: dict[str, dict[str, int]] = {
    "en": {"Part": 0, "Title": 1, "Chapter": 2, "Section": 3, "Subsection": 4},
    "fr": {"Partie": 0, "Titre": 1, "Chapitre": 2, "Section": 3},
    "es": {"Parte": 0, "Título": 1, "Capítulo": 2, "Sección": 3},
    "de": {"Teil": 0, "Titel": 1, "Kapitel": 2, "Abschnitt": 3, "Unterabschnitt": 4},
    "nl": {"Deel": 0, "Titel": 1, "Hoofdstuk": 2, "Afdeling": 3, "Paragraaf": 4},
}

ANNEX_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("Annex", "Appendix", "Schedule"),
    "fr": ("Annexe", "Appendice"),
    "es": ("Anexo", "Apéndice"),
    "de": ("Anlage", "Anhang"),
    "nl": ("Bijlage", "Aanhangsel"),
}

PREAMBLE_WORDS = ("Preamble", "Préambule", "Preámbulo", "Präambel", "Preambule", "Considerans")

# The first words of a closing formula that follows the last article.
FINAL_OPENERS = re.compile(
    r"^(in witness whereof|done (at|in)\b|en foi de quoi|fait à|en fe de lo cual|hecho en|"
    r"zu urkund dessen|geschehen zu|ten blijke waarvan|gedaan te)",
    re.IGNORECASE,
)

# Openers of an implicit preamble (no "Preamble" heading): the parties, or a participle.
PREAMBLE_OPENERS = re.compile(
    r"^(the (states|high contracting parties|governments|member states|parties)\b|"
    r"(recalling|considering|affirming|reaffirming|noting|convinced|mindful|determined|"
    r"emphasi[sz]ing|recogni[sz]ing|desiring|desirous|bearing in mind|believing|acknowledging|"
    r"stressing|welcoming|deeply concerned|concerned)\b|"
    r"les (états|hautes parties|gouvernements)|los estados|die (hohen vertragsparteien|staaten|"
    r"regierungen)|de (staten|regeringen|hoge verdragsluitende))",
    re.IGNORECASE,
)

AGREED_FORMULA = re.compile(
    r"(have agreed as follows|sont convenus de ce qui suit|han convenido|"
    r"haben folgendes vereinbart|zijn (als volgt|het volgende) overeengekomen)",
    re.IGNORECASE,
)

_LATIN = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|nonies|decies)"
# An article number as written: 52, 8 bis, 3a, 12A, 1.º, J.1, K.14, A, premier, IV.
_NUMBER = (
    rf"(?:premier|\d+(?:\.\d+)*(?:\s?[ºª°])?(?:[a-zA-Z](?![a-zA-Z]))?(?:[\s-]+{_LATIN})?"
    rf"|[A-Z](?:\.\d+)*(?:[\s-]+{_LATIN})?(?![\w])|[IVXLC]+(?![\w]))"
)
_SEPARATOR = re.compile(r"^\s*[.:\-–—]\s*")
_PLACEHOLDER = re.compile(
    r"^\W*(deleted|repealed|reserved|aufgehoben|weggefallen|supprimé|abrogé|derogado|suprimido|"
    r"vervallen|vervalt|geschrapt|vacant)\W*$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(
    r"^\W*((page|p\.|seite|pagina|página)\s*)?\d{1,4}(\s*(of|/|von|van|de)\s*\d{1,4})?\W*$",
    re.IGNORECASE,
)
_NOTE = re.compile(
    r"^(facilitator'?s note|chair(person)?'?s note|secretariat'?s? note|note|footnote|nota|"
    r"note du facilitateur|fu(ß|ss)note|voetnoot)\b[^:]{0,20}:|^\[\^?\d+\]:",
    re.IGNORECASE,
)
_PARA_LABEL = re.compile(
    r"^(?P<label>\(\d+[a-z]?\)|\d+[a-z]?[.)](?=\s)|\([a-z]{1,2}\)|[a-z]{1,2}[.)](?=\s)"
    r"|\([ivxlc]+\)|[ivxlc]+[.)](?=\s))\s*"
)
_ROMAN_LABEL = re.compile(r"^\(?([ivxlc]+)[.)]$")
_LETTER_LABEL = re.compile(r"^\(?([a-z]{1,2})[.)]$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*")
_MD_ROMAN_CONTAINER = re.compile(r"^(?P<num>[IVXLC]+[a-z]?)\.\s+(?P<title>\S.*)$")
_FRONT_MATTER_FENCE = re.compile(r"^---\s*$")
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$")

_ORDINAL_WORDS = (
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
    "premier",
    "première",
    "deuxième",
    "troisième",
    "primera",
    "segunda",
    "primero",
    "segundo",
    "tercero",
)

LANGUAGE_HINTS: dict[str, re.Pattern[str]] = {
    "de": re.compile(r"\b(und|der|die|das|nicht|wird)\b"),
    "nl": re.compile(r"\b(het|een|van|wordt|niet|zijn)\b"),
    "fr": re.compile(r"\b(les|des|est|dans|pour|une)\b"),
    "es": re.compile(r"\b(los|las|del|que|para|una)\b"),
    "en": re.compile(r"\b(the|of|and|shall|which|to)\b"),
}


@dataclass(frozen=True)
class Heading:
    kind: Kind
    number: str
    title: str  # inline title, possibly ""
    rank: int = 0  # containers only
    word: str = ""  # the heading word as written ("Article", "CHAPTER")


def _words_pattern(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))


def _title_like(rest: str) -> bool:
    """Whether text after a heading number reads as a title, not as running text."""
    words = rest.split()
    return (
        0 < len(words) <= 14
        and len(rest) <= 120
        and not rest[0].islower()
        and not re.search(r"[.;,]$", rest)
    )


@dataclass
class _Grammar:
    """Heading patterns for the chosen languages."""

    languages: tuple[str, ...]
    article: re.Pattern[str] = field(init=False)
    container: re.Pattern[str] = field(init=False)
    annex: re.Pattern[str] = field(init=False)
    ranks: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        article_words = [w for lang in self.languages for w in ARTICLE_WORDS[lang]]
        self.article = re.compile(
            rf"^(?P<word>{_words_pattern(article_words)})\s*(?P<num>{_NUMBER})(?P<rest>.*)$"
        )
        self.ranks = {}
        for lang in self.languages:
            for word, rank in CONTAINER_WORDS[lang].items():
                self.ranks[word.lower()] = rank
        container_words = list(self.ranks) + [w.upper() for w in self.ranks]
        container_words += [w.capitalize() for w in self.ranks]
        number = rf"(?:[IVXLC]+[a-z]?|\d+[a-z]?|[A-Z]|{'|'.join(_ORDINAL_WORDS)})"
        self.container = re.compile(
            rf"^(?P<word>{_words_pattern(container_words)})\s+(?P<num>{number})(?![\w])"
            r"(?P<rest>.*)$",
            re.IGNORECASE,
        )
        annex_words = [w for lang in self.languages for w in ANNEX_WORDS[lang]]
        annex_words += [w.upper() for w in annex_words]
        self.annex = re.compile(
            rf"^(?P<word>{_words_pattern(annex_words)})(?:\s+(?P<num>[IVXLC]+|\d+|[A-Z]))?"
            r"(?![\w])(?P<rest>.*)$"
        )

    def classify(self, line: str, md_level: int) -> Heading | None:
        match = self.article.match(line)
        if match:
            split = _split_rest(match["rest"])
            if split is not None:
                return Heading(
                    Kind.ARTICLE, " ".join(match["num"].split()), split, 0, match["word"]
                )
        match = self.container.match(line)
        if match and match["word"][0].isupper():
            split = _split_rest(match["rest"])
            if split is not None:
                rank = self.ranks.get(match["word"].lower(), 0)
                return Heading(Kind.PART, match["num"], split, rank, match["word"])
        match = self.annex.match(line)
        if match:
            split = _split_rest(match["rest"])
            if split is not None:
                return Heading(Kind.ANNEX, match["num"] or "", split, 0, match["word"])
        if md_level:
            match = _MD_ROMAN_CONTAINER.match(line)
            if match:
                return Heading(Kind.PART, match["num"], match["title"], md_level - 1, "")
        stripped = line.strip("*_: ").rstrip(".")
        if stripped in PREAMBLE_WORDS or stripped.capitalize() in PREAMBLE_WORDS:
            return Heading(Kind.PREAMBLE, "", "")
        return None


def _split_rest(rest: str) -> str | None:
    """The inline title after a heading number, "" for none, or None when the line is prose."""
    if not rest.strip():
        return ""
    sep = _SEPARATOR.match(rest)
    if sep:
        title = rest[sep.end() :].strip()
        if not title or _PLACEHOLDER.match(title) or _title_like(title.rstrip(".")):
            return title
        return None
    rest = rest.strip()
    if _PLACEHOLDER.match(rest):
        return rest
    if rest.startswith("(") and rest.endswith(")"):
        return rest[1:-1]
    return rest if _title_like(rest) else None


def detect_language(text: str) -> str:
    """The language whose heading words and function words the text uses most."""
    sample = text[:200_000]
    scores: dict[str, int] = {}
    for lang, pattern in LANGUAGE_HINTS.items():
        scores[lang] = len(pattern.findall(sample.lower()))
    if re.search(r"^\W*(Artículo|ARTÍCULO)\b", sample, re.MULTILINE):
        scores["es"] += 1000
    if re.search(r"^\W*(Artikel|ARTIKEL)\b", sample, re.MULTILINE):
        scores["en"] = 0
        scores["fr"] = 0
        scores["es"] = 0
    return max(sorted(scores), key=lambda lang: scores[lang])


@dataclass
class _Line:
    start: int
    end: int
    next: int
    raw: str
    text: str  # cleaned, markdown heading marks removed
    md_level: int
    number: int  # 1-based


@dataclass
class _Block:
    """A unit under construction."""

    kind: Kind
    number: str
    heading: str
    title: str
    path: tuple[str, ...]
    lines: list[_Line]
    rank: int = 0


def parse_draft(text: str, language: str = "") -> Draft:
    """Parse a draft's text into units. Never raises on any string; every character of `text` lies
    in exactly one unit's span or in a furniture record."""
    language = language or detect_language(text)
    grammar = _Grammar((language,) if language in ARTICLE_WORDS else tuple(ARTICLE_WORDS))
    furniture: list[Furniture] = []
    lines: list[_Line] = []
    for number, (start, end, nxt) in enumerate(split_lines(text), start=1):
        raw = text[start:end]
        md = _MD_HEADING.match(raw)
        body = raw[md.end() :] if md else raw
        lines.append(_Line(start, end, nxt, raw, clean_line(body), len(md[1]) if md else 0, number))

    first = _front_matter(lines, furniture)
    blocks = _blocks(lines[first:], grammar)
    units = _units(blocks, text)
    warnings: list[str] = []
    if units and not any(unit.kind is Kind.ARTICLE for unit in units):
        warnings.append("no article headings found")
    seen: dict[str, int] = {}
    for unit in units:
        if unit.kind is Kind.ARTICLE:
            seen[unit.number] = seen.get(unit.number, 0) + 1
    warnings += [f"article {num} appears {n} times" for num, n in sorted(seen.items()) if n > 1]
    return Draft(
        source=text,
        units=tuple(units),
        furniture=tuple(furniture),
        language=language,
        warnings=tuple(warnings),
    )


def _front_matter(lines: list[_Line], furniture: list[Furniture]) -> int:
    """Record YAML front matter as furniture; return the index of the first line after it."""
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0].raw.lstrip("\ufeff")):
        return 0
    for i in range(1, min(len(lines), 200)):
        if _FRONT_MATTER_END.match(lines[i].raw):
            start, end = lines[0].start, lines[i].next
            furniture.append(Furniture(FurnitureKind.FRONT_MATTER, start, end, ""))
            return i + 1
    return 0


def _blocks(lines: list[_Line], grammar: _Grammar) -> list[_Block]:
    blocks: list[_Block] = []
    stack: list[tuple[int, str]] = []  # open containers: (rank, label)
    current = _Block(Kind.FRONT, "title", "", "", (), [])
    seen_article = False

    def close() -> None:
        if current.lines or current.kind is not Kind.FRONT:
            blocks.append(current)

    for line in lines:
        heading = grammar.classify(line.text, line.md_level) if line.text else None
        if (
            heading is None
            and seen_article
            and current.kind is not Kind.FINAL
            and FINAL_OPENERS.match(line.text)
        ):
            close()
            current = _Block(Kind.FINAL, "final", "", "", (), [line])
            continue
        if (
            heading is None
            and not seen_article
            and current.kind is Kind.FRONT
            and PREAMBLE_OPENERS.match(line.text)
        ):
            close()
            current = _Block(Kind.PREAMBLE, "", "", "", (), [])
        if heading is None:
            current.lines.append(line)
            continue
        close()
        if heading.kind is Kind.PREAMBLE:
            current = _Block(Kind.PREAMBLE, "", line.text, "", (), [line])
            continue
        if heading.kind is Kind.PART:
            while stack and stack[-1][0] >= heading.rank:
                stack.pop()
            label = " ".join(part for part in (heading.word.capitalize(), heading.number) if part)
            current = _Block(
                Kind.PART,
                heading.number,
                line.text,
                heading.title,
                tuple(s[1] for s in stack),
                [line],
                heading.rank,
            )
            stack.append((heading.rank, label))
            continue
        if heading.kind is Kind.ARTICLE:
            seen_article = True
        if heading.kind is Kind.ANNEX:
            stack.clear()
        path = tuple(label for _, label in stack)
        current = _Block(heading.kind, heading.number, line.text, heading.title, path, [line])
    close()
    return blocks


def _units(blocks: list[_Block], source: str) -> list[Unit]:
    units: list[Unit] = []
    preamble_count = 0
    for block in blocks:
        if block.kind is Kind.PREAMBLE:
            for paragraph_lines in _preamble_paragraphs(block):
                preamble_count += 1
                units.append(_make_preamble(paragraph_lines, preamble_count, len(units)))
            continue
        units.append(_make_unit(block, len(units)))
    # Spans tile the source: a unit runs to the start of the next one.
    tiled: list[Unit] = []
    for i, unit in enumerate(units):
        end = units[i + 1].start if i + 1 < len(units) else len(source)
        tiled.append(_replace_end(unit, end, source))
    return tiled


def _replace_end(unit: Unit, end: int, source: str) -> Unit:
    last_line = (
        unit.first_line
        + source.count("\n", unit.start, end)
        - (1 if source[unit.start : end].endswith("\n") else 0)
    )
    last_line = max(last_line, unit.first_line)
    return Unit(
        kind=unit.kind,
        number=unit.number,
        title=unit.title,
        text=unit.text,
        heading=unit.heading,
        path=unit.path,
        start=unit.start,
        end=end,
        first_line=unit.first_line,
        last_line=last_line,
        paragraphs=unit.paragraphs,
        notes=unit.notes,
        brackets=unit.brackets,
        status=unit.status,
        index=unit.index,
    )


def _preamble_paragraphs(block: _Block) -> list[list[_Line]]:
    """Blank-line separated paragraphs of a preamble; the "Preamble" heading joins the first."""
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    for line in block.lines:
        current.append(line)
        if not line.text and any(item.text for item in current[:-1]):
            heading_only = block.heading and len([i for i in current if i.text]) == 1
            if not heading_only or current[0].text != block.heading:
                groups.append(current)
                current = []
    if current:
        if groups and not any(item.text for item in current):
            groups[-1].extend(current)
        else:
            groups.append(current)
    return groups


def _make_preamble(lines: list[_Line], ordinal: int, index: int) -> Unit:
    texts = [line.text for line in lines if line.text]
    if texts and texts[0].strip("*_: ").rstrip(".") in PREAMBLE_WORDS:
        texts = texts[1:]
    text = join_wrapped(texts)
    return Unit(
        kind=Kind.PREAMBLE,
        number=f"PP{ordinal}",
        text=text,
        heading="",
        start=lines[0].start,
        end=lines[-1].next,
        first_line=lines[0].number,
        last_line=lines[-1].number,
        paragraphs=(Paragraph("", text),) if text else (),
        brackets=tuple(find_brackets(text)),
        index=index,
    )


def _make_unit(block: _Block, index: int) -> Unit:
    lines = block.lines
    body = lines[1:] if block.kind is not Kind.FRONT and block.kind is not Kind.FINAL else lines
    title = block.title
    if block.kind in (Kind.ARTICLE, Kind.PART, Kind.ANNEX) and not title:
        title, body = _title_from_next_line(body)
    status = UnitStatus.ACTIVE
    if title and _PLACEHOLDER.match(title):
        status = UnitStatus.DELETED
    notes: list[str] = []
    content: list[_Line] = []
    for line in body:
        if line.text and _NOTE.match(line.text):
            notes.append(line.text)
        else:
            content.append(line)
    paragraphs = parse_paragraphs([line.text for line in content])
    text = "\n".join(_paragraph_line(p) for p in paragraphs)
    if text and _PLACEHOLDER.match(text):
        status = UnitStatus.DELETED
    heading = "" if block.kind is Kind.FRONT else block.heading
    return Unit(
        kind=block.kind,
        number=block.number,
        title=title.strip("()[]") if status is UnitStatus.DELETED and title == text else title,
        text=text,
        heading=heading,
        path=block.path,
        start=lines[0].start,
        end=lines[-1].next,
        first_line=lines[0].number,
        last_line=lines[-1].number,
        paragraphs=tuple(paragraphs),
        notes=tuple(notes),
        brackets=tuple(find_brackets(text)),
        status=status,
        index=index,
    )


def _title_from_next_line(body: list[_Line]) -> tuple[str, list[_Line]]:
    """A title on the first non-blank line after the heading, when it reads as one."""
    for i, line in enumerate(body[:3]):
        if not line.text:
            continue
        text = line.text
        if line.md_level or (
            _title_like(text) and not _PARA_LABEL.match(text) and not text.endswith(":")
        ):
            return text, body[i + 1 :]
        break
    return "", body


def _paragraph_line(paragraph: Paragraph) -> str:
    return f"{paragraph.label} {paragraph.text}".strip()


def parse_paragraphs(lines: list[str]) -> list[Paragraph]:
    """Numbered and lettered paragraphs; unlabelled lines continue the previous paragraph unless a
    blank line separates them."""
    raw: list[tuple[str, list[str]]] = []
    blank_before = True
    for line in lines:
        if not line:
            blank_before = True
            continue
        match = _PARA_LABEL.match(line)
        if match:
            raw.append((match["label"], [line[match.end() :]]))
        elif blank_before or not raw:
            raw.append(("", [line]))
        else:
            raw[-1][1].append(line)
        blank_before = False
    paragraphs: list[Paragraph] = []
    last_letter = ""
    for label, texts in raw:
        depth = _label_depth(label, last_letter)
        if depth == 1:
            letter = _LETTER_LABEL.match(label)
            last_letter = letter[1] if letter else last_letter
        elif depth == 0:
            last_letter = ""
        paragraphs.append(Paragraph(label, join_wrapped(texts), depth))
    return _assign_roles(paragraphs)


def _label_depth(label: str, last_letter: str) -> int:
    if not label:
        return 0
    if label.strip("()").rstrip(".)")[:1].isdigit():
        return 0
    roman = _ROMAN_LABEL.match(label)
    if roman and last_letter:
        # "(i)" after "(h)" is a letter; after any other letter it opens a roman sub-list.
        value = roman[1]
        follows_letter = len(value) == 1 and ord(value) == ord(last_letter[-1]) + 1
        return 1 if follows_letter else 2
    return 1


def _assign_roles(paragraphs: list[Paragraph]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for i, paragraph in enumerate(paragraphs):
        role = "text"
        nxt = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        prev = paragraphs[i - 1] if i else None
        if paragraph.text.endswith(":") and nxt is not None and nxt.label and nxt.depth >= 1:
            role = "chapeau"
        elif paragraph.label and paragraph.depth >= 1:
            role = "item"
        elif not paragraph.label and prev is not None and prev.depth >= 1 and prev.label:
            role = "tail"
        out.append(Paragraph(paragraph.label, paragraph.text, paragraph.depth, role))
    return out


def find_brackets(text: str) -> list[str]:
    """Outermost square-bracketed spans, nesting allowed; an unclosed bracket runs to the end."""
    spans: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "[":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
            if depth == 0:
                spans.append(text[start : i + 1])
    if depth:
        spans.append(text[start:])
    return spans

"""Heading grammar: which lines name an article, a container, an annex or the preamble."""

from __future__ import annotations

import pytest

from mla_diff.headings import LANGUAGES, HeadingGrammar, detect_language, expand_range
from mla_diff.model import Kind

GRAMMAR = HeadingGrammar(LANGUAGES)


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("Article 1", "1", ""),
        ("ARTICLE 1", "1", ""),
        ("Article 1 – Use of terms", "1", "Use of terms"),
        ("Article 1 - Use of terms", "1", "Use of terms"),
        ("Article 1: Scope", "1", "Scope"),
        ("Article 1. Scope", "1", "Scope"),
        ("Article 1 (Scope)", "1", "Scope"),
        ("Article 6 [Jurisdiction]", "6", "[Jurisdiction]"),
        ("Art. 1.", "1", ""),
        ("Art.5", "5", ""),
        ("Art 1", "1", ""),
        ("Article premier", "premier", ""),
        ("Article 1er", "1er", ""),
        ("Article 2 bis", "2 bis", ""),
        ("Article 8 bis Crime of aggression", "8 bis", "Crime of aggression"),
        ("Article 15 ter – Title", "15 ter", "Title"),
        ("Article 8bis", "8bis", ""),
        ("Article 3a", "3a", ""),
        ("Article 12A", "12A", ""),
        ("Article J.1", "J.1", ""),
        ("Article K.14", "K.14", ""),
        ("Article A", "A", ""),
        ("Article IV", "IV", ""),
        ("ARTICLE ONE", "ONE", ""),
        ("Artículo 1.", "1", ""),
        ("Artículo 1.º Objeto", "1.º", "Objeto"),
        ("Artículo primero", "primero", ""),
        ("Artikel 12a", "12a", ""),
        ("ARTIKEL 5", "5", ""),
        ("Article  15", "15", ""),
        ("ARTICLE 8 BIS", "8 BIS", ""),
        ("Artículo 1°.- Objeto", "1°", "Objeto"),
        ("ARTICLE I — CESSATION OF HOSTILITIES", "I", "CESSATION OF HOSTILITIES"),
    ],
)
def test_article_headings(line: str, number: str, title: str) -> None:
    heading = GRAMMAR.classify(line)
    assert heading is not None
    assert heading.kind is Kind.ARTICLE
    assert (heading.number, heading.title) == (number, title)


@pytest.mark.parametrize(
    "line",
    [
        "article 14 of this Convention",
        "Article 14 of this Convention",
        "Article 14, paragraph 2, applies",
        "Article 14(2) applies",
        "Article 5 Paragraph 2 applies",
        "Art. 5 shall apply",
        "Articles 5 and 6 apply",
        "Artist 5",
        "Part IV of the Statute remains",
        "Chapter II applies to requests.",
        "Annex I shall apply.",
        "Annex I to the Statute.",
        "Section 3 of the Act",
        "The Article 5 heading",
    ],
)
def test_cross_references_are_never_headings(line: str) -> None:
    assert GRAMMAR.classify(line) is None


def test_heading_with_running_text_on_its_line() -> None:
    line = "Article 1. The States Parties shall cooperate fully with each other."
    heading = GRAMMAR.classify(line)
    assert heading is not None
    assert heading.title == ""
    assert line[heading.body_at :] == "The States Parties shall cooperate fully with each other."


@pytest.mark.parametrize(
    ("line", "deleted"),
    [
        ("Article 52 [Deleted]", "[Deleted]"),
        ("Article 52 (reserved)", "(reserved)"),
        ("Article 52 – deleted", "deleted"),
        ("Art. 3 (weggefallen)", "(weggefallen)"),
        ("Artikel 4 [aufgehoben]", "[aufgehoben]"),
        ("Article 57 [Deleted: merged with article 50]", "[Deleted: merged with article 50]"),
    ],
)
def test_deleted_placeholders(line: str, deleted: str) -> None:
    heading = GRAMMAR.classify(line)
    assert heading is not None
    assert heading.deleted == deleted
    assert heading.title == ""


def test_a_run_of_deleted_articles_stands_for_each_of_them() -> None:
    heading = GRAMMAR.classify("Articles 53 to 55 [Deleted]")
    assert heading is not None
    assert heading.numbers == ("53", "54", "55")
    german = GRAMMAR.classify("Artikel 5 bis 7 (weggefallen)")
    assert german is not None
    assert german.numbers == ("5", "6", "7")
    assert GRAMMAR.classify("Articles 53 to 55 apply") is None
    assert expand_range("J.1", "J.3") == ("J.1", "J.3")


@pytest.mark.parametrize(
    ("line", "number", "word", "title"),
    [
        ("PART I", "I", "PART", ""),
        ("Part One", "One", "Part", ""),
        ("CHAPTER II", "II", "CHAPTER", ""),
        ("Chapter II Preventive measures", "II", "Chapter", "Preventive measures"),
        ("Chapter III. Criminalization", "III", "Chapter", "Criminalization"),
        (
            "PART 2. JURISDICTION, ADMISSIBILITY AND APPLICABLE LAW",
            "2",
            "PART",
            "JURISDICTION, ADMISSIBILITY AND APPLICABLE LAW",
        ),
        ("Part I: General provisions", "I", "Part", "General provisions"),
        ("TITRE PREMIER", "PREMIER", "TITRE", ""),
        ("CHAPITRE Ier", "Ier", "CHAPITRE", ""),
        ("Capítulo II", "II", "Capítulo", ""),
        ("Hoofdstuk 1", "1", "Hoofdstuk", ""),
        ("TITEL V", "V", "TITEL", ""),
        ("Erster Abschnitt", "Erster", "Erster Abschnitt", ""),
        ("Première partie", "Première", "Première partie", ""),
        ("Section 2", "2", "Section", ""),
    ],
)
def test_container_headings(line: str, number: str, word: str, title: str) -> None:
    heading = GRAMMAR.classify(line)
    assert heading is not None
    assert heading.kind is Kind.PART
    assert (heading.number, heading.word, heading.title) == (number, word, title)


def test_a_roman_numbered_title_is_a_container_candidate() -> None:
    heading = GRAMMAR.classify("I. Die Grundrechte")
    assert heading is not None
    assert heading.kind is Kind.PART
    assert heading.roman_only
    marked = GRAMMAR.classify("Xa. Verteidigungsfall", markdown=True)
    assert marked is not None
    assert not marked.roman_only
    assert marked.number == "Xa"


@pytest.mark.parametrize(
    ("line", "number", "title"),
    [
        ("ANNEX", "", ""),
        ("Annex I", "I", ""),
        ("Annex A – Torture", "A", "Torture"),
        ("Annex to the Convention", "", "to the Convention"),
        ("Anexo 2", "2", ""),
        ("Bijlage", "", ""),
    ],
)
def test_annex_headings(line: str, number: str, title: str) -> None:
    heading = GRAMMAR.classify(line)
    assert heading is not None
    assert heading.kind is Kind.ANNEX
    assert (heading.number, heading.title) == (number, title)


@pytest.mark.parametrize("line", ["Preamble", "PREAMBLE", "Préambule", "Preámbulo", "Präambel"])
def test_preamble_headings(line: str) -> None:
    heading = GRAMMAR.classify(line)
    assert heading is not None
    assert heading.kind is Kind.PREAMBLE


def test_a_language_restricts_the_heading_words() -> None:
    english = HeadingGrammar(("en",))
    assert english.classify("Artikel 1") is None
    assert english.classify("Article 1") is not None
    german = HeadingGrammar(("de",))
    assert german.classify("Art 1") is not None
    assert german.classify("Hoofdstuk 1") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Article 1\n\nThe States Parties shall cooperate with each other.", "en"),
        ("Article premier\n\nLes États parties coopèrent dans les cas prévus.", "fr"),
        ("Artículo 1\n\nLos Estados Partes cooperarán para los fines de la presente.", "es"),
        ("Artikel 1\n\nDie Vertragsstaaten arbeiten zusammen und leisten Hilfe.", "de"),
        ("Artikel 1\n\nDe Staten werken samen en verlenen elkaar de hulp van het verdrag.", "nl"),
        ("", "en"),
        # Function words count only as whole words: not inside "their" or "the_1", nor "und1".
        ("die ÜBER der_ und1 the_ the theirs", "en"),
        ("die über der the", "de"),
        ("l'une des dispositions", "fr"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_bracketed_headings_and_footnote_markers() -> None:
    proposed = GRAMMAR.classify("[Article 13 bis – Supply chains]")
    assert proposed is not None
    assert (proposed.number, proposed.title, proposed.bracketed) == (
        "13 bis",
        "Supply chains",
        True,
    )
    assert GRAMMAR.classify("[Article 14 of the Convention applies.]") is None
    assert GRAMMAR.classify("[Deleted]") is None
    for line in ("Article 5*", "Article 5[^1]", "Article 5¹"):
        heading = GRAMMAR.classify(line)
        assert heading is not None
        assert (heading.number, heading.title) == ("5", "")


def test_table_of_contents_entries_are_not_headings() -> None:
    assert GRAMMAR.classify("Article 1 Use of terms ............ 3") is None
    assert GRAMMAR.classify("Article 2. Scope . . . . 4") is None

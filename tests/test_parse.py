"""parse_draft on small drafts: the units, their fields and the guarantees others rely on."""

from __future__ import annotations

import pytest

from mla_diff.errors import InputError
from mla_diff.model import FurnitureKind, Kind, UnitStatus, label_sort_key
from mla_diff.parse import coverage_problems, parse_draft

DRAFT = """Draft Convention on Cooperation

Preamble

The States Parties to this Convention,

Recalling the Charter of the United Nations,

Determined to end impunity,

Have agreed as follows:

PART IV
COOPERATION

Chapter 2
Mutual legal assistance

Article 52 – Pardon, amnesty or commutation

1. Each State Party [shall][may] grant pardon in accordance with:

(a) its constitution; and

(b) its domestic law.

2. No amnesty shall be granted for the crimes covered by this Convention.

Facilitator's note: text under discussion.

Article 52 bis
Review

A request for review shall be made in writing.

Article 53 [Deleted]

Chapter 3
Extradition

Article 54

The requested State shall extradite in accordance with article 52.

IN WITNESS WHEREOF the undersigned have signed this Convention.
"""


def test_units_in_document_order() -> None:
    draft = parse_draft(DRAFT)
    assert [(u.kind.value, u.number) for u in draft.units] == [
        ("front", ""),
        ("preamble", "intro"),
        ("preamble", "PP1"),
        ("preamble", "PP2"),
        ("preamble", "formula"),
        ("part", "IV"),
        ("part", "2"),
        ("article", "52"),
        ("article", "52 bis"),
        ("article", "53"),
        ("part", "3"),
        ("article", "54"),
        ("final", "final"),
    ]
    assert coverage_problems(draft) == []
    assert draft.warnings == ()


def test_article_fields() -> None:
    draft = parse_draft(DRAFT)
    article = draft.articles[0]
    assert article.title == "Pardon, amnesty or commutation"
    assert article.heading == "Article 52"
    assert article.path == ("Part IV", "Chapter 2")
    assert article.key == "art-52"
    assert article.citation == "art. 52"
    assert article.text == (
        "1. Each State Party [shall][may] grant pardon in accordance with:\n"
        "(a) its constitution; and\n"
        "(b) its domestic law.\n"
        "2. No amnesty shall be granted for the crimes covered by this Convention."
    )
    assert [(p.label, p.depth, p.role) for p in article.paragraphs] == [
        ("1.", 0, "chapeau"),
        ("(a)", 1, "item"),
        ("(b)", 1, "item"),
        ("2.", 0, "text"),
    ]
    assert article.notes == ("Facilitator's note: text under discussion.",)
    assert article.brackets == ("[shall]", "[may]")
    assert article.status is UnitStatus.ACTIVE
    lines = DRAFT.split("\n")
    assert lines[article.first_line - 1] == "Article 52 – Pardon, amnesty or commutation"
    assert lines[article.last_line - 1] == "Facilitator's note: text under discussion."
    assert [p.line for p in article.paragraphs] == [
        article.first_line + 2,
        article.first_line + 4,
        article.first_line + 6,
        article.first_line + 8,
    ]


def test_inserted_and_deleted_articles() -> None:
    draft = parse_draft(DRAFT)
    inserted = draft.articles[1]
    assert (inserted.number, inserted.title) == ("52 bis", "Review")
    assert label_sort_key("52") < inserted.sort_key < label_sort_key("53")
    deleted = draft.articles[2]
    assert deleted.status is UnitStatus.DELETED
    assert (deleted.title, deleted.text) == ("", "[Deleted]")
    assert draft.articles[3].path == ("Part IV", "Chapter 3")


def test_preamble_final_clauses_and_front() -> None:
    draft = parse_draft(DRAFT)
    front, intro, pp1 = draft.units[:3]
    assert front.text == "Draft Convention on Cooperation"
    assert intro.text == "The States Parties to this Convention,"
    assert intro.heading == "Preamble"
    assert intro.citation == "preamble (intro)"
    assert (pp1.text, pp1.citation, pp1.key) == (
        "Recalling the Charter of the United Nations,",
        "PP1",
        "pp-1",
    )
    final = draft.units[-1]
    assert final.kind is Kind.FINAL
    assert final.text.startswith("IN WITNESS WHEREOF")


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Article 1\nScope\n\nText.\n\nArticle 1\nAgain\n\nText.", ["1", "1"]),
        ("ARTICLE 1\n\nText.\n\nARTICLE 2\n\nText.", ["1", "2"]),
    ],
)
def test_repeated_numbers_are_kept_with_a_warning(text: str, numbers: list[str]) -> None:
    draft = parse_draft(text)
    assert [u.number for u in draft.articles] == numbers
    assert any("appears 2 times" in w for w in draft.warnings) == (numbers == ["1", "1"])


def test_container_nesting_follows_the_draft_not_a_fixed_order() -> None:
    text = (
        "Erster Abschnitt\n\nErster Titel\n\nArtikel 1\n\nText.\n\nZweiter Titel\n\n"
        "Artikel 2\n\nText.\n\nZweiter Abschnitt\n\nArtikel 3\n\nText.\n"
    )
    draft = parse_draft(text)
    assert [u.path for u in draft.articles] == [
        ("Erster Abschnitt", "Erster Titel"),
        ("Erster Abschnitt", "Zweiter Titel"),
        ("Zweiter Abschnitt",),
    ]
    assert draft.language == "de"


def test_title_on_the_next_line_wrapped_or_not() -> None:
    text = (
        "Article 1\nMutual legal assistance in\ncriminal matters\n\n1. Text.\n\n"
        "Article 2\nOn request the requested State shall state the date and place of execution\n"
        "of the request.\n"
    )
    draft = parse_draft(text)
    assert draft.articles[0].title == "Mutual legal assistance in criminal matters"
    assert draft.articles[1].title == ""
    assert draft.articles[1].text.startswith("On request the requested State")


def test_annex_words_before_the_first_article_belong_to_the_title_block() -> None:
    draft = parse_draft(
        "Annex\n\nDraft convention\n\nArticle 1\n\nText.\n\nAnnex I\n\n1. A crime.\n"
    )
    assert [u.kind.value for u in draft.units] == ["front", "article", "annex"]
    assert draft.units[0].text == "Annex\nDraft convention"


def test_furniture_and_units_tile_the_source() -> None:
    text = (
        "---\ntitle: x\n---\n\nHeader of the draft\n\nArticle 1\n\nThe requested State, having\n\n"
        "\fHeader of the draft\n\nreceived a request, shall act.\n\n"
        "\fHeader of the draft\n\nArticle 2\n\nText.\n"
    )
    draft = parse_draft(text)
    kinds = [item.kind for item in draft.furniture]
    assert kinds.count(FurnitureKind.FRONT_MATTER) == 1
    assert kinds.count(FurnitureKind.PAGE_HEADER) == 3
    assert coverage_problems(draft) == []
    first = draft.articles[0]
    assert len(first.spans) == 3  # cut by two page headers
    assert first.text == "The requested State, having received a request, shall act."


def test_coverage_problems_sees_gaps_and_overlaps() -> None:
    draft = parse_draft("Article 1\n\nText.\n")
    unit = draft.units[0]
    gap = type(draft)(draft.source, (unit.__class__(**{**unit.__dict__, "spans": ((0, 3),)}),))
    assert coverage_problems(gap) == ["characters 3-17 belong to nothing"]
    twice = type(draft)(draft.source, (unit, unit))
    assert any("overlaps" in problem for problem in coverage_problems(twice))


def test_without_article_headings_numbered_paragraphs_become_units() -> None:
    draft = parse_draft("Decision\n\n1. Decides to act;\n\n2. Requests a report.\n")
    assert [(u.kind.value, u.number) for u in draft.units] == [
        ("front", ""),
        ("section", "1"),
        ("section", "2"),
    ]
    assert draft.warnings[0].startswith("no article headings found")


def test_language_is_detected_or_forced() -> None:
    text = "Artikel 1\n\nDe Staten werken samen en verlenen elkaar de hulp van het verdrag.\n"
    assert parse_draft(text).language == "nl"
    forced = parse_draft(text, "en")
    assert forced.language == "en"
    assert not forced.articles
    with pytest.raises(InputError, match="unknown language 'xx'"):
        parse_draft(text, "xx")


def test_roman_article_numbers_are_ordered_as_numbers() -> None:
    labels = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "IX"]
    draft = parse_draft("\n\n".join(f"ARTICLE {label}\n\nText." for label in labels))
    assert [u.number for u in draft.articles] == labels
    assert draft.warnings == (
        "line 41: article IX follows article X",
        "article IX appears 2 times (lines 33, 41)",
    )


def test_a_roman_number_with_a_suffix_follows_its_number_however_it_is_joined() -> None:
    for joined in ("II bis", "II-bis", "IIbis"):
        labels = ["I", "II", joined, "III"]
        draft = parse_draft("\n\n".join(f"ARTICLE {label}\n\nText." for label in labels))
        assert [u.number for u in draft.articles] == labels
        assert draft.warnings == ()

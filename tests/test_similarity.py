"""Profiles, similarity and the shingle index that finds candidates without comparing all pairs."""

from __future__ import annotations

import pytest

from mla_diff.model import Kind, Paragraph, Unit, UnitStatus
from mla_diff.parse import parse_draft
from mla_diff.similarity import (
    ShingleIndex,
    Vocabulary,
    candidate_pairs,
    containment,
    fold_layout,
    label_key,
    profile_unit,
    similarity,
    wording,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [("J.1", "J1"), ("8 bis", "8bis"), ("8 bis", "8-bis"), ("12A", "12a"), ("Ⅳ", "IV")],
)
def test_labels_compare_loosely(a: str, b: str) -> None:
    assert label_key(a) == label_key(b)


def test_labels_stay_apart_when_they_differ() -> None:
    assert label_key("8 bis") != label_key("8")
    assert label_key("J.1") != label_key("J.11")


def test_wording_ignores_layout_only() -> None:
    assert wording("a) costs  of [Article 11](x/README.md) *ex officio*") == wording(
        "a)costs of Article 11 ex officio"
    )
    assert wording("‘shall’ – now") == wording("'shall' - now")
    assert wording("shall") != wording("may")
    assert wording("Parties") != wording("parties")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        # ASCII text skips NFKC and the layout table; text with one other character gets both.
        ("the *ex officio* [rule](x) applies", "the ex officio rule applies"),
        ("the \ufb01rst \u2018rule\u2019", "the first 'rule'"),
        ("co\u00adoperation \u2013 now\u2212", "cooperation - now-"),
        ("Stra\u00dfe \u00abZoll\u00bb", 'Stra\u00dfe "Zoll"'),
        ("x\u00b2 \u2163 \u00bd", "x2 IV 1\u20442"),
    ],
)
def test_fold_layout(text: str, folded: str) -> None:
    assert fold_layout(text) == folded


def test_vocabulary_numbers_words_in_order_of_first_appearance() -> None:
    vocabulary = Vocabulary()
    assert vocabulary.ids(["b", "a", "b"]) == (0, 1, 0)
    assert vocabulary.ids(["a", "b"]) == (1, 0)  # all known: nothing learnt
    assert vocabulary.ids(["c", "a", "d", "c"]) == (2, 1, 3, 2)
    assert vocabulary.signature_of_ids((0, 3)) == "\u0100\u0103"


def _unit(text: str, number: str = "1", **extra: object) -> Unit:
    return Unit(Kind.ARTICLE, number, text=text, **extra)  # type: ignore[arg-type]


def test_similarity_is_shared_words_in_order() -> None:
    vocabulary = Vocabulary()
    a = profile_unit(_unit("the requested State shall execute the request"), vocabulary)
    b = profile_unit(_unit("the requested State may execute the request"), vocabulary)
    assert similarity(a, a) == 1.0
    assert similarity(a, b) == pytest.approx(2 * 6 / 14)


def test_placeholders_and_short_units_are_known() -> None:
    vocabulary = Vocabulary()
    placeholder = profile_unit(_unit("", title="[Deleted]", status=UnitStatus.DELETED), vocabulary)
    assert placeholder.placeholder
    assert placeholder.blank
    assert placeholder.short
    long = profile_unit(_unit(" ".join(["word"] * 30)), vocabulary)
    assert not long.short
    assert not long.blank


def test_chunks_follow_paragraphs_or_sentences() -> None:
    vocabulary = Vocabulary()
    paragraphs = (
        Paragraph("1.", "Each State Party shall designate a central authority for requests."),
        Paragraph("(a)", "which shall receive the requests addressed to it;", depth=1),
        Paragraph(
            "2.", "The central authority shall transmit requests to the competent authority."
        ),
    )
    with_paragraphs = profile_unit(_unit("...", paragraphs=paragraphs), vocabulary)
    assert [c.name for c in with_paragraphs.chunks] == ["1", "2"]
    block = profile_unit(
        _unit("The first sentence has enough words in it. The second one also has enough words."),
        vocabulary,
    )
    assert [c.name for c in block.chunks] == ["1", "2"]
    assert all(c.sentence for c in block.chunks)


def test_containment_measures_one_text_inside_another() -> None:
    vocabulary = Vocabulary()
    part = profile_unit(_unit("the central authority shall transmit the request"), vocabulary)
    whole = profile_unit(
        _unit(
            "Each State shall designate a central authority; the central authority shall "
            "transmit the request without delay."
        ),
        vocabulary,
    )
    assert containment(part.shingles, whole.shingles) == 1.0
    assert containment(whole.shingles, part.shingles) < 0.5
    assert containment(frozenset(), whole.shingles) == 0.0


def test_candidates_come_from_shared_wording_not_from_all_pairs() -> None:
    vocabulary = Vocabulary()
    texts = [
        "Each State Party shall designate a central authority to receive requests.",
        "Assistance may be refused if the request concerns a political offence.",
        "The requested State shall keep the request and its contents confidential.",
    ]
    olds = [profile_unit(_unit(t, str(k)), vocabulary) for k, t in enumerate(texts)]
    news = [profile_unit(_unit(t, str(k)), vocabulary) for k, t in enumerate(reversed(texts))]
    assert candidate_pairs(olds, news) == [(0, 2), (1, 1), (2, 0)]


def test_boilerplate_shingles_are_not_indexed_as_evidence() -> None:
    vocabulary = Vocabulary()
    common = "in accordance with this Convention"
    profiles = [
        profile_unit(_unit(f"{common} item number {k} differs"), vocabulary) for k in range(10)
    ]
    index = ShingleIndex(profiles, common=3)
    overlaps = index.overlaps(profiles[0])
    assert set(overlaps) == {0}


def test_a_unit_with_the_body_of_one_already_profiled_borrows_its_words_alone() -> None:
    """An article unchanged between drafts is read once: its twin lends words and shingles, and
    the profile is the one reading it afresh would give; a twin with another body lends nothing."""
    old, new = (
        parse_draft("Article 4\nVictims\n\nEach State Party shall ensure reparation.\n"),
        parse_draft(
            "Article 7\nVictims\n\nEach State Party shall ensure reparation.\n\n"
            "Article 8\nVictims\n\nEach State Party may ensure reparation.\n"
        ),
    )
    vocabulary = Vocabulary()
    twin = profile_unit(old.articles[0], vocabulary)
    moved, changed = new.articles
    borrowed = profile_unit(moved, vocabulary, twin)
    assert borrowed == profile_unit(moved, vocabulary)
    assert borrowed.label == "7"
    assert borrowed.words is twin.words
    assert profile_unit(changed, vocabulary, twin) == profile_unit(changed, vocabulary)
    assert profile_unit(changed, vocabulary, twin).words != twin.words

"""The rule helpers one by one: modals and their verbs, references, brackets, definitions."""

from __future__ import annotations

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.parse import parse_draft
from mla_diff.rules.brackets import bracket_groups
from mla_diff.rules.context import Passage
from mla_diff.rules.evidence import window
from mla_diff.rules.obligations import modal_uses, paired_modals
from mla_diff.rules.references import references
from mla_diff.rules.rulebook import Phrase, build_rulebook, compile_phrase, may_hold, needles_of
from mla_diff.rules.wording import right_uses

ENGLISH = build_rulebook().language("en")


@pytest.mark.parametrize(
    ("text", "modal", "verb"),
    [
        ("Assistance may be refused if", "may", "be refused"),
        ("States Parties shall endeavour to afford one another", "shall endeavour to", "afford"),
        ("Each State Party shall, where appropriate, take measures", "shall", "take"),
        ("The State shall also promptly inform the other", "shall", "inform"),
        ("Assistance shall not be refused on the ground", "shall not", "be refused"),
        ("A Party may, when signing, by a declaration, define what", "may", "define"),
    ],
)
def test_a_modal_and_the_verb_it_governs(text: str, modal: str, verb: str) -> None:
    (use,) = modal_uses(text, ENGLISH)
    assert (use.written, use.verb) == (modal, verb)


def test_a_date_in_may_is_no_permission() -> None:
    assert modal_uses("adopted on 26 May 2023 at Ljubljana", ENGLISH) == []


@pytest.mark.parametrize(
    ("old", "new", "direction"),
    [
        ("Assistance may be refused.", "Assistance shall be refused.", "stronger"),
        ("States shall cooperate.", "States should cooperate.", "weaker"),
        ("States shall cooperate.", "States undertake to cooperate.", "weaker"),
        ("Assistance shall not be refused.", "Assistance may be refused.", "weaker"),
        ("States need not extradite.", "States shall extradite.", "stronger"),
        ("States shall extradite.", "States must extradite.", None),
        ("States shall extradite.", "States shall not extradite.", None),
        ("States shall provide help.", "States shall afford help.", None),
    ],
)
def test_modal_strength_compared_on_the_same_verb(
    old: str, new: str, direction: str | None
) -> None:
    pairs = list(paired_modals(Passage(old, new, "", "", "1", "1", adjusted_old=old), ENGLISH))
    if direction is None:
        assert pairs == []
    else:
        ((a, b),) = pairs
        assert (b.modal.rank > a.modal.rank) == (direction == "stronger")


def test_rights_and_what_they_are_to() -> None:
    (narrow,) = right_uses("victims have the right to seek reparation for harm", ENGLISH)
    (full,) = right_uses("victims have the right to full reparation for harm", ENGLISH)
    assert (narrow.object, narrow.narrowed) == ("reparation", True)
    assert (full.object, full.narrowed) == ("reparation", False)


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("in accordance with article 14, paragraph 2, of this Convention", ["14(2)"]),
        ("the grounds in art. 21(1)(a) apply", ["21(1)(a)"]),
        ("under Articles 3 and 3a", ["3", "3a"]),
        ("Articles 18 (2) and (3), 19 (2) and 20 (2)", ["18(2)", "18(3)", "19(2)", "20(2)"]),
        ("as provided in paragraph 2 of article 5", ["5(2)"]),
        ("see article 8 bis", ["8 bis"]),
        ("in accordance with Article J.7;", ["J.7"]),
        ("Article 3b of the Treaty establishing the European Community", []),
        ("article 5 of the present Convention", ["5"]),
        ("under this article a State Party may", []),
        # Matched without regard to case as the patterns read it ("ı" and "ſ" are an "i" and an
        # "s" to them): the screen that spares most paragraphs the patterns must read it alike.
        ("PARAGRAPH 2 OF ARTICLE 5", ["5(2)"]),
        ("as Artıcle 7 provides", ["7"]),
        ("under ARTſ 3 and 4", ["3", "4"]),
        ("paragraph 1 of Art.\n12", ["12(1)"]),
        ("the particle 5", []),
        # A capital inside a word is no article: "AND" holds no "D".
        ("ARTICLES 3 AND 4 OF THIS CONVENTION", ["3", "4"]),
        ("article 5 (2) AND (3)", ["5(2)", "5(3)"]),
    ],
)
def test_references_are_read_as_lawyers_write_them(text: str, cited: list[str]) -> None:
    found = [r.article + "".join(f"({p})" for p in r.path) for r in references(text, ENGLISH)]
    assert found == cited


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("States [shall][should] cooperate", [("shall", "should")]),
        ("[Option 1: No reservations.] [Option 2: Some.]", [("No reservations.", "Some.")]),
        ("within [40][60] days", [("40", "60")]),
        ("shall not be required[1].", []),
        ("2. [Deleted]", []),
        (
            "war crimes[, whether committed in armed conflict].",
            [(", whether committed in armed conflict",)],
        ),
    ],
)
def test_bracket_groups(text: str, options: list[tuple[str, ...]]) -> None:
    assert [g.options for g in bracket_groups(text)] == options


def test_evidence_is_the_words_around_the_change() -> None:
    text = " ".join(f"w{i}" for i in range(30))
    start = text.index("w15")
    assert window(text, start, start + 3, words=2) == "…w13 w14 w15 w16 w17…"


def test_typographic_quotes_open_a_definition() -> None:
    old = "Article 2\nUse of terms\n\n“Victim” means a natural person who has suffered harm.\n"
    new = "Article 2\nUse of terms\n\n“Victim” means any person who has suffered harm.\n"
    flags = compare_drafts(parse_draft(old), parse_draft(new)).flags
    assert [(f.rule, f.severity.value) for f in flags] == [("definition-changed", "high")]


def test_a_scope_article_without_a_title_is_read_by_its_words() -> None:
    old = (
        "Article 2\n\n1. This Convention applies to genocide, crimes against humanity, war crimes "
        "and torture.\n\nArticle 3\nOptional crimes\n\nA State may declare that it applies this "
        "Convention to enforced disappearance.\n"
    )
    new = old.replace(" and torture.", ".").replace(
        "to enforced disappearance", "to torture and to enforced disappearance"
    )
    flags = compare_drafts(parse_draft(old), parse_draft(new)).flags
    assert [(f.rule, f.old, f.new) for f in flags] == [("scope-changed", "2", "3")]


def test_a_modal_inside_an_idiom_binds_nobody() -> None:
    assert (
        modal_uses("sent to the Party or the court, as the case may be, and returned", ENGLISH)
        == []
    )
    assert modal_uses("such measures as may be necessary to establish", ENGLISH) == []


def test_a_screen_tests_the_needles_that_hold_no_other() -> None:
    phrases = tuple(
        compile_phrase(p)
        for p in ("war crime|crimes", "crimes against humanity", "enforced disappearance*")
    )
    # "crimes" holds "crime": a text with the one has the other.
    assert needles_of(phrases) == ("crime", "disappearance", "humanity")
    assert may_hold(phrases, "Les CRIMES de guerre".casefold())
    assert not may_hold(phrases, "genocide and torture")
    # A phrase with no needle may be anywhere: nothing is ruled out.
    assert needles_of((*phrases, Phrase("any", "any"))) is None
    assert may_hold((*phrases, Phrase("any", "any")), "genocide")


@pytest.mark.parametrize(
    "text", ["VİCTİM", "the victım", "VICTIM", "a victim's right", "the VİCTİM."]
)
def test_a_phrase_screen_never_rules_out_what_its_pattern_matches(text: str) -> None:
    """The patterns read "İ" and "ı" as an "i" (matching without regard to case); the screen in
    front of them must read them alike, or a text the pattern matches is never tried."""
    phrase = compile_phrase("victim")
    assert phrase.count(text) == len(phrase.pattern.findall(text)) == 1

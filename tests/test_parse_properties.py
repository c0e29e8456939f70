"""Properties of parse_draft on any text: it never raises, and nothing is lost or counted twice."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mla_diff.model import Draft
from mla_diff.normalize import split_lines
from mla_diff.parse import coverage_problems, parse_draft

# Pieces of treaty layout, so that generated texts reach the parser's every branch.
FRAGMENTS = [
    "Article 1",
    "ARTICLE 2",
    "Art. 3.",
    "Article 8 bis",
    "Article J.1",
    "Article premier",
    "Artículo 4.",
    "Artikel 12a",
    "Articles 5 to 7 [Deleted]",
    "Article 9 [Deleted]",
    "(weggefallen)",
    "Chapter II  Preventive measures",
    "PART I",
    "I. Die Grundrechte",
    "Erster Teil",
    "Annex I",
    "ANNEX",
    "Preamble",
    "The States Parties to this Convention,",
    "Recalling",
    "; Considering that",
    "Have agreed as follows:",
    "IN WITNESS WHEREOF",
    "DONE at",
    "1.",
    "(a)",
    "(i)",
    "a)",
    "1.1",
    "- ",
    "[shall]",
    "[",
    "]",
    "[^1]: note",
    "Facilitator's note:",
    "### ",
    "**",
    "---",
    "%",
    "§ 1",
    "Section 1.",
    "Page 3 of 9",
    "- 4 -",
    "juris-",
    "diction",
    "\f",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\ufeff",
    "\u00a0",
    "\u00ad",
    "“quoted”",
    "  ",
    "\t",
    "text of the provision.",
    "shall",
]

# More examples for a deeper search: MLA_DIFF_EXAMPLES=5000 pytest tests/test_parse_properties.py
EXAMPLES = int(os.environ.get("MLA_DIFF_EXAMPLES", "200"))

treaty_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60
).map("".join)


def _check(text: str) -> Draft:
    draft = parse_draft(text)
    assert coverage_problems(draft) == []
    lines = max(1, len(split_lines(text)))
    previous_start = -1
    for index, unit in enumerate(draft.units):
        assert unit.index == index
        assert unit.start >= previous_start
        previous_start = unit.start
        assert 1 <= unit.first_line <= unit.last_line <= lines
        for start, end in unit.spans:
            assert 0 <= start < end <= len(text)
    assert parse_draft(text) == draft
    return draft


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.text())
def test_any_string_parses_and_nothing_is_lost(text: str) -> None:
    _check(text)


@settings(
    max_examples=EXAMPLES * 3 // 2,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(treaty_like)
def test_any_treaty_like_text_parses_and_nothing_is_lost(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(treaty_like, st.sampled_from(["en", "fr", "es", "de", "nl"]))
def test_a_forced_language_never_raises(text: str, language: str) -> None:
    draft = parse_draft(text, language)
    assert draft.language == language
    assert coverage_problems(draft) == []


def test_empty_and_blank_texts() -> None:
    for text in ("", "\n", "   \r\n\r\n", "\ufeff"):
        draft = _check(text)
        assert not draft.articles

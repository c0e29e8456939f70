"""diff.py: word and character diffs, ignore options that never hide a change, lossless edits."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mla_diff.diff import changed, check_options, diff_texts, new_text, old_text
from mla_diff.model import Edit, Op, Settings

IGNORES = ["whitespace", "case", "punctuation", "numbering"]


def _shown(edits: tuple[Edit, ...]) -> str:
    """Edits as "{-old-}{+new+}", ignored changes in "{~-old~}{~+new~}"."""
    out = []
    for e in edits:
        mark = "~" if e.ignored else ""
        if e.op is Op.EQUAL:
            out.append(e.text)
        elif e.op is Op.DELETE:
            out.append(f"{{{mark}-{e.text}-}}")
        else:
            out.append(f"{{{mark}+{e.text}+}}")
    return "".join(out)


def test_word_granularity_keeps_words_whole() -> None:
    edits = diff_texts("Assistance may be refused.", "Assistance shall be refused.")
    assert _shown(edits) == "Assistance {-may-}{+shall+} be refused."


def test_char_granularity_on_request() -> None:
    edits = diff_texts("organizations", "organisations", granularity="char")
    assert _shown(edits) == "organi{-z-}{+s+}ations"


def test_identical_texts_are_one_equal_run() -> None:
    assert diff_texts("same", "same") == (Edit(Op.EQUAL, "same"),)
    assert diff_texts("", "") == ()


def test_ignoring_whitespace_still_shows_a_changed_comma() -> None:
    edits = diff_texts(
        "Each State  shall, afford assistance",
        "Each State shall afford  assistance",
        ignore={"whitespace"},
    )
    assert changed(edits)
    assert [e.text for e in edits if not e.ignored and e.op is Op.DELETE] == [","]
    assert old_text(edits) == "Each State  shall, afford assistance"


def test_ignoring_whitespace_passes_over_spacing_only() -> None:
    edits = diff_texts(
        "a.  if the judgment is final", "a. if the judgment is final", ignore={"whitespace"}
    )
    assert not changed(edits)
    assert any(e.ignored for e in edits), "the spacing difference is still shown, as ignored"


def test_ignoring_case() -> None:
    edits = diff_texts("Any State Party", "any state party", ignore={"case"})
    assert not changed(edits)
    assert new_text(edits) == "any state party"
    assert changed(diff_texts("Any State Party", "any state party"))


def test_ignoring_punctuation_never_hides_brackets_or_words() -> None:
    edits = diff_texts("[shall] cooperate;", "shall cooperate.", ignore={"punctuation"})
    assert changed(edits), "removing brackets is agreeing text, never mere punctuation"
    counted = "".join(e.text for e in edits if e.op is Op.DELETE and not e.ignored)
    assert "[" in counted
    assert ";" not in counted
    assert changed(diff_texts("may cooperate", "shall cooperate", ignore={"punctuation"}))


def test_ignoring_numbering_passes_over_paragraph_labels_only() -> None:
    relabelled = diff_texts(
        "2. Requests shall be in writing.", "3. Requests shall be in writing.", ignore={"numbering"}
    )
    assert not changed(relabelled)
    assert _shown(relabelled) == "{~-2.-}{~+3.+} Requests shall be in writing."
    # a number inside the text is a cross-reference, never numbering
    reference = diff_texts("under article 14", "under article 15", ignore={"numbering"})
    assert changed(reference)


def test_unknown_options_are_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown ignore option colour"):
        check_options("word", {"colour"})
    with pytest.raises(ValueError, match="unknown granularity 'line'"):
        diff_texts("a", "b", granularity="line")


def test_results_do_not_depend_on_a_timeout() -> None:
    # 0 means no time limit, so a diff never depends on the speed of the machine
    assert Settings().diff_timeout == 0.0
    assert inspect.signature(diff_texts).parameters["timeout"].default == 0.0


_pieces = st.sampled_from(
    [*"abcAB ,.;:[]()\n\t12-’", "shall", "may", " the ", "1. ", "\n2. ", "(a) ", "  "]
)
_texts = st.lists(_pieces, max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    old=_texts,
    new=_texts,
    granularity=st.sampled_from(["word", "char"]),
    ignore=st.sets(st.sampled_from(IGNORES)),
)
def test_both_texts_rebuild_exactly_from_the_edits(
    old: str, new: str, granularity: str, ignore: set[str]
) -> None:
    edits = diff_texts(old, new, granularity=granularity, ignore=ignore)
    assert old_text(edits) == old
    assert new_text(edits) == new
    assert all(e.text for e in edits)
    if not ignore:
        assert changed(edits) == (old != new)
    if old == new:
        assert not changed(edits)

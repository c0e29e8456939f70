"""Edits -> redline runs: side-by-side columns rebuild each text, gists stay short and faithful."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mla_diff.diff import diff_texts
from mla_diff.model import Edit, Op
from mla_diff.redline import excerpt, gist, runs_of, side_by_side, wdiff

OLD = "1. Victims have the right to seek reparation.\n2. Reparation may include restitution."
NEW = "1. Victims have the right to reparation.\n2. Reparation may include restitution.\n3. New."


def _column_text(rows: tuple[tuple[str, ...], ...]) -> str:
    return "\n".join("".join(row) for row in rows)


def test_side_by_side_columns_rebuild_both_texts() -> None:
    rows = side_by_side(diff_texts(OLD, NEW))
    old = _column_text(tuple(tuple(r.text for r in row.old) for row in rows))
    new = _column_text(tuple(tuple(r.text for r in row.new) for row in rows))
    assert old == OLD
    assert new == NEW


def test_side_by_side_rows_break_at_shared_line_breaks() -> None:
    rows = side_by_side(diff_texts(OLD, NEW))
    assert [r.op for r in rows[0].old] == ["equal", "delete", "equal"]
    assert "".join(r.text for r in rows[1].old) == "2. Reparation may include restitution."
    assert rows[1].new[-1].op == "insert"


def test_old_column_holds_no_insertion_and_new_column_no_deletion() -> None:
    for row in side_by_side(diff_texts(OLD, NEW)):
        assert all(run.op != "insert" for run in row.old)
        assert all(run.op != "delete" for run in row.new)


words = st.lists(st.sampled_from(["shall", "may", "victims", "reparation", ".", "\n", " "]))


@given(words, words)
def test_side_by_side_rebuilds_any_pair(old_words: list[str], new_words: list[str]) -> None:
    old, new = "".join(old_words), "".join(new_words)
    rows = side_by_side(diff_texts(old, new))
    assert _column_text(tuple(tuple(r.text for r in row.old) for row in rows)) == old
    assert _column_text(tuple(tuple(r.text for r in row.new) for row in rows)) == new


def test_runs_keep_move_marks() -> None:
    runs = runs_of((Edit(Op.DELETE, "a", "m1"), Edit(Op.EQUAL, "b"), Edit(Op.INSERT, "a", "m1")))
    assert [(r.op, r.moved) for r in runs] == [("delete", "m1"), ("equal", ""), ("insert", "m1")]


def test_gist_shows_the_change_with_a_little_context() -> None:
    tail = " It applies to every crime covered by this Convention without exception at all."
    text = wdiff(gist(diff_texts(OLD + tail, NEW.replace("\n3. New.", "") + tail)))
    assert "[-seek -]" in text
    assert "have the right to [-seek -]reparation" in text
    assert "without exception" not in text  # far from the change: left out
    assert text.endswith(" … ")


def test_gist_of_unchanged_text_is_empty() -> None:
    assert gist(diff_texts(OLD, OLD)) == ()


def test_gist_stops_after_a_few_changes() -> None:
    old = " ".join(f"w{i} shall" for i in range(40))
    new = " ".join(f"w{i} may" for i in range(40))
    runs = gist(diff_texts(old, new))
    assert sum(1 for r in runs if r.op == "delete") == 3
    assert runs[-1].elided


def test_blank_runs_are_marked() -> None:
    (run,) = runs_of((Edit(Op.INSERT, "\n"),))
    assert run.blank
    assert run.line_break


def test_excerpt_cuts_long_texts() -> None:
    assert excerpt("a b c", 2) == "a b…"
    assert excerpt("a b", 2) == "a b"

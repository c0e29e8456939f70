"""Properties of a whole comparison on any pair of drafts: it never raises, a draft compared with
itself shows no change, both texts rebuild from the edits, swapping the drafts swaps what was
added and deleted, and the reports are the same on every run, whatever the hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mla_diff.compare import compare_drafts
from mla_diff.diff import new_text, old_text
from mla_diff.model import Comparison, MatchStatus
from mla_diff.parse import parse_draft
from mla_diff.render import render_html, render_markdown
from tests.test_align import draft_pairs
from tests.test_parse_properties import treaty_like

ROOT = Path(__file__).resolve().parent.parent
MLA = ROOT / "drafts" / "mla-convention"
# More examples for a deeper search: MLA_DIFF_EXAMPLES=1000 pytest tests/test_compare_properties.py
EXAMPLES = int(os.environ.get("MLA_DIFF_EXAMPLES", "60"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Two texts of any shape: treaty drafts with known edits, or layout fragments in any order.
any_pair = st.one_of(draft_pairs(), st.tuples(treaty_like, treaty_like))


def _compare(old: str, new: str) -> Comparison:
    return compare_drafts(parse_draft(old), parse_draft(new))


def _words(text: str) -> list[str]:
    return text.split()


def _check_rebuilds(comparison: Comparison) -> None:
    """Every unit of both drafts in exactly one row; each side's text rebuilt from the row."""
    seen_old = [u.index for row in comparison.rows for u in row.match.old]
    seen_new = [u.index for row in comparison.rows for u in row.match.new]
    assert sorted(seen_old) == [u.index for u in comparison.old.units]
    assert sorted(seen_new) == [u.index for u in comparison.new.units]
    for row in comparison.rows:
        old = "\n".join(u.text for u in row.match.old)
        new = "\n".join(u.text for u in row.match.new)
        if row.edits:
            assert old_text(row.edits) == old
            assert new_text(row.edits) == new
        elif row.match.old and row.match.new:
            assert [u.text for u in row.match.old] == [u.text for u in row.match.new]
        if row.title_edits:
            assert old_text(row.title_edits) == " ".join(u.title for u in row.match.old)
            assert new_text(row.title_edits) == " ".join(u.title for u in row.match.new)
        elif row.match.old and row.match.new and not row.match.modified:
            assert [u.title for u in row.match.old] == [u.title for u in row.match.new]
        # Paragraph by paragraph too: no word of either side is lost or invented.
        kept_old = [old_text(p.edits) for p in row.paragraphs]
        kept_new = [new_text(p.edits) for p in row.paragraphs]
        assert sorted(_words(" ".join(kept_old))) == sorted(_words(old))
        assert sorted(_words(" ".join(kept_new))) == sorted(_words(new))


@FAST
@given(any_pair)
def test_any_pair_compares_and_both_texts_rebuild(pair: tuple[str, str]) -> None:
    comparison = _compare(*pair)
    _check_rebuilds(comparison)


@FAST
@given(st.one_of(draft_pairs().map(lambda pair: pair[0]), treaty_like))
@example("Facilitator's note:")  # a unit with no words, a note alone
def test_a_draft_compared_with_itself_reports_no_change(text: str) -> None:
    comparison = _compare(text, text)
    assert not comparison.changed
    assert not comparison.flags
    assert all(row.match.status is MatchStatus.MATCHED for row in comparison.rows)
    assert not any(row.match.modified or row.match.moved for row in comparison.rows)


def _changes(comparison: Comparison) -> tuple[set[int], set[int]]:
    """Indexes of the old units deleted and of the new units added."""
    deleted = {
        u.index
        for row in comparison.rows
        if row.match.status is MatchStatus.DELETED
        for u in row.match.old
    }
    added = {
        u.index
        for row in comparison.rows
        if row.match.status is MatchStatus.ADDED
        for u in row.match.new
    }
    return deleted, added


_CLAUSE = "Each State Party shall designate a central authority to receive requests for assistance."
_REFUSAL = "Assistance may be refused if the request concerns a political offence."


def _articles(*texts: str) -> str:
    body = "\n\n".join(f"Article {n}\n\n{text}" for n, text in enumerate(texts, 1))
    return f"CONVENTION\n\nHave agreed as follows:\n\n{body}\n"


@FAST
@given(any_pair)
# Two articles, one of them a clause said twice, merged into one reworded: a split backwards.
@example(
    (
        _articles(_CLAUSE, _CLAUSE, f"{_CLAUSE} {_CLAUSE}", f"{_CLAUSE} {_REFUSAL}"),
        _articles(_CLAUSE, _CLAUSE, f"{_CLAUSE.replace('shall', 'may')} {_REFUSAL}"),
    )
)
def test_swapping_the_drafts_swaps_added_and_deleted(pair: tuple[str, str]) -> None:
    forward = _compare(pair[0], pair[1])
    backward = _compare(pair[1], pair[0])
    deleted, added = _changes(forward)
    assert _changes(backward) == (added, deleted)
    assert forward.changed == backward.changed


@FAST
@given(draft_pairs())
def test_the_same_pair_gives_the_same_reports(pair: tuple[str, str]) -> None:
    first, second = _compare(*pair), _compare(*pair)
    assert first == second
    assert render_html(first, "t") == render_html(second, "t")
    assert render_markdown(first, "t") == render_markdown(second, "t")


REPORTS = """
import hashlib, sys
from pathlib import Path
from mla_diff.compare import compare_drafts
from mla_diff.jsonreport import render_json
from mla_diff.parse import parse_draft
from mla_diff.render import render_html, render_markdown
old, new = (parse_draft(Path(p).read_text(encoding="utf-8")) for p in sys.argv[1:3])
comparison = compare_drafts(old, new)
for render in (render_html, render_markdown, render_json):
    print(hashlib.sha256(render(comparison, "t").encode()).hexdigest())
"""


def test_reports_do_not_depend_on_the_hash_seed() -> None:
    """No set or dict order leaks into any report of a real pair of drafts."""
    old, new = MLA / "2018-11_preliminary-draft.txt", MLA / "2023-05-26_adopted-text.txt"
    digests = []
    for seed in ("0", "12345"):
        done = subprocess.run(
            [sys.executable, "-c", REPORTS, str(old), str(new)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        digests.append(done.stdout.split())
    assert len(digests[0]) == 3
    assert digests[0] == digests[1]

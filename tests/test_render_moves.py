"""Text moved between provisions is named at both ends of the report."""

from __future__ import annotations

from pathlib import Path

from mla_diff.compare import compare_drafts
from mla_diff.parse import parse_draft
from mla_diff.render import render_html

# A paragraph of art. 1 moves into art. 2, which keeps its own paragraph.
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "moves"


def _page() -> str:
    old, new = (
        parse_draft((FIXTURE / f"{side}.txt").read_text("utf-8")) for side in ("old", "new")
    )
    return render_html(compare_drafts(old, new), "test")


def test_both_ends_of_a_move_name_each_other() -> None:
    page = _page()
    old_end = page.split('id="new-art-1"', 1)[1].split("</article>", 1)[0]
    assert 'class="moved"' in old_end
    assert "(moved to art. 2(2))" in old_end
    new_end = page.split('id="new-art-2"', 1)[1].split("</article>", 1)[0]
    assert 'class="moved"' in new_end
    assert "(moved from art. 1(2))" in new_end

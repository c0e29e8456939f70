"""The Markdown summary: concise, escaped, under GitHub's comment limit with a notice."""

from __future__ import annotations

from mla_diff.diff import diff_texts
from mla_diff.markdown import MARKDOWN_LIMIT, md_runs, md_text
from mla_diff.model import Comparison, Draft, Kind, Match, MatchStatus, Row, Version
from mla_diff.parse import parse_draft
from mla_diff.redline import Run
from mla_diff.render import render_markdown
from tests.report_fixtures import TEST_VERSION, golden_comparison, hostile_comparison


def test_summary_lists_counts_flags_and_changes() -> None:
    text = render_markdown(golden_comparison(), TEST_VERSION)
    assert "Unofficial comparison, not an authoritative text." in text
    assert "| Removed | 1 | 0 |" in text
    assert (
        "| **critical** | art. 4 → — | Art. 4 (Pardon, amnesty and commutation) was deleted; "
        "it mentioned" in text
    )
    assert "right to ~~seek reparation, in accordance with its domestic law~~**reparation**" in text
    assert "Truncated" not in text


def test_draft_text_cannot_become_markup() -> None:
    text = render_markdown(hostile_comparison(), TEST_VERSION)
    assert "<script>" not in text
    assert "<img" not in text
    assert "&lt;script&gt;" in text


def test_escaping_of_table_cells_and_mentions() -> None:
    assert md_text("a | b") == "a \\| b"
    assert md_text("*x* _y_ [z](u) `c`") == "\\*x\\* \\_y\\_ \\[z\\](u) \\`c\\`"
    assert md_text("@someone #12") == "&#64;someone &#35;12"
    assert md_text("line\nbreak") == "line break"
    assert md_text("x" * 500).endswith("…")


def test_redline_markers_hug_the_words() -> None:
    runs = (Run("equal", "right to "), Run("delete", "seek "), Run("equal", "reparation"))
    assert md_runs(runs) == "right to ~~seek~~ reparation"


def _huge_comparison() -> Comparison:
    """Hundreds of articles, every one reworded: far more than one comment holds. Built row by
    row (alignment is not under test here, and would take long on so many articles)."""

    def draft(word: str) -> Draft:
        body = " ".join(f"{word} clause {n} of the text" for n in range(4))
        return parse_draft("\n\n".join(f"Article {n}\n\n{body}" for n in range(1, 701)))

    old, new = draft("shall"), draft("may")
    rows = tuple(
        Row(
            Match(
                MatchStatus.MATCHED,
                Kind.ARTICLE,
                (a,),
                (b,),
                0.8,
                "80% similar text",
                modified=True,
            ),
            diff_texts(a.text, b.text),
        )
        for a, b in zip(old.articles, new.articles, strict=True)
    )
    return Comparison(Version("old"), Version("new"), old, new, rows)


def test_long_summaries_are_cut_under_the_limit_with_a_notice() -> None:
    text = render_markdown(_huge_comparison(), TEST_VERSION)
    assert len(text) <= MARKDOWN_LIMIT
    assert "**Truncated:**" in text
    assert "of 700 changed provisions are not shown" in text
    assert text.rstrip().endswith("</sub>")

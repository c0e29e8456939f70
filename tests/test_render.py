"""The HTML report: self-contained, complete, escaped, deterministic, navigable."""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.model import Comparison, Settings
from mla_diff.parse import parse_draft
from mla_diff.render import css_string, render_html
from mla_diff.sources import read_draft
from tests.html_text import read_page
from tests.report_fixtures import (
    PAYLOAD,
    TEST_VERSION,
    golden_comparison,
    hostile_comparison,
)


@pytest.fixture(scope="module")
def golden() -> Comparison:
    return golden_comparison()


@pytest.fixture(scope="module")
def page(golden: Comparison) -> str:
    return render_html(golden, TEST_VERSION)


def _assert_complete(report: str, comparison: Comparison) -> None:
    """Every title, line of text and note of both drafts is visible in the page."""
    text = read_page(report).flat_text
    for draft in (comparison.old, comparison.new):
        for unit in draft.units:
            pieces = [unit.title, *unit.text.split("\n"), *unit.notes]
            for piece in pieces:
                flat = " ".join(piece.split())
                assert flat in text, f"{unit.key}: {flat!r} is missing from the page"


def test_every_character_of_both_drafts_is_in_the_page(page: str, golden: Comparison) -> None:
    _assert_complete(page, golden)


@pytest.mark.corpus
def test_corpus_report_is_complete(corpus: Path) -> None:
    folder = corpus / "coe-ets030"
    old_version, old = read_draft(folder / "ECMACM_en_v1_1982-04-12.md")
    new_version, new = read_draft(folder / "ECMACM_en_v2_2011-04-01.md")
    comparison = compare_drafts(old, new, old_version=old_version, new_version=new_version)
    report = render_html(comparison, TEST_VERSION)
    _assert_complete(report, comparison)
    assert len(set(read_page(report).ids)) == len(read_page(report).ids)


def test_no_external_resource(page: str) -> None:
    reader = read_page(page)
    assert reader.resources == []
    assert all(href.startswith("#") for href in reader.hrefs), reader.hrefs
    assert "@import" not in page
    assert "url(" not in page
    assert not re.search(r"https?://", page)


def test_policy_allows_only_the_inline_style_and_script(page: str) -> None:
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found is not None
    policy = html.unescape(found.group(1))
    for text in (style, script):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy


def test_ids_are_unique_and_every_internal_link_lands(page: str) -> None:
    reader = read_page(page)
    assert len(reader.ids) == len(set(reader.ids))
    missing = {href for href in reader.hrefs if href[1:] not in reader.ids}
    assert not missing


def test_stable_anchors_per_article_in_each_version(page: str) -> None:
    ids = set(read_page(page).ids)
    # art. 4 (amnesty) was removed; art. 5 became art. 4; art. 5 is new.
    assert {"old-art-4", "old-art-5", "new-art-4", "new-art-5", "old-pp-2", "new-pp-3"} <= ids


def test_header_names_versions_and_provenance(page: str, golden: Comparison) -> None:
    text = read_page(page).flat_text
    assert "Unofficial comparison, not an authoritative text." in text
    assert "illustrative drafts" not in text
    assert "Preliminary draft (Nov 2018) → Revised draft (Mar 2020)" in text
    assert golden.old_version.sha256 in text
    assert golden.new_version.sha256 in text
    assert f"mla-diff {TEST_VERSION}" in text
    assert golden.settings.describe() in text
    assert "tests/golden/old.txt" in text


def test_illustrative_banner_when_the_manifest_says_so() -> None:
    text = read_page(render_html(hostile_comparison(), TEST_VERSION)).flat_text
    assert "illustrative drafts" in text


def test_summary_comes_first_and_critical_flags_lead(page: str) -> None:
    order = [page.index(f'<section id="{name}"') for name in ("summary", "concordance", "removed")]
    assert order == sorted(order)
    assert page.index('<section id="removed"') < page.index('<section id="changed"')
    assert page.index('<section id="changed"') < page.index('<section id="unchanged"')
    text = read_page(page).flat_text
    assert text.index("Critical 1 flag") < text.index("High 4 flags") < text.index("Medium 3 flags")
    flags = text[text.index("Flags, gravest first") :]
    assert (
        "art. 4 → — article-deleted Art. 4 (Pardon, amnesty and commutation) was deleted" in flags
    )


def test_flags_link_to_their_article(page: str) -> None:
    assert '<a href="#old-art-4">art. 4 → —</a>' in page


def test_removed_provision_in_full_with_nearest_candidates(page: str) -> None:
    removed = page.split('id="removed"', 1)[1].split('id="changed"', 1)[0]
    assert "Each State Party may grant pardon, amnesty or commutation" in removed
    assert '<del class="whole"><span class="sr-only">deleted: </span>' in removed
    assert "Nearest in the new draft:" in removed


def test_redline_marks_carry_words_for_screen_readers(page: str) -> None:
    assert '<del><span class="sr-only">deleted: </span>seek ' in page
    assert '<ins><span class="sr-only">inserted: </span>' in page


def test_side_by_side_and_inline_views_are_both_in_the_page(page: str) -> None:
    article = page.split('id="new-art-3"', 1)[1].split("</article>", 1)[0]
    assert 'class="view-inline"' in article
    assert 'class="view-side"' in article
    assert 'type="radio"' in article


def test_unchanged_and_renumbered_only_provisions_are_collapsed(page: str) -> None:
    unchanged = page.split('id="unchanged"', 1)[1].split("</section>", 1)[0]
    assert unchanged.count('<details class="provision quiet"') == unchanged.count("<details")
    assert "Renumbered only" in unchanged
    assert "<details open" not in page


def test_citation_per_provision(page: str) -> None:
    assert '<span class="citation">art. 4, Preliminary draft (Nov 2018)</span>' in page
    assert '<span class="citation">art. 4, Revised draft (Mar 2020)</span>' in page


def test_next_and_previous_change_links(page: str) -> None:
    assert 'rel="next"' in page
    assert 'rel="prev"' in page


def test_landmarks_and_heading_levels(page: str) -> None:
    tags = read_page(page).tags
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in tags
    assert tags.count("h1") == 1
    levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


def test_hostile_text_is_escaped_everywhere() -> None:
    hostile = render_html(hostile_comparison(), TEST_VERSION)
    reader = read_page(hostile)
    assert reader.resources == []  # no <img src>, no on* handler survived
    assert reader.tags.count("script") == 1  # only the page's own
    assert reader.tags.count("img") == 0
    assert "<b>bold</b>" not in hostile
    assert PAYLOAD in reader.text  # shown to the reader as text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in hostile
    style = hostile.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "<" not in style  # the version labels in the print header are CSS-escaped


def test_css_string_escapes_everything_but_plain_words() -> None:
    assert css_string('a "b" </style>') == '"a \\22 b\\22  \\3c \\2f style\\3e "'


def test_same_inputs_give_the_same_bytes(golden: Comparison) -> None:
    assert render_html(golden, TEST_VERSION) == render_html(golden_comparison(), TEST_VERSION)


def test_same_bytes_across_hash_seeds(tmp_path: Path) -> None:
    golden = Path(__file__).resolve().parent / "golden"
    outputs = []
    for seed in ("0", "1", "12345"):
        out = tmp_path / f"report-{seed}.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "mla_diff",
                "compare",
                str(golden / "old.txt"),
                str(golden / "new.txt"),
                "-o",
                str(out),
                "--exit-zero",
            ],
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_ignored_changes_are_shown_and_marked_as_ignored() -> None:
    comparison = compare_drafts(
        parse_draft("Article 1\n\nStates shall act."),
        parse_draft("Article 1\n\nstates shall act now."),
        Settings(ignore=frozenset({"case"})),
    )
    page = render_html(comparison, TEST_VERSION)
    assert (
        '<del class="ignored"><span class="sr-only">deleted: (ignored) </span>States</del>' in page
    )
    assert '<ins><span class="sr-only">inserted: </span> now</ins>' in page

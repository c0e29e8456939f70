"""Golden files: the reports of the small pair in tests/golden/, byte for byte.

After an intended change to the reports (or to parsing, alignment or flags), regenerate them with
`make golden` (or `MLA_DIFF_REGENERATE=1 make test`) and review the diff before committing."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest

from mla_diff.model import Comparison
from mla_diff.render import render_html, render_json, render_markdown, render_text
from tests.report_fixtures import GOLDEN, TEST_VERSION, golden_comparison

REGENERATE = os.environ.get("MLA_DIFF_REGENERATE") == "1"
RENDERERS: dict[str, Callable[[Comparison, str], str]] = {
    "report.html": render_html,
    "report.md": render_markdown,
    "report.json": render_json,
    "report.txt": render_text,
}


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_report_matches_its_golden_file(name: str) -> None:
    produced = RENDERERS[name](golden_comparison(), TEST_VERSION)
    expected = GOLDEN / name
    if REGENERATE:
        expected.write_text(produced, encoding="utf-8", newline="\n")
    assert expected.is_file(), f"{expected} is missing: run `make golden`"
    assert produced == expected.read_text(encoding="utf-8"), (
        f"{name} differs from {expected}; if the change is intended, run `make golden` "
        "and review the diff"
    )

"""The terminal summary: readable without colour, coloured only when asked."""

from __future__ import annotations

from mla_diff.terminal import render_text
from tests.report_fixtures import TEST_VERSION, golden_comparison


def test_plain_summary_has_no_escape_codes() -> None:
    text = render_text(golden_comparison(), TEST_VERSION)
    assert "\x1b[" not in text
    assert "Preliminary draft (Nov 2018) → Revised draft (Mar 2020)" in text
    assert "Unofficial comparison, not an authoritative text." in text
    assert (
        "CRITICAL  art. 4 → —  Art. 4 (Pardon, amnesty and commutation) was deleted; it mentioned"
        in text
    )
    assert "right to [-seek reparation, in accordance with its domestic law-]{+reparation+}" in text


def test_flags_come_gravest_first() -> None:
    text = render_text(golden_comparison(), TEST_VERSION)
    assert text.index("CRITICAL") < text.index("MEDIUM")


def test_colour_only_when_asked() -> None:
    coloured = render_text(golden_comparison(), TEST_VERSION, colour=True)
    assert "\x1b[" in coloured
    assert "[-seek" in coloured  # the marks stay: colour is never the only signal

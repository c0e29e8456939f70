"""End to end on the illustrative MLA drafts: each change of the answer key raises the right flag
in the right pair of versions (tests/data/mla-convention/ground_truth/changes.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.model import Comparison, Flag
from mla_diff.sources import load_instrument, read_draft
from tests.test_diff_compare import assert_lossless

MLA = Path(__file__).resolve().parent.parent / "drafts" / "mla-convention"
PAIRS = {
    "2018-11>2020-03": (0, 1),
    "2020-03>2022-11-30": (1, 2),
    "2022-11-30>2023-05-26": (2, 3),
    "2018-11>2023-05-26": (0, 3),
}


@cache
def comparison(pair: str) -> Comparison:
    assert (MLA / "versions.toml").is_file(), f"the illustrative drafts are tracked in git: {MLA}"
    versions = load_instrument(MLA).versions
    i, j = PAIRS[pair]
    _, old = read_draft(Path(versions[i].path), versions[i])
    _, new = read_draft(Path(versions[j].path), versions[j])
    return compare_drafts(old, new)


def _text(flag: Flag) -> str:
    return f"{flag.message} {flag.evidence.old} {flag.evidence.new}"


# (pair, rule, severity, old label, new label, words in the message or evidence); "*" = any label
EXPECTED = [
    # §1 pardon, amnesty, commutation
    ("2018-11>2020-03", "brackets-added", "medium", "52", "53", "may each grant a pardon"),
    ("2018-11>2020-03", "crossref-dangling", "medium", "53", "54", "art. 52"),
    ("2020-03>2022-11-30", "article-deleted", "critical", "53", None, "amnesty"),
    ("2018-11>2023-05-26", "article-deleted", "critical", "52", None, "amnesty"),
    # §2 scope: torture and enforced disappearance optional, then aggression
    ("2020-03>2022-11-30", "scope-changed", "high", None, "3", "'torture'"),
    ("2020-03>2022-11-30", "scope-changed", "high", None, "3", "'enforced disappearance'"),
    ("2022-11-30>2023-05-26", "scope-changed", "high", None, "2", "'aggression'"),
    ("2018-11>2023-05-26", "scope-changed", "high", None, "2", "'torture'"),
    # §3 reparation
    ("2022-11-30>2023-05-26", "right-broadened", "high", "72", "83", "right to reparation"),
    ("2018-11>2023-05-26", "right-broadened", "high", "59", "83", "right to reparation"),
    # §4 refusal grounds, March 2020
    ("2018-11>2020-03", "obligation-strengthened", "high", "21", "21", "'shall be refused'"),
    ("2018-11>2020-03", "refusal-ground-changed", "high", "21", "21", "political opinions"),
    ("2018-11>2020-03", "refusal-ground-changed", "high", "35", "35", "political opinions"),
    # §5 assets returned to compensate victims
    ("2018-11>2020-03", "watch-term-added", "high", "23", "23", "compensate the victims"),
    ("2018-11>2020-03", "brackets-added", "medium", "23", "23", "legitimate owners"),
    ("2020-03>2022-11-30", "brackets-removed", "medium", "23", "34", "legitimate owners"),
    # §6 victims articles renumbered
    ("2020-03>2022-11-30", "renumbered-only", "info", "59", "72", "unchanged"),
    ("2020-03>2022-11-30", "renumbered-only", "info", "60", "71", "title changed"),
    # §8 "sex" -> "gender" in three articles, one flag
    ("2022-11-30>2023-05-26", "global-substitution", "medium", None, None, "'gender'"),
    # §9 dual criminality no longer a ground to decline
    ("2020-03>2022-11-30", "refusal-ground-changed", "high", "20", "7", "dual criminality"),
    # §10 reservation to art. 8(3) agreed
    ("2022-11-30>2023-05-26", "brackets-removed", "medium", "79", "92", "article 8, paragraph 3"),
    # §11 square brackets
    ("2018-11>2020-03", "brackets-removed", "medium", "2", "2", "non-international armed"),
    ("2018-11>2020-03", "brackets-removed", "medium", "11", "10", "INTERPOL"),
    ("2018-11>2020-03", "option-selected", "medium", "13", "12", "'shall' was kept"),
    ("2018-11>2020-03", "option-selected", "medium", "15", "15", "'without undue delay'"),
    ("2018-11>2020-03", "option-selected", "medium", "32", "32", "'60' was kept"),
    ("2018-11>2020-03", "brackets-added", "medium", None, "8 bis", "shall not be refused"),
    ("2018-11>2020-03", "brackets-added", "medium", None, "36", "assurance"),
    ("2020-03>2022-11-30", "option-selected", "medium", "3", "4", "Rome Statute"),
    ("2020-03>2022-11-30", "brackets-removed", "medium", "8 bis", "11", "shall not be refused"),
    ("2020-03>2022-11-30", "option-selected", "medium", "24", "30", "'shall' was kept"),
    ("2020-03>2022-11-30", "option-selected", "medium", "28", "37", "'shall' was kept"),
    ("2020-03>2022-11-30", "option-selected", "medium", "62", "77", "'tenth' was kept"),
    ("2020-03>2022-11-30", "brackets-added", "medium", None, "3", "at any time thereafter"),
    ("2020-03>2022-11-30", "brackets-added", "medium", "*", "79", "including under paragraph 2"),
    ("2022-11-30>2023-05-26", "brackets-removed", "medium", "3", "2", "at any time thereafter"),
    ("2022-11-30>2023-05-26", "option-selected", "medium", "20", "21", "'forty' was kept"),
    ("2022-11-30>2023-05-26", "option-selected", "medium", "25", "23", "'an appropriate'"),
    ("2022-11-30>2023-05-26", "option-selected", "medium", "33", "38", "'without delay'"),
    ("2022-11-30>2023-05-26", "brackets-removed", "medium", "73", "84", "meet periodically"),
    ("2022-11-30>2023-05-26", "option-selected", "medium", "75", "86", "Any dispute"),
    ("2022-11-30>2023-05-26", "brackets-removed", "medium", "71", "82", "within its means"),
    # §12 obligation strength and qualifiers
    ("2018-11>2020-03", "obligation-strengthened", "high", "59", "59", "'shall ensure'"),
    ("2020-03>2022-11-30", "obligation-weakened", "high", "12", "15", "'may, without a prior"),
    ("2020-03>2022-11-30", "qualifier-added", "high", "23", "34", "domestic law"),
    ("2022-11-30>2023-05-26", "qualifier-removed", "high", "30", "36", "'where appropriate'"),
    # §13 drafting: a new article on statutory limitations, two articles swapping places
    ("2018-11>2020-03", "article-added", "high", None, "8 bis", "statute of limitations"),
    ("2018-11>2020-03", "renumbered-only", "info", "16", "17", "unchanged"),
    ("2018-11>2020-03", "renumbered-only", "info", "17", "16", "unchanged"),
    # §14 preamble
    ("2018-11>2020-03", "preamble-changed", "low", "*", "*", "Noting with concern"),
    ("2020-03>2022-11-30", "preamble-changed", "medium", None, "*", "truth and reparation"),
    ("2022-11-30>2023-05-26", "preamble-changed", "medium", None, "*", "other serious crimes"),
    ("2022-11-30>2023-05-26", "preamble-changed", "low", "*", "*", "protection and support"),
]


def _matches(flag: Flag, rule: str, severity: str, old: str | None, new: str | None) -> bool:
    return (
        flag.rule == rule
        and flag.severity.value == severity
        and old in ("*", flag.old)
        and new in ("*", flag.new)
    )


@pytest.mark.parametrize(
    ("pair", "rule", "severity", "old", "new", "words"),
    EXPECTED,
    ids=[f"{e[0]}:{e[1]}:{e[3]}>{e[4]}:{e[5][:20]}" for e in EXPECTED],
)
def test_the_answer_key_change_is_flagged(
    pair: str, rule: str, severity: str, old: str | None, new: str | None, words: str
) -> None:
    flags = comparison(pair).flags
    found = [f for f in flags if _matches(f, rule, severity, old, new) and words in _text(f)]
    same_rule = "\n".join(
        f"  {f.severity.value} {f.old} {f.new}: {f.message}" for f in flags if f.rule == rule
    )
    assert found, (
        f"{pair}: no {rule} {severity} {old}>{new} with {words!r}; {rule} flags:\n{same_rule}"
    )


def test_the_substitution_is_reported_once_with_its_three_articles() -> None:
    flags = comparison("2022-11-30>2023-05-26").flags
    grouped = [f for f in flags if f.rule == "global-substitution" and "'sex'" in f.message]
    assert [f.articles for f in grouped] == [("24", "52", "76")]
    assert not [f for f in flags if f.rule == "refusal-ground-changed"], "not repeated per article"


def test_no_amnesty_flag_where_no_amnesty_changed() -> None:
    """The pardon article is gone after 2020: nothing about amnesty is flagged later."""
    flags = comparison("2022-11-30>2023-05-26").flags
    assert not [f for f in flags if "amnesty" in f.message]


def test_flags_about_one_change_are_not_repeated() -> None:
    for pair in PAIRS:
        keys = [(f.rule, f.old, f.new, f.message) for f in comparison(pair).flags]
        assert len(keys) == len(set(keys)), pair


def test_the_illustrative_drafts_are_compared_losslessly() -> None:
    for pair in PAIRS:
        assert_lossless(comparison(pair))

"""Policy gates: parsing, configuration files, and which changes each gate catches."""

from __future__ import annotations

from pathlib import Path

import pytest

from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError
from mla_diff.model import Comparison, Severity
from mla_diff.parse import parse_draft
from mla_diff.policy import (
    DEFAULT_GATES,
    Policy,
    choose_policy,
    describe_violation,
    evaluate,
    find_policy,
    parse_gates,
    read_policy,
)
from tests.drafting import AMNESTY, ENTRY, PURPOSE, SCOPE, V1, V2, draft_text


def _compare(old: str, new: str) -> Comparison:
    return compare_drafts(parse_draft(old, "en"), parse_draft(new, "en"))


def test_gates_split_on_commas_lowercase_and_deduplicate() -> None:
    assert parse_gates(["Critical,deleted", "deleted", " obligation-weakened "], "x") == (
        "critical",
        "deleted",
        "obligation-weakened",
    )
    with pytest.raises(InputError, match="'obligation-weaken' is not a gate"):
        parse_gates(["obligation-weaken"], "--fail-on")  # a typo would never fire
    with pytest.raises(InputError, match="'no way' is not a gate"):
        parse_gates(["no way"], "--fail-on")
    with pytest.raises(InputError, match="names no gate"):
        parse_gates([" , "], "--fail-on")


def test_deleting_the_amnesty_article_fails_critical_and_deleted() -> None:
    comparison = _compare(V1, V2)
    (critical,) = evaluate(comparison, Policy(("critical",), "test"))
    assert critical.rule == "article-deleted"
    assert critical.severity is Severity.CRITICAL
    assert critical.old == "4"
    assert "amnesty" in describe_violation(critical)
    assert describe_violation(critical).startswith("art. 4: critical article-deleted: ")
    (both,) = evaluate(comparison, Policy(("critical", "deleted"), "test"))
    assert both.gates == ("critical", "deleted")


def test_an_unchanged_draft_passes_every_gate() -> None:
    comparison = _compare(V1, V1)
    gates = ("critical", "high", "medium", "low", "info", "deleted", "article-added")
    assert evaluate(comparison, Policy(gates, "test")) == ()


def test_severity_gates_include_worse_severities() -> None:
    added = _compare(
        V2,
        V2.replace("Article 5\n", "Article 6\n")
        + "\nArticle 7\nLanguages\n\nThe texts shall be equally authentic.\n",
    )
    rules = {v.rule for v in evaluate(added, Policy(("medium",), "t"))}
    assert "article-added" in rules
    assert evaluate(added, Policy(("high",), "t")) == ()
    assert [v.rule for v in evaluate(added, Policy(("article-added",), "t"))] == ["article-added"]


def test_deleted_gate_catches_a_deletion_that_no_watch_term_makes_critical() -> None:
    old = draft_text(PURPOSE, SCOPE, ENTRY)
    new = draft_text(PURPOSE, SCOPE)
    comparison = _compare(old, new)
    assert evaluate(comparison, Policy(("critical",), "t")) == ()
    (deleted,) = evaluate(comparison, Policy(("deleted",), "t"))
    assert deleted.old == "3"  # entry into force: no watch term
    assert deleted.gates == ("deleted",)


def test_deleted_gate_catches_a_placeholder() -> None:
    old = draft_text(PURPOSE, AMNESTY, ENTRY)
    new = old.replace(f"Article 2\n{AMNESTY[0]}\n\n{AMNESTY[1]}\n", "Article 2 [Deleted]\n")
    violations = evaluate(_compare(old, new), Policy(("deleted",), "t"))
    assert [v.old for v in violations] == ["2"]


def test_policy_in_mla_diff_toml(tmp_path: Path) -> None:
    config = tmp_path / "mla-diff.toml"
    config.write_text('fail-on = ["high", "deleted"]\n', encoding="utf-8")
    assert read_policy(config) == Policy(("high", "deleted"), str(config))


def test_policy_in_pyproject_toml(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[project]\nname = "x"\n\n[tool.mla-diff]\nfail-on = "critical"\n', encoding="utf-8"
    )
    assert read_policy(config) == Policy(("critical",), str(config))
    other = tmp_path / "other" / "pyproject.toml"
    other.parent.mkdir()
    other.write_text("[tool.black]\nline-length = 100\n", encoding="utf-8")
    assert read_policy(other) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail-on = [1]\n", "fail-on must be a list of strings"),
        ('fail-on = ["critical"]\nfail_on = ["high"]\n', "unknown mla-diff setting fail_on"),
        ("fail-on = [\n", "cannot be read as TOML"),
        ('fail-on = ["bad gate"]\n', "'bad gate' is not a gate"),
    ],
)
def test_bad_configuration_is_an_input_error(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "mla-diff.toml"
    config.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_policy(config)


def test_policy_is_found_above_the_drafts_up_to_the_repository_root(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    drafts = root / "drafts" / "mla"
    drafts.mkdir(parents=True)
    (root / ".git").mkdir()
    (tmp_path / "mla-diff.toml").write_text('fail-on = ["low"]\n', encoding="utf-8")
    assert find_policy(drafts) is None  # the file above the repository is not its policy
    (root / "pyproject.toml").write_text('[tool.mla-diff]\nfail-on = ["high"]\n', encoding="utf-8")
    assert find_policy(drafts) == Policy(("high",), str(root / "pyproject.toml"))
    (drafts / "mla-diff.toml").write_text('fail-on = ["deleted"]\n', encoding="utf-8")
    assert find_policy(drafts) == Policy(("deleted",), str(drafts / "mla-diff.toml"))


def test_choose_policy_order(tmp_path: Path) -> None:
    draft = tmp_path / "repo" / "x.txt"
    draft.parent.mkdir()
    (draft.parent / ".git").mkdir()
    assert choose_policy((), None, draft) == Policy(DEFAULT_GATES, "default")
    (draft.parent / "mla-diff.toml").write_text('fail-on = ["high"]\n', encoding="utf-8")
    assert choose_policy((), None, draft).gates == ("high",)
    assert choose_policy(("deleted",), None, draft) == Policy(("deleted",), "--fail-on")
    config = tmp_path / "policy.toml"
    config.write_text('[tool.mla-diff]\nfail-on = ["medium"]\n', encoding="utf-8")
    assert choose_policy((), config, draft).gates == ("medium",)
    with pytest.raises(InputError, match="no such file"):
        choose_policy((), tmp_path / "absent.toml", draft)
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="holds no fail-on setting"):
        choose_policy((), empty, draft)

"""The git commands through the CLI, in real repositories: FILE@REV, log, history --git, add and
the git diff driver."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mla_diff.cli import main
from tests.drafting import V1, V2, V3, GitRepo, drafts_repository, manifest_folder


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    made = drafts_repository(tmp_path / "repo")
    monkeypatch.chdir(made.root)
    return made


def test_compare_revisions_of_a_renamed_draft(repo: GitRepo) -> None:
    result = _run(
        "compare", "drafts/mla.txt@v2018", "drafts/convention.txt@HEAD", "--format", "json"
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["old"]["commit"] == repo.git("rev-parse", "v2018").strip()
    assert data["new"]["commit"] == repo.git("rev-parse", "HEAD").strip()
    assert data["old"]["path"] == "drafts/mla.txt@v2018"
    same = _run("compare", "drafts/mla.txt@HEAD~2", "drafts/convention.txt", "--format", "json")
    assert same.exit_code == 1  # V2 against V3
    assert _run("compare", "drafts/convention.txt@HEAD", "drafts/convention.txt").exit_code == 0


def test_html_report_records_both_commits(repo: GitRepo) -> None:
    result = _run("compare", "drafts/mla.txt@v2018", "drafts/convention.txt", "-o", "r.html")
    assert result.exit_code == 1
    html = Path("r.html").read_text(encoding="utf-8")
    assert "Git commit" in html
    assert f'<code class="hash">{repo.git("rev-parse", "v2018").strip()}</code>' in html
    assert f'<code class="hash">{repo.git("rev-parse", "HEAD").strip()}</code>' in html


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("drafts/convention.txt@nope", "drafts/convention.txt: unknown revision 'nope'"),
        ("drafts/convention.txt@v2018", "drafts/convention.txt@v2018: does not exist at "),
    ],
)
def test_revision_errors_are_one_line_exit_2(repo: GitRepo, old: str, message: str) -> None:
    result = _run("compare", old, "drafts/convention.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {message}")


def test_not_a_repository_is_one_line_exit_2(tmp_path: Path) -> None:
    loose = tmp_path / "loose.txt"
    loose.write_text(V1, encoding="utf-8")
    for args in (["compare", f"{loose}@HEAD", str(loose)], ["log", str(loose)]):
        result = _run(*args)
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert "is not inside a git repository" in line


def test_log_follows_the_rename_with_article_counts(repo: GitRepo) -> None:
    result = _run("log", "drafts/convention.txt")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.index("March draft") < text.index("Rename the draft") < text.index("Preliminary")
    assert "(tag: v2020)" in text
    assert "drafts/convention.txt (renamed from drafts/mla.txt): no article changed" in text
    assert "drafts/mla.txt: 1 added, 1 deleted, 1 amended, 2 renumbered" in text
    assert "first revision, 5 articles" in text
    assert "Author: Ann Drafter <ann@example.org>" in text
    data = json.loads(_run("log", "drafts/convention.txt", "--format", "json").stdout)
    newest, rename, revised, first = data["revisions"]
    assert newest["changes"] == {
        "added": 1,
        "deleted": 0,
        "amended": 0,
        "renumbered": 1,
        "moved": 0,
        "split": 0,
        "merged": 0,
    }
    assert rename["renamed_from"] == "drafts/mla.txt"
    assert revised["changes"]["deleted"] == 1
    assert first["changes"] is None
    assert first["tags"] == ["v2018"]


def test_history_over_git_revisions(repo: GitRepo) -> None:
    result = _run("history", "drafts/convention.txt", "--git", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    versions = data["versions"]
    assert versions[0] == "v2018"
    assert versions[-1] == "v2020"
    assert len(versions) == 4
    amnesty = next(
        item
        for item in data["lineages"]
        if item["kind"] == "article" and item["numbers"]["v2018"] == "4"
    )
    first_day = data["provenance"][0]["date"]
    assert amnesty["id"] == f"L-{first_day}-art-4"  # commits of distinct days: ids by date
    assert list(amnesty["numbers"].values()) == ["4", None, None, "5"]
    assert [e["event"] for e in amnesty["events"]][:3] == ["introduced", "deleted", "reinstated"]
    assert [p["commit"] for p in data["provenance"]][-1] == repo.git("rev-parse", "HEAD").strip()
    terms = _run("history", "drafts/convention.txt", "--git", "--term", "amnesty")
    assert "last appears in v2020 (art. 5)" in terms.stdout


def test_history_of_several_revisions_named_on_the_command_line(repo: GitRepo) -> None:
    result = _run("history", "drafts/mla.txt@v2018", "drafts/convention.txt@v2020")
    assert result.exit_code == 0, result.output
    assert "drafts/mla.txt@v2018" in result.stdout.splitlines()[0]


def test_history_errors(repo: GitRepo) -> None:
    one = _run("history", "drafts/convention.txt")
    assert one.exit_code == 2
    assert "a history needs several versions" in one.stderr
    two = _run("history", "drafts/convention.txt", "drafts/mla.txt", "--git")
    assert two.exit_code == 2
    assert "--git follows one file" in two.stderr


def test_add_copies_updates_the_manifest_commits_and_tags(repo: GitRepo, tmp_path: Path) -> None:
    manifest_folder(repo.root / "drafts" / "mla-convention", [V1, V2])
    repo.commit("Two versions")
    incoming = tmp_path / "march.txt"
    incoming.write_text(V3, encoding="utf-8")
    result = _run(
        "add",
        str(incoming),
        "--instrument",
        "mla-convention",
        "--label",
        "The March 2020 version",
        "--date",
        "2020-03-01",
        "--commit",
    )
    assert result.exit_code == 0, result.output
    assert "as version 3 of 3 of mla-convention" in result.stdout
    added = repo.root / "drafts" / "mla-convention" / "march.txt"
    assert added.read_text(encoding="utf-8") == V3
    manifest = (repo.root / "drafts" / "mla-convention" / "versions.toml").read_text()
    assert manifest.endswith(
        '[[versions]]\nfile = "march.txt"\nlabel = "The March 2020 version"\ndate = "2020-03-01"\n'
    )
    assert (
        repo.git("describe", "--tags", "--exact-match", "HEAD").strip()
        == "mla-convention-2020-03-01"
    )
    assert repo.git("status", "--porcelain").strip() == ""
    history = _run("history", "drafts/mla-convention", "--format", "json")
    assert json.loads(history.stdout)["versions"][-1] == "The March 2020 version"


def test_add_from_a_revision_into_a_new_instrument(repo: GitRepo) -> None:
    result = _run(
        "add",
        "drafts/mla.txt@v2018",
        "--instrument",
        "new",
        "--label",
        'Draft "one"',
        "--date",
        "2018-11-01",
        "--title",
        "A new convention",
    )
    assert result.exit_code == 0, result.output
    manifest = (repo.root / "drafts" / "new" / "versions.toml").read_text(encoding="utf-8")
    assert manifest.startswith('instrument = "new"\ntitle = "A new convention"\n')
    assert 'label = "Draft \\"one\\""' in manifest
    assert (repo.root / "drafts" / "new" / "mla.txt").read_text(encoding="utf-8") == V1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "2020-13-01"], "date '2020-13-01' is not a calendar date"),
        (["--date", "1.3.2020"], "date '1.3.2020' is not a calendar date"),
        (["--instrument", "../x", "--date", "2020-03-01"], "cannot be a folder name"),
        (["--date", "2020-03-01", "--label", "a/b"], "contains a path separator"),
        (
            ["--date", "2020-03-01", "--label", "Draft 2018-11"],
            "already lists a version labelled 'Draft 2018-11'",
        ),
        (["--date", "2020-03-01", "--name", "v1.txt"], "already exists"),
        (
            ["--date", "2020-03-01", "--commit", "--tag", "v2020"],
            "tag 'v2020' is not a valid new tag",
        ),
    ],
)
def test_add_refuses_before_writing(repo: GitRepo, extra: list[str], message: str) -> None:
    folder = manifest_folder(repo.root / "drafts" / "mla", [V1, V2])
    before = sorted(p.name for p in folder.iterdir())
    manifest = (folder / "versions.toml").read_text(encoding="utf-8")
    label = [] if "--label" in extra else ["--label", "March"]
    instrument = [] if "--instrument" in extra else ["--instrument", "mla"]
    result = _run("add", "drafts/convention.txt", *instrument, *label, *extra)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert message in line
    assert sorted(p.name for p in folder.iterdir()) == before
    assert (folder / "versions.toml").read_text(encoding="utf-8") == manifest


def test_add_puts_an_older_draft_in_date_order(repo: GitRepo) -> None:
    folder = manifest_folder(repo.root / "drafts" / "mla", [V1, V2])
    result = _run(
        "add", "drafts/convention.txt", "--instrument", "mla", "--label", "Jan", "--date", "2019-01"
    )
    assert result.exit_code == 0, result.output
    assert "as version 2 of 3 of mla" in result.stdout
    versions = json.loads(_run("history", str(folder), "--format", "json").stdout)["versions"]
    assert versions == ["Draft 2018-11", "Jan", "Draft 2019-11"]


def _driver(repo: GitRepo) -> None:
    command = f"{shlex.quote(sys.executable)} -m mla_diff git-diff"
    repo.git("config", "diff.mla.command", command)
    repo.write(".gitattributes", "drafts/**/*.txt diff=mla\n")


def test_git_diff_driver_shows_the_article_level_comparison(repo: GitRepo) -> None:
    _driver(repo)
    out = repo.git("diff", "v2018", "v2020", "--", "drafts")
    assert "mla-diff drafts/mla.txt → drafts/convention.txt" in out
    assert "art. 3 → art. 4 renumbered and amended" in out
    assert "the right to [-seek -]reparation" in out
    assert "@@" not in out  # git's own line diff is replaced
    log = repo.git(
        "log", "-p", "--ext-diff", "--follow", "--format=== %s", "--", "drafts/convention.txt"
    )
    revised = log[log.index("== Revised draft") : log.index("== Preliminary draft")]
    assert "art. 4 deleted" in revised
    assert "! critical article-deleted (art. 4)" in revised
    assert "  - Pardon, amnesty, commutation" in revised
    first = log[log.index("== Preliminary draft") :]
    assert "(none)" in first
    assert "5 added" in first


def test_git_diff_driver_on_working_tree_changes(repo: GitRepo) -> None:
    _driver(repo)
    (repo.root / "drafts" / "convention.txt").write_text(
        V3.replace("its law", "its domestic law"), encoding="utf-8"
    )
    out = repo.git("diff")
    assert "art. 5 amended" in out
    assert "in accordance with its {+domestic +}law" in out


def test_git_diff_driver_argument_errors() -> None:
    wrong = _run("git-diff", "a", "b")
    assert wrong.exit_code == 2
    assert "takes the 7 arguments git passes" in wrong.stderr
    unmerged = _run("git-diff", "drafts/x.txt")
    assert unmerged.exit_code == 0
    assert "unmerged" in unmerged.stdout

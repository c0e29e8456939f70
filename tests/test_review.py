"""Review in CI through the CLI and the workflow's script: exit codes, the policy gate, the step
summary, annotations, and a branch reviewed in a real repository."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mla_diff.cli import main
from mla_diff.github import Annotation
from tests.conftest import MLA
from tests.drafting import V1, V2, V3, GitRepo, manifest_folder

# Rules of a group that does not watch pardon, amnesty and commutation: deleting the article
# that mentions them is then a medium flag, not a critical one.
RELAXED_RULES = "[en.watch_terms]\namnesty = []\npardon = []\ncommutation = []\n"

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "review-drafts.sh"


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """v1 (with the amnesty article), v2 (without it), v3 (with it again) and a copy of v1."""
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / ".git").mkdir()  # stops the policy search here, as a repository root would
    for name, text in (("v1.txt", V1), ("v2.txt", V2), ("v3.txt", V3), ("same.txt", V1)):
        (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def test_compare_exit_codes(drafts: Path) -> None:
    assert _run("compare", "v1.txt", "same.txt", "--format", "json").exit_code == 0
    assert _run("compare", "v1.txt", "v2.txt", "--format", "json").exit_code == 1
    assert _run("compare", "v1.txt", "v2.txt", "--format", "json", "--exit-zero").exit_code == 0
    missing = _run("compare", "v1.txt", "absent.txt", "--exit-zero")
    assert missing.exit_code == 2  # --exit-zero never hides an error
    assert missing.stderr == "Error: absent.txt: no such file (check the path)\n"
    assert _run("compare", "v1.txt@HEAD", "v2.txt").exit_code == 2


def test_check_fails_on_a_deleted_amnesty_article(drafts: Path) -> None:
    result = _run("check", "v1.txt", "v2.txt")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "v1.txt → v2.txt: 1 violation(s)"
    assert lines[1].startswith("  art. 4: critical article-deleted: Art. 4 (Pardon, amnesty")
    assert lines[-1] == "policy fail-on critical (default): 1 of 1 draft(s) fail"


def test_check_passes_an_unchanged_draft(drafts: Path) -> None:
    result = _run("check", "v1.txt", "same.txt", "--fail-on", "critical,deleted")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "same.txt".join(("v1.txt → ", ": passes"))


def test_check_gates_from_the_command_line_and_the_repository(drafts: Path) -> None:
    assert _run("check", "v2.txt", "v3.txt").exit_code == 0  # an addition is not critical
    assert _run("check", "v2.txt", "v3.txt", "--fail-on", "article-added").exit_code == 1
    (drafts / "pyproject.toml").write_text(
        '[tool.mla-diff]\nfail-on = ["medium"]\n', encoding="utf-8"
    )
    result = _run("check", "v2.txt", "v3.txt")
    assert result.exit_code == 1
    assert "pyproject.toml)" in result.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "v1.txt"], "check takes OLD and NEW, got 1 draft(s)"),
        (["check", "v1.txt", "v2.txt", "--fail-on", "what?"], "'what?' is not a gate"),
        (["check", "v1.txt", "absent.txt"], "absent.txt: no such file"),
        (["check", "v1.txt", "v2.txt", "--config", "nope.toml"], "nope.toml: no such file"),
    ],
)
def test_check_errors_exit_2(drafts: Path, args: list[str], message: str) -> None:
    result = _run(*args)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert message in line


def test_step_summary_is_appended(drafts: Path) -> None:
    summary = drafts / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary)}
    assert _run("check", "v1.txt", "v2.txt", env=env).exit_code == 1
    assert _run("compare", "v1.txt", "same.txt", "-o", "r.html", env=env).exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## v1.txt → v2.txt")
    assert "| **critical** | art. 4 → — |" in text
    assert "**Policy failed**: 1 violation(s) of fail-on critical (default)." in text
    assert "## v1.txt → same.txt" in text
    assert "::" not in _run("check", "v1.txt", "v2.txt", env=env).stdout  # no --github


def test_annotations_point_at_the_draft_lines(drafts: Path) -> None:
    result = _run("check", "v1.txt", "v2.txt", "--github")
    assert result.exit_code == 1
    notes = [line for line in result.stdout.splitlines() if line.startswith("::")]
    article_4 = V1.splitlines().index("Article 4") + 1
    article_2 = V2.splitlines().index("Article 2") + 1
    assert notes[0].startswith(
        f"::error file=v1.txt,line={article_4},endLine={article_4 + 3},"  # heading to text
        "title=article-deleted (critical)::Art. 4 (Pardon, amnesty, commutation) was "
    )
    assert "amnesty" in notes[0].partition("was ")[2]
    (added,) = [note for note in notes if "title=article-added" in note]
    assert added.startswith(f"::warning file=v2.txt,line={article_2},")
    assert not [note for note in notes[1:] if note.startswith("::error ")]  # pass the policy
    assert next(n for n in notes if "(info)::" in n).startswith("::notice ")
    assert "GITHUB_STEP_SUMMARY is not set" in result.stderr
    plain = _run("compare", "v1.txt", "v2.txt", "-o", "r.html", "--github")
    assert plain.stdout.startswith(f"::warning file=v1.txt,line={article_4},")  # no policy: warn


def test_annotation_escapes_what_github_would_misread() -> None:
    note = Annotation("warning", "drafts/a,b.txt", 3, 2, "rule: x", "50% done\nnext")
    assert note.command() == (
        "::warning file=drafts/a%2Cb.txt,line=3,endLine=3,title=rule%3A x::50%25 done%0Anext"
    )


def test_check_against_a_base_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = GitRepo(tmp_path / "repo")
    manifest_folder(repo.root / "drafts" / "mla", [V1, V2])
    repo.write("drafts/solo.txt", V3)
    base = repo.commit("Drafts")
    monkeypatch.chdir(repo.root)
    repo.write("drafts/solo.txt", V3.replace("its law", "its domestic law"))
    manifest_folder(repo.root / "drafts" / "mla", [V1, V2, V3])
    repo.write("drafts/first.txt", V1)
    result = _run(
        "check",
        "--base",
        base,
        "--report-dir",
        "out",
        "drafts/solo.txt",
        "drafts/mla/v3.txt",
        "drafts/first.txt",
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "drafts/first.txt: a first draft, nothing to compare it with"
    assert f"drafts/solo.txt@{base} → drafts/solo.txt: passes" in lines
    assert "drafts/mla/v2.txt → drafts/mla/v3.txt: passes" in lines
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "drafts-mla-v3.html",
        "drafts-solo.html",
    ]
    failing = _run("check", "--base", base, "--fail-on", "article-added", "drafts/mla/v3.txt")
    assert failing.exit_code == 1


def _script(
    repo: GitRepo, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *args],
        cwd=repo.root,
        env={**os.environ, "MLA_DIFF": f"{shlex.quote(sys.executable)} -m mla_diff", **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def branch(tmp_path: Path) -> GitRepo:
    """A drafts repository with main holding two versions, and a branch `review` off it."""
    repo = GitRepo(tmp_path / "repo")
    manifest_folder(repo.root / "drafts" / "mla-convention", [V1, V2])
    repo.write("drafts/loose.txt", V1)
    repo.commit("Two drafts")
    repo.git("checkout", "--quiet", "-b", "review")
    return repo


def test_script_passes_a_branch_with_a_benign_change(branch: GitRepo, tmp_path: Path) -> None:
    edited = V2.replace("the right to reparation", "the right to full reparation")
    branch.commit("Wording", {"drafts/mla-convention/v2.txt": edited})
    summary = tmp_path / "summary.md"
    done = _script(
        branch, "main", "out", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Reviewing 1 changed draft(s) against main" in done.stdout
    assert "drafts/mla-convention/v2.txt: passes" in done.stdout
    assert (branch.root / "out" / "drafts-mla-convention-v2.html").is_file()
    written = summary.read_text(encoding="utf-8")
    assert "**Policy passed**" in written
    head = branch.git("rev-parse", "HEAD").strip()
    assert head[:12] in written  # the summary records the commit compared


def test_script_fails_a_branch_that_deletes_the_amnesty_article(
    branch: GitRepo, tmp_path: Path
) -> None:
    branch.commit("Drop the clause", {"drafts/loose.txt": V2})
    branch.git("checkout", "--quiet", "main")
    branch.commit("Later work on main", {"drafts/other.txt": V3})  # not the branch's change
    branch.git("checkout", "--quiet", "review")
    summary = tmp_path / "summary.md"
    done = _script(
        branch, "main", "out", env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Reviewing 1 changed draft(s)" in done.stdout
    assert re.search(r"^::error file=drafts/loose\.txt,line=\d+,", done.stdout, re.MULTILINE)
    assert "**Policy failed**" in summary.read_text(encoding="utf-8")


def test_script_reviews_a_new_version_added_to_the_manifest(branch: GitRepo) -> None:
    manifest_folder(branch.root / "drafts" / "mla-convention", [V1, V2, V3])
    branch.commit("Add the March version")
    done = _script(branch, "main", "out")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "drafts/mla-convention/v2.txt → drafts/mla-convention/v3.txt: passes" in done.stdout
    assert "::" not in done.stdout  # outside GitHub Actions: no annotations


def test_script_with_no_changed_draft(branch: GitRepo) -> None:
    branch.commit("Docs only", {"README.md": "drafts\n"})
    done = _script(branch)  # BASE defaults to main
    assert done.returncode == 0
    assert done.stdout == "No draft changed since main.\n"
    assert not (branch.root / "review").exists()


def test_script_with_an_unknown_base(branch: GitRepo) -> None:
    done = _script(branch, "origin/nowhere")
    assert done.returncode == 2
    assert "origin/nowhere: no common commit" in done.stderr


def test_workflow_and_hooks_call_what_the_tests_run() -> None:
    workflow = (ROOT / ".github" / "workflows" / "drafts.yml").read_text(encoding="utf-8")
    assert '"drafts/**"' in workflow
    assert 'make review BASE="origin/${{ github.base_ref }}"' in workflow
    assert "actions/upload-artifact" in workflow
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "scripts/review-drafts.sh $(BASE) $(REVIEW)" in makefile
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: mla-diff check --base HEAD" in hooks
    assert "- id: mla-diff-check" in hooks


def test_script_passes_a_branch_that_rewords_an_illustrative_draft(tmp_path: Path) -> None:
    assert (MLA / "versions.toml").is_file(), f"the illustrative drafts are tracked in git: {MLA}"
    repo = GitRepo(tmp_path / "repo")
    for source in sorted(MLA.iterdir()):
        repo.write(f"drafts/mla-convention/{source.name}", source.read_text(encoding="utf-8"))
    repo.commit("Illustrative drafts")
    repo.git("checkout", "--quiet", "-b", "wording")
    name = "drafts/mla-convention/2022-11-30_version-30-11-2022.txt"
    text = (repo.root / name).read_text(encoding="utf-8")
    assert "have the right to seek reparation" in text
    reworded = text.replace(
        "have the right to seek reparation", "have the right to seek full reparation"
    )
    repo.commit("Wording", {name: reworded})
    done = _script(repo, "main", "out")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{name}: passes" in done.stdout
    assert (
        repo.root / "out" / "drafts-mla-convention-2022-11-30-version-30-11-2022.html"
    ).is_file()


def test_check_applies_the_rules_beside_the_new_draft(drafts: Path) -> None:
    """A rules.toml beside the drafts changes what is flagged, hence what the policy sees."""
    assert _run("check", "v1.txt", "v2.txt").exit_code == 1
    (drafts / "rules.toml").write_text(RELAXED_RULES, encoding="utf-8")
    relaxed = _run("check", "v1.txt", "v2.txt")
    assert relaxed.exit_code == 0, relaxed.output


def test_pre_commit_hook_entry_gates_a_staged_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hook's own entry line, run as pre-commit runs it: with the staged files appended."""
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    entry = re.search(r"^\s*entry: (.+)$", hooks, re.MULTILINE)
    assert entry is not None
    command = shlex.split(entry[1])
    assert command[0] == "mla-diff"
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Draft", {"drafts/mla.txt": V1})
    monkeypatch.chdir(repo.root)
    repo.write("drafts/mla.txt", V1.replace("its domestic law", "its law"))
    repo.git("add", "drafts/mla.txt")
    assert _run(*command[1:], "drafts/mla.txt").exit_code == 0
    repo.write("drafts/mla.txt", V2)
    repo.git("add", "drafts/mla.txt")
    blocked = _run(*command[1:], "drafts/mla.txt")
    assert blocked.exit_code == 1
    assert "critical article-deleted" in blocked.stdout

"""Git revisions -> Version and Draft: FILE@REV, revisions across renames, commits and tags.

The only importer of git. A draft path may carry a revision, `drafts/x.txt@v2020`, resolved in the
repository that contains the file; a plain path is read from disk and, inside a repository, stamped
with the commit it was read at."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

# GitPython refuses to import when no git executable is found; say so at the first git command
# instead, so that commands that never touch git keep working.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

# GitPython is imported by the functions that use it: loading it costs a tenth of a second, and a
# comparison of two files outside any repository never needs it.
if TYPE_CHECKING:
    import git

from mla_diff.errors import InputError, RevisionError
from mla_diff.model import Draft, Version
from mla_diff.sources import (
    MANIFEST,
    Instrument,
    describe_file,
    draft_from_bytes,
    load_instrument,
    read_bytes,
    read_draft,
)

REVISION_MARK = "@"
SHORT = 7  # characters of a commit id in labels, as git shows them
DIRTY = "-dirty"  # suffix of a commit id when the file differs from that commit (git describe's)


@dataclass(frozen=True)
class DraftSpec:
    """A draft as named on the command line: a path and, optionally, a git revision."""

    path: Path
    revision: str | None = None

    def __str__(self) -> str:
        return f"{self.path}{REVISION_MARK}{self.revision}" if self.revision else str(self.path)


@dataclass(frozen=True)
class Revision:
    """One commit that touched a draft, with the file's path in that commit."""

    commit: str
    date: str  # author date, ISO 8601 with offset
    author: str
    email: str
    subject: str
    path: str  # relative to the repository root, posix separators
    tags: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        return self.commit[:SHORT]

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def label(self) -> str:
        """The tag when one points at the commit, else the short commit id."""
        return self.tags[0] if self.tags else self.short


def parse_spec(text: str) -> DraftSpec:
    """Split `FILE@REV`. A path that exists as written is a plain file even if it holds an "@";
    otherwise the revision starts at the first "@" (so `x.txt@HEAD@{1}` works)."""
    if REVISION_MARK not in text or Path(text).exists():
        return DraftSpec(Path(text))
    path, _, revision = text.partition(REVISION_MARK)
    if not path or not revision:
        raise InputError(
            f"'{text}' is neither a file nor FILE@REV",
            path=text,
            hint="write drafts/x.txt@v2020 or name an existing file",
        )
    return DraftSpec(Path(path), revision)


def open_repository(path: Path) -> git.Repo:
    """The repository holding `path` (which need not exist in the working tree)."""
    import git  # noqa: PLC0415

    folder = path.absolute().parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        repo = git.Repo(folder, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError) as exc:
        raise RevisionError(
            "is not inside a git repository",
            path=str(path),
            hint="run git init there, or name the file without @REV",
        ) from exc
    if repo.bare or repo.working_tree_dir is None:
        raise RevisionError("is in a bare repository", path=str(path), hint="use a clone")
    return repo


def repository_path(repo: git.Repo, path: Path) -> str:
    """`path` relative to the repository root, as git names it."""
    root = os.path.realpath(str(repo.working_tree_dir))
    full = os.path.realpath(path.absolute())
    relative = os.path.relpath(full, root)
    if relative == os.curdir or relative.startswith(os.pardir):
        raise RevisionError(
            f"is outside the repository at {root}", path=str(path), hint="name a file inside it"
        )
    return Path(relative).as_posix()


def resolve_commit(repo: git.Repo, revision: str, path: Path) -> git.Commit:
    from git.exc import BadName, GitCommandError, GitCommandNotFound  # noqa: PLC0415

    try:
        return repo.commit(revision)
    except (BadName, ValueError, GitCommandError) as exc:
        raise RevisionError(
            f"unknown revision '{revision}'",
            path=str(path),
            hint="git tag and git log --follow -- FILE list what exists",
        ) from exc
    except GitCommandNotFound as exc:
        raise _no_git(path) from exc


def _no_git(path: Path) -> RevisionError:
    return RevisionError("git is not installed", path=str(path), hint="install git to use @REV")


def read_blob(commit: git.Commit, relative: str, shown: str) -> bytes:
    """The bytes of a file in a commit, or a RevisionError saying it is absent there."""
    try:
        blob = commit.tree / relative
    except KeyError as exc:
        raise RevisionError(
            f"does not exist at {commit.hexsha[:SHORT]}",
            path=shown,
            hint=f"git log --follow -- {relative} lists the commits that have it",
        ) from exc
    if blob.type != "blob":
        raise RevisionError(f"is a {blob.type}, not a file", path=shown, hint="name a draft file")
    data: bytes = blob.data_stream.read()
    return data


def read_revision(spec: DraftSpec, version: Version, language: str = "") -> tuple[Version, Draft]:
    """The draft at `spec.revision`, its Version carrying the commit id and date."""
    assert spec.revision is not None
    repo = open_repository(spec.path)
    relative = repository_path(repo, spec.path)
    commit = resolve_commit(repo, spec.revision, spec.path)
    data = read_blob(commit, relative, str(spec))
    version = replace(
        version,
        path=version.path or str(spec),
        commit=commit.hexsha,
        date=version.date or commit.authored_datetime.date().isoformat(),
        source=version.source or f"{relative} at commit {commit.hexsha[:12]}",
    )
    return draft_from_bytes(data, str(spec), version, language)


def read_spec(text: str, label: str = "", language: str = "") -> tuple[Version, Draft]:
    """Read `FILE` or `FILE@REV`; a plain file inside a repository records the commit it is at."""
    spec = parse_spec(text)
    if spec.revision is not None:
        return read_revision(spec, Version(label=label or text, path=text), language)
    version, draft = read_draft(spec.path, describe_file(spec.path, label, text), language)
    return stamp_commit(version, spec.path), draft


def read_instrument(instrument: Instrument, language: str = "") -> list[tuple[Version, Draft]]:
    """Every version of a drafts/ folder in manifest order, stamped with its commit."""
    read = []
    for listed in instrument.versions:
        version, draft = read_draft(Path(listed.path), listed, language)
        read.append((stamp_commit(version, Path(listed.path)), draft))
    return read


def stamp_commit(version: Version, path: Path) -> Version:
    """Record HEAD's commit id in `version` when `path` is tracked by a repository, suffixed with
    -dirty when the file differs from HEAD; untracked files and files outside git get none."""
    if not _in_work_tree(path):
        return version
    import git  # noqa: PLC0415
    from git.exc import GitCommandError, GitCommandNotFound  # noqa: PLC0415

    try:
        repo = git.Repo(path.absolute().parent, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return version
    try:
        if repo.bare or repo.working_tree_dir is None or not repo.head.is_valid():
            return version
        relative = repository_path(repo, path)
        status = repo.git.status("--porcelain", "--", relative)
        if status.startswith("??") or not repo.git.ls_files("--", relative):
            return version
        head = repo.head.commit.hexsha
    except (GitCommandError, GitCommandNotFound, RevisionError, ValueError):
        return version
    return replace(version, commit=head + (DIRTY if status else ""))


def _in_work_tree(path: Path) -> bool:
    """Whether a folder above `path` holds a .git: outside one, git need not be asked, or loaded."""
    if os.environ.get("GIT_DIR"):
        return True
    return any((folder / ".git").exists() for folder in path.absolute().parents)


_FIELD, _RECORD = "\x1f", "\x1e"


def file_revisions(path: Path, revision: str | None = None) -> tuple[Revision, ...]:
    """The commits that touched a draft, newest first, following renames (git log --follow),
    from `revision` (default HEAD) back."""
    from git.exc import GitCommandError, GitCommandNotFound  # noqa: PLC0415

    repo = open_repository(path)
    relative = repository_path(repo, path)
    start, until = "HEAD", None
    if revision:
        until = resolve_commit(repo, revision, path)
        if _exists_in(until, relative):
            start, until = until.hexsha, None
        # Otherwise the file had another name at `revision`: follow it back from HEAD, where it
        # has this one, and keep what `revision` can reach.
    fmt = _FIELD.join(("%H", "%aI", "%an", "%ae", "%s"))
    try:
        out = repo.git.log(
            start,
            "--follow",
            "-M",
            "-z",
            "--name-status",
            f"--format={_RECORD}{fmt}",
            "--",
            relative,
        )
    except GitCommandError as exc:
        if "does not have any commits" in str(exc.stderr) or not repo.head.is_valid():
            out = ""
        else:
            raise RevisionError(
                f"git log failed: {str(exc.stderr).strip()}", path=str(path)
            ) from exc
    except GitCommandNotFound as exc:
        raise _no_git(path) from exc
    tags = _tags_by_commit(repo)
    reachable = set(repo.git.rev_list(until.hexsha).split()) if until is not None else None
    revisions: list[Revision] = []
    carried = relative  # merge commits list no paths: the file keeps its newer name
    for record in out.split(_RECORD):
        if not record.strip("\0\n"):
            continue
        header, _, changes = record.partition("\0")
        commit, date, author, email, subject = header.split(_FIELD, 4)
        tokens = [t for t in changes.lstrip("\n").split("\0") if t]
        status = tokens[0] if tokens else ""
        name = tokens[-1] if tokens else carried
        if status.startswith("D"):
            continue  # the draft was removed in this commit: there is nothing to read
        if reachable is None or commit in reachable:
            revisions.append(
                Revision(commit, date, author, email, subject, name, tuple(tags.get(commit, ())))
            )
        # Older commits know the file by its name before a rename.
        carried = tokens[1] if status.startswith(("R", "C")) and len(tokens) >= 3 else name
    if not revisions:
        raise RevisionError(
            "has no committed revision",
            path=str(path),
            hint="git add and commit it, or check the path",
        )
    return tuple(revisions)


def _exists_in(commit: git.Commit, relative: str) -> bool:
    try:
        commit.tree / relative
    except KeyError:
        return False
    return True


def _tags_by_commit(repo: git.Repo) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in repo.tags:
        try:
            found.setdefault(tag.commit.hexsha, []).append(tag.name)
        except ValueError:
            continue  # a tag pointing at a tree or blob names no draft revision
    return {commit: sorted(names) for commit, names in found.items()}


def read_revisions(
    path: Path, revisions: tuple[Revision, ...], language: str = ""
) -> list[tuple[Version, Draft]]:
    """The draft at each revision (in the order given), labelled by tag or short commit id."""
    repo = open_repository(path)
    drafts: list[tuple[Version, Draft]] = []
    for revision in revisions:
        shown = f"{revision.path}{REVISION_MARK}{revision.short}"
        version = Version(
            label=revision.label,
            path=shown,
            date=revision.day,
            source=f"{revision.subject} ({revision.author})",
            commit=revision.commit,
        )
        data = read_blob(repo.commit(revision.commit), revision.path, shown)
        drafts.append(draft_from_bytes(data, shown, version, language))
    return drafts


_TAG_BAD = re.compile(r"[\s~^:?*\[\\]|\.\.|@\{|^[-/.]|[/.]$|\.lock$")


def check_new_tag(path: Path, tag: str) -> None:
    """Raise unless `path` lies in a repository where `tag` is a valid, unused tag name."""
    repo = open_repository(path)
    if _TAG_BAD.search(tag) or tag in {t.name for t in repo.tags}:
        raise RevisionError(
            f"tag '{tag}' is not a valid new tag name",
            path=str(path),
            hint="choose another --tag (git tag lists those in use)",
        )


def commit_draft(paths: list[Path], message: str, tag: str, tag_message: str) -> str:
    """Commit exactly `paths` (other staged changes stay staged) and tag the commit; return it."""
    from git.exc import GitCommandError, GitCommandNotFound  # noqa: PLC0415

    repo = open_repository(paths[0])
    if tag:
        check_new_tag(paths[0], tag)
    relative = [repository_path(repo, p) for p in paths]
    try:
        repo.git.add("--", *relative)
        repo.git.commit("--quiet", "-m", message, "--only", "--", *relative)
        commit = repo.head.commit.hexsha
        if tag:
            repo.git.tag("-a", tag, "-m", tag_message, commit)
    except GitCommandError as exc:
        detail = " ".join(str(exc.stderr).split()) or str(exc)
        raise RevisionError(
            f"git refused the commit: {detail}",
            path=str(paths[0]),
            hint="set user.name and user.email, or commit by hand",
        ) from exc
    except GitCommandNotFound as exc:
        raise _no_git(paths[0]) from exc
    return commit


def spec_bytes(spec: DraftSpec) -> bytes:
    """The raw bytes a spec names: the file on disk, or the file at its revision."""
    if spec.revision is None:
        return read_bytes(spec.path)
    repo = open_repository(spec.path)
    relative = repository_path(repo, spec.path)
    return read_blob(resolve_commit(repo, spec.revision, spec.path), relative, str(spec))


def find_baseline(path: Path, base: str) -> DraftSpec | None:
    """What a changed draft is compared with: itself at `base`; failing that, its name before a
    rename at `base`; failing that, the version before it in its folder's versions.toml (a new
    draft added with `mla-diff add`); None for a first draft or a repository without commits."""
    repo = open_repository(path)
    relative = repository_path(repo, path)
    if base == "HEAD" and not repo.head.is_valid():
        return None
    commit = resolve_commit(repo, base, path)
    if _exists_in(commit, relative):
        return DraftSpec(path, base)
    root = Path(str(repo.working_tree_dir))
    from git.exc import GitCommandError, GitCommandNotFound  # noqa: PLC0415

    try:
        tokens = repo.git.diff("-M", "-z", "--name-status", commit.hexsha, "--").split("\0")
    except GitCommandNotFound as exc:
        raise _no_git(path) from exc
    except GitCommandError as exc:
        raise RevisionError(f"git diff failed: {str(exc.stderr).strip()}", path=str(path)) from exc
    i = 0
    while i < len(tokens):
        status = tokens[i]
        if status.startswith(("R", "C")) and i + 2 < len(tokens):
            if tokens[i + 2] == relative:
                return DraftSpec(_shown(root / tokens[i + 1]), base)
            i += 3
        else:
            i += 2
    return _manifest_predecessor(path)


def _shown(path: Path) -> Path:
    """A path relative to the working directory when it lies below it, as users typed it."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _manifest_predecessor(path: Path) -> DraftSpec | None:
    if not (path.parent / MANIFEST).is_file():
        return None
    instrument = load_instrument(path.parent)
    target = os.path.realpath(path)
    for index, version in enumerate(instrument.versions):
        if os.path.realpath(version.path) == target:
            return DraftSpec(Path(instrument.versions[index - 1].path)) if index else None
    return None

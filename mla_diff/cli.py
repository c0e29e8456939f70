"""The command line: click commands over the library; the only importer of click."""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypedDict, TypeVar

import click

from mla_diff import __version__
from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError, MlaDiffError, OutputError
from mla_diff.github import (
    SUMMARY_VARIABLE,
    append_summary,
    flag_annotations,
    policy_markdown,
    summary_path,
    workspace_path,
)
from mla_diff.gitsource import (
    DraftSpec,
    check_new_tag,
    commit_draft,
    file_revisions,
    find_baseline,
    parse_spec,
    read_instrument,
    read_revisions,
    read_spec,
    spec_bytes,
)
from mla_diff.headings import LANGUAGES
from mla_diff.history import build_history, reuse_concordances
from mla_diff.importers import (
    ImportOptions,
    check_date,
    check_instrument,
    draft_file_name,
    import_draft,
    write_draft,
)
from mla_diff.jsonreport import load_schema
from mla_diff.model import Comparison, Draft, Settings, Version, anchor_slug
from mla_diff.outline import outline_json, outline_text
from mla_diff.parse import parse_draft
from mla_diff.policy import Policy, Violation, choose_policy, describe_violation, evaluate
from mla_diff.render import (
    render_history,
    render_html,
    render_json,
    render_markdown,
    render_text,
)
from mla_diff.reports import build_reports, write_text
from mla_diff.sources import (
    MANIFEST,
    RULES_FILE,
    append_version,
    check_label,
    load_instrument,
    load_text,
    read_draft,
    read_rules,
)
from mla_diff.steps import count_changes
from mla_diff.terms import find_terms
from mla_diff.textdiff import render_text_diff
from mla_diff.timeline import render_history_json, render_terms_text, render_timeline_text

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".txt": "text",
}
EXIT_SAME, EXIT_CHANGED, EXIT_ERROR = 0, 1, 2


def fail(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def reports_errors(command: F) -> F:
    """Turn the library's errors into one line on stderr and exit code 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except MlaDiffError as exc:
            fail(exc.one_line())

    return wrapper  # type: ignore[return-value]


github_option = click.option(
    "--github",
    is_flag=True,
    help="Print flags as GitHub workflow annotations; the Markdown summary goes to "
    "$GITHUB_STEP_SUMMARY whenever that is set.",
)


def report_to_github(
    comparison: Comparison,
    old: DraftSpec,
    new: DraftSpec,
    annotate: bool,
    policy: Policy | None = None,
    violations: tuple[Violation, ...] = (),
) -> None:
    """Annotations on stdout (with --github) and the Markdown summary appended to the step
    summary (whenever $GITHUB_STEP_SUMMARY is set)."""
    if annotate:
        for note in flag_annotations(
            comparison, workspace_path(old.path), workspace_path(new.path), violations
        ):
            click.echo(note.command())
    summary = summary_path()
    if summary is not None:
        markdown = render_markdown(comparison, __version__)
        if policy is not None:
            markdown += policy_markdown(policy, violations)
        append_summary(summary, markdown)
    elif annotate:
        click.echo(f"note: ${SUMMARY_VARIABLE} is not set; no step summary written", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="mla-diff")
def main() -> None:
    """Compare successive treaty drafts: align articles across versions, diff them word by word,
    and flag legally significant changes.

    Exit codes: 0 no change, 1 changes found, 2 error."""


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the report here; the extension (.html, .md, .json, .txt) picks the format.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "markdown", "json", "text"]),
    help="Output format (default: from -o's extension; without -o, a terminal summary).",
)
@click.option(
    "--title",
    default="",
    help="Instrument named in the report header (default: from versions.toml or the draft).",
)
@click.option(
    "--old-label", default="", help="Label of the old version in the report (default: file name)."
)
@click.option(
    "--new-label", default="", help="Label of the new version in the report (default: file name)."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when the drafts differ.")
@github_option
@click.option(
    "--language",
    type=click.Choice(["auto", *LANGUAGES]),
    default="auto",
    show_default=True,
    help="Language of the drafts' headings (Article, Artikel, Artículo...); auto detects it.",
)
@click.option(
    "--ignore",
    default="",
    metavar="LIST",
    help="Differences not to count as changes, comma-separated: whitespace, case, punctuation, "
    "numbering. They stay visible; square brackets and words always count.",
)
@click.option(
    "--granularity",
    type=click.Choice(["word", "char"]),
    default="word",
    show_default=True,
    help="Diff word by word, or character by character.",
)
@click.option(
    "--rules",
    "rules_file",
    type=click.Path(path_type=Path),
    help="A TOML rules file merged over the shipped significance rules (watch terms, modals, "
    "qualifiers...).",
)
@reports_errors
def compare(
    old: Path,
    new: Path,
    output: Path | None,
    fmt: str | None,
    old_label: str,
    new_label: str,
    exit_zero: bool,
    github: bool,
    language: str,
    ignore: str,
    granularity: str,
    rules_file: Path | None,
    title: str,
) -> None:
    """Compare two drafts OLD and NEW article by article.

    Without -o, prints a summary for the terminal (or the --format asked for). Labels, dates
    and the instrument come from a versions.toml beside the drafts when it lists them.

    OLD and NEW may name a git revision: drafts/x.txt@v2020, drafts/x.txt@HEAD~2.

    Exit code 0 when the drafts have no change, 1 when they differ, 2 on error."""
    if output is not None and output.resolve() in (old.resolve(), new.resolve()):
        raise OutputError(
            "is one of the drafts being compared",
            path=str(output),
            hint="choose another output file",
        )
    if output is not None and not fmt:
        fmt = FORMATS.get(output.suffix.lower())
        if fmt is None:
            raise InputError(
                f"unknown report extension {output.suffix or '(none)'}",
                path=str(output),
                hint="use .html, .md or .json, or say --format",
            )
    fmt = fmt or "text"
    language = "" if language == "auto" else language
    old_version, old_draft = read_spec(str(old), old_label, language)
    new_version, new_draft = read_spec(str(new), new_label, language)
    settings = Settings(
        granularity=granularity,
        ignore=frozenset(part.strip() for part in ignore.split(",") if part.strip()),
        language=language,
    )
    if rules_file is not None:
        settings = replace(settings, rules=read_rules(rules_file), rules_source=str(rules_file))
    comparison = compare_drafts(
        old_draft, new_draft, settings, old_version=old_version, new_version=new_version
    )
    report_to_github(comparison, parse_spec(str(old)), parse_spec(str(new)), github)
    instrument = title or new_version.instrument or old_version.instrument
    if fmt == "text":
        colour = output is None and _colour_wanted()
        text = render_text(comparison, __version__, instrument, colour=colour)
    else:
        render = {"html": render_html, "markdown": render_markdown, "json": render_json}[fmt]
        text = render(comparison, __version__, instrument)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
    sys.exit(EXIT_CHANGED if comparison.changed and not exit_zero else EXIT_SAME)


def _colour_wanted() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@main.command()
def schema() -> None:
    """Print the JSON Schema that describes `compare --format json` output.

    The same file ships in the package as mla_diff/data/comparison.schema.json."""
    click.echo(json.dumps(load_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("drafts", type=click.Path(path_type=Path), default=Path("drafts"))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder to write the reports into.",
)
@reports_errors
def reports(drafts: Path, output: Path) -> None:
    """Build HTML reports for every instrument under DRAFTS (default: drafts/).

    For each folder with a versions.toml: a report per consecutive pair of versions and one from
    the first to the last (HTML, with Markdown and JSON beside it), an index per instrument and
    OUTPUT/index.html linking them all. The same drafts always give the same bytes."""
    written = build_reports(drafts, output, __version__)
    for report in written:
        click.echo(f"wrote {report.path}")
    click.echo(f"{len(written)} reports; open {output / 'index.html'}")


# Version tracking: history, log, add.

language_option = click.option(
    "--language",
    type=click.Choice(["auto", *LANGUAGES]),
    default="auto",
    show_default=True,
    help="Language of the drafts' headings (Article, Artikel, Artículo...); auto detects it.",
)


def _language(choice: str) -> str:
    return "" if choice == "auto" else choice


def _settings_beside(draft: Path, language: str) -> Settings:
    """Settings for drafts in `draft`'s folder: its rules.toml, if any, over the shipped rules."""
    settings = Settings(language=language)
    rules = draft.parent / RULES_FILE
    if rules.is_file():
        settings = replace(settings, rules=read_rules(rules), rules_source=str(rules))
    return settings


HISTORY_FORMATS = {".html": "html", ".htm": "html", ".json": "json", ".txt": "text"}


def _history_sources(
    sources: tuple[str, ...], use_git: bool, language: str
) -> tuple[str, list[tuple[Version, Draft]]]:
    """A title and the versions of a history: a drafts folder with versions.toml, one FILE's git
    revisions (--git), or several FILE[@REV] in order."""
    if use_git:
        if len(sources) != 1:
            raise InputError(
                "--git follows one file", path=" ".join(sources), hint="name a single draft"
            )
        spec = parse_spec(sources[0])
        revisions = file_revisions(spec.path, spec.revision)
        return f"{spec.path.name} in git", read_revisions(
            spec.path, tuple(reversed(revisions)), language
        )
    if len(sources) == 1 and Path(sources[0]).is_dir():
        instrument = load_instrument(Path(sources[0]))
        return instrument.title, read_instrument(instrument, language)
    if len(sources) == 1:
        raise InputError(
            "a history needs several versions",
            path=sources[0],
            hint="name a folder with versions.toml, several drafts, or one draft with --git",
        )
    return "History", [read_spec(source, language=language) for source in sources]


def _step_report_name(old: Version, new: Version) -> str:
    return f"compare-{anchor_slug(old.label)}__{anchor_slug(new.label)}.html"


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--git",
    "use_git",
    is_flag=True,
    help="Follow one FILE through its git revisions, renames included.",
)
@click.option(
    "--term",
    "terms",
    multiple=True,
    help="Show in which versions and articles a term appears (repeat for several terms).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write here; the extension (.html, .json, .txt) picks the format.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    help="Output format (default: from -o's extension, else text).",
)
@click.option(
    "--step-reports/--no-step-reports",
    default=True,
    help="With HTML output, also write each step's comparison beside it (the timeline links them).",
)
@language_option
@reports_errors
def history(
    sources: tuple[str, ...],
    language: str,
    use_git: bool,
    terms: tuple[str, ...],
    output: Path | None,
    fmt: str | None,
    step_reports: bool,
) -> None:
    """The history of every provision across versions: where each article came from, where it
    went, and what happened to it in each version (introduced, amended, renumbered, moved, split,
    merged, deleted, reinstated).

    SOURCES is a drafts folder with a versions.toml (versions in its order), one draft with --git
    (its revisions, oldest first), or several drafts FILE[@REV] oldest first."""
    if output is not None and not fmt:
        fmt = HISTORY_FORMATS.get(output.suffix.lower())
        if fmt is None:
            raise InputError(
                f"unknown extension {output.suffix or '(none)'}",
                path=str(output),
                hint="use .html, .json or .txt, or say --format",
            )
    fmt = fmt or "text"
    if any(not term.strip() for term in terms):
        raise InputError("--term is empty", hint="give a word such as --term amnesty")
    title, read = _history_sources(sources, use_git, _language(language))
    versions, drafts = [v for v, _ in read], [d for _, d in read]
    steps: list[Comparison] = []
    if fmt == "html" and output is not None and step_reports:
        first = Path(sources[0])
        where = first / MANIFEST if first.is_dir() else parse_spec(sources[0]).path
        settings = _settings_beside(where, _language(language))
        steps = [
            compare_drafts(drafts[k], drafts[k + 1], settings, old_version=a, new_version=b)
            for k, (a, b) in enumerate(itertools.pairwise(versions))
        ]
    lineage_history = build_history(versions, drafts, reuse_concordances(steps))
    hits = find_terms(lineage_history, terms)
    tool = {"name": "mla-diff", "version": __version__}
    if fmt == "json":
        text = render_history_json(lineage_history, tool, terms, hits)
    elif fmt == "text":
        text = (
            render_terms_text(lineage_history, terms, hits)
            if terms
            else render_timeline_text(lineage_history)
        )
    else:
        hrefs = [_step_report_name(c.old_version, c.new_version) for c in steps]
        text = render_history(
            lineage_history, __version__, title=title, step_hrefs=hrefs, terms=terms, hits=hits
        )
        if output is not None:
            for name, comparison in zip(hrefs, steps, strict=True):
                write_text(output.parent / name, render_html(comparison, __version__))
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"wrote {output}", err=True)


class LogEntry(TypedDict):
    """One revision in `log --format json`."""

    commit: str
    date: str
    author: str
    email: str
    message: str
    tags: list[str]
    path: str
    renamed_from: str | None
    articles: int
    changes: dict[str, int] | None  # None for the first revision


@main.command()
@click.argument("draft")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for scripts.",
)
@language_option
@reports_errors
def log(draft: str, fmt: str, language: str) -> None:
    """The git revisions of a DRAFT, newest first, following renames: date, author, message and
    how many articles each commit added, deleted, amended, renumbered, moved, split or merged.

    DRAFT@REV starts the log at that revision."""
    spec = parse_spec(draft)
    revisions = file_revisions(spec.path, spec.revision)
    oldest_first = tuple(reversed(revisions))
    read = read_revisions(spec.path, oldest_first, _language(language))
    steps = build_history([v for v, _ in read], [d for _, d in read]).concordances
    counts: list[dict[str, int] | None] = [None, *(count_changes(step) for step in steps)]
    entries: list[LogEntry] = []
    for index, revision in enumerate(oldest_first):
        previous = oldest_first[index - 1].path if index else None
        entries.append(
            LogEntry(
                commit=revision.commit,
                date=revision.date,
                author=revision.author,
                email=revision.email,
                message=revision.subject,
                tags=list(revision.tags),
                path=revision.path,
                renamed_from=previous if previous and previous != revision.path else None,
                articles=len(read[index][1].articles),
                changes=counts[index],
            )
        )
    entries.reverse()
    if fmt == "json":
        click.echo(json.dumps({"draft": draft, "revisions": entries}, indent=2, ensure_ascii=False))
        return
    for entry in entries:
        tags = f" (tag: {', '.join(entry['tags'])})" if entry["tags"] else ""
        click.echo(f"commit {entry['commit']}{tags}")
        click.echo(f"Date:   {entry['date']}")
        click.echo(f"Author: {entry['author']} <{entry['email']}>")
        click.echo(f"    {entry['message']}")
        renamed = f" (renamed from {entry['renamed_from']})" if entry["renamed_from"] else ""
        changes = entry["changes"]
        if changes is None:
            what = f"first revision, {entry['articles']} articles"
        else:
            what = (
                ", ".join(f"{n} {kind}" for kind, n in changes.items() if n) or "no article changed"
            )
        click.echo(f"    {entry['path']}{renamed}: {what}")
        click.echo("")


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are a subset of TOML's)."""
    return json.dumps(text, ensure_ascii=False)


@main.command()
@click.argument("draft")
@click.option(
    "--instrument", required=True, help="Folder name under the drafts folder, e.g. mla-convention."
)
@click.option(
    "--label", required=True, help='How advocates cite the version, e.g. "version 30/11/2022".'
)
@click.option(
    "--date", "date_text", required=True, help="Date of the version, YYYY-MM-DD or YYYY-MM."
)
@click.option(
    "--drafts",
    "drafts_dir",
    type=click.Path(path_type=Path),
    default=Path("drafts"),
    show_default=True,
    help="The drafts folder.",
)
@click.option(
    "--name", default="", help="File name in the instrument folder (default: DRAFT's name)."
)
@click.option(
    "--title", default="", help="Title of the instrument, when this is its first version."
)
@click.option("--source", default="", help="Where the text comes from, in words.")
@click.option("--status", default="", help="Status of the version, e.g. draft, adopted.")
@click.option(
    "--commit",
    "do_commit",
    is_flag=True,
    help="Commit the draft and the manifest, and tag the commit.",
)
@click.option("--tag", default="", help="Tag name with --commit (default: INSTRUMENT-DATE).")
@reports_errors
def add(
    draft: str,
    instrument: str,
    label: str,
    date_text: str,
    drafts_dir: Path,
    name: str,
    title: str,
    source: str,
    status: str,
    do_commit: bool,
    tag: str,
) -> None:
    """Add a new version DRAFT (a file, or FILE@REV) to an instrument: copy it into
    DRAFTS/INSTRUMENT/, append it to that folder's versions.toml, and with --commit commit both
    and tag the commit."""
    check_label(label)
    check_date(date_text)
    check_instrument(instrument)
    spec = parse_spec(draft)
    data = spec_bytes(spec)
    parsed = parse_draft(load_text(data, str(spec)))
    folder = drafts_dir / instrument
    manifest = folder / MANIFEST
    target = folder / (name or spec.path.name)
    if target.exists():
        raise InputError(
            "already exists", path=str(target), hint="choose another --name or remove the file"
        )
    if manifest.is_file():
        load_instrument(folder)  # a manifest that does not load is fixed before anything is added
    tag = tag or f"{instrument}-{date_text}"
    if do_commit:  # refuse before writing anything
        check_new_tag(target, tag)
    new_manifest = not manifest.is_file()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as exc:
        raise OutputError(f"cannot be written ({exc.strerror})", path=str(target)) from exc
    try:
        if new_manifest:
            named = (
                f"instrument = {_toml_string(instrument)}",
                f"title = {_toml_string(title or instrument)}",
            )
            write_text(manifest, "\n".join(named) + "\n")
        append_version(folder, target.name, label, date_text, source, status)
    except MlaDiffError:
        target.unlink()  # leave the folder as it was
        if new_manifest:
            manifest.unlink(missing_ok=True)
        raise
    listed = [Path(v.path).name for v in load_instrument(folder).versions]
    position = listed.index(target.name) + 1
    articles = len(parsed.articles)
    click.echo(
        f"added {target} as version {position} of {len(listed)} of {instrument} "
        f"({label}, {articles} articles)"
    )
    if do_commit:
        commit = commit_draft(
            [target, manifest], f"Add {label} ({date_text}) of {instrument}", tag, label
        )
        click.echo(f"committed {commit[:12]} and tagged it {tag}")


# Review: the policy gate and the git diff driver.


def _check_pairs(drafts: tuple[str, ...], base: str | None) -> list[tuple[DraftSpec, DraftSpec]]:
    """What `check` compares: OLD NEW, or with --base each FILE against its baseline."""
    if base is None:
        if len(drafts) != 2:
            raise InputError(
                f"check takes OLD and NEW, got {len(drafts)} draft(s)",
                hint="or say --base REV FILE... to check changed drafts against a revision",
            )
        return [(parse_spec(drafts[0]), parse_spec(drafts[1]))]
    pairs = []
    for draft in drafts:
        new = parse_spec(draft)
        old = find_baseline(new.path, base)
        if old is None:
            click.echo(f"{new}: a first draft, nothing to compare it with")
            continue
        pairs.append((old, new))
    return pairs


def _report_name(new: DraftSpec) -> str:
    return f"{anchor_slug(str(new.path.with_suffix('')))}.html"


@main.command()
@click.argument("drafts", nargs=-1, required=True)
@click.option(
    "--fail-on",
    "fail_on",
    multiple=True,
    help="A gate: critical, high, medium, low or info (that severity or worse), deleted (any "
    "article deleted) or a flag rule name; repeat or separate with commas. Overrides the "
    "repository's policy.",
)
@click.option(
    "--config",
    type=click.Path(path_type=Path),
    help="Read the policy from this mla-diff.toml or pyproject.toml ([tool.mla-diff]).",
)
@click.option(
    "--base",
    default=None,
    help="Check each of DRAFTS against this git revision (its version there, its name before a "
    "rename, or the previous version in versions.toml for a new draft).",
)
@click.option(
    "--report-dir",
    type=click.Path(path_type=Path),
    help="Also write each comparison's HTML report into this folder.",
)
@github_option
@language_option
@reports_errors
def check(
    drafts: tuple[str, ...],
    language: str,
    fail_on: tuple[str, ...],
    config: Path | None,
    base: str | None,
    report_dir: Path | None,
    github: bool,
) -> None:
    """Apply a policy to changed drafts: print the changes that violate it and exit 1 if any.

    DRAFTS is OLD NEW (each FILE or FILE@REV), or with --base one or more changed drafts. The policy
    comes from --fail-on, else --config, else mla-diff.toml or pyproject.toml [tool.mla-diff]
    (fail-on = [...]) beside the drafts or above them, else fail-on critical.

    Exit code 0 when no change violates the policy, 1 when one does, 2 on error."""
    pairs = _check_pairs(drafts, base)
    if report_dir is not None:
        try:
            report_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot be created ({exc.strerror})", path=str(report_dir)) from exc
    failed = 0
    policy: Policy | None = None
    for old, new in pairs:
        policy = policy or choose_policy(fail_on, config, new.path)
        old_version, old_draft = read_spec(str(old), language=_language(language))
        new_version, new_draft = read_spec(str(new), language=_language(language))
        settings = _settings_beside(new.path, _language(language))
        comparison = compare_drafts(
            old_draft, new_draft, settings, old_version=old_version, new_version=new_version
        )
        violations = evaluate(comparison, policy)
        report_to_github(comparison, old, new, github, policy, violations)
        if report_dir is not None:
            write_text(report_dir / _report_name(new), render_html(comparison, __version__))
        verdict = f"{len(violations)} violation(s)" if violations else "passes"
        click.echo(f"{old} → {new}: {verdict}")
        for violation in violations:
            click.echo(f"  {describe_violation(violation)}")
        failed += bool(violations)
    if policy is not None:
        click.echo(f"policy {policy.describe()}: {failed} of {len(pairs)} draft(s) fail")
    sys.exit(EXIT_CHANGED if failed else EXIT_SAME)


NULL_FILE = "/dev/null"  # what git passes for the missing side of an added or deleted file


def _driver_side(file: str, hexsha: str, side: str, path: str) -> tuple[Version, Draft]:
    label = f"{side}/{path}" + (f" ({hexsha[:7]})" if hexsha.strip("0.") else "")
    if file == NULL_FILE:
        return Version(label=f"{label} (none)", path=NULL_FILE), Draft(source="", units=())
    # git hands over plain files (temporary ones for old blobs): read them as they are.
    return read_draft(Path(file), Version(label=label, path=f"{side}/{path}"))


@main.command("git-diff", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@reports_errors
def git_diff(args: tuple[str, ...]) -> None:
    """A git diff driver: git runs it as diff.mla.command with PATH OLD-FILE OLD-HEX OLD-MODE
    NEW-FILE NEW-HEX NEW-MODE, and it prints the article-level comparison.

    Set it up with: git config diff.mla.command "mla-diff git-diff" and, in .gitattributes,
    drafts/**/*.txt diff=mla. Then git diff and git log -p compare drafts article by article."""
    if len(args) == 1:
        click.echo(f"mla-diff {args[0]}: unmerged, resolve the conflict first")
        return
    if len(args) not in (7, 9):
        raise InputError(
            f"git-diff takes the 7 arguments git passes, got {len(args)}",
            hint='configure it with git config diff.mla.command "mla-diff git-diff"',
        )
    path, old_file, old_hex, _, new_file, new_hex, _ = args[:7]
    new_path = args[7] if len(args) == 9 else path
    old_version, old_draft = _driver_side(old_file, old_hex, "a", path)
    new_version, new_draft = _driver_side(new_file, new_hex, "b", new_path)
    comparison = compare_drafts(
        old_draft, new_draft, Settings(), old_version=old_version, new_version=new_version
    )
    name = path if new_path == path else f"{path} → {new_path}"
    click.echo(render_text_diff(comparison, name), nl=False)


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: an indented tree; json: an object whose `units` list has kind, number, title...",
)
@click.option(
    "--language",
    type=click.Choice(["auto", *LANGUAGES]),
    default="auto",
    show_default=True,
    help="Language of the draft's headings (Article, Artikel, Artículo...); auto detects it.",
)
@reports_errors
def outline(file: Path, fmt: str, language: str) -> None:
    """Print the structure the parser finds in the draft FILE: title block, preamble paragraphs,
    parts and chapters, articles with their titles and paragraph counts, final clauses, annexes,
    each with its source lines, then any warnings.

    Check it before comparing: a missed or invented article misaligns everything after it."""
    _, draft = read_draft(file, language="" if language == "auto" else language)
    if fmt == "json":
        click.echo(outline_json(draft), nl=False)
    else:
        click.echo(outline_text(draft, file.name), nl=False)


@main.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--instrument",
    required=True,
    help="Instrument folder in the drafts folder, e.g. mla-convention.",
)
@click.option(
    "--label", required=True, help='Version label as advocates cite it, e.g. "Revised draft".'
)
@click.option("--date", "date", required=True, help="Date of the draft: YYYY-MM-DD or YYYY-MM.")
@click.option(
    "--drafts",
    type=click.Path(path_type=Path),
    default=Path("drafts"),
    show_default=True,
    help="Folder holding one folder per instrument.",
)
@click.option(
    "--source", default="", help="Provenance for versions.toml (default: the imported file's name)."
)
@click.option("--status", default="draft", show_default=True, help="Status for versions.toml.")
@click.option(
    "--show-changes",
    is_flag=True,
    help="Write tracked changes as [-deleted-] {+inserted+} instead of accepting them.",
)
@click.option(
    "--keep-marks",
    is_flag=True,
    help="Write strike-through as [-...-] and underline as {+...+}, as negotiators mean them.",
)
@click.option("--force", is_flag=True, help="Replace a draft file of the same date and label.")
@reports_errors
def import_(
    file: Path,
    instrument: str,
    label: str,
    date: str,
    drafts: Path,
    source: str,
    status: str,
    show_changes: bool,
    keep_marks: bool,
    force: bool,
) -> None:
    """Import a draft from PDF, Word (.docx), ODT, HTML, RTF or text as a clean plain-text version.

    Writes DRAFTS/INSTRUMENT/<date>_<label>.txt and its entry in versions.toml, then says what it
    removed (page headers, footers, numbers), what it joined (hyphenated words, wrapped lines) and
    what it is unsure of. A scanned PDF needs OCR first (ocrmypdf)."""
    check_instrument(instrument)
    check_date(date)
    check_label(label)
    target = drafts / instrument / draft_file_name(date, label)
    if target.exists() and not force:
        raise OutputError(
            "already exists",
            path=str(target),
            hint="pass --force to replace it, or change the label",
        )
    imported = import_draft(file, ImportOptions(show_changes=show_changes, keep_marks=keep_marks))
    existed = target.exists()
    write_draft(target, imported.text, force)
    try:
        append_version(
            target.parent, target.name, label, date, source or f"imported from {file.name}", status
        )
    except MlaDiffError:
        if not existed:
            target.unlink()
        raise
    articles = f"{imported.articles} article{'' if imported.articles == 1 else 's'}"
    click.echo(f"wrote {target} from {imported.format} ({articles})")
    click.echo(imported.report.summary())

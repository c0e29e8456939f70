"""Pairs of drafts as commands name them: OLD and NEW, each changed draft against its baseline at
a git revision, or the two files git hands its diff driver."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from mla_diff.compare import compare_drafts
from mla_diff.errors import InputError
from mla_diff.gitsource import DraftSpec, find_baseline, parse_spec, read_spec
from mla_diff.model import Comparison, Draft, Settings, Version, anchor_slug
from mla_diff.sources import read_draft, rules_beside, with_rules

NULL_FILE = "/dev/null"  # what git passes for the missing side of an added or deleted file
# PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE, then NEW-PATH and INFO for a rename
DRIVER_ARGUMENTS = (7, 9)


def compare_specs(
    old: str,
    new: str,
    settings: Settings,
    old_label: str = "",
    new_label: str = "",
    rules: Path | None = None,
) -> Comparison:
    """Read OLD and NEW (each FILE or FILE@REV) in the settings' language and compare them; the
    rules file `rules`, else a rules.toml beside the new draft, is merged over the shipped
    significance rules, so that compare, check and reports flag a pair alike."""
    old_version, old_draft = read_spec(old, old_label, settings.language)
    new_version, new_draft = read_spec(new, new_label, settings.language)
    settings = with_rules(settings, rules or rules_beside(parse_spec(new).path.parent))
    return compare_drafts(
        old_draft, new_draft, settings, old_version=old_version, new_version=new_version
    )


def check_pairs(
    drafts: Sequence[str], base: str | None
) -> Iterator[tuple[DraftSpec | None, DraftSpec]]:
    """What `check` compares, pair by pair: OLD and NEW, or with `base` each draft against its
    baseline there; a first draft, with nothing to compare it with, comes with None."""
    if base is None:
        if len(drafts) != 2:
            raise InputError(
                f"check takes OLD and NEW, got {len(drafts)} draft(s)",
                hint="or say --base REV FILE... to check changed drafts against a revision",
            )
        yield parse_spec(drafts[0]), parse_spec(drafts[1])
        return
    for draft in drafts:
        new = parse_spec(draft)
        yield find_baseline(new.path, base), new


def review_pair(old: DraftSpec, new: DraftSpec, language: str = "") -> Comparison:
    """Compare a pair `check` names, with the rules.toml beside the new draft, if any."""
    return compare_specs(str(old), str(new), Settings(language=language))


def review_report_name(new: DraftSpec) -> str:
    """The file name of a checked draft's HTML report: its path, slugged."""
    return f"{anchor_slug(str(new.path.with_suffix('')))}.html"


def read_driver_side(file: str, hexsha: str, side: str, path: str) -> tuple[Version, Draft]:
    """One side of a diff driver's call: `file` is what git hands over (a temporary file for an
    old blob, /dev/null for a missing side), labelled a/PATH or b/PATH with the blob's id."""
    label = f"{side}/{path}" + (f" ({hexsha[:7]})" if hexsha.strip("0.") else "")
    if file == NULL_FILE:
        return Version(label=f"{label} (none)", path=NULL_FILE), Draft(source="", units=())
    # git hands over plain files (temporary ones for old blobs): read them as they are.
    return read_draft(Path(file), Version(label=label, path=f"{side}/{path}"))


def compare_driver_files(args: Sequence[str]) -> tuple[Comparison, str]:
    """The comparison git asks its diff driver for, from the arguments it passes, and the name
    to show for it (OLD → NEW for a rename)."""
    if len(args) not in DRIVER_ARGUMENTS:
        raise InputError(
            f"git-diff takes the 7 arguments git passes, got {len(args)}",
            hint='configure it with git config diff.mla.command "mla-diff git-diff"',
        )
    path, old_file, old_hex, _, new_file, new_hex, _ = args[:7]
    new_path = args[7] if len(args) == 9 else path
    old_version, old_draft = read_driver_side(old_file, old_hex, "a", path)
    new_version, new_draft = read_driver_side(new_file, new_hex, "b", new_path)
    comparison = compare_drafts(
        old_draft, new_draft, Settings(), old_version=old_version, new_version=new_version
    )
    return comparison, path if new_path == path else f"{path} → {new_path}"

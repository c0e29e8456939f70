"""Comparisons the report tests share: the golden pair, a hostile draft and real texts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mla_diff.compare import compare_drafts
from mla_diff.model import Comparison, Version
from mla_diff.parse import parse_draft
from mla_diff.sources import read_draft

GOLDEN = Path(__file__).resolve().parent / "golden"
TEST_VERSION = "0.0.0-test"  # golden files do not change with each release

# What scripts read in every row of the JSON report's concordance.
CONCORDANCE_ROW_FIELDS = frozenset(
    ("kind", "old", "new", "status", "renumbered", "modified", "moved", "similarity", "reason")
)

# Text an attacker could slip into a draft, a label or a title: it must show as text, inert.
PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def golden_comparison() -> Comparison:
    """The hand-written pair in tests/golden/, read as the CLI reads files (relative paths)."""
    old_version, old = read_draft(
        GOLDEN / "old.txt", Version(label="Preliminary draft (Nov 2018)", date="2018-11")
    )
    new_version, new = read_draft(
        GOLDEN / "new.txt", Version(label="Revised draft (Mar 2020)", date="2020-03")
    )
    root = GOLDEN.parent.parent
    return compare_drafts(
        old,
        new,
        old_version=_relative(old_version, root),
        new_version=_relative(new_version, root),
    )


def _relative(version: Version, root: Path) -> Version:
    return replace(version, path=str(Path(version.path).relative_to(root)))


HOSTILE_OLD = f"""Article 1
Scope {PAYLOAD}

1. This Convention applies to genocide. {PAYLOAD}

Article 2
Pardon

A pardon may be granted. </textarea></style></script><b>bold</b> &amp; "quotes" 'single'
"""

HOSTILE_NEW = f"""Article 1
Scope {PAYLOAD}

1. This Convention applies to genocide and war crimes. {PAYLOAD} {PAYLOAD}
"""


def hostile_comparison() -> Comparison:
    """Drafts, labels and paths laced with markup: every report must keep them inert."""
    return compare_drafts(
        parse_draft(HOSTILE_OLD),
        parse_draft(HOSTILE_NEW),
        old_version=Version(label=f"Old {PAYLOAD}", path=f"old{PAYLOAD}.txt", source=PAYLOAD),
        new_version=Version(label="New </style><script>x</script>", illustrative=True),
    )

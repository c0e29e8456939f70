"""mla-diff: align, diff and flag successive treaty drafts."""

from mla_diff.model import Comparison, Draft, Flag, Match, Unit, Version

__version__ = "0.1.0"

__all__ = ["Comparison", "Draft", "Flag", "Match", "Unit", "Version", "__version__"]

"""compare_drafts: align, then diff each matched pair, then flag what is significant."""

from __future__ import annotations

from mla_diff.align import align_drafts
from mla_diff.diff import diff_texts
from mla_diff.model import Comparison, Draft, MatchStatus, Row, Settings, Version
from mla_diff.significance import flag_rows


def compare_drafts(
    old: Draft,
    new: Draft,
    settings: Settings | None = None,
    *,
    old_version: Version | None = None,
    new_version: Version | None = None,
) -> Comparison:
    settings = settings or Settings()
    rows: list[Row] = []
    for match in align_drafts(old, new):
        if match.status is MatchStatus.MATCHED and match.modified:
            edits = diff_texts(
                match.old[0].text,
                match.new[0].text,
                granularity=settings.granularity,
                timeout=settings.diff_timeout,
            )
            title_edits = diff_texts(match.old[0].title, match.new[0].title)
            rows.append(Row(match, edits, title_edits))
        else:
            rows.append(Row(match))
    frozen = tuple(rows)
    return Comparison(
        old_version=old_version or Version(label="old"),
        new_version=new_version or Version(label="new"),
        old=old,
        new=new,
        rows=frozen,
        flags=flag_rows(frozen),
        settings=settings,
    )

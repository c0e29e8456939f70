"""`make bench-parse`: how long parse_draft takes on large and pathological drafts.

Prints one line per input (size, units, seconds, median of three runs). No input may take time that
grows faster than its size; the figures are for reading, not for asserting."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from mla_diff.parse import coverage_problems, parse_draft  # noqa: E402


def _articles(count: int) -> str:
    return "\n\n".join(
        f"Article {n}\nHeading of article {n}\n\n1. Each State Party shall cooperate under "
        f"paragraph {n}:\n(a) first item;\n(b) second item.\n\n2. Done."
        for n in range(1, count + 1)
    )


def _pages(count: int) -> str:
    return "\f".join(
        f"Draft of 30 November 2022\n\nArticle {n}\n\nThe requested State shall act.\n\n{n}\n"
        for n in range(1, count + 1)
    )


INPUTS: dict[str, Callable[[], str]] = {
    "1,000 articles": lambda: _articles(1_000),
    "10,000 articles": lambda: _articles(10_000),
    "5 MB on one line": lambda: "The States Parties shall cooperate. " * 140_000,
    "5 MB of brackets on one line": lambda: "[shall] [may] " * 360_000,
    "5 MB run-on preamble": lambda: "The States Parties, " + "Considering that x; " * 250_000,
    "5 MB of '1. ' labels": lambda: "1. a. " * 850_000,
    "200,000 blank lines": lambda: "\n" * 200_000,
    "5,000 pages with furniture": lambda: _pages(5_000),
}


def _time(text: str) -> tuple[float, int]:
    runs = []
    units = 0
    for _ in range(3):
        start = time.perf_counter()
        draft = parse_draft(text)
        runs.append(time.perf_counter() - start)
        units = len(draft.units)
        assert not coverage_problems(draft)
    return statistics.median(runs), units


def main() -> None:
    print(f"{'input':32} {'MB':>6} {'units':>8} {'seconds':>8}")
    for name, make in INPUTS.items():
        text = make()
        seconds, units = _time(text)
        print(f"{name:32} {len(text) / 1e6:6.2f} {units:8d} {seconds:8.2f}")


if __name__ == "__main__":
    main()

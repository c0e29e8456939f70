"""`make bench`: time a full HTML compare against peers on the same pairs, in one run.

Writes a table (median of several runs, ratios to mla-diff, peak memory) to RESULTS.md with the
machine it ran on. `--quick` is the CI smoke run: one run each on small pairs, written elsewhere."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
MLA = ROOT / "drafts" / "mla-convention"
sys.path.insert(0, str(ROOT))

from mla_diff.parse import parse_draft  # noqa: E402
from tests.benchmarks.synthetic import series  # noqa: E402

PEERS = ["difflib-words", "difflib-html", "dmp-words", "iddiff", "redlines", "git-word-diff"]
QUICK_PEERS = ["difflib-words", "git-word-diff"]
TIMEOUT = 900.0


@dataclass
class Pair:
    name: str
    old: Path
    new: Path
    words: int = 0
    articles: int = 0


@dataclass
class Measure:
    seconds: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    failed: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


def corpus_pairs() -> list[Pair]:
    pairs = [
        Pair(
            "TEU 1992 -> 2003",
            CORPUS / "eu-teu/TEU_v1_1992-11-01_maastricht.txt",
            CORPUS / "eu-teu/TEU_v4_2003-02-01_nice.txt",
        ),
        Pair(
            "Basic Law 1968",
            CORPUS / "de-grundgesetz-1968/v2_1968-06-23_16th-amendment.txt",
            CORPUS / "de-grundgesetz-1968/v3_1968-06-28_17th-amendment-emergency-constitution.txt",
        ),
        Pair(
            "CoE ETS 030 1982 -> 2011",
            CORPUS / "coe-ets030/ECMACM_en_v1_1982-04-12.md",
            CORPUS / "coe-ets030/ECMACM_en_v2_2011-04-01.md",
        ),
        Pair(
            "MLA drafts 2018 -> 2023",
            MLA / "2018-11_preliminary-draft.txt",
            MLA / "2023-05-26_adopted-text.txt",
        ),
    ]
    return [pair for pair in pairs if pair.old.is_file() and pair.new.is_file()]


def synthetic_sources() -> list[Path]:
    sources = sorted(CORPUS.glob("*/*_en_*.md")) + sorted(CORPUS.glob("eu-teu/*.txt"))
    sources += sorted(CORPUS.glob("de-grundgesetz-1968/*.txt")) + sorted(MLA.glob("*.txt"))
    return [path for path in sources if path.is_file()]


def synthetic_pairs(workdir: Path, scales: list[float]) -> list[Pair]:
    pairs = []
    for scale in scales:
        old_text, new_text = series(synthetic_sources(), scale, 2)
        old = workdir / f"synthetic-{scale}x-old.txt"
        new = workdir / f"synthetic-{scale}x-new.txt"
        old.write_text(old_text, encoding="utf-8")
        new.write_text(new_text, encoding="utf-8")
        pairs.append(Pair(f"synthetic {scale}x", old, new))
    return pairs


def describe(pair: Pair) -> None:
    text = pair.old.read_text(encoding="utf-8")
    pair.words = len(text.split()) + len(pair.new.read_text(encoding="utf-8").split())
    pair.articles = len(parse_draft(text).articles)


def measure(tool: str, pair: Pair, runs: int, workdir: Path) -> Measure:
    result = Measure()
    out = workdir / f"out-{tool}"
    for _ in range(runs):
        try:
            done = subprocess.run(
                [
                    sys.executable,
                    str(HERE / "worker.py"),
                    tool,
                    str(pair.old),
                    str(pair.new),
                    str(out),
                ],
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            )
        except subprocess.TimeoutExpired:
            result.failed = f"over {TIMEOUT:.0f} s"
            return result
        if done.returncode != 0:
            result.failed = (done.stderr.strip().splitlines() or ["failed"])[-1][:80]
            return result
        data = json.loads(done.stdout.strip().splitlines()[-1])
        result.seconds.append(data["seconds"])
        result.peak_mb = max(result.peak_mb, data["peak_mb"])
    return result


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run for CI: checks it works")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="results table")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pairs = corpus_pairs()
        if args.quick:
            pairs = [p for p in pairs if "ETS" in p.name]
            pairs += synthetic_pairs(workdir, [0.2])
            peers = QUICK_PEERS
        else:
            pairs += synthetic_pairs(workdir, [1, 4, 16])
            peers = PEERS
        results: dict[str, dict[str, Measure]] = {}
        for pair in pairs:
            describe(pair)
            results[pair.name] = {}
            for tool in ["mla-diff", *peers]:
                # The quadratic peers are not run on the largest inputs, where they cannot finish.
                if pair.name == "synthetic 16x" and tool in {
                    "difflib-words",
                    "redlines",
                    "difflib-html",
                }:
                    results[pair.name][tool] = Measure(failed="not run at 16x")
                    continue
                results[pair.name][tool] = measure(tool, pair, runs, workdir)
                print(
                    f"{pair.name:28} {tool:14} {results[pair.name][tool].median:9.3f} s", flush=True
                )
        text = report(pairs, results, ["mla-diff", *peers], runs)
    out = Path(tempfile.gettempdir()) / "mla-diff-bench-quick.md" if args.quick else args.out
    out.write_text(text, encoding="utf-8")
    print(text)
    failed = [
        f"{p}/{t}: {m.failed}"
        for p, row in results.items()
        for t, m in row.items()
        if t == "mla-diff" and m.failed
    ]
    if failed:
        print("mla-diff failed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


def report(
    pairs: list[Pair], results: dict[str, dict[str, Measure]], tools: list[str], runs: int
) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine()}.",
        "",
        f"Median of {runs} run(s) per cell, each in a fresh process; the time is the work inside",
        "the process (reading, diffing, rendering, writing), without interpreter start-up. Ratios",
        "are the peer's time divided by mla-diff's: above 1 means mla-diff is faster.",
        "mla-diff does a full HTML compare (parse, align, word diff, flags, report);",
        "the peers do less.",
        "",
        "| pair | articles | words (both) | " + " | ".join(tools) + " |",
        "|---|---:|---:|" + "---:|" * len(tools),
    ]
    for pair in pairs:
        row = results[pair.name]
        ours = row["mla-diff"].median
        cells = []
        for tool in tools:
            m = row[tool]
            if m.failed:
                cells.append(m.failed)
            elif tool == "mla-diff":
                cells.append(f"{m.median:.3f} s")
            else:
                cells.append(f"{m.median:.3f} s ({m.median / ours:.1f}x)")
        lines.append(
            f"| {pair.name} | {pair.articles} | {pair.words:,} | " + " | ".join(cells) + " |"
        )
    lines += [
        "",
        "Peak memory (MB):",
        "",
        "| pair | " + " | ".join(tools) + " |",
        "|---|" + "---:|" * len(tools),
    ]
    for pair in pairs:
        row = results[pair.name]
        lines.append(
            f"| {pair.name} | "
            + " | ".join("-" if row[t].failed else f"{row[t].peak_mb:.0f}" for t in tools)
            + " |"
        )
    lines += ["", *targets(results)]
    return "\n".join(lines) + "\n"


def targets(results: dict[str, dict[str, Measure]]) -> list[str]:
    """The performance targets, checked on this run's figures."""
    one = results.get("synthetic 1x")
    if not one:
        return []
    ours = one["mla-diff"].median
    lines = ["## Targets", ""]

    def check(name: str, ok: bool, detail: str) -> None:
        lines.append(f"- {'met' if ok else 'NOT MET'}: {name} ({detail})")

    if "iddiff" in one and not one["iddiff"].failed:
        check(
            "300-article pair in at most iddiff's time",
            ours <= one["iddiff"].median,
            f"{ours:.3f} s vs {one['iddiff'].median:.3f} s",
        )
    if "difflib-words" in one and not one["difflib-words"].failed:
        peer = one["difflib-words"].median
        check("at most 1/15 of word-level difflib", ours * 15 <= peer, f"ratio {peer / ours:.1f}")
    sixteen = results.get("synthetic 16x")
    if sixteen and not sixteen["mla-diff"].failed:
        ratio = sixteen["mla-diff"].median / ours
        check("16x the input in at most 20x the time", ratio <= 20, f"{ratio:.1f}x")
    check(
        "peak memory under 150 MB on the 300-article pair",
        one["mla-diff"].peak_mb < 150,
        f"{one['mla-diff'].peak_mb:.0f} MB",
    )
    return lines


if __name__ == "__main__":
    raise SystemExit(main())

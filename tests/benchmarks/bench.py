"""`make bench`: time a full HTML compare against peers on the same pairs, in one run.

Writes a table (median of several runs, ratios to mla-diff, peak memory) and the performance
targets, checked on this run's figures, to RESULTS.md with the machine it ran on. `--quick` is
the CI smoke run: one run each on small inputs, written to a temporary file; it checks that the
harness and every tool work, not the figures."""

from __future__ import annotations

import argparse
import compileall
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
from tests.benchmarks.synthetic import bench_pair, bench_series  # noqa: E402

PEERS = ["difflib-words", "difflib-html", "dmp-words", "iddiff", "redlines", "git-word-diff"]
# Peers whose cost grows with the square of the input: not run at 16x, where they cannot finish.
QUADRATIC = {"difflib-words", "difflib-html", "dmp-words", "redlines"}
SCALES = (1, 4, 16)
HISTORY_VERSIONS = 10
TIMEOUT = 150.0
# Slow cells get fewer runs, so that the whole benchmark keeps to the better part of an hour.
FEWER_RUNS_AFTER = 10.0  # seconds of the first run: three runs, not the full count
ONE_RUN_AFTER = 60.0  # seconds of the first run: that run alone


@dataclass
class Pair:
    name: str
    old: Path
    new: Path
    words: int = 0  # both sides
    articles: int = 0  # old side
    scale: float = 0.0  # synthetic pairs: times 300 articles


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


def start_up_pair(workdir: Path) -> Pair:
    """One short article changed: what each tool costs before the size of the text matters."""
    old = workdir / "one-article-old.txt"
    new = workdir / "one-article-new.txt"
    old.write_text(
        "Article 1\nScope\n\n1. This Convention applies to genocide.\n", encoding="utf-8"
    )
    new.write_text(
        "Article 1\nScope\n\n1. This Convention applies to genocide and war crimes.\n",
        encoding="utf-8",
    )
    return Pair("one article (start-up)", old, new)


def synthetic_pairs(workdir: Path, scales: tuple[float, ...]) -> list[Pair]:
    pairs = []
    for scale in scales:
        made = bench_pair(scale)
        old = workdir / f"synthetic-{scale}x-old.txt"
        new = workdir / f"synthetic-{scale}x-new.txt"
        old.write_text(made.old, encoding="utf-8")
        new.write_text(made.new, encoding="utf-8")
        pairs.append(Pair(f"synthetic {scale:g}x", old, new, scale=scale))
    return pairs


def history_folder(workdir: Path, versions: int, size: int) -> Path:
    """A drafts folder holding `versions` successive drafts of a `size`-article text."""
    folder = workdir / "history"
    folder.mkdir()
    manifest = ['instrument = "synthetic"', 'title = "Synthetic Convention"', ""]
    for k, text in enumerate(bench_series(versions, size), start=1):
        name = f"v{k:02d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        manifest += ["[[versions]]", f'file = "{name}"', f'label = "v{k}"', f'date = "{2010 + k}"']
        manifest.append("")
    (folder / "versions.toml").write_text("\n".join(manifest), encoding="utf-8")
    return folder


def describe(pair: Pair) -> None:
    text = pair.old.read_text(encoding="utf-8")
    pair.words = len(text.split()) + len(pair.new.read_text(encoding="utf-8").split())
    pair.articles = len(parse_draft(text).articles)


def run_once(tool: str, old: Path, new: Path, out: Path) -> tuple[float, float] | str:
    """(seconds, peak MB) of one run of `tool` in a fresh process, or why it failed."""
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "worker.py"), tool, str(old), str(new), str(out)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    except subprocess.TimeoutExpired:
        return f"over {TIMEOUT:.0f} s"
    if done.returncode != 0:
        return (done.stderr.strip().splitlines() or ["failed"])[-1][:80]
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return float(data["seconds"]), float(data["peak_mb"])


def measure(tools: list[str], old: Path, new: Path, runs: int, workdir: Path) -> dict[str, Measure]:
    """Each tool's runs on one pair, taken in turns (one run of each tool, then the next round):
    a stretch when the shared machine runs slow then weighs on every tool alike, not on one."""
    results = {tool: Measure() for tool in tools}
    wanted = dict.fromkeys(tools, runs)
    for _ in range(runs):
        for tool in tools:
            result = results[tool]
            if result.failed or len(result.seconds) >= wanted[tool]:
                continue
            done = run_once(tool, old, new, workdir / f"out-{tool}.html")
            if isinstance(done, str):
                result.failed = done
                continue
            result.seconds.append(done[0])
            result.peak_mb = max(result.peak_mb, done[1])
            if len(result.seconds) == 1:
                if done[0] > ONE_RUN_AFTER:
                    wanted[tool] = 1
                elif done[0] > FEWER_RUNS_AFTER:
                    wanted[tool] = min(runs, 3)
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kilobytes = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kilobytes / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {system}"


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
    ).stdout.strip()


def commit() -> str:
    """The commit measured, marked when the work tree differs from it (the results aside)."""
    try:
        head = _git("rev-parse", "--short=12", "HEAD")
        results = f":(exclude){(HERE / 'RESULTS.md').relative_to(ROOT).as_posix()}"
        dirty = _git("status", "--porcelain", "--untracked-files=no", "--", ".", results)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with local changes)" if dirty else head


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run for CI: checks it works")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md", help="results table")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    # As an installed package is: an editable install leaves no bytecode behind.
    compileall.compile_dir(ROOT / "mla_diff", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pairs = [start_up_pair(workdir), *corpus_pairs()]
        if args.quick:
            pairs = [p for p in pairs if "ETS" in p.name or "start-up" in p.name] + synthetic_pairs(
                workdir, (0.25,)
            )
            folder = history_folder(workdir, 3, 60)
        else:
            pairs += synthetic_pairs(workdir, SCALES)
            folder = history_folder(workdir, HISTORY_VERSIONS, 300)
        tools = ["mla-diff", *PEERS]
        results: dict[str, dict[str, Measure]] = {}
        smaller: dict[str, tuple[float, float]] = {}  # tool: (scale, median) of the last pair
        for pair in pairs:
            describe(pair)
            results[pair.name] = {}
            active = []
            for tool in tools:
                if pair.scale >= 16 and tool in QUADRATIC:
                    results[pair.name][tool] = Measure(failed="not run at 16x")
                    continue
                if pair.scale and tool in QUADRATIC and tool in smaller:
                    scale, seconds = smaller[tool]
                    expected = seconds * (pair.scale / scale) ** 2
                    if expected > TIMEOUT:
                        results[pair.name][tool] = Measure(failed=f"not run: ~{expected:.0f} s")
                        continue
                if args.quick and pair.scale and tool in QUADRATIC:
                    results[pair.name][tool] = Measure(failed="not run (quick)")
                    continue
                active.append(tool)
            results[pair.name].update(measure(active, pair.old, pair.new, runs, workdir))
            for tool in active:
                found = results[pair.name][tool]
                if pair.scale and not found.failed:
                    smaller[tool] = (pair.scale, found.median)
                shown = found.failed or f"{found.median:9.3f} s  {found.peak_mb:5.0f} MB"
                print(f"{pair.name:28} {tool:14} {shown}", flush=True)
        history = measure(["mla-diff-history"], folder, folder, runs, workdir)["mla-diff-history"]
        print(f"history of {len(list(folder.glob('*.txt')))} versions: {history.median:.3f} s")
        text = report(pairs, results, tools, history, runs, args.quick)
    out = Path(tempfile.gettempdir()) / "mla-diff-bench-quick.md" if args.quick else args.out
    out.write_text(text, encoding="utf-8")
    print(text)
    # A peer over the time limit is a result; a tool that breaks, or mla-diff over it, is not.
    failed = [
        f"{p}/{t}: {m.failed}"
        for p, row in results.items()
        for t, m in row.items()
        if m.failed
        and not m.failed.startswith("not run")
        and (t == "mla-diff" or not m.failed.startswith("over"))
    ]
    if history.failed:
        failed.append(f"history: {history.failed}")
    if failed:
        print("failed: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


def report(
    pairs: list[Pair],
    results: dict[str, dict[str, Measure]],
    tools: list[str],
    history: Measure,
    runs: int,
    quick: bool,
) -> str:
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`tests/benchmarks/bench.py`); do not edit by hand.",
        "",
        f"Machine: {machine()}. Code: commit {commit()}.",
        "",
        f"Median of {runs} run(s) per cell, the tools taking turns ({FEWER_RUNS_AFTER:.0f} s or "
        f"more: 3 runs; {ONE_RUN_AFTER:.0f} s or more: one), each in a",
        "fresh process; the time is the work inside the process (imports, reading, diffing,",
        "rendering, writing), without interpreter start-up; every tool's modules are compiled",
        "to bytecode beforehand, as an install leaves them, and mla-diff keeps its compiled",
        "report templates between runs as it does for any user. Ratios are the peer's time divided",
        "by mla-diff's: above 1 means mla-diff is faster. mla-diff runs `mla-diff compare OLD",
        "NEW -o report.html`, a full compare (parse, align, word diff, flags, HTML report); the",
        "peers do less: word-level difflib is `SequenceMatcher(autojunk=False)` over the words;",
        "difflib-html `HtmlDiff().make_file` over the lines; dmp-words diff-match-patch over the",
        "whole text in word mode (no timeout) with semantic clean-up; iddiff the IETF side-by-side",
        "HTML diff (line level); redlines its Markdown redline; git-word-diff",
        "`git diff --no-index --word-diff`.",
        f"A run stops after {TIMEOUT:.0f} s. Peers whose cost grows with the square of the input",
        f"({', '.join(sorted(QUADRATIC))}) are not run at 16x, where they cannot finish, nor",
        "at 4x where their time at 1x times 16 passes that limit (`not run: ~N s` gives that",
        "estimate).",
        "",
        "Synthetic pairs: real articles of the corpus and the illustrative drafts (copies marked",
        "past the pool's end), 300 articles per 1x, renumbered after splits, merges, deletions,",
        "insertions and moves, a tenth of them amended (tests/benchmarks/synthetic.py).",
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
                cells.append(f"{m.median:.3f} s ({m.median / ours:.2f}x)")
        lines.append(
            f"| {pair.name} | {pair.articles} | {pair.words:,} | " + " | ".join(cells) + " |"
        )
    lines += [
        "",
        "Peak memory (MB, resident set of the whole process):",
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
    shown = history.failed or f"{history.median:.3f} s, peak {history.peak_mb:.0f} MB"
    lines += [
        "",
        f"History (`mla-diff history FOLDER -o history.html --no-step-reports`) of "
        f"{HISTORY_VERSIONS if not quick else 3} successive synthetic versions: {shown}.",
        "",
        *targets(results, history),
    ]
    return "\n".join(lines) + "\n"


def targets(results: dict[str, dict[str, Measure]], history: Measure) -> list[str]:
    """The performance targets, checked on this run's figures."""
    one = results.get("synthetic 1x")
    if not one or one["mla-diff"].failed:
        return []
    ours = one["mla-diff"].median
    lines = ["## Targets", ""]

    def check(name: str, ok: bool, detail: str) -> None:
        lines.append(f"- {'met' if ok else 'NOT MET'}: {name} ({detail})")

    if not one["iddiff"].failed:
        peer = one["iddiff"].median
        check(
            "the 300-article pair in at most the time iddiff takes",
            ours <= peer,
            f"{ours:.2f} s against {peer:.2f} s",
        )
    if not one["difflib-words"].failed:
        peer = one["difflib-words"].median
        check(
            "the 300-article pair in at most 1/15 of word-level difflib's time",
            ours * 15 <= peer,
            f"{ours:.2f} s against {peer:.2f} s: 1/{peer / ours:.0f}",
        )
    sixteen = results.get("synthetic 16x")
    if sixteen and not sixteen["mla-diff"].failed:
        ratio = sixteen["mla-diff"].median / ours
        check(
            "16x the input in at most 20x the time",
            ratio <= 20,
            f"{sixteen['mla-diff'].median:.2f} s against {ours:.2f} s: {ratio:.1f}x",
        )
    check(
        "peak memory under 150 MB on the 300-article pair",
        one["mla-diff"].peak_mb < 150,
        f"{one['mla-diff'].peak_mb:.0f} MB",
    )
    if not history.failed:
        check(
            f"a history of {HISTORY_VERSIONS} such versions in a few seconds (at most 10)",
            history.median <= 10,
            f"{history.median:.2f} s",
        )
    return lines


if __name__ == "__main__":
    raise SystemExit(main())

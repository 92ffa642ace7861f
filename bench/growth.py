"""How `compare`'s cost grows with inputs that repeat themselves, against difflib and a
baseline release of diffkit, interleaved in one run.

Inputs (bench/hardcases.py): generated documents of repeated sentences at doubling sizes
(125 kB to 2 MB of UTF-8 each), a real manual (the Debian Reference, zh_CN vs zh_TW) at 25, 50
and 100% of its paragraphs, and a roff man page (bash(1), zh_CN vs zh_TW). Every measurement
is `diffkit compare A B --format json -o REPORT --quiet` in its own child process (wall time
and peak RSS from bench/launch.py); the baseline is the same command run from the diffkit
package of another commit (`--baseline-ref`, unpacked with `git archive` under bench/out/),
run by turns with the candidate. The reports are judged as well: against the ground truth of
the generated pairs (right pairs, false `moved` marks), and by pairs, similarity and moved
marks on the real ones.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

import hardcases
from table import Outcome, Row, goal_status
from timing import OUT_DIR, ChildRun, run_child

__all__ = ["run"]

ROOT = Path(__file__).resolve().parent.parent
REPEATED_SIZES = (125_000, 250_000, 500_000, 1_000_000, 2_000_000)
MANUAL_PERCENTS = (25, 50, 100)
RUNS = 3
BASELINE_CAP_S = 300.0
DIFFLIB_CAP_S = 300.0
GOAL_GROWTH = 2.2
GOAL_SEGMENTS = 4.0
GOAL_DIFFLIB = 30.0
GOAL_RSS_MB = 300.0
_CHILD = Path(__file__).resolve().parent / "child.py"
_CANDIDATE: list[Path | None] = [None]
"""The candidate's package tree (None: the diffkit this interpreter imports)."""


@dataclass
class Measured:
    """Runs of one command on one input."""

    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    capped: bool = False
    report: dict[str, Any] | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    @property
    def peak(self) -> float:
        return max(self.rss_mb, default=float("nan"))

    def add(self, run: ChildRun, report: Path | None = None) -> None:
        if run.timed_out:
            self.capped = True
            return
        if run.returncode not in (0, 1):
            raise RuntimeError(f"failed: {run.stderr.strip()[-2000:]}")
        self.seconds.append(run.wall)
        self.rss_mb.append(run.max_rss_mb)
        if report is not None:
            self.report = json.loads(report.read_text(encoding="utf-8"))


def baseline_tree(ref: str) -> tuple[Path, str]:
    """The diffkit package of commit ``ref``, unpacked under bench/out/ (a directory to put
    on PYTHONPATH), and the commit's hash."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", ref], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    target = OUT_DIR / f"baseline-{commit}"
    if not (target / "diffkit" / "__init__.py").exists():
        data = subprocess.run(
            ["git", "archive", "--format=tar", commit, "diffkit"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        ).stdout
        with tarfile.open(fileobj=BytesIO(data)) as tar:
            tar.extractall(target, filter="data")
    return target, commit


def _compare(a: Path, b: Path, tree: Path | None, timeout: float) -> tuple[ChildRun, Path]:
    report = OUT_DIR / f"growth-report-{os.getpid()}.json"
    report.unlink(missing_ok=True)
    argv = ["-m", "diffkit", "compare", str(a), str(b), "--format", "json", "-o", str(report)]
    env_path = os.environ.get("PYTHONPATH")
    if tree is not None:
        os.environ["PYTHONPATH"] = str(tree)
    try:
        run = run_child([*argv, "--quiet"], timeout=timeout, cwd=OUT_DIR, python=True)
    finally:
        if tree is not None:
            if env_path is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = env_path
    return run, report


def _pair(a: Path, b: Path, tree: Path, runs: int) -> tuple[Measured, Measured]:
    """Candidate and baseline by turns; the baseline stops repeating once it hits its cap."""
    new, old = Measured(), Measured()
    for _ in range(runs):
        new.add(*_compare(a, b, _CANDIDATE[0], BASELINE_CAP_S))
        if not old.capped:
            old.add(*_compare(a, b, tree, BASELINE_CAP_S))
    return new, old


def _difflib(a: Path, b: Path) -> Measured:
    out = Measured()
    argv = [str(_CHILD), "difflib", str(a), str(b)]
    run = run_child(argv, timeout=DIFFLIB_CAP_S, python=True)
    if run.timed_out:
        out.capped = True
    else:
        out.seconds.append(json.loads(run.stdout)["seconds"])
        out.rss_mb.append(run.max_rss_mb)
    return out


def _segments(a: Path, b: Path, runs: int) -> Measured:
    """`diffkit segments` on each file, one after the other: reading, folding, segmenting."""
    out = Measured()
    for _ in range(runs):
        total = 0.0
        for path in (a, b):
            argv = ["-m", "diffkit", "segments", str(path), "--format", "json"]
            run = run_child(argv, timeout=BASELINE_CAP_S, cwd=OUT_DIR, python=True)
            total += run.wall
        out.seconds.append(total)
    return out


def _seconds(m: Measured, cap: float) -> str:
    return f"> {cap:g} s (cap)" if m.capped and not m.seconds else f"{m.median:.2f} s"


def _shape(report: dict[str, Any] | None) -> str:
    if report is None:
        return "-"
    pairs = report["pairs"]
    moved = sum(1 for p in pairs if p["moved"])
    return f"{len(pairs)} pairs, {moved} moved, similarity {report['similarity']:.3f}"


def _growth_rows(
    name: str, sizes: list[str], new: list[Measured], old: list[Measured]
) -> tuple[list[Row], float]:
    rows: list[Row] = []
    worst = 0.0
    for n in range(1, len(sizes)):
        ratio = new[n].median / new[n - 1].median
        base = (
            f"{old[n].median / old[n - 1].median:.2f}"
            if old[n].seconds and old[n - 1].seconds
            else "-"
        )
        worst = max(worst, ratio)
        rows.append(
            Row(
                "growth",
                f"  {name}: time({sizes[n]}) / time({sizes[n - 1]})",
                f"{ratio:.2f}",
                "",
                baseline=f"baseline {base}",
                goal=f"<= {GOAL_GROWTH:g}",
                status=goal_status(ratio <= GOAL_GROWTH),
            )
        )
    return rows, worst


def _size_row(name: str, label: str, new: Measured, old: Measured, extra: str) -> Row:
    ratio = old.median / new.median if old.seconds else float("nan")
    return Row(
        "growth",
        f"{name} {label}",
        f"{new.median:.2f} s, {new.peak:.0f} MB",
        str(len(new.seconds)),
        baseline=f"{_seconds(old, BASELINE_CAP_S)}, {old.peak:.0f} MB",
        ratio=f"{ratio:.1f}x" if old.seconds else "",
        goal=extra,
    )


def _repeated(tree: Path, outcome: Outcome) -> None:
    news: list[Measured] = []
    olds: list[Measured] = []
    labels: list[str] = []
    for size in REPEATED_SIZES:
        gen = hardcases.repeated_pair(size)
        new, old = _pair(gen.a_path, gen.b_path, tree, RUNS if size <= 500_000 else 1)
        label = f"{size // 1000} kB"
        labels.append(label)
        news.append(new)
        olds.append(old)
        status = ""
        if size == 2_000_000:
            status = goal_status(new.peak <= GOAL_RSS_MB)
        row = _size_row("repeated sentences", label, new, old, f"<= {GOAL_RSS_MB:g} MB")
        outcome.rows.append(
            Row(**{**row.__dict__, "status": status, "goal": row.goal if status else ""})
        )
        for which, m in (("candidate", new), ("baseline", old)):
            if m.report is None:
                continue
            j = hardcases.judge(gen, m.report["pairs"])
            outcome.notes.append(
                f"repeated {label}, {which}: {len(gen.a_paragraphs)} paragraphs, "
                f"{len(gen.moved)} moved; {j.pairs} pairs, {j.right} right, {j.paired} "
                f"paragraphs rightly paired, {j.moved} marked moved ({j.moved_wrong} wrongly)"
            )
        outcome.raw[f"repeated {label}"] = {
            "seconds": new.seconds,
            "rss_mb": new.rss_mb,
            "baseline_seconds": old.seconds,
            "baseline_rss_mb": old.rss_mb,
            "baseline_capped": old.capped,
        }
    rows, worst = _growth_rows("repeated sentences", labels, news, olds)
    outcome.rows += rows
    outcome.raw["repeated worst growth"] = worst


def _manual(tree: Path, outcome: Outcome) -> None:
    news: list[Measured] = []
    olds: list[Measured] = []
    labels: list[str] = []
    full: tuple[Path, Path] | None = None
    for percent in MANUAL_PERCENTS:
        a, b = hardcases.manual_pair(percent)
        new, old = _pair(a, b, tree, RUNS)
        label = f"{percent}% ({a.stat().st_size / 1e6:.2f} MB)"
        labels.append(f"{percent}%")
        news.append(new)
        olds.append(old)
        outcome.rows.append(_size_row("manual CN/TW", label, new, old, ""))
        outcome.notes.append(
            f"manual {percent}%: candidate {_shape(new.report)}; baseline {_shape(old.report)}"
        )
        outcome.raw[f"manual {percent}%"] = {
            "seconds": new.seconds,
            "rss_mb": new.rss_mb,
            "baseline_seconds": old.seconds,
            "baseline_rss_mb": old.rss_mb,
        }
        full = (a, b)
    rows, worst = _growth_rows("manual", labels, news, olds)
    outcome.rows += rows
    outcome.raw["manual worst growth"] = worst
    assert full is not None
    segs = _segments(*full, RUNS)
    ratio = news[-1].median / segs.median
    outcome.rows.append(
        Row(
            "growth",
            "  manual 100%: compare / segments of both files",
            f"{ratio:.2f}x",
            str(len(segs.seconds)),
            baseline=f"segments {segs.median:.2f} s",
            goal=f"<= {GOAL_SEGMENTS:g}x",
            status=goal_status(ratio <= GOAL_SEGMENTS),
        )
    )
    outcome.raw["manual segments seconds"] = segs.seconds


def _man_page(tree: Path, outcome: Outcome) -> None:
    a, b = hardcases.man_page_pair()
    new, old = _pair(a, b, tree, RUNS)
    difflib = _difflib(a, b)
    chars = len(a.read_text(encoding="utf-8"))
    outcome.rows.append(_size_row("man page bash(1) CN/TW", f"({chars:,} chars)", new, old, ""))
    if difflib.capped:
        speedup, base = DIFFLIB_CAP_S / new.median, f"difflib > {DIFFLIB_CAP_S:g} s (cap)"
    else:
        speedup, base = difflib.median / new.median, f"difflib {difflib.median:.1f} s"
    outcome.rows.append(
        Row(
            "growth",
            "  man page: speed-up over difflib",
            f"{speedup:.0f}x",
            "1",
            baseline=base,
            goal=f">= {GOAL_DIFFLIB:g}x",
            status=goal_status(speedup >= GOAL_DIFFLIB),
        )
    )
    outcome.notes.append(f"man page: candidate {_shape(new.report)}; baseline {_shape(old.report)}")
    outcome.raw["man page"] = {
        "seconds": new.seconds,
        "baseline_seconds": old.seconds,
        "difflib_seconds": difflib.seconds,
        "difflib_capped": difflib.capped,
    }


def run(
    baseline_ref: str = "main",
    which: tuple[str, ...] = ("repeated", "manual", "man"),
    candidate_ref: str | None = None,
) -> Outcome:
    outcome = Outcome("growth")
    tree, commit = baseline_tree(baseline_ref)
    outcome.notes.append(f"baseline: diffkit at {baseline_ref} ({commit})")
    if candidate_ref is not None:
        _CANDIDATE[0], candidate = baseline_tree(candidate_ref)
        outcome.notes.append(f"candidate: diffkit at {candidate_ref} ({candidate})")
    if "man" in which:
        _man_page(tree, outcome)
    if "manual" in which:
        _manual(tree, outcome)
    if "repeated" in which:
        _repeated(tree, outcome)
    return outcome


if __name__ == "__main__":
    from rich.console import Console
    from table import print_outcomes

    ref = sys.argv[1] if len(sys.argv) > 1 else "main"
    parts = tuple(sys.argv[2].split(",")) if len(sys.argv) > 2 else ("repeated", "manual", "man")
    result = run(ref, parts, sys.argv[3] if len(sys.argv) > 3 else None)
    print_outcomes(Console(width=200), [result])

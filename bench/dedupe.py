"""`diffkit dedupe` on generated corpora with known duplicates: speed, memory and accuracy.

The command is timed as a user runs it, a subprocess from start to JSON written, on corpora
of 10k, 100k and 1M paragraphs from bench/corpus.py, whose truth says which paragraphs copy
the same base. Accuracy is scored on paragraph pairs: precision against all true pairs, recall
against the true pairs diffkit's own pair_similarity puts at or above the threshold (what
it promises to find), and also against all true pairs and by edit-rate band (what is left).
The datasketch + rapidfuzz pipeline of bench/baseline.py runs on the same paragraphs.
"""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from baseline import baseline_dedupe
from corpus import Corpus, make_corpus, true_pairs, write_corpus
from dedupe_rows import (
    GOAL_NO_DIFF_SPEEDUP,
    SIZES,
    Size,
    failure_row,
    quality_rows,
    time_rows,
)
from dedupe_score import (
    THRESHOLD,
    Pair,
    Score,
    band_recall,
    cluster_pairs,
    precision_recall,
    score_clusters,
    similar_true_pairs,
)
from table import Outcome, Row, goal_status
from timing import OUT_DIR, ChildRun, Sample, repeat, run_child

__all__ = ["run"]


def _unavailable() -> str | None:
    """Why the dedupe command or its library contract is missing, or None when both are there."""
    if importlib.util.find_spec("diffkit.deduplication") is None:
        return "diffkit.deduplication does not exist"
    if not hasattr(importlib.import_module("diffkit.deduplication"), "pair_similarity"):
        return "diffkit.deduplication.pair_similarity does not exist"
    probe = subprocess.run(
        [*_diffkit_command(), "dedupe", "--help"], capture_output=True, text=True, check=False
    )
    if probe.returncode != 0:
        return f"`diffkit dedupe --help` failed: {probe.stderr.strip()[-300:]}"
    return None


def _diffkit_command() -> list[str]:
    script = Path(sys.executable).parent / "diffkit"
    return [str(script)] if script.exists() else [sys.executable, "-m", "diffkit"]


def _report_option() -> str:
    """The option that writes the JSON report: --output in the contract; the CLI as written
    names it --report (and uses --output for a folder of cleaned copies)."""
    help_text = subprocess.run(
        [*_diffkit_command(), "dedupe", "--help"], capture_output=True, text=True, check=False
    ).stdout
    return "--report" if "--report" in help_text else "--output"


def _run_diffkit(
    path: Path, out: Path, size: Size, option: str, *extra: str
) -> tuple[list[ChildRun], str]:
    """Runs of the CLI until size.runs or size.budget_s; an error message if one failed."""
    argv = [
        *_diffkit_command(),
        "dedupe",
        str(path),
        "--format",
        "json",
        option,
        str(out),
        "--threshold",
        str(THRESHOLD),
        "--quiet",
        *extra,
    ]
    runs: list[ChildRun] = []
    while len(runs) < size.runs and sum(r.wall for r in runs) < size.budget_s:
        out.unlink(missing_ok=True)
        run = run_child(argv, timeout=size.timeout_s)
        runs.append(run)
        if run.timed_out:
            return runs, f"killed at the {size.timeout_s:g} s cap"
        if run.returncode != 0 or not out.exists():
            lines = run.stderr.strip().splitlines() or [f"exit code {run.returncode}, no JSON"]
            return runs, lines[-1][:300]
    return runs, ""


def _baseline(size: Size, corpus: Corpus, estimate_s: float | None, full: bool) -> Any:
    """(Sample, pairs) of the datasketch pipeline, or why it was not run."""
    if not size.baseline and not full:
        return f"not run (~{estimate_s:.0f} s expected)" if estimate_s else "not run"
    return repeat(
        lambda: baseline_dedupe(corpus.paragraphs, threshold=THRESHOLD),
        runs=3,
        budget=30.0,
    )


def _measure(
    size: Size,
    option: str,
    rng: random.Random,
    baseline_100k: list[float],
    wall_100k: list[float],
    full: bool,
) -> tuple[list[Row], list[str], dict[str, Any]]:
    n = size.paragraphs
    label = f"{n:,} paragraphs"
    corpus = make_corpus(n, seed=0)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"dedupe-{n}.txt"
    starts = write_corpus(corpus, path)
    ends = [s + p.count("\n") for s, p in zip(starts, corpus.paragraphs, strict=True)]
    truth = true_pairs(corpus)
    above, scored, similarity_s = similar_true_pairs(corpus, truth, rng)
    out = OUT_DIR / f"dedupe-{n}.json"
    mb = path.stat().st_size / 1e6

    runs, error = _run_diffkit(path, out, size, option)
    estimate = 10 * baseline_100k[0] if baseline_100k else None
    base = _baseline(size, corpus, estimate, full)
    raw: dict[str, Any] = {
        "paragraphs": n,
        "file_mb": mb,
        "true_pairs": len(truth),
        "true_pairs_scored_for_similarity": scored,
        "true_pairs_above_threshold": len(above),
        "similarity_scoring_seconds": similarity_s,
        "wall_seconds": [r.wall for r in runs],
        "max_rss_mb": [r.max_rss_mb for r in runs],
        "error": error or None,
    }
    rows: list[Row] = []
    notes: list[str] = []
    base_text, base_score = _baseline_figures(base, (truth, above, corpus), raw, notes)
    if n == 100_000 and base_score is not None:
        baseline_100k.append(base[0].median)

    if error:
        rows.append(failure_row(size, runs, base_text, mb))
        notes.append(f"{label}: {error}")
        rows += _without_edits(path, size, option, base, float("inf"))
        if base_score:
            notes.append(
                f"{label} baseline: {precision_recall(base_score)}, "
                f"recall by band {band_recall(base_score)}"
            )
        return rows, notes, raw

    sample = Sample(tuple(r.wall for r in runs))
    hits, predicted, oddities = cluster_pairs(
        json.loads(out.read_text(encoding="utf-8")), starts, ends, corpus.truth
    )
    score = score_clusters(hits, predicted, truth, above, corpus)
    raw.update({"score": vars(score), "oddities": oddities})
    rows += time_rows(size, runs, base, base_text, raw, wall_100k)
    rows += _without_edits(path, size, option, base, sample.median)
    quality, quality_notes = quality_rows(
        label, truth, (scored, above), score, base_score, oddities
    )
    return rows + quality, notes + quality_notes, raw


def _baseline_figures(
    base: Any, scored: tuple[set[Pair], set[Pair], Corpus], raw: dict[str, Any], notes: list[str]
) -> tuple[str, Score | None]:
    """The baseline's cell and score (None when it did not run), its raw figures added to
    ``raw`` and, when it did not run, a note saying why; ``scored`` is the truth, the true
    pairs at or above the threshold and the corpus its pairs are scored against."""
    if isinstance(base, str):
        raw["baseline"] = base
        notes.append(
            f"{raw['paragraphs']:,} paragraphs: baseline {base}: about 10x its 100k time, past "
            "the suite's 10-minute budget; `python bench/run.py dedupe --baseline-1m` runs it."
        )
        return base, None
    base_sample, base_pairs = base
    truth, above, corpus = scored
    base_score = score_clusters(base_pairs, len(base_pairs), truth, above, corpus)
    raw["baseline"] = {"seconds": list(base_sample.values), **vars(base_score)}
    return f"datasketch {base_sample.median:.2f} s (n={base_sample.runs})", base_score


def _without_edits(
    path: Path, size: Size, option: str, base: Any, with_edits_s: float
) -> list[Row]:
    """The same command with --no-diff: the JSON without each repeat's edits, the work the
    datasketch baseline does (it diffs nothing). Skipped when the full run was already
    within the time goal and there is no baseline to hold it to."""
    if size.goal_s is not None and with_edits_s <= size.goal_s and isinstance(base, str):
        return []
    out = OUT_DIR / f"dedupe-{size.paragraphs}-no-diff.json"
    runs, error = _run_diffkit(path, out, size, option, "--no-diff")
    label = f"{size.paragraphs:,} paragraphs"
    if error:
        return [Row("dedupe", f"  --no-diff, {label}", "failed", str(len(runs)), status=error)]
    sample = Sample(tuple(r.wall for r in runs))
    speedup = None if isinstance(base, str) else base[0].median / sample.median
    rss = max(r.max_rss_mb for r in runs)
    rows = [
        Row(
            "dedupe",
            f"  --no-diff (no edits, like the baseline), {label}",
            f"{sample.median:.2f} s, {rss:.0f} MB",
            str(sample.runs),
            ratio=f"{speedup:.2f}x" if speedup else "",
            goal=f"<= {size.goal_s:g} s" if size.goal_s else "",
            status=goal_status(sample.median <= size.goal_s) if size.goal_s else "",
        )
    ]
    if speedup is not None:
        rows.append(
            Row(
                "dedupe",
                f"  --no-diff speed-up over datasketch, {label}",
                f"{speedup:.2f}x",
                goal=f">= {GOAL_NO_DIFF_SPEEDUP:g}x",
                status=goal_status(speedup >= GOAL_NO_DIFF_SPEEDUP),
            )
        )
    return rows


def run(*, baseline_at_1m: bool = False) -> Outcome:
    outcome = Outcome("dedupe")
    reason = _unavailable()
    if reason:
        outcome.rows.append(Row("dedupe", "dedupe not available", "-", status=reason))
        outcome.raw["unavailable"] = reason
        return outcome
    option = _report_option()
    outcome.raw["report_option"] = option
    if option != "--output":
        outcome.notes.append(
            f"the CLI writes the JSON report with {option}, not --output as in the contract "
            "(its --output is a folder of cleaned copies); measured with "
            f"`diffkit dedupe FILE --format json {option} OUT.json --threshold {THRESHOLD:g} "
            "--quiet`."
        )
    rng = random.Random(0)
    baseline_100k: list[float] = []
    wall_100k: list[float] = []
    for size in SIZES:
        rows, notes, raw = _measure(size, option, rng, baseline_100k, wall_100k, baseline_at_1m)
        outcome.rows += rows
        outcome.notes += notes
        outcome.raw[str(size.paragraphs)] = raw
    return outcome

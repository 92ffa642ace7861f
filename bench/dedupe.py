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
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from baseline import baseline_dedupe
from corpus import Corpus, make_corpus, true_pairs, write_corpus
from table import NOT_MET, Outcome, Row, goal_status
from timing import OUT_DIR, ChildRun, Sample, repeat, run_child

__all__ = ["run"]

Pair = tuple[int, int]

THRESHOLD = 0.8
GOAL_SPEEDUP = 8.0
"""The default run (every repeat's edits in the JSON) against the baseline, at 100k."""
GOAL_NO_DIFF_SPEEDUP = 15.0
"""``--no-diff`` (the baseline's work) against the baseline, at 100k."""
GOAL_GROWTH = 11.0
"""The most the 1M run may take, in multiples of the 100k run: linear, and a margin."""
GOAL_PRECISION = 0.95
GOAL_RECALL = 0.95
MAX_SIMILARITY_PAIRS = 60_000
"""Past this many true pairs, recall above the threshold is estimated on a random sample."""
BANDS = ((0.0, 0.05), (0.05, 0.1), (0.1, 0.2), (0.2, 0.41))
"""Pair edit rate (the two copies' edit rates added) bands for recall."""


@dataclass(frozen=True)
class Size:
    paragraphs: int
    runs: int
    budget_s: float
    """Stop repeating once this much time is spent (a slow figure gets fewer runs)."""
    timeout_s: float
    goal_s: float | None = None
    goal_rss_mb: float | None = None
    baseline: bool = True


SIZES = (
    Size(10_000, runs=5, budget_s=30.0, timeout_s=120.0),
    Size(100_000, runs=3, budget_s=90.0, timeout_s=300.0, goal_s=5.0, goal_rss_mb=1024.0),
    Size(
        1_000_000,
        runs=3,
        budget_s=60.0,
        timeout_s=600.0,
        goal_s=60.0,
        goal_rss_mb=2048.0,
        baseline=False,
    ),
)


@dataclass(frozen=True)
class Score:
    predicted: int
    true_positive: int
    precision: float
    recall_above: float
    recall_all: float
    recall_by_band: dict[str, float | None]


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


def _similar_true_pairs(
    corpus: Corpus, truth: set[Pair], rng: random.Random
) -> tuple[set[Pair], int, float]:
    """True pairs whose pair_similarity reaches the threshold (of a sample past
    MAX_SIMILARITY_PAIRS), how many were scored, and the seconds it took."""
    from diffkit.deduplication import pair_similarity
    from diffkit.folding import warm_up

    warm_up()
    pairs = sorted(truth)
    if len(pairs) > MAX_SIMILARITY_PAIRS:
        pairs = rng.sample(pairs, MAX_SIMILARITY_PAIRS)
    texts = corpus.paragraphs

    def score() -> set[Pair]:
        return {(i, j) for i, j in pairs if pair_similarity(texts[i], texts[j]) >= THRESHOLD}

    sample, above = repeat(score, runs=1)
    return above, len(pairs), sample.median


def _cluster_pairs(
    report: dict[str, Any], starts: list[int], ends: list[int], truth_of: list[int]
) -> tuple[set[Pair], int, dict[str, int]]:
    """True pairs inside predicted clusters, the number of predicted pairs, and oddities.

    Predicted pairs are counted per cluster, not listed, so a cluster that swallows most
    of the corpus is scored rather than exhausting memory."""
    hits: set[Pair] = set()
    predicted = 0
    off_boundary = 0
    seen: defaultdict[int, int] = defaultdict(int)
    for cluster in report["clusters"]:
        members: set[int] = set()
        for member in cluster["members"]:
            p = bisect_right(starts, member["start_line"]) - 1
            if p < 0:
                off_boundary += 1
                continue
            if member["start_line"] != starts[p] or member["end_line"] != ends[p]:
                off_boundary += 1
            members.add(p)
        for p in members:
            seen[p] += 1
        predicted += len(members) * (len(members) - 1) // 2
        by_base: defaultdict[int, list[int]] = defaultdict(list)
        for p in sorted(members):
            by_base[truth_of[p]].append(p)
        for group in by_base.values():
            hits.update(combinations(group, 2))
    oddities = {
        "clusters": len(report["clusters"]),
        "members_off_paragraph_boundaries": off_boundary,
        "paragraphs_in_several_clusters": sum(1 for n in seen.values() if n > 1),
        "largest_cluster": max((len(c["members"]) for c in report["clusters"]), default=0),
    }
    return hits, predicted, oddities


def _score(
    hits: set[Pair], predicted: int, truth: set[Pair], above: set[Pair], corpus: Corpus
) -> Score:
    hits = hits & truth
    rates = corpus.edit_rate
    band_recall: dict[str, float | None] = {}
    for lo, hi in BANDS:
        band = {(i, j) for i, j in truth if lo <= rates[i] + rates[j] < hi}
        band_recall[f"{lo:.0%}-{min(hi, 0.4):.0%}"] = len(band & hits) / len(band) if band else None
    return Score(
        predicted=predicted,
        true_positive=len(hits),
        precision=len(hits) / predicted if predicted else 1.0,
        recall_above=len(above & hits) / len(above) if above else 1.0,
        recall_all=len(hits) / len(truth) if truth else 1.0,
        recall_by_band=band_recall,
    )


def _pr(score: Score) -> str:
    return f"P {score.precision:.3f} / R {score.recall_above:.3f}"


def _bands(score: Score) -> str:
    return " ".join(
        f"{band} {'-' if r is None else f'{r:.2f}'}" for band, r in score.recall_by_band.items()
    )


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
    above, scored, similarity_s = _similar_true_pairs(corpus, truth, rng)
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
    base_text, base_score = "", None
    if isinstance(base, str):
        base_text = base
        raw["baseline"] = base
        notes.append(
            f"{label}: baseline {base}: about 10x its 100k time, past the suite's 10-minute "
            "budget; `python bench/run.py dedupe --baseline-1m` runs it."
        )
    else:
        base_sample, base_pairs = base
        base_text = f"datasketch {base_sample.median:.2f} s (n={base_sample.runs})"
        base_score = _score(base_pairs, len(base_pairs), truth, above, corpus)
        raw["baseline"] = {"seconds": list(base_sample.values), **vars(base_score)}
        if n == 100_000:
            baseline_100k.append(base_sample.median)

    if error:
        wall = f"> {size.timeout_s:g} s" if runs[-1].timed_out else "failed"
        rows.append(
            Row(
                "dedupe",
                f"CLI end to end, {label} ({mb:.0f} MB)",
                wall,
                str(len(runs)),
                baseline=base_text,
                goal=f"<= {size.goal_s:g} s" if size.goal_s else "",
                status=NOT_MET if size.goal_s else "",
            )
        )
        notes.append(f"{label}: {error}")
        rows += _without_edits(path, size, option, base, float("inf"))
        if base_score:
            notes.append(
                f"{label} baseline: {_pr(base_score)}, recall by band {_bands(base_score)}"
            )
        return rows, notes, raw

    sample = Sample(tuple(r.wall for r in runs))
    rss = max(r.max_rss_mb for r in runs)
    hits, predicted, oddities = _cluster_pairs(
        json.loads(out.read_text(encoding="utf-8")), starts, ends, corpus.truth
    )
    score = _score(hits, predicted, truth, above, corpus)
    raw.update({"score": vars(score), "oddities": oddities})
    speedup = None if isinstance(base, str) else base[0].median / sample.median
    raw["speedup"] = speedup
    time_met = size.goal_s is None or sample.median <= size.goal_s
    rows.append(
        Row(
            "dedupe",
            f"CLI end to end, {label} ({mb:.0f} MB)",
            f"{sample.median:.2f} s",
            str(sample.runs),
            baseline=base_text,
            ratio=f"{speedup:.2f}x" if speedup else "",
            goal=f"<= {size.goal_s:g} s" if size.goal_s else "",
            status=goal_status(time_met) if size.goal_s else "",
        )
    )
    if speedup is not None:
        rows.append(
            Row(
                "dedupe",
                f"  speed-up over datasketch, {label}",
                f"{speedup:.2f}x",
                goal=f">= {GOAL_SPEEDUP:g}x",
                status=goal_status(speedup >= GOAL_SPEEDUP),
            )
        )
    rows.append(
        Row(
            "dedupe",
            f"  peak RSS (child ru_maxrss), {label}",
            f"{rss:.0f} MB",
            str(sample.runs),
            goal=f"<= {size.goal_rss_mb / 1024:g} GB" if size.goal_rss_mb else "",
            status=goal_status(rss <= size.goal_rss_mb) if size.goal_rss_mb else "",
        )
    )
    if n == 100_000:
        wall_100k.append(sample.median)
    elif n == 1_000_000 and wall_100k:
        growth = sample.median / wall_100k[0]
        raw["growth_over_100k"] = growth
        rows.append(
            Row(
                "dedupe",
                f"  time over the 100k run's, {label} (10x the input)",
                f"{growth:.2f}x",
                goal=f"<= {GOAL_GROWTH:g}x",
                status=goal_status(growth <= GOAL_GROWTH),
            )
        )
    rows += _without_edits(path, size, option, base, sample.median)
    sampled = "" if scored == len(truth) else f" (sample of {scored:,})"
    quality_met = score.precision >= GOAL_PRECISION and score.recall_above >= GOAL_RECALL
    rows.append(
        Row(
            "dedupe",
            f"  precision / recall above {THRESHOLD:g}{sampled}, {label}",
            _pr(score),
            baseline=_pr(base_score) if base_score else "",
            goal=f">= {GOAL_PRECISION:g} / >= {GOAL_RECALL:g}",
            status=goal_status(quality_met),
        )
    )
    rows.append(
        Row(
            "dedupe",
            f"  recall, all {len(truth):,} true pairs, {label}",
            f"{score.recall_all:.3f}",
            baseline=f"{base_score.recall_all:.3f}" if base_score else "",
        )
    )
    notes.append(
        f"{label}: recall by pair edit rate {_bands(score)}; {len(above):,} of {scored:,} scored "
        f"true pairs at or above {THRESHOLD:g}; {score.predicted:,} predicted pairs, "
        f"{score.true_positive:,} true; {oddities['clusters']:,} clusters (largest "
        f"{oddities['largest_cluster']}), {oddities['members_off_paragraph_boundaries']} members "
        f"off paragraph boundaries, {oddities['paragraphs_in_several_clusters']} paragraphs in "
        "several clusters."
    )
    if base_score:
        notes.append(f"{label} baseline: recall by pair edit rate {_bands(base_score)}.")
    return rows, notes, raw


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

"""The corpus sizes ``diffkit dedupe`` is measured at, the goals it is held to, and the table
rows that hold one size's run to them (time, speed-up, memory, growth, precision and recall).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dedupe_score import THRESHOLD, Pair, Score, band_recall, precision_recall
from table import NOT_MET, Row, goal_status
from timing import ChildRun, Sample

GOAL_SPEEDUP = 8.0
"""The default run (every repeat's edits in the JSON) against the baseline, at 100k."""
GOAL_NO_DIFF_SPEEDUP = 15.0
"""``--no-diff`` (the baseline's work) against the baseline, at 100k."""
GOAL_GROWTH = 11.0
"""The most the 1M run may take, in multiples of the 100k run: linear, and a margin."""
GOAL_PRECISION = 0.95
GOAL_RECALL = 0.95


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


def failure_row(size: Size, runs: list[ChildRun], base_text: str, mb: float) -> Row:
    """The row of a run that failed or was killed at the cap."""
    wall = f"> {size.timeout_s:g} s" if runs[-1].timed_out else "failed"
    return Row(
        "dedupe",
        f"CLI end to end, {size.paragraphs:,} paragraphs ({mb:.0f} MB)",
        wall,
        str(len(runs)),
        baseline=base_text,
        goal=f"<= {size.goal_s:g} s" if size.goal_s else "",
        status=NOT_MET if size.goal_s else "",
    )


def time_rows(
    size: Size,
    runs: list[ChildRun],
    base: Any,
    base_text: str,
    raw: dict[str, Any],
    wall_100k: list[float],
) -> list[Row]:
    """The rows of a run that succeeded: its time, its speed-up, its memory and its growth."""
    n = size.paragraphs
    label = f"{n:,} paragraphs"
    mb = raw["file_mb"]
    sample = Sample(tuple(r.wall for r in runs))
    rss = max(r.max_rss_mb for r in runs)
    speedup = None if isinstance(base, str) else base[0].median / sample.median
    raw["speedup"] = speedup
    time_met = size.goal_s is None or sample.median <= size.goal_s
    rows = [
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
    ]
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
    return rows


def quality_rows(
    label: str,
    truth: set[Pair],
    similar: tuple[int, set[Pair]],
    score: Score,
    base_score: Score | None,
    oddities: dict[str, int],
) -> tuple[list[Row], list[str]]:
    """The rows and notes of how right a run that succeeded was; ``similar`` is how many true
    pairs were scored for similarity and those at or above the threshold."""
    scored, above = similar
    sampled = "" if scored == len(truth) else f" (sample of {scored:,})"
    quality_met = score.precision >= GOAL_PRECISION and score.recall_above >= GOAL_RECALL
    rows = [
        Row(
            "dedupe",
            f"  precision / recall above {THRESHOLD:g}{sampled}, {label}",
            precision_recall(score),
            baseline=precision_recall(base_score) if base_score else "",
            goal=f">= {GOAL_PRECISION:g} / >= {GOAL_RECALL:g}",
            status=goal_status(quality_met),
        ),
        Row(
            "dedupe",
            f"  recall, all {len(truth):,} true pairs, {label}",
            f"{score.recall_all:.3f}",
            baseline=f"{base_score.recall_all:.3f}" if base_score else "",
        ),
    ]
    notes = [
        f"{label}: recall by pair edit rate {band_recall(score)}; {len(above):,} of {scored:,} "
        f"scored true pairs at or above {THRESHOLD:g}; {score.predicted:,} predicted pairs, "
        f"{score.true_positive:,} true; {oddities['clusters']:,} clusters (largest "
        f"{oddities['largest_cluster']}), {oddities['members_off_paragraph_boundaries']} members "
        f"off paragraph boundaries, {oddities['paragraphs_in_several_clusters']} paragraphs in "
        "several clusters."
    ]
    if base_score:
        notes.append(f"{label} baseline: recall by pair edit rate {band_recall(base_score)}.")
    return rows, notes

"""End-to-end `compare` on document pairs of two sizes, against difflib on the same texts.

B is A with about 2% of its Han characters edited (substituted, inserted, deleted) and 10% of
its paragraphs relocated: the edits exercise the diff, the moves exercise the any-order
alignment. Each measurement runs in its own child process (bench/child.py) so its peak RSS is
its own and the baseline can be stopped at a cap. The comparison is also checked for being
right, since a fast wrong answer is no result.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sampletext import han_vocabulary, is_han, unique_paragraphs
from table import NOT_MET, Outcome, Row, goal_status
from timing import OUT_DIR, ChildRun, Sample, run_child

__all__ = ["run"]

EDIT_RATE = 0.02
MOVE_FRACTION = 0.1
DIFFLIB_CAP_S = 120.0
DIFFLIB_RUNS = 3
DIFFLIB_BUDGET_S = 30.0
GOAL_SPEEDUP = 20.0
MIN_SIMILARITY = 0.95
MIN_MOVED_FOUND = 0.9
MIN_MOVED_HAN = 20
"""Relocated paragraphs shorter than this cannot pair (compare's min_chars) and are not checked."""
_CHILD = Path(__file__).resolve().parent / "child.py"


@dataclass(frozen=True)
class Size:
    label: str
    min_size: int
    in_bytes: bool
    runs: int
    goal_s: float
    timeout_s: float


SIZES = (
    Size("100k chars", 100_000, in_bytes=False, runs=5, goal_s=0.5, timeout_s=120.0),
    Size("1 MB", 1_000_000, in_bytes=True, runs=3, goal_s=5.0, timeout_s=300.0),
)


@dataclass(frozen=True)
class DocPair:
    a_path: Path
    b_path: Path
    a_chars: int
    a_bytes: int
    b_chars: int
    paragraphs: int
    edit_rate: float
    """Edits made over Han characters in A."""
    relocated: list[tuple[int, int]]
    """Character offsets in B of the relocated paragraphs long enough to pair."""
    relocated_all: list[tuple[int, int]]
    """The same for every relocated paragraph, short ones included."""


def _edit(text: str, rng: random.Random, vocab: tuple[str, ...]) -> tuple[str, int, int]:
    """``text`` with each Han character edited with probability EDIT_RATE; edits and Han count."""
    chars = list(text)
    han = [k for k, ch in enumerate(chars) if is_han(ch)]
    picked = [k for k in han if rng.random() < EDIT_RATE]
    for k in reversed(picked):
        kind = rng.randrange(3)
        if kind == 0:
            chars[k] = rng.choice(vocab)
        elif kind == 1:
            chars.insert(k, rng.choice(vocab))
        else:
            del chars[k]
    return "".join(chars), len(picked), len(han)


def make_pair(size: Size, *, seed: int = 1) -> DocPair:
    paragraphs = unique_paragraphs(size.min_size, in_bytes=size.in_bytes, seed=seed)
    rng = random.Random(seed)
    vocab = han_vocabulary()
    edits = han = 0
    edited: list[str] = []
    for text in paragraphs:
        new, n_edits, n_han = _edit(text, rng, vocab)
        edited.append(new)
        edits += n_edits
        han += n_han
    moved = rng.sample(range(len(paragraphs)), max(1, round(MOVE_FRACTION * len(paragraphs))))
    moved_set = set(moved)
    order = [i for i in range(len(paragraphs)) if i not in moved_set]
    for i in moved:
        order.insert(rng.randrange(len(order) + 1), i)

    relocated: list[tuple[int, int]] = []
    relocated_all: list[tuple[int, int]] = []
    at = 0
    for i in order:
        end = at + len(edited[i])
        if i in moved_set:
            relocated_all.append((at, end))
            if sum(map(is_han, edited[i])) >= MIN_MOVED_HAN:
                relocated.append((at, end))
        at = end + 2
    a_text = "\n\n".join(paragraphs) + "\n"
    b_text = "\n\n".join(edited[i] for i in order) + "\n"
    stem = size.label.replace(" ", "")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    a_path, b_path = OUT_DIR / f"compare-{stem}-a.txt", OUT_DIR / f"compare-{stem}-b.txt"
    a_path.write_text(a_text, encoding="utf-8")
    b_path.write_text(b_text, encoding="utf-8")
    return DocPair(
        a_path=a_path,
        b_path=b_path,
        a_chars=len(a_text),
        a_bytes=len(a_text.encode("utf-8")),
        b_chars=len(b_text),
        paragraphs=len(paragraphs),
        edit_rate=edits / max(han, 1),
        relocated=relocated,
        relocated_all=relocated_all,
    )


def _moved_found(pair: DocPair, moved: list[list[int]]) -> tuple[int, int]:
    """Relocated paragraphs at least half inside moved pairs; moved pairs on no relocated one."""
    found = sum(
        1
        for lo, hi in pair.relocated
        if sum(max(0, min(hi, e) - max(lo, s)) for s, e in moved) * 2 >= hi - lo
    )
    stray = sum(1 for s, e in moved if not any(s < hi and lo < e for lo, hi in pair.relocated_all))
    return found, stray


def _child(task: str, pair: DocPair, timeout: float, runs: int = 1) -> tuple[ChildRun, Any]:
    argv = [str(_CHILD), task, str(pair.a_path), str(pair.b_path), str(runs)]
    run = run_child(argv, timeout=timeout, python=True)
    if run.timed_out:
        return run, None
    if run.returncode != 0:
        raise RuntimeError(f"child {task} failed: {run.stderr.strip()[-2000:]}")
    return run, json.loads(run.stdout)


def _difflib(pair: DocPair) -> tuple[Sample | None, float]:
    """difflib's median over its runs, or None when a run hit the cap; its peak RSS."""
    seconds: list[float] = []
    rss = 0.0
    while len(seconds) < DIFFLIB_RUNS and sum(seconds) < DIFFLIB_BUDGET_S:
        run, result = _child("difflib", pair, DIFFLIB_CAP_S)
        rss = max(rss, run.max_rss_mb)
        if result is None:
            return None, rss
        seconds.append(result["seconds"])
    return Sample(tuple(seconds)), rss


def _measure(size: Size) -> tuple[list[Row], list[str], dict[str, Any]]:
    pair = make_pair(size)
    label = f"{size.label} ({pair.a_chars:,} / {pair.b_chars:,} chars)"
    run, result = _child("compare", pair, size.timeout_s, size.runs)
    if result is None:
        row = Row("compare", f"compare(), {label}", f"> {size.timeout_s:g} s", "1")
        return [row], [f"{size.label}: compare hit the {size.timeout_s:g} s cap"], {}
    sample = Sample(tuple(result["seconds"]))
    diffkit_s = sample.median
    baseline, baseline_rss = _difflib(pair)
    if baseline is None:
        baseline_text = f"difflib > {DIFFLIB_CAP_S:g} s (cap)"
        speedup = DIFFLIB_CAP_S / diffkit_s
        ratio_text = f"> {speedup:.0f}x"
    else:
        baseline_text = f"difflib {baseline.median:.1f} s (n={baseline.runs})"
        speedup = baseline.median / diffkit_s
        ratio_text = f"{speedup:.0f}x"

    found, stray = _moved_found(pair, result["moved_b_spans"])
    checked = len(pair.relocated)
    share = found / checked if checked else 1.0
    right = result["similarity"] >= MIN_SIMILARITY and share >= MIN_MOVED_FOUND
    speed_met = speedup >= GOAL_SPEEDUP
    speed_status = goal_status(speed_met)
    if baseline is None and not speed_met:
        speed_status = f"{NOT_MET} (lower bound only)"
    rows = [
        Row(
            "compare",
            f"compare(), {label}",
            f"{diffkit_s:.3f} s",
            str(sample.runs),
            goal=f"<= {size.goal_s:g} s",
            status=goal_status(diffkit_s <= size.goal_s),
        ),
        Row(
            "compare",
            f"  speed-up over difflib, {size.label}",
            ratio_text,
            "",
            baseline=baseline_text,
            ratio=ratio_text,
            goal=f">= {GOAL_SPEEDUP:g}x",
            status=speed_status,
        ),
        Row(
            "compare",
            f"  peak RSS (child ru_maxrss), {size.label}",
            f"{result['max_rss_mb']:.0f} MB",
            str(sample.runs + 1),
            baseline=f"difflib {baseline_rss:.0f} MB",
        ),
        Row(
            "compare",
            f"  right? similarity, moved found, {size.label}",
            f"{result['similarity']:.3f}, {found}/{checked}",
            "",
            goal=f"sim >= {MIN_SIMILARITY:g}, moved >= {MIN_MOVED_FOUND:.0%}",
            status="ok" if right else "WRONG",
        ),
    ]
    notes = [
        f"{size.label}: {pair.paragraphs} paragraphs, {pair.a_bytes / 1e6:.2f} MB UTF-8 in A, "
        f"{pair.edit_rate:.2%} of Han characters edited, {len(pair.relocated_all)} paragraphs relocated "
        f"({checked} long enough to pair); {result['pairs']} pairs, "
        f"{len(result['moved_b_spans'])} marked moved ({stray} on no relocated paragraph), "
        f"unmatched {result['unmatched_a']} in A / {result['unmatched_b']} in B; first call in "
        f"the process {result['first_call_seconds']:.3f} s; RSS before the call "
        f"{result['rss_before_mb']:.0f} MB."
    ]
    raw = {
        "a_chars": pair.a_chars,
        "b_chars": pair.b_chars,
        "a_bytes": pair.a_bytes,
        "paragraphs": pair.paragraphs,
        "edit_rate": pair.edit_rate,
        "relocated": len(pair.relocated_all),
        "relocated_checked": checked,
        "relocated_found": found,
        "moved_pairs": len(result["moved_b_spans"]),
        "moved_pairs_stray": stray,
        "seconds": result["seconds"],
        "first_call_seconds": result["first_call_seconds"],
        "rss_before_mb": result["rss_before_mb"],
        "max_rss_mb": result["max_rss_mb"],
        "child_wall_seconds": run.wall,
        "similarity": result["similarity"],
        "coverage": [result["coverage_a"], result["coverage_b"]],
        "pairs": result["pairs"],
        "difflib_seconds": list(baseline.values) if baseline else None,
        "difflib_capped_at": None if baseline else DIFFLIB_CAP_S,
        "difflib_max_rss_mb": baseline_rss,
        "speedup": speedup,
        "speedup_is_lower_bound": baseline is None,
        "goal_met": diffkit_s <= size.goal_s and speed_met,
        "right": right,
    }
    return rows, notes, raw


def run() -> Outcome:
    outcome = Outcome("compare")
    for size in SIZES:
        rows, notes, raw = _measure(size)
        outcome.rows += rows
        outcome.notes += notes
        outcome.raw[size.label] = raw
    return outcome

"""Throughput of loading, folding and segmentation: the cost every diffkit command pays first.

Measured in process on the samples scaled to at least 20 MB, against OpenCC's own conversion
of the same text: folding includes an OpenCC hk2s pass, so OpenCC alone is the floor the
default chain is compared with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import opencc_pyo3
from sampletext import scaled_text
from table import NOT_MET, Outcome, Row, goal_status
from timing import OUT_DIR, Sample, repeat

from diffkit.folding import fold, warm_up
from diffkit.loading import from_bytes_source, from_text
from diffkit.segmentation import segment

__all__ = ["run"]

MIN_BYTES = 20_000_000
RUNS = 5
GOAL_MB_S = 20.0
FLOOR_MB_S = 5.0


def run() -> Outcome:
    text = scaled_text(MIN_BYTES)
    data = text.encode("utf-8")
    n_bytes = len(data)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / "fold-input.txt"
    path.write_bytes(data)
    del data

    warm_up()
    opencc = opencc_pyo3.OpenCC("hk2s")
    figures: dict[str, Callable[[], object]] = {
        "load": lambda: from_bytes_source(path.read_bytes(), name=str(path)),
        "fold": lambda: fold(text),
        "segment": lambda: segment(from_text(text)),
        "opencc": lambda: opencc.convert(text),
    }
    samples: dict[str, Sample] = {}
    for name, fn in figures.items():
        samples[name], _ = repeat(fn, runs=RUNS)

    def speed(name: str) -> float:
        return n_bytes / 1e6 / samples[name].median

    chain, opencc_speed = speed("segment"), speed("opencc")
    ratio = chain / opencc_speed
    if chain >= GOAL_MB_S:
        status = goal_status(True)
    elif chain >= FLOOR_MB_S:
        status = f"{NOT_MET} (above the {FLOOR_MB_S:g} MB/s floor)"
    else:
        status = f"{NOT_MET} (below the {FLOOR_MB_S:g} MB/s floor)"
    size = f"{n_bytes / 1e6:.1f} MB"

    def row(name: str, figure: str, **extra: str) -> Row:
        runs = str(samples[name].runs)
        return Row("fold", f"{figure}, {size}", f"{speed(name):.1f} MB/s", runs, **extra)

    rows = [
        row("load", "(a) read + decode (from_bytes_source)"),
        row("fold", "(b) folding.fold"),
        row(
            "segment",
            "(c) segment(from_text): default chain",
            baseline=f"(d) {opencc_speed:.1f} MB/s",
            ratio=f"{ratio:.2f}x",
            goal=f">= {GOAL_MB_S:g} MB/s, never < {FLOOR_MB_S:g}",
            status=status,
        ),
        row("opencc", "(d) baseline: OpenCC('hk2s').convert"),
    ]
    raw: dict[str, Any] = {
        "bytes": n_bytes,
        "chars": len(text),
        "seconds": {name: list(s.values) for name, s in samples.items()},
        "mb_per_s": {name: speed(name) for name in samples},
        "chain_over_opencc": ratio,
        "goal_met": chain >= GOAL_MB_S,
        "floor_met": chain >= FLOOR_MB_S,
    }
    notes = [
        f"{size} ({len(text):,} characters) of samples/*.txt repeated; "
        "MB = 10^6 UTF-8 bytes; tables built by warm_up() and OpenCC('hk2s') before timing.",
    ]
    return Outcome("fold", rows, notes, raw)

"""Timing and peak-memory helpers shared by every benchmark.

One place decides how a figure is measured (repeated runs, median, a time budget that stops
slow figures early) and how a child process is timed and its peak RSS read (os.wait4 on that
very child, from a small launcher), so that all the figures in the table mean the same thing.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

__all__ = ["OUT_DIR", "ChildRun", "Sample", "own_peak_rss_mb", "repeat", "run_child"]

T = TypeVar("T")

OUT_DIR = Path(__file__).resolve().parent / "out"
_LAUNCHER = Path(__file__).resolve().parent / "launch.py"
"""Inputs the benchmarks generate and results.json; git-ignored."""


@dataclass(frozen=True)
class Sample:
    """Repeated measurements of one figure, in seconds."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def runs(self) -> int:
        return len(self.values)


def repeat(fn: Callable[[], T], *, runs: int, budget: float = float("inf")) -> tuple[Sample, T]:
    """Time ``fn`` up to ``runs`` times, stopping early once ``budget`` seconds are spent.

    At least one run is always made; the last run's result is returned with the timings.
    """
    values: list[float] = []
    spent = 0.0
    result: T
    while True:
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        values.append(elapsed)
        spent += elapsed
        if len(values) >= runs or spent >= budget:
            return Sample(tuple(values)), result


@dataclass(frozen=True)
class ChildRun:
    """One child process: wall time from start to exit, its own peak RSS, its output."""

    wall: float
    max_rss_mb: float
    returncode: int | None
    """None when the child was killed at its time limit."""
    stdout: str
    stderr: str
    cpu: float = 0.0
    """User and system seconds of the child and of the processes it waited for."""

    @property
    def timed_out(self) -> bool:
        return self.returncode is None


def run_child(
    argv: Sequence[str], *, timeout: float, cwd: Path | None = None, python: bool = False
) -> ChildRun:
    """Run ``argv`` (``sys.executable`` first when ``python``), killing it after ``timeout``.

    The command is started by bench/launch.py, a small process, so that its ru_maxrss is its
    own rather than this process's; its output goes to temporary files, not pipes, so
    nothing blocks on a full pipe.
    """
    command = [sys.executable, *argv] if python else list(argv)
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        result_path = Path(scratch) / "result.json"
        launcher = [sys.executable, str(_LAUNCHER), str(result_path), str(timeout), *command]
        # The launcher enforces the limit; the margin here only guards against the launcher.
        subprocess.run(launcher, stdout=out, stderr=err, cwd=cwd, timeout=timeout + 60, check=False)
        result = json.loads(result_path.read_text(encoding="utf-8"))
        out.seek(0)
        err.seek(0)
        return ChildRun(
            wall=result["wall"],
            max_rss_mb=result["max_rss_kb"] / 1024,
            returncode=None if result["timed_out"] else result["returncode"],
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            cpu=result.get("cpu", 0.0),
        )


def own_peak_rss_mb() -> float:
    """This process's peak RSS so far (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

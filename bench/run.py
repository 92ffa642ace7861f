"""The benchmark suite's one command: run some or all benchmarks, print the table, save JSON.

    python bench/run.py [fold|compare|dedupe|import|realdata|realdata-dedupe|growth|all]

Figures are medians over several runs, each beside its named baseline and goal; the raw
figures go to bench/out/results.json. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

import compare
import dedupe
import fold
import growth
import imports
import realdata
import realdata_dedupe
from rich.console import Console
from table import Outcome, print_outcomes
from timing import OUT_DIR

import diffkit

BENCHMARKS: dict[str, Callable[[argparse.Namespace], Outcome]] = {
    "import": lambda _: imports.run(),
    "fold": lambda _: fold.run(),
    "compare": lambda _: compare.run(),
    "dedupe": lambda args: dedupe.run(baseline_at_1m=args.baseline_1m),
    "realdata": lambda _: realdata.run(),
    "realdata-dedupe": lambda _: realdata_dedupe.outcome(),
    "growth": lambda args: growth.run(args.baseline_ref),
}


def _environment() -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "diffkit": diffkit.__version__,
        "load_average_1m": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run diffkit's benchmarks.")
    parser.add_argument("which", nargs="?", default="all", choices=[*BENCHMARKS, "all"])
    parser.add_argument(
        "--baseline-1m",
        action="store_true",
        help="also run the datasketch baseline on 1M paragraphs (several minutes)",
    )
    parser.add_argument(
        "--baseline-ref",
        default="main",
        help="the git commit whose diffkit the growth benchmark runs as its baseline",
    )
    args = parser.parse_args(argv)
    names = list(BENCHMARKS) if args.which == "all" else [args.which]
    console = Console(width=None if sys.stdout.isatty() else 200)

    environment = _environment()
    if environment["load_average_1m"] > 0.5:
        # Other work on a 2-core machine slows every figure; say so next to them.
        console.print(
            f"[yellow]load average {environment['load_average_1m']:.1f} at start: "
            "figures may be slowed by other processes[/yellow]"
        )
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    seconds: dict[str, float] = {}
    for name in names:
        console.print(f"[dim]running {name}...[/dim]")
        start = time.perf_counter()
        outcomes.append(BENCHMARKS[name](args))
        seconds[name] = time.perf_counter() - start
    total = time.perf_counter() - started

    print_outcomes(console, outcomes)
    timings = ", ".join(f"{name} {s:.0f} s" for name, s in seconds.items())
    load = os.getloadavg()[0]
    console.print(
        f"total {total:.0f} s ({timings}); load average at the end {load:.1f}", highlight=False
    )

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = {
        "environment": environment,
        "total_seconds": total,
        "benchmark_seconds": seconds,
        "benchmarks": {o.name: o.to_dict() for o in outcomes},
    }
    path = OUT_DIR / "results.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    console.print(f"raw figures: {path}", highlight=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Work the compare benchmark runs in a child process, one process per measurement.

A fresh process per measurement gives each its own peak RSS (ru_maxrss covers one process
only) and lets a baseline that runs too long be killed at its time cap. Prints one JSON
object on stdout.

    python bench/child.py compare A.txt B.txt RUNS
    python bench/child.py difflib A.txt B.txt
"""

from __future__ import annotations

import argparse
import difflib
import json
import time
from pathlib import Path
from typing import Any

from timing import own_peak_rss_mb, repeat

__all__ = ["main"]

COMPARE_BUDGET_S = 30.0


def _compare(a_path: Path, b_path: Path, runs: int) -> dict[str, Any]:
    from diffkit.comparison import compare
    from diffkit.folding import warm_up
    from diffkit.loading import from_text

    a_text = a_path.read_text(encoding="utf-8")
    b_text = b_path.read_text(encoding="utf-8")
    warm_up()
    rss_before = own_peak_rss_mb()

    def once() -> Any:
        return compare(from_text(a_text, name="a"), from_text(b_text, name="b"))

    # The first call still builds what warm_up does not (the regional OpenCC tables of diff).
    start = time.perf_counter()
    once()
    first = time.perf_counter() - start
    sample, report = repeat(once, runs=runs, budget=COMPARE_BUDGET_S)
    return {
        "seconds": list(sample.values),
        "first_call_seconds": first,
        "rss_before_mb": rss_before,
        "max_rss_mb": own_peak_rss_mb(),
        "similarity": report.similarity,
        "coverage_a": report.coverage_a,
        "coverage_b": report.coverage_b,
        "pairs": len(report.pairs),
        "unmatched_a": len(report.unmatched_a),
        "unmatched_b": len(report.unmatched_b),
        "moved_b_spans": [[p.b.start, p.b.end] for p in report.pairs if p.moved],
    }


def _difflib(a_path: Path, b_path: Path) -> dict[str, Any]:
    a_text = a_path.read_text(encoding="utf-8")
    b_text = b_path.read_text(encoding="utf-8")
    start = time.perf_counter()
    opcodes = difflib.SequenceMatcher(None, a_text, b_text, autojunk=False).get_opcodes()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "opcodes": len(opcodes), "max_rss_mb": own_peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("task", choices=["compare", "difflib"])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("runs", type=int, nargs="?", default=1)
    args = parser.parse_args()
    if args.task == "compare":
        result = _compare(args.a, args.b, args.runs)
    else:
        result = _difflib(args.a, args.b)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Splitting a giant linked group into clusters: its cost against the chain's length.

A chain of paragraphs each one character on from the last (``text[i : i + width]`` of one
random Chinese text) is one linked group: every paragraph is similar to its neighbours,
the ends have nothing in common. Splitting it compares representatives with members; the
work must grow with the chain, not with its square. For each length and linkage it runs
``diffkit.dedupe(..., diffs=False)`` under each given Python (by turns, ``--runs`` times) and
prints the median CPU seconds of the split (the ``clusters`` stage, timed inside the run: a
whole command's wall time on a loaded machine hides it) and its growth per doubling.

    python bench/chains.py                                            # this checkout
    python bench/chains.py --python /work/base/.venv/bin/python --python .venv/bin/python
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

WIDTH = 40
SEED = 20261205
_SPLIT = """
import sys, time
import diffkit
marks, last = {}, [time.process_time(), None]
def progress(name, fraction):
    now = time.process_time()
    if name != last[1]:
        if last[1]:
            marks[last[1]] = now - last[0]
        last[:] = [now, name]
diffkit.dedupe(sys.argv[1], diffs=False, linkage=sys.argv[2], workers=1, progress=progress)
print(marks["clusters"])
"""


def write_chain(path: Path, n: int, width: int = WIDTH, seed: int = SEED) -> None:
    """``n`` paragraphs, each ``width`` characters of one random text, one character on, and a
    full stop (which keeps them apart as paragraphs: lines of one width read as wrapped text)."""
    codes = np.random.default_rng(seed).integers(0x4E00, 0x9FA5, size=n + width)
    text = "".join(map(chr, codes.tolist()))
    path.write_text(
        "\n\n".join(text[i : i + width] + "。" for i in range(n)) + "\n", encoding="utf-8"
    )


def _split_seconds(python: str, path: Path, linkage: str) -> float:
    done = subprocess.run(
        [python, "-c", _SPLIT, str(path), linkage], check=True, capture_output=True, text=True
    )
    return float(done.stdout.split()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--python", action="append", help="a Python with diffkit (repeatable)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    parser.add_argument("--linkage", nargs="+", default=["star", "single"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pythons = args.python or [sys.executable]
    with tempfile.TemporaryDirectory() as tmp:
        files = {n: Path(tmp) / f"chain-{n}.txt" for n in args.sizes}
        for n, path in files.items():
            write_chain(path, n)
        for linkage in args.linkage:
            print(f"\n--linkage {linkage}: CPU seconds of the split, median of {args.runs}")
            times = {(py, n): [] for py in pythons for n in args.sizes}
            for _ in range(args.runs):
                for n, path in files.items():
                    for py in pythons:
                        times[py, n].append(_split_seconds(py, path, linkage))
            for py in pythons:
                medians = [statistics.median(times[py, n]) for n in args.sizes]
                growth = [b / a for a, b in itertools.pairwise(medians)]
                print(
                    f"  {py}: "
                    + "  ".join(f"{n}: {t:.2f} s" for n, t in zip(args.sizes, medians, strict=True))
                    + "  growth per doubling: "
                    + ", ".join(f"{g:.2f}x" for g in growth)
                )


if __name__ == "__main__":
    main()

"""Splitting a giant linked group into clusters: time against the chain's length.

A chain of paragraphs each one character on from the last (``text[i : i + width]`` of one
random Chinese text) is one linked group: every paragraph is similar to its neighbours,
the ends have nothing in common. Splitting it compares representatives with members; the
work must grow with the chain, not with its square. For each length it runs ``diffkit
dedupe --no-diff`` with each given ``diffkit`` by turns, ``--runs`` times, and prints the
median wall time and its growth per doubling, under both linkages.

    python bench/chains.py                                            # this checkout
    python bench/chains.py --diffkit /work/base/.venv/bin/diffkit --diffkit .venv/bin/diffkit
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

WIDTH = 40
SEED = 20261205


def write_chain(path: Path, n: int, width: int = WIDTH, seed: int = SEED) -> None:
    """``n`` paragraphs, each ``width`` characters of one random text, one character on, and a full stop
    (which keeps them apart as paragraphs: lines of one width would be read as wrapped text)."""
    codes = np.random.default_rng(seed).integers(0x4E00, 0x9FA5, size=n + width)
    text = "".join(map(chr, codes.tolist()))
    path.write_text(
        "\n\n".join(text[i : i + width] + "。" for i in range(n)) + "\n", encoding="utf-8"
    )


def _time(diffkit: str, path: Path, linkage: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [diffkit, "dedupe", str(path), "--no-diff", "-q", "--format", "json", "--linkage", linkage],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--diffkit", action="append", help="a diffkit command (repeatable)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 4000, 8000, 16000])
    parser.add_argument("--linkage", nargs="+", default=["star", "single"])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    commands = args.diffkit or [str(Path(sys.executable).with_name("diffkit"))]
    with tempfile.TemporaryDirectory() as tmp:
        files = {n: Path(tmp) / f"chain-{n}.txt" for n in args.sizes}
        for n, path in files.items():
            write_chain(path, n)
        for linkage in args.linkage:
            print(f"\n--linkage {linkage}")
            for command in commands:
                times = {n: [] for n in args.sizes}
                for _ in range(args.runs):
                    for n, path in files.items():
                        times[n].append(_time(command, path, linkage))
                medians = [statistics.median(times[n]) for n in args.sizes]
                growth = [b / a for a, b in itertools.pairwise(medians)]
                print(
                    f"  {command}: "
                    + "  ".join(f"{n}: {t:.2f} s" for n, t in zip(args.sizes, medians, strict=True))
                    + "  growth per doubling: "
                    + ", ".join(f"{g:.2f}x" for g in growth)
                )


if __name__ == "__main__":
    main()

"""The Dask engine against the local path: `diffkit dedupe --no-diff` on one generated corpus,
run by turns (local, Dask, local, Dask, ...), each a subprocess from start to JSON written.

    python bench/engine.py [--paragraphs 100000 ...] [--runs 3] [--workers 2]

Dask runs on a LocalCluster of ``--workers`` processes (started by the command, so its start
counts). Peak memory is ru_maxrss of the command as os.wait4 gives it, which on Linux is the
largest of the command and the worker processes it reaped. Both reports must be byte for
byte the same; the ratio is Dask's median time over the local median, in the same run.
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import sys

from corpus import make_corpus, write_corpus
from timing import OUT_DIR, ChildRun, run_child


def _run(path: str, out: str, engine: str, workers: int) -> ChildRun:
    argv = ["-m", "diffkit", "dedupe", path, "--no-diff", "--format", "json", "-q"]
    argv += ["--report", out, "-j", str(workers), "--engine", engine]
    done = run_child(argv, timeout=3600, python=True)
    if done.returncode != 0:
        sys.exit(f"{engine} failed: {done.stderr.strip()}")
    return done


def measure(paragraphs: int, runs: int, workers: int) -> dict[str, float]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"engine-{paragraphs}.txt"
    if not path.exists():
        write_corpus(make_corpus(paragraphs, seed=0), path)
    outs = {e: str(OUT_DIR / f"engine-{paragraphs}-{e}.json") for e in ("local", "dask")}
    times: dict[str, list[float]] = {"local": [], "dask": []}
    rss: dict[str, list[float]] = {"local": [], "dask": []}
    for _ in range(runs):
        for engine in ("local", "dask"):
            done = _run(str(path), outs[engine], engine, workers)
            times[engine].append(done.wall)
            rss[engine].append(done.max_rss_mb)
    same = filecmp.cmp(outs["local"], outs["dask"], shallow=False)
    result = {
        "local_s": statistics.median(times["local"]),
        "dask_s": statistics.median(times["dask"]),
        "local_mb": max(rss["local"]),
        "dask_mb": max(rss["dask"]),
    }
    print(
        f"{paragraphs:>9,} paragraphs, {runs} runs by turns, {workers} workers: "
        f"local {result['local_s']:.1f} s {result['local_mb']:.0f} MB "
        f"({', '.join(f'{t:.1f}' for t in times['local'])}), "
        f"dask {result['dask_s']:.1f} s {result['dask_mb']:.0f} MB "
        f"({', '.join(f'{t:.1f}' for t in times['dask'])}), "
        f"dask/local {result['dask_s'] / result['local_s']:.2f}x, "
        f"reports {'identical' if same else 'DIFFERENT'}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    for n in args.paragraphs:
        measure(n, args.runs, args.workers)


if __name__ == "__main__":
    main()

"""The Dask engine against the local path: `diffkit dedupe --no-diff` on one generated corpus,
run by turns (local, Dask, local, Dask, ...), each a subprocess from start to JSON written.

    python bench/engine.py [--paragraphs 100000 ...] [--runs 3] [--workers 2]

Dask runs on a LocalCluster of ``--workers`` processes (started by the command, so its start
counts). Peak memory is ru_maxrss of the command as os.wait4 gives it, which on Linux is the
largest of the command and the worker processes it reaped; beside it, sampled every 0.2 s
(with psutil, which Dask installs), the command's own peak (the client's, on Dask) and the
largest and the summed peak of the processes under it (the workers and their nannies; the
local path's forked workers share pages with it, counted in each). Both reports must be
byte for byte the same; the ratio is Dask's median time over the local median, in the same
run.
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import sys
import threading
from types import TracebackType
from typing import Any

from corpus import make_corpus, write_corpus
from timing import OUT_DIR, ChildRun, run_child


class Peaks:
    """Peak resident memory, in MB, of the ``dedupe`` command under this process and of the
    processes under it, sampled in a thread while the block runs."""

    def __init__(self) -> None:
        self.command = self.largest = self.together = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> Peaks:
        self._thread.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self._stop.wait(0.2):
            try:
                command = next(
                    p for p in me.children(recursive=True) if p.cmdline()[1:3] == ["-m", "diffkit"]
                )
                below = [_rss(p) for p in command.children(recursive=True)]
                self.command = max(self.command, _rss(command))
                self.largest = max(self.largest, max(below, default=0.0))
                self.together = max(self.together, sum(below))
            except (StopIteration, psutil.Error):
                continue


def _rss(process: Any) -> float:
    try:
        return float(process.memory_info().rss) / 2**20
    except Exception:  # the process ended between listing and reading
        return 0.0


def _run(path: str, out: str, engine: str, workers: int) -> tuple[ChildRun, Peaks]:
    argv = ["-m", "diffkit", "dedupe", path, "--no-diff", "--format", "json", "-q"]
    argv += ["--report", out, "-j", str(workers), "--engine", engine]
    with Peaks() as peaks:
        done = run_child(argv, timeout=3600, python=True)
    if done.returncode != 0:
        sys.exit(f"{engine} failed: {done.stderr.strip()}")
    return done, peaks


def measure(paragraphs: int, runs: int, workers: int) -> dict[str, float]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"engine-{paragraphs}.txt"
    if not path.exists():
        write_corpus(make_corpus(paragraphs, seed=0), path)
    outs = {e: str(OUT_DIR / f"engine-{paragraphs}-{e}.json") for e in ("local", "dask")}
    times: dict[str, list[float]] = {"local": [], "dask": []}
    rss: dict[str, list[float]] = {"local": [], "dask": []}
    sampled: dict[str, list[Peaks]] = {"local": [], "dask": []}
    for _ in range(runs):
        for engine in ("local", "dask"):
            done, peaks = _run(str(path), outs[engine], engine, workers)
            times[engine].append(done.wall)
            rss[engine].append(done.max_rss_mb)
            sampled[engine].append(peaks)
    same = filecmp.cmp(outs["local"], outs["dask"], shallow=False)
    result = {
        "local_s": statistics.median(times["local"]),
        "dask_s": statistics.median(times["dask"]),
        "local_mb": max(rss["local"]),
        "dask_mb": max(rss["dask"]),
        **{
            f"{e}_{what}_mb": max(getattr(p, what) for p in sampled[e])
            for e in ("local", "dask")
            for what in ("command", "largest", "together")
        },
    }
    print(
        f"{paragraphs:>9,} paragraphs, {runs} runs by turns, {workers} workers: "
        f"local {result['local_s']:.1f} s {result['local_mb']:.0f} MB "
        f"({', '.join(f'{t:.1f}' for t in times['local'])}), "
        f"dask {result['dask_s']:.1f} s {result['dask_mb']:.0f} MB "
        f"({', '.join(f'{t:.1f}' for t in times['dask'])}), "
        f"dask/local {result['dask_s'] / result['local_s']:.2f}x, "
        f"reports {'identical' if same else 'DIFFERENT'}; sampled peaks, MB: "
        + "; ".join(
            f"{e} command {result[f'{e}_command_mb']:.0f}, below it largest "
            f"{result[f'{e}_largest_mb']:.0f}, together {result[f'{e}_together_mb']:.0f}"
            for e in ("local", "dask")
        )
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

"""Parallel work through one executor: calls from many threads at once, workers that die with
their parent, caches that stay bounded."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import diffkit
import diffkit.differences as _DIFF
from diffkit.deduplication import DedupeReport
from diffkit.executor import SERIAL, ForkExecutor, Results
from diffkit.lru import LRU

_FORKS: list[int] = []
os.register_at_fork(before=lambda: _FORKS.append(threading.get_ident()))

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "samples").glob("*.txt"))
_LINUX = pytest.mark.skipif(sys.platform != "linux", reason="forked workers are Linux's")


def _in_threads(call: Callable[[Path], DedupeReport], threads: int, repeats: int) -> list[str]:
    """Run ``call`` on every sample in turn, ``repeats`` times in each of ``threads`` threads
    started together; the failures, as text."""
    failures: list[str] = []
    expected = {p: call(p) for p in SAMPLES}
    start = threading.Barrier(threads)

    def run(t: int) -> None:
        start.wait()
        for r in range(repeats):
            path = SAMPLES[(t + r) % len(SAMPLES)]
            try:
                if call(path) != expected[path]:
                    failures.append(f"{path.name}: a different report")
            except Exception as e:
                failures.append(f"{path.name}: {type(e).__name__}: {e}")

    workers = [threading.Thread(target=run, args=(t,)) for t in range(threads)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # threads take turns often: a race shows in every run
    try:
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    finally:
        sys.setswitchinterval(interval)
    return failures


def test_dedupe_from_many_threads_at_once_gives_each_its_own_report() -> None:
    assert any(diffkit.dedupe(p, workers=1).clusters for p in SAMPLES)
    failures = _in_threads(lambda p: diffkit.dedupe(p, workers=1), threads=8, repeats=25)
    assert failures == []


def test_dedupe_asked_for_workers_from_threads_runs_in_each_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Forked from the main thread, even the samples' small diffs go to workers ...
    monkeypatch.setattr("diffkit.executor.PARALLEL_MIN_JOBS", 1)
    sample = next(p for p in SAMPLES if diffkit.dedupe(p, workers=1).clusters)
    forks = len(_FORKS)
    assert diffkit.dedupe(sample, workers=2) == diffkit.dedupe(sample, workers=1)
    assert len(_FORKS) > forks
    # ... but a fork from another thread would copy the locks the other threads hold: there
    # the work stays in the calling thread, and gives the same reports.
    forks = len(_FORKS)
    failures = _in_threads(lambda p: diffkit.dedupe(p, workers=2), threads=4, repeats=10)
    assert failures == []
    assert set(_FORKS[forks:]) <= {threading.main_thread().ident}


class _Unpicklable:
    """A context that cannot be sent to a worker, only inherited by one."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a context is inherited, never pickled")


def _scaled(context: _Unpicklable, n: int) -> tuple[int, int]:
    return os.getpid(), context.value * n


def test_maps_open_at_once_each_read_their_own_context() -> None:
    chunks = list(range(40))
    with (
        ForkExecutor(2).map(_scaled, chunks, _Unpicklable(3)) as threes,
        ForkExecutor(2).map(_scaled, chunks, _Unpicklable(5)) as fives,
    ):
        got_three, got_five = list(threes), list(fives)
    assert [x for _, x in got_three] == [3 * n for n in chunks]
    assert [x for _, x in got_five] == [5 * n for n in chunks]
    assert os.getpid() not in {pid for pid, _ in got_three + got_five}
    serial = SERIAL.map(_scaled, chunks, _Unpicklable(3))
    assert isinstance(serial, Results)
    assert [x for _, x in serial] == [x for _, x in got_three]


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):  # a thread that has ended
            found.update(map(int, (task / "children").read_text().split()))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended


@_LINUX
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_workers_die_with_a_dedupe_killed_outright(tmp_path: Path, signum: int) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in SAMPLES]
    # Past the size whose fold, and then whose diffs, go to forked workers.
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n\n".join(seeds * (4_200_000 // sum(map(len, seeds)) + 1)), "utf-8")
    run = subprocess.Popen(
        [sys.executable, "-m", "diffkit", "dedupe", str(corpus), "--workers", "2", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 60
        while not workers and run.poll() is None and time.monotonic() < deadline:
            workers = _children(run.pid)
            time.sleep(0.005)
        assert workers, "dedupe forked no worker"
        run.send_signal(signum)
        run.wait(timeout=10)
        time.sleep(2)
        assert [w for w in workers if _alive(w)] == []
    finally:
        run.kill()
        run.wait()


def _clear_diff_caches() -> None:
    for name in ("classify", "_regional", "_marks_only"):
        getattr(_DIFF, name).cache_clear()
    for cache in (_DIFF._FOLDS, _DIFF._FORMS, _DIFF._CLASSIFIED):
        cache.clear()


def _reports() -> tuple[object, ...]:
    pairs = [(SAMPLES[3], SAMPLES[4]), (SAMPLES[0], SAMPLES[2])]
    return (*(diffkit.compare(a, b) for a, b in pairs), diffkit.dedupe(SAMPLES, workers=1))


def test_the_diff_caches_stay_bounded_and_evictions_change_no_result(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every cache of diff's is bounded (a function of no argument holds one value).
    modules = [m for name, m in sys.modules.items() if name.startswith(f"{_DIFF.__name__}.")]
    cached = [f for m in modules for f in vars(m).values() if hasattr(f, "cache_info")]
    assert cached
    for fn in cached:
        if fn.__module__.startswith(_DIFF.__name__) and fn.__wrapped__.__code__.co_argcount:
            assert fn.cache_info().maxsize is not None, fn.__name__
    assert all(isinstance(c, LRU) for c in (_DIFF._FOLDS, _DIFF._FORMS, _DIFF._CLASSIFIED))
    # Past their bounds, the caches hold their bounds.
    for k in range(_DIFF._TEXTS + 500):
        _DIFF._marks_only(str(k))
        _DIFF._regional(str(k), "-")
    for k in range(_DIFF._PAIRS + 500):
        # Whitespace alone, each its own (k in base 4): classified without a fold.
        _DIFF.classify("".join(" \t\n\u3000"[(k >> s) & 3] for s in range(0, 16, 2)), "")
    for fn in (_DIFF._marks_only, _DIFF._regional, _DIFF.classify):
        assert fn.cache_info().currsize == fn.cache_info().maxsize
    # Caches a few entries long give the same reports as caches that keep everything.
    _clear_diff_caches()
    whole = _reports()
    sizes = [len(_DIFF._FOLDS), len(_DIFF._FORMS), len(_DIFF._CLASSIFIED)]
    assert min(sizes) > 5, sizes
    for cache in (_DIFF._FOLDS, _DIFF._FORMS, _DIFF._CLASSIFIED):
        monkeypatch.setattr(cache, "maxsize", 5)
    _clear_diff_caches()
    assert _reports() == whole
    assert [len(_DIFF._FOLDS), len(_DIFF._FORMS), len(_DIFF._CLASSIFIED)] == [5, 5, 5]

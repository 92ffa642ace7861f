"""Parallel work: one interface for where it runs, and the one policy for when it may fork.

Every parallel step of diffkit (the fold of a large document, MinHash signatures and bands,
dedupe's diffs) is ``executor.map(fn, chunks, context)``: ``fn(context, chunk)`` for every
chunk, the results in the order of the chunks. The context is whatever the chunks share (a
corpus, shared arrays); it is passed to each call, never left in a module global, so calls
made from several threads at once cannot see each other's.

- :class:`SerialExecutor` runs the chunks one after another in the calling thread.
- :class:`ForkExecutor` runs them in worker processes forked for the call. The workers
  inherit the context instead of receiving it pickled (a corpus costs more to pickle than to
  diff): it waits in a registry under the call's own number, set before the fork, and only
  that number travels with each chunk. The workers ignore ctrl+c (the parent takes it and
  ends them), die with the parent (even one killed outright), and a worker killed outright
  fails the work with :class:`WorkerError` instead of leaving it waiting.

An engine that spreads the work over machines (Dask, say) is a third implementation of
:class:`Executor`: it ships the context to its workers once and the chunks with their
calls, so ``fn`` must be a module-level function and chunks small picklable values (they
are: tuples of numbers).

:func:`choose` is the policy: work below a size stays serial (a pool costs more than it
saves), and forking happens only on Linux and from the main thread (a fork copies the locks
other threads hold, in whatever state they were in; the work of another thread runs
serially). :func:`opencc_fork_safe` says whether OpenCC may convert inside a forked worker.
"""

from __future__ import annotations

import itertools
import mmap
import multiprocessing as mp
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from types import TracebackType
from typing import Any, Final, Protocol, TypeVar

import numpy as np
import numpy.typing as npt

from .errors import WorkerError

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

PARALLEL_MIN_JOBS: Final = 2000
"""The fewest units (and repeats to diff) that dedupe shares among processes."""
FORK_MIN_KEYS: Final = 50_000
"""The fewest keys whose MinHash signatures and bands are shared among processes."""
PARALLEL_MIN_CHARS: Final = 4_000_000
"""Below this a text folds faster in one process than a fork and the results' way back cost."""


class Results(Iterator[R]):
    """The results of a map, in the order of the chunks, read as they come. Leaving its
    ``with`` block on an error (ctrl+c, a cancel) ends the work at once."""

    def __init__(self, items: Iterator[R], finish: Callable[[bool], None] | None = None) -> None:
        self._items = items
        self._finish = finish
        self._done = False

    def __next__(self) -> R:
        try:
            return next(self._items)
        except StopIteration:
            self.close(failed=False)
            raise
        except BaseException:
            self.close(failed=True)
            raise

    def close(self, *, failed: bool = True) -> None:
        """End the work: at once when ``failed``, else once the chunks begun are done (those
        not begun are dropped)."""
        if not self._done:
            self._done = True
            if self._finish is not None:
                self._finish(failed)

    def __enter__(self) -> Results[R]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(failed=exc_type is not None)


class Executor(Protocol):
    """Where parallel work runs. A caller reads a map's results in a ``with`` block, which
    ends the work when left; an implementation may start the chunks before they are read,
    and must give the results in the order of the chunks."""

    @property
    def processes(self) -> int:
        """How many processes share the work (how many chunks run at once)."""
        ...

    def map(self, fn: Callable[[C, T], R], chunks: Iterable[T], context: C) -> Results[R]:
        """``fn(context, chunk)`` of every chunk, in order. ``fn`` must be a module-level
        function, and the chunks small picklable values; ``context`` may be anything."""
        ...


class SerialExecutor:
    """Every chunk in the calling thread, one after another, each as it is read."""

    processes: Final = 1

    def map(self, fn: Callable[[C, T], R], chunks: Iterable[T], context: C) -> Results[R]:
        return Results(fn(context, chunk) for chunk in chunks)


SERIAL: Final = SerialExecutor()


class ForkExecutor:
    """``processes`` worker processes forked for each map. Every chunk is handed out at once,
    so the workers start while the caller goes on; results are read in order."""

    def __init__(self, processes: int) -> None:
        self.processes = processes

    def map(self, fn: Callable[[C, T], R], chunks: Iterable[T], context: C) -> Results[R]:
        call = next(_CALLS)
        _CONTEXTS[call] = context  # before the fork: the workers find it there
        pool = _Pool(self.processes)
        try:
            futures = [pool.submit(_call, call, fn, chunk) for chunk in chunks]
        except BaseException:
            _CONTEXTS.pop(call, None)
            pool.end(failed=True)
            raise

        def finish(failed: bool) -> None:
            try:
                pool.end(failed=failed)
            finally:
                _CONTEXTS.pop(call, None)

        return Results(pool.results(futures), finish)


_CALLS: Final = itertools.count()
_CONTEXTS: dict[int, Any] = {}
"""The context of each running map, by call number. A forked worker inherits the registry
as it stood at the fork, so its own call's entry; the parent drops the entry when the map
ends. Entries are added and removed one operation at a time (atomic under the GIL), never
under a lock that a fork could copy held."""


def _call(call: int, fn: Callable[[Any, Any], Any], chunk: Any) -> Any:
    return fn(_CONTEXTS[call], chunk)


class _Pool:
    """A ``ProcessPoolExecutor`` of forked workers. A ``multiprocessing.Pool`` would wait for
    ever for the task of a worker killed outright; this one notices."""

    def __init__(self, processes: int) -> None:
        self._executor = ProcessPoolExecutor(
            processes,
            mp_context=mp.get_context("fork"),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    def submit(self, fn: Callable[..., R], *args: Any) -> Future[R]:
        return self._executor.submit(fn, *args)

    def results(self, futures: list[Future[R]]) -> Iterator[R]:
        for future in futures:
            try:
                yield future.result()
            except BrokenProcessPool:
                raise WorkerError(self._how_it_died()) from None

    def end(self, *, failed: bool) -> None:
        if not failed:
            self._executor.shutdown(wait=True, cancel_futures=True)
            return
        # Interrupted or failed: end the workers now, not after their current tasks.
        processes = self._processes()
        self._executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join()

    def _how_it_died(self) -> str:
        processes = self._processes()
        for p in processes:  # the pool fails the work before it has reaped its workers
            p.join(timeout=5)
        codes = [p.exitcode for p in processes if p.exitcode]
        # The others were ended with SIGTERM once the pool broke: the first other signal
        # is the cause.
        killed = sorted((-c for c in codes if c < 0), key=lambda s: s == signal.SIGTERM)
        if killed:
            name = signal.Signals(killed[0]).name
            hint = " (the system may have run out of memory)" if killed[0] == signal.SIGKILL else ""
            return f"a worker process was killed by {name}{hint}; try --workers 1"
        return "a worker process ended abruptly; try --workers 1"

    def _processes(self) -> list[Any]:
        # The executor keeps them privately; only they say how a worker ended, and only
        # they can be ended at once.
        return list((getattr(self._executor, "_processes", None) or {}).values())


_PR_SET_PDEATHSIG: Final = 1


def _start_worker(parent: int) -> None:
    """A new worker leaves ctrl+c to its parent and dies with it: Linux sends it SIGKILL
    when the thread that forked it ends (the parent's main thread, see :func:`processes`),
    however that ends; a parent gone before the request took effect is caught by its pid."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def processes(workers: int | None) -> int:
    """How many processes may share work here: ``workers`` (default: every core this process
    may use), and one where forking is not safe: off Linux, or in a thread other than the
    main one."""
    if sys.platform != "linux" or threading.current_thread() is not threading.main_thread():
        return 1
    return max(1, workers if workers is not None else len(os.sched_getaffinity(0)))


def choose(workers: int | None, size: int, minimum: int) -> Executor:
    """The executor for work of ``size`` (chunks, keys, characters): serial below
    ``minimum`` or where :func:`processes` allows one, else ``processes`` forked workers."""
    count = processes(workers) if size >= minimum else 1
    return ForkExecutor(count) if count > 1 else SERIAL


def shared_array(shape: tuple[int, ...], dtype: Any) -> npt.NDArray[Any]:
    """A zero-filled array in memory that forked workers share with their parent: what a
    worker writes there, the parent reads without a pickled copy through a pipe (which
    passes about a hundred megabytes a second)."""
    count = int(np.prod(shape))
    # An anonymous mmap is MAP_SHARED: a forked child's writes land in the parent's pages.
    buffer = mmap.mmap(-1, max(count * np.dtype(dtype).itemsize, 1))
    return np.frombuffer(buffer, dtype=dtype, count=count).reshape(shape)


def release_shared(array: npt.NDArray[Any], used: int) -> None:
    """Give back the pages of a :func:`shared_array` past its first ``used`` items: the
    memory of what was written there and is no longer wanted."""
    buffer: Any = array
    while buffer is not None and not isinstance(buffer, mmap.mmap):
        buffer = buffer.obj if isinstance(buffer, memoryview) else buffer.base
    remove = getattr(mmap, "MADV_REMOVE", None)
    if buffer is None or remove is None:
        return
    page = mmap.PAGESIZE
    start = -(-used * array.itemsize // page) * page
    if start < len(buffer):
        buffer.madvise(remove, start, len(buffer) - start)


_RAYON: Final = "RAYON_NUM_THREADS"
_OPENCC_LOCK: Final = threading.Lock()


@cache
def opencc_fork_safe() -> bool:
    """Whether OpenCC converts on the calling thread in this process, so that a forked worker
    can convert too.

    opencc-pyo3 converts a large text on a rayon thread pool. A process forked once that pool
    exists inherits the pool but not its threads, and its first large conversion waits for
    ever. Rayon sizes its pool once, from RAYON_NUM_THREADS, when a conversion first needs it:
    this makes the first conversion with the variable at 1 (and puts it back afterwards, for
    other libraries), and the library then converts every text on the calling thread. On two
    cores that costs about a fifth of a whole document's conversion time. True when the pool
    was made here, with one thread, seen as one new thread of the process (on Linux); false
    when the library was used first, and then work meant for forked workers keeps its
    conversions below the size that goes to the pool. Another thread starting in the same
    instant would be taken for the pool's: a narrow race, whose cost is a forked worker that
    waits, not a wrong result."""
    from opencc_pyo3 import OpenCC

    with _OPENCC_LOCK:
        before = _threads()
        previous = os.environ.get(_RAYON)
        os.environ[_RAYON] = "1"
        try:
            OpenCC("hk2s").convert("漢")
        finally:
            if previous is None:
                del os.environ[_RAYON]
            else:
                os.environ[_RAYON] = previous
        after = _threads()
    return before is not None and after is not None and after == before + 1


def _threads() -> int | None:
    if sys.platform != "linux":
        return None
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return None

"""Pools of worker processes made by fork, for the large-corpus work of dedupe and minhash.

Forked workers inherit the corpus instead of receiving it pickled. They ignore ctrl+c: the
parent alone takes the interrupt and ends them, so one line is reported, not a traceback
from every worker. A worker that dies outright (the kernel's out-of-memory killer, a
signal) fails the work with :class:`WorkerError`: a ``multiprocessing.Pool`` would wait
for its lost task for ever, so the pool is a ``ProcessPoolExecutor``, which notices.
"""

from __future__ import annotations

import mmap
import multiprocessing as mp
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from .errors import WorkerError

T = TypeVar("T")
R = TypeVar("R")


class ForkPool:
    """``processes`` forked workers; results come back in the order of the items."""

    def __init__(self, processes: int) -> None:
        self._executor = ProcessPoolExecutor(
            processes, mp_context=mp.get_context("fork"), initializer=_ignore_interrupt
        )

    def imap(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Hand every item out now; the results, in order, as they are read."""
        futures = [self._executor.submit(func, item) for item in items]
        return self._results(futures)

    def map(self, func: Callable[[T], R], items: Iterable[T]) -> list[R]:
        return list(self.imap(func, items))

    def apply(self, func: Callable[..., R], args: tuple[Any, ...] = ()) -> R:
        return next(self._results([self._executor.submit(func, *args)]))

    def _results(self, futures: list[Future[R]]) -> Iterator[R]:
        for future in futures:
            try:
                yield future.result()
            except BrokenProcessPool:
                raise WorkerError(self._how_it_died()) from None

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

    def __enter__(self) -> ForkPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self._executor.shutdown(wait=True)
            return
        # Interrupted or failed: end the workers now, not after their current tasks.
        processes = self._processes()
        self._executor.shutdown(wait=False, cancel_futures=True)
        for p in processes:
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join()


def fork_pool(processes: int) -> ForkPool:
    """A pool of ``processes`` forked workers (Linux: callers check the platform)."""
    return ForkPool(processes)


def shared_array(shape: tuple[int, ...], dtype: Any) -> npt.NDArray[Any]:
    """A zero-filled array in memory that forked workers share with their parent: what a
    worker writes there, the parent reads without a pickled copy through a pipe (which
    passes about a hundred megabytes a second)."""
    count = int(np.prod(shape))
    # An anonymous mmap is MAP_SHARED: a forked child's writes land in the parent's pages.
    buffer = mmap.mmap(-1, max(count * np.dtype(dtype).itemsize, 1))
    return np.frombuffer(buffer, dtype=dtype, count=count).reshape(shape)


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)

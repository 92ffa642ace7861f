"""Pools of worker processes made by fork, for the large-corpus work of dedupe and minhash.

Forked workers inherit the corpus instead of receiving it pickled. They ignore ctrl+c: the
parent alone takes the interrupt and ends them, so one line is reported, not a traceback
from every worker.
"""

from __future__ import annotations

import mmap
import multiprocessing as mp
import signal
from multiprocessing.pool import Pool
from typing import Any

import numpy as np
import numpy.typing as npt


def fork_pool(processes: int) -> Pool:
    """A pool of ``processes`` forked workers (Linux: callers check the platform)."""
    return mp.get_context("fork").Pool(processes, initializer=_ignore_interrupt)


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

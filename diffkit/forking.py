"""Pools of worker processes made by fork, for the large-corpus work of dedupe and minhash.

Forked workers inherit the corpus instead of receiving it pickled. They ignore ctrl+c: the
parent alone takes the interrupt and ends them, so one line is reported, not a traceback
from every worker.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
from multiprocessing.pool import Pool


def fork_pool(processes: int) -> Pool:
    """A pool of ``processes`` forked workers (Linux: callers check the platform)."""
    return mp.get_context("fork").Pool(processes, initializer=_ignore_interrupt)


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)

"""Mapping a function over many items in forked processes that inherit them.

A large report's items (clusters with their members and edits) cost more to pickle than to
process, so the workers are forked after the items exist and read them from memory they share
with the parent; only item ranges go out and only the results come back. Forking is used on
Linux alone: elsewhere, and where fork is unsafe (inside a running TUI), callers pass one
process and the work stays here.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS: Final = 2000
"""Fewer items than this do not repay starting a pool."""
_TASK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
"""The function and the items of the pool being started; the workers inherit them."""


def process_count(workers: int | None) -> int:
    """How many processes ``workers`` asks for: all the cores this process may use when
    unset, one where forking is not available."""
    if sys.platform != "linux":
        return 1
    return max(1, workers if workers is not None else len(os.sched_getaffinity(0)))


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _TASK is not None
    work, items = _TASK
    return [work(x) for x in items[bounds[0] : bounds[1]]]


def fork_map(work: Callable[[T], R], items: Sequence[T], *, processes: int) -> Iterator[R]:
    """``work`` of each item, in order. With ``processes`` > 1 and at least ``MIN_ITEMS``
    items, forked processes share the items out in chunks; ``work`` need not be picklable,
    its results must be."""
    if processes <= 1 or len(items) < MIN_ITEMS or sys.platform != "linux":
        yield from map(work, items)
        return
    global _TASK
    size = max(64, len(items) // (processes * 16))
    bounds = [(lo, min(lo + size, len(items))) for lo in range(0, len(items), size)]
    _TASK = (work, items)
    try:
        # The workers are forked here, holding the task; it need not outlive their start.
        pool = mp.get_context("fork").Pool(processes)
    finally:
        _TASK = None
    with pool:
        for part in pool.imap(_run, bounds):
            yield from part

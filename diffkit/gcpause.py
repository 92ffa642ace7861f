"""Pausing Python's cyclic garbage collector while diffkit builds many small objects.

Segments, spans, units, edits and members hold no reference cycles, so the collector has
nothing to find in them; yet as they pile up by the hundred thousand it scans every live
object again and again, a large part of dedupe's time on a large corpus. Reference
counting still frees everything as usual; the collector runs again once the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the block without cyclic collections; a pause inside a pause is harmless.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

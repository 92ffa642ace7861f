"""Giving the C heap's free memory back to the system after a stage's large temporaries.

numpy takes an array of under 32 MB from the C heap, and glibc keeps what is freed there for
the next allocation instead of returning it: after the re-joiner's per-line arrays of a large
document, some hundreds of megabytes stay counted against the process through the fold that
follows, the stage where its memory peaks. ``malloc_trim`` returns them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache
from typing import Any


@cache
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:  # pragma: no cover - no C library to load
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def trim() -> None:
    """Return the heap's free pages to the system, where the C library can (glibc)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)

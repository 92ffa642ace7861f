"""OpenCC converters that forked workers can use.

opencc-pyo3 converts a large text on a rayon thread pool. A process forked once that pool
exists inherits the pool but not its threads, and its first large conversion waits for ever;
diffkit forks its workers. Rayon sizes its pool once, from RAYON_NUM_THREADS, when a
conversion first needs it: diffkit's first conversion runs with the variable at 1 (and puts
it back afterwards, for other libraries), and the library then converts every text on the
calling thread, forked or not. On two cores that costs about a fifth of a whole document's
conversion time; it lets forked workers convert without size limits.

When the pool existed before diffkit's first conversion (the library was used first),
:func:`fork_safe` says so, and work meant for forked workers keeps its conversions below
the size that goes to the pool.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from functools import cache

from opencc_pyo3 import OpenCC

_RAYON: str = "RAYON_NUM_THREADS"


_LOCK = threading.Lock()


@cache
def fork_safe() -> bool:
    """Whether OpenCC converts on the calling thread in this process: true when diffkit made
    its pool, with one thread, seen as one new thread of the process (on Linux). Another
    thread starting in the same instant would be taken for the pool's (diffkit's own threads
    start later, or wait on the lock): a narrow race, and the cost of losing it is a forked
    worker that waits, not a wrong result."""
    with _LOCK:
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


_LONE_OR_STAND_IN = re.compile("[\ud800-\udfff\ufffd]")
_STAND_IN = "\ufffd"


class Converter(OpenCC):
    """OpenCC for any str. OpenCC reads UTF-8, which cannot hold a lone surrogate (a str from
    a caller of the API may): each stands aside as U+FFFD, which no table converts, and comes
    back as itself."""

    def convert(self, input_text: str, punctuation: bool = False) -> str:
        try:
            return super().convert(input_text, punctuation)
        except UnicodeEncodeError:
            pass
        marks = _LONE_OR_STAND_IN.findall(input_text)
        stood_in = _LONE_OR_STAND_IN.sub(_STAND_IN, input_text)
        parts = super().convert(stood_in, punctuation).split(_STAND_IN)
        if len(parts) != len(marks) + 1:  # a table took a stand-in: convert around each
            pieces = _LONE_OR_STAND_IN.split(input_text)
            parts = [super(Converter, self).convert(p, punctuation) for p in pieces]
        out = [parts[0]]
        for mark, part in zip(marks, parts[1:], strict=True):
            out += (mark, part)
        return "".join(out)


@cache
def converter(config: str) -> OpenCC:
    """The OpenCC converter for ``config`` (``hk2s``, ``tw2sp``, ...), one per process."""
    fork_safe()
    return Converter(config)

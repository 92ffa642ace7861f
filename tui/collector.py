"""Full garbage collections while the app is at rest, not in the middle of a key.

A full collection scans every object the interpreter tracks that is not frozen (the result
is frozen once it is shown), and the interpreter starts one whenever enough objects have
outlived two younger collections: every few keys, since each key keeps rows and strips in
the views' caches. One took 20 to 240 ms of a key on a loaded machine, the larger part of
the slowest keys. While the app runs, young collections go on as the interpreter decides;
the full one waits until no key or click has come for a moment, then runs as it would have.
"""

from __future__ import annotations

import gc
import time
from typing import Final

REST: Final = 1.0
"""Seconds without input after which a full collection that is due may run."""


class RestingCollector:
    """Holds full collections back while input comes, and runs them when it stops."""

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None
        self._last_input = time.monotonic()

    def start(self) -> None:
        """Take full collections over from the interpreter (until ``stop``)."""
        if self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            # A third threshold the count never reaches in practice: no automatic full one.
            gc.set_threshold(young, middle, 1 << 30)

    def stop(self) -> None:
        """Give full collections back to the interpreter, as they were."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def input(self) -> None:
        """A key or a click came: the user waits for its answer now."""
        self._last_input = time.monotonic()

    def tick(self, now: float | None = None) -> bool:
        """Run the full collection if one is due and the app is at rest (at ``now``, the
        ``time.monotonic`` clock); whether it ran."""
        now = time.monotonic() if now is None else now
        if self._saved is None or now - self._last_input < REST:
            return False
        if gc.get_count()[2] < self._saved[2]:  # the interpreter's own rule for when one is due
            return False
        gc.collect()
        return True

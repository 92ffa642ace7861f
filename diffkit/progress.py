"""Progress inside a stage of long work, and a chance to cancel it.

A stage that runs for seconds must move the progress bar and answer a cancel request while it
runs, not only when it ends: loops call a ``Tick`` every so many items, and the tick maps the
loop's own fraction onto the stage's share of the whole and calls the caller's step function
(which raises when the caller has cancelled).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final


class Tick:
    """The fraction of one stage done, reported as ``lo..hi`` of the whole. ``next_at`` is
    the item count at which a loop calls again (``every`` items apart), so calls stay cheap."""

    def __init__(
        self,
        step: Callable[[str, float], None] | None,
        stage: str,
        lo: float,
        hi: float,
        *,
        every: int = 1,
    ) -> None:
        self.step, self.stage, self.lo, self.hi, self.every = step, stage, lo, hi, every
        self.next_at = 0

    def __call__(self, fraction: float) -> None:
        self.next_at += self.every
        if self.step is not None:
            self.step(self.stage, self.lo + (self.hi - self.lo) * min(max(fraction, 0.0), 1.0))


QUIET: Final = Tick(None, "", 0.0, 0.0, every=1 << 62)
"""A tick that reports nothing, for callers without a progress callback."""

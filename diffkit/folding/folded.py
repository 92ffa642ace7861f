"""Folded text: a comparison key and, for each of its characters, the original span it stands
for."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..codepoints import _SEP, PARAGRAPH_SEPARATOR, IntArray, view_codepoints


@dataclass(frozen=True, eq=False)
class Folded:
    """Folded text and, for each of its characters, the original span it came from."""

    text: str
    starts: IntArray
    """``starts[i]``: offset in the original of the first character folded into ``text[i]``."""
    ends: IntArray
    """``ends[i]``: offset just past the last original character folded into ``text[i]``."""

    def original_range(self, i: int, j: int) -> tuple[int, int]:
        """The original offsets ``[start, end)`` covered by folded characters ``[i, j)``."""
        if j <= i:
            at = (
                int(self.starts[i])
                if i < len(self.starts)
                else int(self.ends[-1])
                if len(self.ends)
                else 0
            )
            return at, at
        return int(self.starts[i]), int(self.ends[j - 1])

    def cut(self, i: int, j: int) -> tuple[int, int, Folded]:
        """Folded characters ``[i, j)`` as a Folded of their own, with offsets relative to the
        original range ``[start, end)`` they cover, less the paragraph separators (the line
        breaks they stand for are whitespace of the original). Returns ``(start, end, cut)``.
        """
        start, end = self.original_range(i, j)
        text = self.text[i:j]
        starts, ends = self.starts[i:j] - start, self.ends[i:j] - start
        if PARAGRAPH_SEPARATOR in text:
            keep = view_codepoints(text) != _SEP
            text, starts, ends = text.replace(PARAGRAPH_SEPARATOR, ""), starts[keep], ends[keep]
        return start, end, Folded(text, starts, ends)

    def folded_range(self, start: int, end: int) -> tuple[int, int]:
        """The folded indices ``[i, j)`` whose characters come from original ``[start, end)``."""
        return self._search(start), self._search(end)

    def _search(self, offset: int) -> int:
        # A Python int against 32-bit offsets makes numpy copy the whole map to 64 bits first,
        # on every call; as a 32-bit scalar it is a plain binary search.
        at: Any = offset
        if self.starts.dtype == np.int32 and -(2**31) <= offset < 2**31:
            at = np.int32(offset)
        return int(np.searchsorted(self.starts, at, side="left"))

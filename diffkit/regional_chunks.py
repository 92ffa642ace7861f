"""The chunks the regional step converts and compares a text in: cut after every sentence's
end and after a mark no phrase crosses, so that the comparison's cost stays linear in the text.
"""

from __future__ import annotations

from functools import cache
from typing import Final

import numpy as np
import numpy.typing as npt

from .codepoints import view_codepoints

_CHUNK: Final = 512
"""Text is converted and compared in chunks of at most about this many characters, cut after
a mark no phrase crosses, so that the comparison's cost stays linear in the text; every
sentence ends one, so that a sentence met before is looked at once."""
_ENDS: Final = "。！？"
_MARKS: Final = "，、；\n"
"""Where a chunk longer than ``_CHUNK`` is cut (after a sentence's end it always is)."""


def _chunk_bounds(text: str) -> list[tuple[int, int]]:
    """The chunks of ``text``, its pieces (separated by U+2029) each cut after every
    sentence's end and after the first other mark ``_CHUNK`` characters past the last cut."""
    cps = view_codepoints(text)
    separators = np.flatnonzero(cps == 0x2029)
    cut = np.zeros(len(cps) + 1, dtype=np.bool_)
    cut[[0, len(cps)]] = True
    cut[separators] = cut[separators + 1] = True
    cut[np.flatnonzero(_table(_ENDS)[cps]) + 1] = True
    bounds = np.flatnonzero(cut)
    los, his = bounds[:-1], bounds[1:]
    keep = np.ones(len(los), dtype=np.bool_)
    keep[np.searchsorted(los, separators)] = False  # the separators themselves
    los_kept, his_kept = los[keep], his[keep]
    long = np.flatnonzero(his_kept - los_kept > _CHUNK).tolist()
    los, his = los_kept.tolist(), his_kept.tolist()
    if not long:
        return list(zip(los, his, strict=True))
    marks = np.flatnonzero(_table(_MARKS)[cps]) + 1
    chunks: list[tuple[int, int]] = []
    done = 0
    for k in long:
        chunks += zip(los[done:k], his[done:k], strict=True)
        lo, hi = los[k], his[k]
        inside = marks[np.searchsorted(marks, lo + _CHUNK) : np.searchsorted(marks, hi)]
        for end in inside.tolist():
            if end - lo >= _CHUNK:
                chunks.append((lo, end))
                lo = end
        chunks.append((lo, hi))
        done = k + 1
    chunks += zip(los[done:], his[done:], strict=True)
    return chunks


@cache
def _table(chars: str) -> npt.NDArray[np.bool_]:
    """Whether each code point is one of ``chars``."""
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(c) for c in chars]] = True
    return table

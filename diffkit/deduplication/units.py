"""Units that may repeat (paragraphs, sentences), cut from segmented documents."""

from __future__ import annotations

import mmap
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

import numpy as np

from ..codepoints import PARAGRAPH_SEPARATOR, IntArray
from ..folding import Folded
from ..segmentation import Segmented


@dataclass(eq=False, slots=True)
class _Unit:
    """A passage that may repeat: where it is (original offsets, and folded offsets into its
    document's folded text) and its folded key. Its own offset map is cut only when it is
    diffed: most units never are. Never changed once made, but not frozen: a corpus has a
    million units, and a frozen dataclass takes four times as long to make."""

    doc: int
    start: int
    end: int
    key: str
    f_start: int
    f_end: int

    def folded(self, segs: Sequence[Segmented]) -> Folded:
        """The key with its map, offsets relative to ``start``."""
        return segs[self.doc].folded.cut(self.f_start, self.f_end)[2]


def _segment_units(seg: Segmented, doc_index: int, granularity: str, min_chars: int) -> list[_Unit]:
    key = seg.folded.text
    if granularity == "sentence":
        sentences = seg.sentences()
        f_starts = [s.folded_start for s in sentences]
        f_ends = [s.folded_start + len(s.folded) for s in sentences]
    else:  # the paragraphs' offsets, without making their Segment objects
        f_starts, f_ends = seg.pieces.folded_starts, seg.pieces.folded_ends
    f_start = np.asarray(f_starts, dtype=np.int64)
    f_end = np.asarray(f_ends, dtype=np.int64)
    long_enough = f_end - f_start >= max(min_chars, 1)
    f_start, f_end = f_start[long_enough], f_end[long_enough]
    if not len(f_start):
        return []
    # Original ranges of all units in one look-up each, instead of a cut per unit.
    starts = seg.folded.starts[f_start].tolist()
    ends = seg.folded.ends[f_end - 1].tolist()
    units = []
    for f0, f1, start, end in zip(f_start.tolist(), f_end.tolist(), starts, ends, strict=True):
        piece = key[f0:f1]
        if PARAGRAPH_SEPARATOR in piece:
            piece = piece.replace(PARAGRAPH_SEPARATOR, "")
        units.append(_Unit(doc_index, start, end, piece, f0, f1))
    return units


def _places(units: list[_Unit]) -> Callable[[int], int]:
    """Each unit's place in document order (input, then start, then end): a sort key looked
    up, not a tuple made for every comparison of a large corpus's sorts."""
    docs = np.fromiter((u.doc for u in units), dtype=np.int64, count=len(units))
    starts = np.fromiter((u.start for u in units), dtype=np.int64, count=len(units))
    ends = np.fromiter((u.end for u in units), dtype=np.int64, count=len(units))
    place = np.empty(len(units), dtype=np.int64)
    place[np.lexsort((ends, starts, docs))] = np.arange(len(units))
    return place.tolist().__getitem__


SPILL_BYTES: Final = 1 << 26
"""Documents whose offset maps take more than this together keep them in a file."""


def spilled(segs: list[Segmented]) -> list[Segmented]:
    """The segmentations with their offset maps moved to an unlinked temporary file and read
    back through the page cache, once the units are cut: until the edits, which cut the
    maps of the clusters' members only (in forked workers on a large corpus), nothing reads
    them, and on a large corpus they are the largest thing held."""
    if sum(s.folded.starts.nbytes + s.folded.ends.nbytes for s in segs) <= SPILL_BYTES:
        return segs
    try:
        return [
            replace(
                s, folded=Folded(s.folded.text, _mapped(s.folded.starts), _mapped(s.folded.ends))
            )
            for s in segs
        ]
    except OSError:  # no room for a temporary file: they stay in memory
        return segs


def _mapped(array: IntArray) -> IntArray:
    if not array.nbytes:
        return array
    with tempfile.TemporaryFile(prefix="diffkit-") as f:
        array.tofile(f)
        f.flush()
        buffer: Any = mmap.mmap(f.fileno(), array.nbytes, access=mmap.ACCESS_READ)
    return np.frombuffer(buffer, dtype=array.dtype)

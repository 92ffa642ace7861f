"""Units that may repeat (paragraphs, sentences), cut from segmented documents."""

from __future__ import annotations

import mmap
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from ..codepoints import PARAGRAPH_SEPARATOR, IntArray
from ..folding import Folded
from ..segmentation import Segmented
from .placeholders import short_units


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

    def folded(self, segs: Sequence[Segmented], *, drop: bool = True) -> Folded:
        """The key with its map, offsets relative to ``start``. Without ``drop``, the pages
        read stay until ``drop_pages`` (one call for many units instead of one each)."""
        folded = segs[self.doc].folded
        if len(self.key) != self.f_end - self.f_start:  # it spans a separator
            return folded.cut(self.f_start, self.f_end)[2]
        span = slice(self.f_start, self.f_end)  # the key is the folded text there
        starts = _read(folded.starts, span, self.start, drop)
        ends = _read(folded.ends, span, self.start, drop)
        return Folded(self.key, starts, ends)


class _Bounds(NamedTuple):
    """Where a document's units lie: folded offsets into its folded text, original offsets."""

    f_start: npt.NDArray[np.int64]
    f_end: npt.NDArray[np.int64]
    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]


def _unit_bounds(seg: Segmented, granularity: str, min_chars: int) -> _Bounds:
    """The bounds of the units of ``seg`` at least ``min_chars`` long, a placeholder or
    markup token counting one (``placeholders``): all that is read of its offset maps until
    the edits."""
    if granularity == "sentence":
        sentences = seg.sentences()
        f_start = np.fromiter((s.folded_start for s in sentences), np.int64, len(sentences))
        f_end = f_start + np.fromiter((len(s.folded) for s in sentences), np.int64, len(sentences))
    else:  # the paragraphs' offsets, without making their Segment objects
        f_start, f_end = seg.pieces.folded_starts, seg.pieces.folded_ends
    long_enough = f_end - f_start >= max(min_chars, 1)
    f_start, f_end = f_start[long_enough], f_end[long_enough]
    long_enough = ~short_units(seg.folded.text, f_start, f_end, max(min_chars, 1))
    f_start, f_end = f_start[long_enough], f_end[long_enough]
    # Original ranges of all units in one look-up each, instead of a cut per unit.
    starts = seg.folded.starts[f_start].astype(np.int64)
    ends = seg.folded.ends[f_end - 1].astype(np.int64)
    return _Bounds(f_start, f_end, starts, ends)


def _units_of(key: str, doc_index: int, bounds: _Bounds) -> tuple[list[_Unit], bool]:
    """The units at ``bounds`` of a document whose folded text is ``key``, and whether any
    of them spans a paragraph separator (their maps are then cut with the text)."""
    units = []
    spanning = False
    for f0, f1, start, end in zip(*(a.tolist() for a in bounds), strict=True):
        piece = key[f0:f1]
        if PARAGRAPH_SEPARATOR in piece:
            piece, spanning = piece.replace(PARAGRAPH_SEPARATOR, ""), True
        units.append(_Unit(doc_index, start, end, piece, f0, f1))
    return units, spanning


def _segment_units(seg: Segmented, doc_index: int, granularity: str, min_chars: int) -> list[_Unit]:
    return _units_of(seg.folded.text, doc_index, _unit_bounds(seg, granularity, min_chars))[0]


def cut_units(
    segs: Iterable[Segmented],
    granularity: str,
    min_chars: int,
    maps: Literal["keep", "spill", "drop"],
) -> tuple[list[_Unit], list[Segmented]]:
    """The units of each segmentation, cut as it comes, and what the edits need of it: its
    offset maps, kept (``"keep"``), moved to a file (``"spill"``) or let go with the rest
    (``"drop"``: no edit is wanted). The maps go before the units are made, and the folded
    text after, unless a unit's map must be cut with it: the units' keys hold it again."""
    units: list[_Unit] = []
    kept: list[Segmented] = []
    waiting: list[int] = []  # kept segmentations whose maps go to the next spill file
    waiting_bytes = 0
    d = 0  # not enumerate: its reused tuple would hold each segmentation through the loop
    for seg in segs:
        bounds = _unit_bounds(seg, granularity, min_chars)
        key = seg.folded.text
        if maps != "drop":
            kept.append(seg)
        if maps == "spill":
            waiting.append(len(kept) - 1)
            waiting_bytes += seg.folded.starts.nbytes + seg.folded.ends.nbytes
        del seg
        made, spanning = _units_of(key, d, bounds)
        units += made
        if maps != "drop" and not spanning:
            folded = kept[-1].folded
            kept[-1] = replace(kept[-1], folded=Folded("", folded.starts, folded.ends))
        if waiting_bytes >= SPILL_FILE_BYTES:
            _spill(kept, waiting)
            waiting, waiting_bytes = [], 0
        d += 1  # noqa: SIM113
    _spill(kept, waiting)
    return units, kept


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


SPILL_FILE_BYTES: Final = 1 << 25
"""The maps of documents are written to one file until they take this much: each file is
mapped, and a mapping holds a file descriptor, so a corpus of many documents spilled one by
one would run out of descriptors."""


def _spill(kept: list[Segmented], waiting: list[int]) -> None:
    spilled_now = spilled([kept[i] for i in waiting])
    for i, seg in zip(waiting, spilled_now, strict=True):
        kept[i] = seg


def spilled(segs: Sequence[Segmented]) -> list[Segmented]:
    """The segmentations with their offset maps moved to one unlinked temporary file and read
    back through the page cache: until the edits, which cut the maps of the clusters'
    members only (in forked workers on a large corpus), nothing reads them, and on a large
    corpus they are the largest thing held."""
    arrays = [a for seg in segs for a in (seg.folded.starts, seg.folded.ends)]
    try:
        views = _mapped(arrays)
    except OSError:  # no room for a temporary file: they stay in memory
        return list(segs)
    return [
        replace(seg, folded=Folded(seg.folded.text, starts, ends))
        for seg, starts, ends in zip(segs, views[::2], views[1::2], strict=True)
    ]


def _read(array: IntArray, span: slice, shift: int, drop: bool = True) -> IntArray:
    """``array[span] - shift``. The pages of a map in a file that this reads are dropped
    from the process again (the page cache keeps them; with ``drop``, at once): an edit
    worker reads the maps of members all over the corpus, and would otherwise end up
    holding them all."""
    out = array[span] - shift
    if drop and len(out):
        _drop(array, span.start * array.itemsize, span.stop * array.itemsize)
    return out


def drop_pages(segs: Iterable[Segmented]) -> None:
    """Drop from the process the pages of the spilled maps of ``segs`` (see ``_read``):
    each read of a map dropped its own pages, a syscall and page faults a member; dropping
    them once after a part's members were read costs far less, the pages held bounded by
    the part."""
    for seg in segs:
        for array in (seg.folded.starts, seg.folded.ends):
            _drop(array, 0, array.nbytes)


def _drop(array: IntArray, lo: int, hi: int) -> None:
    """Drop the pages of bytes ``lo..hi`` of ``array`` when it lies in a mapped file."""
    buffer: Any = array.base
    while isinstance(buffer, memoryview | np.ndarray):
        buffer = buffer.obj if isinstance(buffer, memoryview) else buffer.base
    drop = getattr(mmap, "MADV_DONTNEED", None)
    if isinstance(buffer, mmap.mmap) and drop is not None and hi > lo:
        at = array.ctypes.data - np.frombuffer(buffer, dtype=np.uint8).ctypes.data
        start = (at + lo) // mmap.PAGESIZE * mmap.PAGESIZE
        buffer.madvise(drop, start, at + hi - start)


def _mapped(arrays: list[IntArray]) -> list[IntArray]:
    """``arrays`` written one after another to one file, mapped once, as read-only views."""
    size = sum(a.nbytes for a in arrays)
    if not size:
        return arrays
    with tempfile.TemporaryFile(prefix="diffkit-") as f:
        for array in arrays:
            array.tofile(f)
        f.flush()
        buffer: Any = mmap.mmap(f.fileno(), size, access=mmap.ACCESS_READ)
    views: list[IntArray] = []
    at = 0
    for array in arrays:
        if len(array):  # an empty view would need an offset inside the file
            views.append(np.frombuffer(buffer, dtype=array.dtype, count=len(array), offset=at))
        else:
            views.append(array)
        at += array.nbytes
    return views

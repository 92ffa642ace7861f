"""A document cut into paragraphs and sentences, each with its folded key and its place in the
original: what ``segment`` returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from .. import heap
from ..codepoints import to_codepoints, view_codepoints
from ..folding import Folded, FoldProfile, fold_spans, resolve_profile
from ..gcpause import gc_paused
from ..model import Document, Granularity, Segment, SegmentKind
from .characters import _SENTENCE, _SPACE
from .lines import _Table
from .rejoin import _paragraphs, _rows


def paragraph_line_spans(doc: Document) -> list[tuple[int, int]]:
    """The paragraphs as 1-based (first line, last line) of the document."""
    if not doc.text:
        return []
    line_starts = np.asarray(doc.line_starts, dtype=np.int64)
    t, firsts, lasts = _paragraphs(doc.text, view_codepoints(doc.text), line_starts)
    if t is None:
        return []
    rows = _rows(line_starts, t) + 1
    return list(zip(rows[firsts].tolist(), rows[lasts].tolist(), strict=True))


def _kinds(
    t: _Table, firsts: npt.NDArray[np.int64], lasts: npt.NDArray[np.int64]
) -> list[SegmentKind]:
    """Each paragraph's kind: a lone standalone line is noise; a lone line that ends no sentence
    and is short or opens like a heading, or a heading with its one tail line, is a heading."""
    alone = firsts == lasts
    heading_line = ~t.ends_sentence[firsts] & (t.heading_start[firsts] | (t.cells[firsts] <= 60))
    kinds: list[SegmentKind] = np.select(
        [
            alone & t.standalone[firsts],
            alone & heading_line,
            (lasts == firsts + 1) & t.heading[firsts],
        ],
        ["noise", "heading", "heading"],
        default="text",
    ).tolist()
    return kinds


class Pieces(NamedTuple):
    """Where each paragraph lies: original offsets, offsets in the folded text, kinds. The
    offsets are arrays: a million paragraphs' offsets as Python ints take five times the
    memory."""

    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    folded_starts: npt.NDArray[np.int64]
    folded_ends: npt.NDArray[np.int64]
    kinds: list[SegmentKind]


_NONE: Final = np.zeros(0, dtype=np.int64)
_NO_PIECES: Final = Pieces(_NONE, _NONE, _NONE, _NONE, [])
_TRIM_CHARS: Final = 1 << 22
"""Documents this long give the heap back after their line table: a trim's cost grows with the
heap, and a corpus of small documents would pay it a document."""


@dataclass(frozen=True, eq=False)
class Segmented:
    """A document cut into paragraphs, with their folded keys and the offset map behind them.
    The Segment objects are made on first use: a corpus's dedupe reads only the keys and
    offsets (``pieces``), and a million Segments with their spans cost seconds."""

    document: Document
    profile: FoldProfile
    pieces: Pieces
    folded: Folded
    """The paragraphs' folded keys joined by U+2029, with the map back to the document."""

    @cached_property
    def paragraphs(self) -> tuple[Segment, ...]:
        text, key = self.document.text, self.folded.text
        starts, ends, f_starts, f_ends = (a.tolist() for a in self.pieces[:4])
        kinds = self.pieces.kinds
        with gc_paused():
            spans = self.document.spans(starts, ends)
            # Positional arguments: index, span, text, folded, kind, paragraph, folded_start.
            return tuple(
                Segment(k, span, text[start:end], key[f0:f1], kind, k, f0)
                for k, (span, start, end, f0, f1, kind) in enumerate(
                    zip(spans, starts, ends, f_starts, f_ends, kinds, strict=True)
                )
            )

    def sentences(self) -> tuple[Segment, ...]:
        """The sentences of every paragraph, in document order."""
        out: list[Segment] = []
        text = self.document.text
        for para in self.paragraphs:
            for start, end in sentence_bounds(para.text, para.span.start):
                i, j = self.folded.folded_range(start, end)
                i = max(i, para.folded_start)
                j = min(j, para.folded_start + len(para.folded))
                if j <= i:
                    continue
                out.append(
                    Segment(
                        index=len(out),
                        span=self.document.span(start, end),
                        text=text[start:end],
                        folded=self.folded.text[i:j],
                        kind=para.kind,
                        paragraph=para.index,
                        folded_start=i,
                    )
                )
        return tuple(out)

    def segments(self, granularity: Granularity = "paragraph") -> tuple[Segment, ...]:
        return self.paragraphs if granularity == "paragraph" else self.sentences()


def sentence_bounds(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentences of one paragraph as ``(start, end)`` offsets, trimmed of spaces and breaks."""
    bounds: list[tuple[int, int]] = []
    prev = 0
    for m in _SENTENCE.finditer(text):
        bounds.append((prev, m.end()))
        prev = m.end()
    bounds.append((prev, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in bounds:
        piece = text[s:e]
        stripped = piece.strip(_SPACE + "\r\n")
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip(_SPACE + "\r\n"))
        out.append((offset + s + lead, offset + s + lead + len(stripped)))
    return out


def segment(
    doc: Document,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    processes: int = 1,
) -> Segmented:
    """Cut ``doc`` into paragraphs and fold each of them for matching; a large document's
    fold may be shared among ``processes`` forked processes.

    >>> from diffkit.loading import from_text
    >>> text = "各位代表：\\n\\n我受委托，向大会\\n报告工作。\\n"
    >>> [(p.span.start_line, p.span.end_line) for p in segment(from_text(text)).paragraphs]
    [(1, 1), (3, 4)]
    """
    resolved = resolve_profile(profile, skip=skip)
    text = doc.text
    if not text:
        return Segmented(doc, resolved, _NO_PIECES, Folded("", _NONE, _NONE))
    # The code points are handed to the fold, which overwrites them, without a name here
    # that would keep them alive through it: the fold lets them go before its results grow.
    owned = [to_codepoints(text)]
    cut = _cut(text, owned[0], doc.line_starts)
    if cut is None:
        return Segmented(doc, resolved, _NO_PIECES, Folded("", _NONE, _NONE))
    starts, ends, kinds = cut
    if len(text) >= _TRIM_CHARS:  # the line table's temporaries, before the fold needs the room
        heap.trim()
    folded, cuts = fold_spans(owned.pop(), starts, ends, profile=resolved, processes=processes)
    f_starts = np.empty(len(starts), dtype=np.int64)
    f_starts[0], f_starts[1:] = 0, cuts + 1
    f_ends = np.append(cuts, len(folded.text)).astype(np.int64)
    return Segmented(doc, resolved, Pieces(starts, ends, f_starts, f_ends, kinds), folded)


def _cut(
    text: str, cps: npt.NDArray[np.uint32], line_starts: tuple[int, ...]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[SegmentKind]] | None:
    """The paragraphs' original starts, ends and kinds, or None when there is none. The line
    table behind them is the size of the document's lines: it goes before the fold."""
    table, firsts, lasts = _paragraphs(text, cps, np.asarray(line_starts, dtype=np.int64))
    if table is None or not len(firsts):
        return None
    return table.start[firsts], table.end[lasts], _kinds(table, firsts, lasts)

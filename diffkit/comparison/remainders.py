"""What the pairs leave of the paragraphs they touch, reported as unmatched passages.

A pair may cover only part of a paragraph (a sentence of a longer message, a fragment cut
short); the rest of that paragraph is in no pair. Nothing may be lost from the report, so every
stretch of a paragraph that no pair covers is listed as unmatched with its own span, beside
the paragraphs no pair touches at all: every character of both inputs that folding keeps is
in a pair's span or in an unmatched passage.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from ..codepoints import PARAGRAPH_SEPARATOR
from ..model import Segment
from ..segmentation import Segmented


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of ``spans`` as sorted, disjoint intervals."""
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _uncovered(lo: int, hi: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``[lo, hi)`` outside the sorted, disjoint intervals ``covered``."""
    out: list[tuple[int, int]] = []
    at = max(bisect.bisect_right(covered, (lo, lo)) - 1, 0)
    while at < len(covered) and covered[at][0] < hi:
        c0, c1 = covered[at]
        if c0 > lo:
            out.append((lo, c0))
        lo = max(lo, c1)
        at += 1
    if lo < hi:
        out.append((lo, hi))
    return out


def _piece(seg: Segment, lo: int, hi: int, doc: Segmented) -> Segment | None:
    """The stretch ``[lo, hi)`` of ``seg`` without the blanks around it, as a segment of its
    own; None when folding leaves nothing of it (blanks, a pinyin note after a paired word),
    as a paragraph that folds to nothing is no unmatched passage either."""
    text = doc.document.text
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if lo == hi:
        return None
    folded = doc.folded
    i, j = folded.folded_range(lo, hi)
    key = folded.text[i:j].replace(PARAGRAPH_SEPARATOR, "")
    if not key.strip():
        return None
    return Segment(
        index=seg.index,
        span=doc.document.span(lo, hi),
        text=text[lo:hi],
        folded=key,
        kind=seg.kind,
        paragraph=seg.paragraph,
        folded_start=i,
    )


def unmatched(doc: Segmented, spans: Iterable[tuple[int, int]]) -> tuple[Segment, ...]:
    """The passages of ``doc`` outside every pair's original span ``spans``: each paragraph
    no pair touches, whole, and each stretch of a paragraph a pair covers only in part."""
    covered = _merged(spans)
    out: list[Segment] = []
    for seg in doc.paragraphs:
        if not seg.folded:
            continue
        rest = _uncovered(seg.span.start, seg.span.end, covered)
        if rest == [(seg.span.start, seg.span.end)]:
            out.append(seg)
            continue
        out.extend(p for lo, hi in rest if (p := _piece(seg, lo, hi, doc)) is not None)
    return tuple(out)

"""Score one comparison against the truth its source's structure gives.

Definitions (the figures the table prints):

- A block's *size* is its count of non-blank characters after NFKC: it decides whether the
  block is one of the >= 20 or >= 8 character paragraphs recall is measured on. It does not
  depend on diffkit, so every version of diffkit is held to the same paragraphs.
- A true pair is *translated* when both sides are written in Chinese (at least a third of
  their letters Han) or neither is: a help page translated on one side and left in English
  on the other has a true counterpart no comparison of text can find. Recall of >= 20 and
  >= 8 character paragraphs is over translated pairs.
- Two blocks *belong together* when they have the same key, or when their texts equal those of
  a keyed pair (a catalog that says 是 twice cannot tell which 是 is which).
- A predicted pair that touches no block on either side (text outside the structure, such as a
  plain-text table of contents) is *unjudged*; any other is *right* when most (> half) of the
  block characters its A span covers lie in blocks whose counterpart its B span overlaps, and
  the same with A and B swapped.
- A true paragraph is *found* when more than half of its non-blank characters, and more than
  half of its counterpart's, are covered by pairs that join the two (pairs whose other span
  overlaps the counterpart).
- *Similar once folded*: the zh_TW text converted with OpenCC tw2sp (script and
  Taiwan phrasing), both sides then NFKC, case-folded and stripped of whitespace and
  punctuation, have a normalized Indel similarity (rapidfuzz ``fuzz.ratio`` / 100) >= 0.5.
  The "similar" recall and precision are over those pairs (precision: over the predicted
  pairs whose A span lies mostly in such blocks); the goals for catalogs are set on them.
- A block is *one segment* when diffkit's paragraph segmentation (``diffkit.segments`` with
  default options) puts all its non-blank characters in one paragraph that holds no other
  block's; *split* when they fall in several paragraphs; *merged* when its paragraph also
  holds another block's characters (both sides counted). Where the blocks are not paragraphs
  (the synthetic copies, whose two sides have the same lines), the figure is instead the
  paragraph starts (line numbers) found on one side only, out of all paragraph starts; and
  the differences counted, and the documents that would exit 1, under
  ``--ignore script,regional,punctuation,whitespace``.
- A content edit is *at a boundary* when it touches the start or end of its pair on either
  side; it is *explained by OpenCC* when its A text converted with s2twp, s2tw or s2hk equals
  its B text, or its B text converted with tw2sp or t2s equals its A text.
- *Overlaps*: pairs that share part of their span on a side with another pair, counted on
  both sides (should be 0: the shared text is reported as matched and as inserted). Pairs
  that hold the very same span (one passage paired with each of its copies) are not counted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
from realdata_measures import (
    LENIENT,
    LONG,
    SHORT,
    SIMILAR,
    WRONG_EXAMPLES,
    Score,
    chinese,
    explained_by_opencc,
    similar_once_folded,
    size,
)
from realdata_sources import Case, Side

import diffkit

__all__ = ["LENIENT", "LONG", "SHORT", "SIMILAR", "Score", "score"]


def _block_map(side: Side) -> np.ndarray[Any, np.dtype[np.int64]]:
    """For each character of the side's text, the index of its block, or -1."""
    out = np.full(len(side.text), -1, dtype=np.int64)
    for n, block in enumerate(side.blocks):
        out[block.start : block.end] = n
    return out


def _solid(side: Side) -> np.ndarray[Any, np.dtype[np.bool_]]:
    return np.fromiter((not c.isspace() for c in side.text), dtype=np.bool_, count=len(side.text))


def _classes(case: Case) -> tuple[list[int], list[int]]:
    """Each block's class: blocks of A and B that belong together share one; -1 for none."""
    b_by_key = {blk.key: blk for blk in case.b.blocks}
    a_text = {blk.key: case.a.text[blk.start : blk.end] for blk in case.a.blocks}
    class_of_texts: dict[tuple[str, str], int] = {}
    class_of_key: dict[str, int] = {}
    for key, text in a_text.items():
        if key in b_by_key:
            blk = b_by_key[key]
            texts = (text, case.b.text[blk.start : blk.end])
            class_of_key[key] = class_of_texts.setdefault(texts, len(class_of_texts))
    a = [class_of_key.get(blk.key, -1) for blk in case.a.blocks]
    b = [class_of_key.get(blk.key, -1) for blk in case.b.blocks]
    return a, b


def _overlap(blocks: np.ndarray[Any, np.dtype[np.int64]], start: int, end: int) -> dict[int, int]:
    inside = blocks[start:end]
    inside = inside[inside >= 0]
    if not len(inside):
        return {}
    counts = np.bincount(inside)
    return {int(n): int(c) for n, c in enumerate(counts) if c}


def _segmentation(s: Score, side: Side) -> None:
    owner = np.full(len(side.text), -1, dtype=np.int64)
    for n, seg in enumerate(diffkit.segments(side.text)):
        owner[seg.span.start : seg.span.end] = n
    blocks, solid = _block_map(side), _solid(side)
    counted = (blocks >= 0) & (owner >= 0) & solid
    # How many distinct blocks each paragraph holds characters of.
    pairs = np.unique(np.stack([owner[counted], blocks[counted]]), axis=1)
    holds = np.bincount(pairs[0], minlength=int(owner.max()) + 1) if pairs.size else np.zeros(1)
    for block in side.blocks:
        inside = owner[block.start : block.end][solid[block.start : block.end]]
        inside = np.unique(inside[inside >= 0])
        if len(inside) > 1:
            s.blocks_split += 1
        elif len(inside) == 1 and holds[inside[0]] > 1:
            s.blocks_merged += 1
        elif len(inside) == 1:
            s.blocks_one_segment += 1


@dataclass
class _Judged:
    """What scoring one comparison builds up: the blocks' classes and maps, and which block
    characters the pairs that join true counterparts cover, on each side."""

    class_a: list[int]
    class_b: list[int]
    map_a: np.ndarray[Any, np.dtype[np.int64]]
    map_b: np.ndarray[Any, np.dtype[np.int64]]
    covered_a: np.ndarray[Any, np.dtype[np.bool_]]
    covered_b: np.ndarray[Any, np.dtype[np.bool_]]

    @classmethod
    def of(cls, case: Case) -> _Judged:
        class_a, class_b = _classes(case)
        return cls(
            class_a,
            class_b,
            _block_map(case.a),
            _block_map(case.b),
            np.zeros(len(case.a.text), dtype=np.bool_),
            np.zeros(len(case.b.text), dtype=np.bool_),
        )


def score(case: Case, report: diffkit.CompareReport, seconds: float) -> Score:
    """The counts of one comparison: its pairs judged, recall over the true pairs, and how
    the paragraphs are cut (or, for the synthetic copies, where paragraphs start)."""
    s = Score(cases=1, seconds=seconds, blocks_a=len(case.a.blocks), blocks_b=len(case.b.blocks))
    judged = _Judged.of(case)
    truth, similar_a, translated_a = _truth(case)
    s.true_pairs = len(truth)
    for pair in report.pairs:
        _judge_pair(s, case, judged, similar_a, pair)
    _recall(s, case, judged, truth, similar_a, translated_a)
    if case.paragraphs:
        _segmentation(s, case.a)
        _segmentation(s, case.b)
        s.segmented_blocks = s.blocks_a + s.blocks_b
    else:
        _same_lines(s, case, report)
    s.translated = len(translated_a)
    s.unmatched_a = len(report.unmatched_a)
    s.unmatched_b = len(report.unmatched_b)
    s.overlaps = overlaps(report)
    return s


def _truth(case: Case) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """The true pairs (A block, B block) by key; the A blocks of those similar once folded,
    and of those translated (both sides Chinese, or neither)."""
    b_by_key = {blk.key: n for n, blk in enumerate(case.b.blocks)}
    truth = [(i, b_by_key[blk.key]) for i, blk in enumerate(case.a.blocks) if blk.key in b_by_key]
    similar_a: set[int] = set()
    translated_a: set[int] = set()
    for i, j in truth:
        a, b = case.a.blocks[i], case.b.blocks[j]
        cn, tw = case.a.text[a.start : a.end], case.b.text[b.start : b.end]
        if similar_once_folded(cn, tw) >= SIMILAR:
            similar_a.add(i)
        if chinese(cn) == chinese(tw):
            translated_a.add(i)
    return truth, similar_a, translated_a


def _judge_pair(
    s: Score, case: Case, judged: _Judged, similar_a: set[int], pair: diffkit.Pair
) -> None:
    """Count one pair right or wrong (or unjudged), mark the block characters it covers
    that lie in true counterparts of what it covers on the other side, and count its edits."""
    over_a = _overlap(judged.map_a, pair.a.start, pair.a.end)
    over_b = _overlap(judged.map_b, pair.b.start, pair.b.end)
    if not over_a and not over_b:
        # Text the source's structure says nothing about (a table of contents).
        s.unjudged += 1
        _score_edits(s, case, pair)
        return
    class_a, class_b = judged.class_a, judged.class_b
    joined = ({class_a[n] for n in over_a} - {-1}) & ({class_b[n] for n in over_b} - {-1})
    good_a = sum(c for n, c in over_a.items() if class_a[n] in joined)
    good_b = sum(c for n, c in over_b.items() if class_b[n] in joined)
    right = 2 * good_a > sum(over_a.values()) and 2 * good_b > sum(over_b.values())
    s.pairs += 1
    s.pairs_right += right
    in_similar = sum(c for n, c in over_a.items() if n in similar_a)
    if 2 * in_similar > sum(over_a.values()):
        s.similar_pairs += 1
        s.similar_pairs_right += right
    if not right and len(s.examples.setdefault("wrong_pairs", [])) < WRONG_EXAMPLES:
        s.examples["wrong_pairs"].append(_wrong(case, pair, over_a, over_b))
    for blocks, over, classes, covered, span in (
        (case.a.blocks, over_a, class_a, judged.covered_a, pair.a),
        (case.b.blocks, over_b, class_b, judged.covered_b, pair.b),
    ):
        for n in over:
            if classes[n] in joined:
                blk = blocks[n]
                covered[max(blk.start, span.start) : min(blk.end, span.end)] = True
    _score_edits(s, case, pair)


def _recall(
    s: Score,
    case: Case,
    judged: _Judged,
    truth: list[tuple[int, int]],
    similar_a: set[int],
    translated_a: set[int],
) -> None:
    """Count the true pairs found (most of both sides covered by pairs joining them): over
    those similar once folded, and over translated ones of >= 20 and >= 8 characters."""
    solid_a, solid_b = _solid(case.a), _solid(case.b)
    for i, j in truth:
        a, b = case.a.blocks[i], case.b.blocks[j]
        n = size(case.a.text[a.start : a.end])
        found = _mostly(judged.covered_a, solid_a, a.start, a.end) and _mostly(
            judged.covered_b, solid_b, b.start, b.end
        )
        if i in similar_a:
            s.similar_total += 1
            s.similar_found += found
        if i not in translated_a:
            continue
        if n >= LONG:
            s.long_total += 1
            s.long_found += found
        if n >= SHORT:
            s.short_total += 1
            s.short_found += found
            if not found and n >= LONG and len(s.examples.setdefault("missed", [])) < 5:
                s.examples["missed"].append(
                    {"case": case.name, "a": case.a.text[a.start : a.end][:80]}
                )


def _same_lines(s: Score, case: Case, report: diffkit.CompareReport) -> None:
    """The same lines in two scripts: the paragraphs diffkit cuts should start on the same
    lines of both, and the comparison exit 0 when what a conversion changes is ignored."""
    starts = [{seg.span.start_line for seg in diffkit.segments(x.text)} for x in (case.a, case.b)]
    s.layout_paragraphs = len(starts[0] | starts[1])
    lenient = dataclasses.replace(report, ignore=LENIENT)
    s.lenient_differences = lenient.differences()
    s.lenient_failures = lenient.exit_code
    s.layout_cut_differently = len(starts[0] ^ starts[1])


def overlaps(report: diffkit.CompareReport) -> int:
    """Pairs that share part of their text on a side with the pair before them there: that
    text is reported twice (matched in one, inserted in the other). Pairs that hold the very
    same stretch (a passage repeated in the other document, each copy paired) do not count."""
    count = 0
    for side in ("a", "b"):
        spans = sorted({(getattr(p, side).start, getattr(p, side).end) for p in report.pairs})
        reach = -1
        for start, end in spans:
            count += start < reach
            reach = max(reach, end)
    return count


def _wrong(
    case: Case, pair: diffkit.Pair, over_a: dict[int, int], over_b: dict[int, int]
) -> dict[str, Any]:
    """A wrong pair as a reader sorts it: its kind, its text and the blocks each side covers."""

    def blocks(side: Side, over: dict[int, int]) -> list[str]:
        return [side.blocks[n].key for n in sorted(over)]

    return {
        "case": case.name,
        "kind": pair.kind,
        "similarity": round(pair.similarity, 3),
        "moved": pair.moved,
        "a": pair.a_text[:80],
        "b": pair.b_text[:80],
        "a_at": pair.a.start,
        "b_at": pair.b.start,
        "a_blocks": blocks(case.a, over_a),
        "b_blocks": blocks(case.b, over_b),
    }


def _mostly(
    covered: np.ndarray[Any, np.dtype[np.bool_]],
    solid: np.ndarray[Any, np.dtype[np.bool_]],
    start: int,
    end: int,
) -> bool:
    mask = solid[start:end]
    total = int(mask.sum())
    return total > 0 and 2 * int((covered[start:end] & mask).sum()) > total


def _score_edits(s: Score, case: Case, pair: diffkit.Pair) -> None:
    for edit in pair.edits:
        s.edits[edit.category] += 1
        if edit.category != "content":
            continue
        at_edge = (
            edit.a_start <= pair.a.start
            or edit.a_end >= pair.a.end
            or edit.b_start <= pair.b.start
            or edit.b_end >= pair.b.end
        )
        s.content_at_boundary += at_edge
        if not at_edge and len(s.examples.setdefault("content", [])) < 10:
            s.examples["content"].append({"case": case.name, "a": edit.a_text, "b": edit.b_text})
        if explained_by_opencc(edit.a_text, edit.b_text):
            s.content_opencc += 1
            if len(s.examples.setdefault("content_opencc", [])) < 10:
                s.examples["content_opencc"].append(
                    {"case": case.name, "a": edit.a_text, "b": edit.b_text}
                )

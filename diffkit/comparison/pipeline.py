"""`compare`: the stages run in order, from two sources to a report.

Load, segment and fold both documents; draw anchors and chain them into candidates; select,
add what neighbours and likeness pair; diff every pair with its edits classified, mark moves,
and weigh how much of both documents is matched.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, Final

import numpy as np

from .. import pieces
from ..anchors import Run
from ..differences import diff_raw_many
from ..folding import Folded, FoldProfile, fitted, resolve_profile
from ..loading import Source, load_named
from ..model import Document, DocumentInfo, Pair, PairKind, edits_of
from ..neighbours import increasing
from ..progress import Tick
from ..regional import Glossary
from ..seeds import seed_runs
from ..segmentation import Segmented, segment
from .apart import apart
from .candidates import Candidate, Side, chained, exact_paragraphs
from .families import reassigned
from .remainders import unmatched
from .report import SCHEMA, Cancelled, CompareReport, Progress, check_categories
from .selection import alike_beyond_names, in_order, select, short_equal_in_order, trimmed
from .unpaired import by_likeness, by_neighbours
from .widening import whole_when_alone


def _kind(a_text: str, b_text: str, a_whole: bool, b_whole: bool, equal_keys: bool) -> PairKind:
    if a_whole and b_whole:
        if a_text == b_text:
            return "identical"
        return "equivalent" if equal_keys else "modified"
    if a_whole:
        return "a_in_b"
    if b_whole:
        return "b_in_a"
    return "partial"


_DIFF_BATCH: Final = 256
IntArray = np.ndarray[Any, np.dtype[np.int64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


def _moved(b_order: list[int]) -> list[bool]:
    """Pairs outside a longest increasing run of B positions (taken in A order) moved."""
    keep = set(increasing(b_order))
    return [i not in keep for i in range(len(b_order))]


# Long for its keyword arguments, documentation and report fields: each stage is one call.
def compare(
    a: Source,
    b: Source,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    glossary: Glossary | str | os.PathLike[str] | None = None,
    ignore: Iterable[str] = (),
    k: int = 8,
    min_chars: int = 20,
    encoding: str | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> CompareReport:
    """Align document ``a`` with document ``b`` and explain every difference.

    ``ignore`` names edit categories that do not count as differences (``script``,
    ``punctuation``, ...); ``k`` is the anchor length in folded characters; passages shorter
    than ``min_chars`` folded characters are not paired.

    >>> r = compare("市委将一如既往支持和保障各级人大。", "市委將(jiāng)一如既往支持和保障各級人大。")
    >>> r.pairs[0].kind, r.differences()
    ('equivalent', 3)
    >>> compare("市委将一如既往支持和保障各级人大。", "市委將一如既往支持和保障各級人大。", ignore=["script"]).exit_code
    0
    """
    ignored = check_categories(ignore)
    resolved = resolve_profile(profile, skip=skip, glossary=glossary)

    def step(name: str, fraction: float) -> None:
        if cancel is not None and cancel():
            raise Cancelled(name)
        if progress is not None:
            progress(name, fraction)

    step("load", 0.0)
    da = load_named(a, encoding=encoding, name="<a>")
    step("load", 0.02)
    db = load_named(b, encoding=encoding, name="<b>")
    resolved = fitted(resolved, (da.text, db.text))
    step("segment", 0.04)
    sa = segment(da, profile=resolved)
    step("segment", 0.12)
    sb = segment(db, profile=resolved)
    candidates, bounds = _aligned(sa, sb, k, min_chars, step)
    pairs, weights = _diffed(candidates, da, db, sa, sb, bounds, step)
    covered_a = np.append(bounds.separators_a, True)
    covered_b = np.append(bounds.separators_b, True)
    matched = _matched(weights, covered_a, covered_b)
    total_a = sum(len(p.folded) for p in sa.paragraphs)
    total_b = sum(len(p.folded) for p in sb.paragraphs)
    step("done", 1.0)
    return CompareReport(
        schema=SCHEMA,
        a=DocumentInfo.of(da),
        b=DocumentInfo.of(db),
        profile=resolved.name,
        steps=resolved.steps,
        ignore=ignored,
        # Two documents with nothing to compare are alike, not 0% similar.
        similarity=round(matched / (total_a + total_b), 4) if total_a + total_b else 1.0,
        coverage_a=round(_covered(covered_a, sa) / max(total_a, 1), 4),
        coverage_b=round(_covered(covered_b, sb) / max(total_b, 1), 4),
        pairs=tuple(pairs),
        unmatched_a=unmatched(sa, ((p.a.start, p.a.end) for p in pairs)),
        unmatched_b=unmatched(sb, ((p.b.start, p.b.end) for p in pairs)),
    )


@dataclass(frozen=True)
class _Bounds:
    """What the diff stage keeps of the anchor stage: each paragraph's folded start and end
    on both sides, and where the folded texts hold paragraph separators."""

    starts_a: IntArray
    ends_a: IntArray
    starts_b: IntArray
    ends_b: IntArray
    separators_a: BoolArray
    separators_b: BoolArray


def _aligned(
    sa: Segmented, sb: Segmented, k: int, min_chars: int, step: Progress
) -> tuple[list[Candidate], _Bounds]:
    """The candidate pairs in A's order: anchors chained, selected, held to the anchored
    order, with what neighbours and likeness pair, trimmed apart. The anchors, runs and maps
    are dropped on return: the pairs' edits need the room."""
    step("anchors", 0.2)
    side_a, side_b = Side.of(sa), Side.of(sb)
    runs = seed_runs(side_a.plain, side_b.plain, k=k, tick=Tick(step, "anchors", 0.2, 0.3))
    grouped: dict[int, list[Run]] = defaultdict(list)
    tick = Tick(step, "anchors", 0.3, 0.35, every=4096)
    for n, run in enumerate(runs):
        if n >= tick.next_at:
            tick(n / len(runs))
        for piece in side_a.split(run):
            grouped[int(side_a.paragraph_at[piece.a])].append(piece)
    found = chained(grouped, side_a, side_b, min_chars, Tick(step, "align", 0.35, 0.45, every=4096))
    candidates = select(
        found + exact_paragraphs(sa, sb),
        len(sa.folded.text),
        len(sb.folded.text),
        Tick(step, "align", 0.45, 0.5, every=4096),
        written=(_written(sa), _written(sb)),
    )
    candidates = alike_beyond_names(short_equal_in_order(in_order(candidates)), side_a, side_b)
    paired = candidates + by_neighbours(candidates, sa, sb)
    candidates = sorted(
        apart(
            whole_when_alone(
                trimmed(reassigned(paired + by_likeness(paired, sa, sb), sa, sb), side_a, side_b),
                sa,
                sb,
                side_a,
                side_b,
            ),
            side_a,
            side_b,
        ),
        key=lambda c: (c.a_lo, c.b_lo),
    )
    bounds = _Bounds(
        side_a.starts, side_a.ends, side_b.starts, side_b.ends, side_a.separators, side_b.separators
    )
    return candidates, bounds


def _written(seg: Segmented) -> Callable[[int, int], str]:
    """A folded stretch of ``seg`` as its original text."""

    def text(lo: int, hi: int) -> str:
        start, end = seg.folded.original_range(lo, hi)
        return seg.document.text[start:end]

    return text


def _through_dropped(text: str, folded: Folded, hi: int, end: int) -> int:
    """``end`` moved over what the fold dropped right after a pair's last folded character,
    less whitespace: a pinyin reading that ends a paragraph (``完成(chéng)``) maps onto no
    folded character, and would otherwise be in no pair, no edit and no unmatched passage."""
    after = int(folded.starts[hi]) if hi < len(folded.starts) else len(text)
    return end + len(text[end:after].rstrip())


def _diffed(
    candidates: list[Candidate],
    da: Document,
    db: Document,
    sa: Segmented,
    sb: Segmented,
    bounds: _Bounds,
    step: Progress,
) -> tuple[list[Pair], list[tuple[float, int, int, int, int]]]:
    """Each candidate as a pair of original spans with its edits, kind, similarity and moved
    mark; and each pair's similarity with its folded ranges, to weigh what is matched."""
    fa, fb = sa.folded, sb.folded
    pairs: list[Pair] = []
    weights: list[tuple[float, int, int, int, int]] = []
    total = max(len(candidates), 1)
    for lo in range(0, len(candidates), _DIFF_BATCH):
        step("diff", 0.5 + 0.45 * lo / total)
        batch = []
        for cand in candidates[lo : lo + _DIFF_BATCH]:
            a0, a1, fa_sub = fa.cut(cand.a_lo, cand.a_hi)
            b0, b1, fb_sub = fb.cut(cand.b_lo, cand.b_hi)
            a1 = _through_dropped(da.text, fa, cand.a_hi, a1)
            b1 = _through_dropped(db.text, fb, cand.b_hi, b1)
            batch.append((cand, a0, a1, b0, b1, da.text[a0:a1], fa_sub, db.text[b0:b1], fb_sub))
        # The array work of the diffs is done for the whole batch at once.
        raws = diff_raw_many(
            [(at, fas, bt, fbs) for *_, at, fas, bt, fbs in batch],
            sa.profile.effective_glossary(),
        )
        for (cand, a0, a1, b0, b1, a_text, fa_sub, b_text, fb_sub), raw in zip(
            batch, raws, strict=True
        ):
            i, j = cand.a_paragraph, cand.b_paragraph
            whole_a = (cand.a_lo, cand.a_hi) == (bounds.starts_a[i], bounds.ends_a[i])
            whole_b = (cand.b_lo, cand.b_hi) == (bounds.starts_b[j], bounds.ends_b[cand.b_last])
            equal_keys = fa_sub.text == fb_sub.text
            similarity = 1.0 if equal_keys else pieces.indel_similarity(fa_sub.text, fb_sub.text)
            pairs.append(
                Pair(
                    index=len(pairs),
                    a=da.span(a0, a1),
                    b=db.span(b0, b1),
                    a_text=a_text,
                    b_text=b_text,
                    kind=_kind(a_text, b_text, whole_a, whole_b, equal_keys),
                    similarity=round(similarity, 4),
                    edits=edits_of(raw, a_text, b_text, a_base=a0, b_base=b0),
                    a_paragraph=i,
                    b_paragraph=j,
                )
            )
            weights.append((similarity, cand.a_lo, cand.a_hi, cand.b_lo, cand.b_hi))
    moved = _moved([p.b.start for p in pairs])
    return [replace(p, moved=m) for p, m in zip(pairs, moved, strict=True)], weights


def _matched(
    weights: list[tuple[float, int, int, int, int]], covered_a: BoolArray, covered_b: BoolArray
) -> float:
    """Folded characters matched on both sides, each weighed by the similarity of the best
    pair that covers it; ``covered_a`` and ``covered_b`` are marked as they are counted."""
    matched = 0.0
    for sim, a_lo, a_hi, b_lo, b_hi in sorted(weights, reverse=True):
        new_a = int((~covered_a[a_lo:a_hi]).sum())
        new_b = int((~covered_b[b_lo:b_hi]).sum())
        matched += sim * (new_a + new_b)
        covered_a[a_lo:a_hi] = True
        covered_b[b_lo:b_hi] = True
    return matched


def _covered(mask: BoolArray, seg: Segmented) -> int:
    return sum(
        int(mask[p.folded_start : p.folded_start + len(p.folded)].sum()) for p in seg.paragraphs
    )

"""`compare`: align two documents across script, wrapping and order, and explain every difference.

Both documents are segmented and folded; shared k-grams of the folded texts are the anchors
(seeds.py: those rare in both pair every copy, repeated ones only the copy their context points
to, so the work grows with the input, not with its repetition); anchors on one diagonal merge
into runs and runs chain into aligned passages, in any order, so moved, split, repeated and
contained passages are all found. A pair resting on repeats alone stands only where it keeps
the order of the others; repeated and short paragraphs left over pair between aligned
neighbours (neighbours.py). Each aligned pair is widened to whole paragraphs or sentences (but
not into what a neighbouring pair matched), diffed with every edit classified, and marked as
moved when B holds it out of A's order. Whatever has no counterpart is listed as unmatched.
"""

from __future__ import annotations

import bisect
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any, Final

import numpy as np

from . import pieces
from .anchors import Chain, Run, chain_runs
from .codepoints import PARAGRAPH_SEPARATOR, to_codepoints
from .differences import diff_raw_many
from .errors import UsageError
from .folding import FoldProfile, fitted, resolve_profile
from .leftovers import alike_pairs
from .loading import Source, load_named
from .model import (
    CATEGORIES,
    DocumentInfo,
    Pair,
    PairKind,
    Segment,
    dumps_report,
    edits_of,
    encode_json,
    report_bytes,
    report_chunks,
    segment_from_dict,
)
from .neighbours import gap_pairs, increasing
from .progress import QUIET, Tick
from .regional import Glossary
from .seeds import seed_runs
from .segmentation import Segmented, segment

SCHEMA: Final = "diffkit.compare/1"
Progress = Callable[[str, float], None]
"""Called with a stage name and the fraction done (0..1)."""


class Cancelled(Exception):
    """Raised inside long work when the caller's ``cancel`` callback returns True."""


@dataclass(frozen=True)
class CompareReport:
    """The result of comparing document A with document B."""

    schema: str
    a: DocumentInfo
    b: DocumentInfo
    profile: str
    steps: tuple[str, ...]
    ignore: tuple[str, ...]
    """Categories that do not count as differences (their edits are still listed)."""
    similarity: float
    """How much of both documents is matched, weighted by each pair's similarity (0..1)."""
    coverage_a: float
    coverage_b: float
    pairs: tuple[Pair, ...]
    unmatched_a: tuple[Segment, ...]
    unmatched_b: tuple[Segment, ...]

    def __str__(self) -> str:
        return (
            f"CompareReport({self.a.path} vs {self.b.path}: similarity {self.similarity:.1%}, "
            f"{len(self.pairs)} pairs, {self.differences()} counted differences, "
            f"unmatched A {len(self.unmatched_a)}, B {len(self.unmatched_b)})"
        )

    def counts(self) -> dict[str, int]:
        """Edits per category over all pairs, counted or not."""
        out: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
        for pair in self.pairs:
            for e in pair.edits:
                out[e.category] += 1
        return out

    def differences(self) -> int:
        """Edits of counted categories, plus unmatched passages when content counts."""
        hidden = frozenset(self.ignore)
        n = sum(len(p.counted(hidden)) for p in self.pairs)
        if "content" not in hidden:
            n += len(self.unmatched_a) + len(self.unmatched_b)
        return n

    @property
    def exit_code(self) -> int:
        return 1 if self.differences() else 0

    def to_dict(self) -> dict[str, Any]:
        return self._fields([p.to_dict() for p in self.pairs])

    def _fields(self, pairs: Iterable[dict[str, Any]]) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "profile": self.profile,
            "steps": list(self.steps),
            "ignore": list(self.ignore),
            "similarity": self.similarity,
            "coverage_a": self.coverage_a,
            "coverage_b": self.coverage_b,
            "counts": self.counts(),
            "differences": self.differences(),
            "pairs": pairs,
            "unmatched_a": [s.to_dict() for s in self.unmatched_a],
            "unmatched_b": [s.to_dict() for s in self.unmatched_b],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON with an item a line (``indent=None``: all on one line)."""
        if indent is None:
            return encode_json(self.to_dict())
        # Each pair is made a dict only as it is written: a large report never stands whole
        # in memory as dicts beside its text.
        return dumps_report(self._fields(p.to_dict() for p in self.pairs))

    def json_chunks(self) -> Iterator[str]:
        """``to_json()`` a piece at a time, each pair encoded only as it is written: what the
        CLI streams, so a large report is never held whole as text."""
        return report_chunks(self._fields(p.to_dict() for p in self.pairs))

    def json_bytes(self) -> Iterator[bytes]:
        """``json_chunks()`` as UTF-8, what a file receives."""
        return report_bytes(self._fields(p.to_dict() for p in self.pairs))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CompareReport:
        return cls(
            schema=data["schema"],
            a=DocumentInfo.from_dict(data["a"]),
            b=DocumentInfo.from_dict(data["b"]),
            profile=data["profile"],
            steps=tuple(data["steps"]),
            ignore=tuple(data["ignore"]),
            similarity=data["similarity"],
            coverage_a=data["coverage_a"],
            coverage_b=data["coverage_b"],
            pairs=tuple(Pair.from_dict(p) for p in data["pairs"]),
            unmatched_a=tuple(segment_from_dict(s) for s in data["unmatched_a"]),
            unmatched_b=tuple(segment_from_dict(s) for s in data["unmatched_b"]),
        )


def check_categories(names: Iterable[str]) -> tuple[str, ...]:
    out = tuple(names)
    for name in out:
        if name not in CATEGORIES:
            raise UsageError(
                f"unknown category {name!r}; the categories are: {', '.join(CATEGORIES)}"
            )
    return out


def _paragraph_bounds(
    seg: Segmented,
) -> tuple[np.ndarray[Any, np.dtype[np.int64]], np.ndarray[Any, np.dtype[np.int64]]]:
    starts = np.array([p.folded_start for p in seg.paragraphs], dtype=np.int64)
    ends = np.array([p.folded_start + len(p.folded) for p in seg.paragraphs], dtype=np.int64)
    return starts, ends


def _widen(lo: int, hi: int, p_lo: int, p_hi: int, side: _Side) -> tuple[int, int]:
    """Widen a matched range to its whole paragraph when little is left out, else to the
    sentences it touches, so a pair never starts or ends mid-sentence without need."""
    slack = max(8, (p_hi - p_lo) // 10)
    if lo - p_lo <= slack and p_hi - hi <= slack:
        return p_lo, p_hi
    edges = side.sentence_starts
    before_at = bisect.bisect_right(edges, lo) - 1
    before = edges[before_at] if before_at >= 0 else -1
    after_at = bisect.bisect_left(edges, hi)
    after = edges[after_at] if after_at < len(edges) else p_hi
    start = before if p_lo <= before <= lo else p_lo
    end = after if hi <= after < p_hi else p_hi
    if lo - start > 2 * slack:
        start = lo
    if end - hi > 2 * slack:
        end = hi
    return start, end


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


@dataclass(frozen=True, slots=True)
class _Candidate:
    a_paragraph: int
    b_paragraph: int
    a_lo: int
    a_hi: int
    b_lo: int
    b_hi: int
    matched: int
    """Folded characters inside shared runs: the evidence for this pair."""
    b_last: int = -1
    """The last B paragraph the pair reaches into (re-wrapping can cut B's paragraphs)."""
    core: tuple[int, int] = (0, 0)
    """The stretch of A the chains themselves cover, before widening."""
    exact: bool = False
    """Two paragraphs with equal folded keys: preferred over any chain of the same length."""
    anchored: bool = True
    """Whether the evidence holds a rare k-gram found once in a document (else it is repeats,
    and the pair stands only where it keeps the order of the anchored ones)."""
    b_core: tuple[int, int] = (0, 0)
    """The stretch of B the chains themselves cover, before widening."""


@dataclass(frozen=True, eq=False)
class _Side:
    """One document's folded text without paragraph separators, so anchors run across
    paragraph boundaries (re-wrapping moves them), with maps back to the folded text."""

    text: str
    """The folded text, separators included: positions here are folded positions."""
    plain: str
    to_folded: np.ndarray[Any, np.dtype[np.int64]]
    paragraph_at: np.ndarray[Any, np.dtype[np.int64]]
    starts: np.ndarray[Any, np.dtype[np.int64]]
    ends: np.ndarray[Any, np.dtype[np.int64]]
    sentence_starts: list[int]
    """Folded positions just after a sentence's end mark, where the next may start."""
    plain_starts: list[int]
    """Where each paragraph starts in ``plain``: per-run look-ups bisect this list."""
    separators: np.ndarray[Any, np.dtype[np.bool_]]
    """Where ``text`` holds a paragraph separator."""

    @classmethod
    def of(cls, seg: Segmented) -> _Side:
        text = seg.folded.text
        cps = to_codepoints(text)
        separators = cps == 0x2029
        to_folded = np.flatnonzero(~separators).astype(np.int64)
        starts, ends = _paragraph_bounds(seg)
        paragraph_at = np.searchsorted(starts, to_folded, side="right") - 1
        marks = np.flatnonzero(np.isin(cps, [ord(c) for c in "。!?;"])).astype(np.int64) + 1
        plain_starts = np.searchsorted(to_folded, starts).tolist()
        return cls(
            text,
            text.replace(PARAGRAPH_SEPARATOR, ""),
            to_folded,
            paragraph_at,
            starts,
            ends,
            marks.tolist(),
            plain_starts,
            separators,
        )

    def start(self, p: int) -> int:
        return int(self.starts[p])

    def end(self, p: int) -> int:
        return int(self.ends[p])

    def split(self, run: Run) -> list[Run]:
        """A run cut where A's paragraphs change: a pair never spans two A paragraphs."""
        first = bisect.bisect_right(self.plain_starts, run.a) - 1
        last = bisect.bisect_right(self.plain_starts, run.a_end - 1) - 1
        if first == last:
            return [run]
        bounds = [
            0,
            *(self.plain_starts[p] - run.a for p in range(first + 1, last + 1)),
            run.length,
        ]
        return [
            Run(run.a + x, run.b + x, y - x, run.anchored) for x, y in pairwise(bounds) if y > x
        ]

    def split_chain(self, chain: Chain) -> list[Chain]:
        """A chain cut where it jumps to another of B's paragraphs across a gap: it may run on
        into the next paragraph only where the text itself runs on (a wrapped title)."""
        if len(chain.runs) == 1:
            return [chain]
        pieces: list[list[Run]] = [[chain.runs[0]]]
        starts = self.plain_starts
        for prev, run in pairwise(chain.runs):
            jumps = bisect.bisect_right(starts, run.b) != bisect.bisect_right(
                starts, prev.b_end - 1
            )
            if jumps and run.b != prev.b_end:
                pieces.append([run])
            else:
                pieces[-1].append(run)
        if len(pieces) == 1:
            return [chain]
        return [Chain.of(tuple(p)) for p in pieces]

    def folded(self, lo: int, hi: int) -> tuple[int, int]:
        return int(self.to_folded[lo]), int(self.to_folded[hi - 1]) + 1


def _candidates(
    grouped: dict[int, list[Run]], sa: _Side, sb: _Side, min_chars: int, tick: Tick = QUIET
) -> list[_Candidate]:
    """Chains of runs from each paragraph of A, widened to sentences or paragraphs; chains
    whose widened ranges overlap on both sides are one candidate."""
    out: list[_Candidate] = []
    runs_done, runs_total = 0, max(sum(map(len, grouped.values())), 1)
    for i, group in grouped.items():
        if runs_done >= tick.next_at:
            tick(runs_done / runs_total)
        runs_done += len(group)
        pa_lo, pa_hi = sa.start(i), sa.end(i)
        found: list[_Candidate] = []
        chains = [piece for chain in chain_runs(group) for piece in sb.split_chain(chain)]
        for chain in sorted(chains, key=lambda c: (c.a_start, c.b_start)):
            a_lo, a_hi = _widen(*sa.folded(chain.a_start, chain.a_end), pa_lo, pa_hi, sa)
            b0, b1 = sb.folded(chain.b_start, chain.b_end)
            j, j_last = int(sb.paragraph_at[chain.b_start]), int(sb.paragraph_at[chain.b_end - 1])
            if j == j_last:
                b_lo, b_hi = _widen(b0, b1, sb.start(j), sb.end(j), sb)
            else:
                b_lo = _widen(b0, sb.end(j), sb.start(j), sb.end(j), sb)[0]
                b_hi = _widen(sb.start(j_last), b1, sb.start(j_last), sb.end(j_last), sb)[1]
            core = sa.folded(chain.a_start, chain.a_end)
            for n, c in enumerate(found):
                if a_lo <= c.a_hi and c.a_lo <= a_hi and b_lo <= c.b_hi and c.b_lo <= b_hi:
                    # Evidence adds up only where the chains cover different parts of A.
                    apart = core[1] <= c.core[0] or core[0] >= c.core[1]
                    found[n] = _Candidate(
                        i,
                        min(j, c.b_paragraph),
                        min(a_lo, c.a_lo),
                        max(a_hi, c.a_hi),
                        min(b_lo, c.b_lo),
                        max(b_hi, c.b_hi),
                        c.matched + chain.matched if apart else max(c.matched, chain.matched),
                        max(j_last, c.b_last),
                        (min(core[0], c.core[0]), max(core[1], c.core[1])),
                        anchored=c.anchored or chain.anchored,
                        b_core=(min(b0, c.b_core[0]), max(b1, c.b_core[1])),
                    )
                    break
            else:
                found.append(
                    _Candidate(
                        i,
                        j,
                        a_lo,
                        a_hi,
                        b_lo,
                        b_hi,
                        chain.matched,
                        j_last,
                        core,
                        anchored=chain.anchored,
                        b_core=(b0, b1),
                    )
                )
        for c in found:
            # Short passages count when they match whole: a title cut in two by re-wrapping.
            shorter, longer = sorted((pa_hi - pa_lo, sb.end(c.b_last) - sb.start(c.b_paragraph)))
            whole = 0.95 * shorter if shorter >= 0.6 * longer else float("inf")
            if c.matched >= min_chars or c.matched >= whole:
                out.append(c)
    return out


def _exact_paragraphs(sa: Segmented, sb: Segmented) -> list[_Candidate]:
    """Paragraphs whose folded keys are equal, and found once in each document, pair whatever
    their length (titles, bylines); repeated ones pair by their neighbours (``_by_neighbours``)."""
    count_a = Counter(p.folded for p in sa.paragraphs)
    by_key = {p.folded: p for p in sb.paragraphs if p.folded}
    count_b = Counter(p.folded for p in sb.paragraphs)
    out: list[_Candidate] = []
    for p in sa.paragraphs:
        q = by_key.get(p.folded)
        if q is None or count_a[p.folded] != 1 or count_b[p.folded] != 1:
            continue
        out.append(_whole(p, q, exact=True))
    return out


def _whole(p: Segment, q: Segment, *, exact: bool) -> _Candidate:
    n = len(p.folded)
    return _Candidate(
        p.index,
        q.index,
        p.folded_start,
        p.folded_start + n,
        q.folded_start,
        q.folded_start + len(q.folded),
        n if exact else 0,
        q.index,
        (p.folded_start, p.folded_start + n),
        exact,
        b_core=(q.folded_start, q.folded_start + len(q.folded)),
    )


def _trimmed(chosen: list[_Candidate], sa: _Side, sb: _Side) -> list[_Candidate]:
    """Pairs whose widened stretches overlap on a side, where what they matched does not,
    cut apart between what each matched (at a sentence's start if one lies there): text the
    next pair matched is no edit of this one (a paragraph cut in other places on each side)."""
    out = list(chosen)
    for side in ("a", "b"):
        order = sorted(range(len(out)), key=lambda n: _range(out[n], side))
        for m, n in pairwise(order):
            first, second = out[m], out[n]
            hi1, lo2 = _range(first, side)[1], _range(second, side)[0]
            core1, core2 = _core(first, side), _core(second, side)
            if lo2 >= hi1 or core1[1] > core2[0] or core1[0] >= lo2 or core2[1] <= hi1:
                continue
            edges = (sa if side == "a" else sb).sentence_starts
            at = bisect.bisect_left(edges, core1[1])
            cut = edges[at] if at < len(edges) and edges[at] <= core2[0] else core2[0]
            cut = min(max(cut, lo2), hi1)
            if side == "a":
                out[m], out[n] = replace(first, a_hi=cut), replace(second, a_lo=cut)
            else:
                out[m], out[n] = replace(first, b_hi=cut), replace(second, b_lo=cut)
    return out


def _range(c: _Candidate, side: str) -> tuple[int, int]:
    return (c.a_lo, c.a_hi) if side == "a" else (c.b_lo, c.b_hi)


def _core(c: _Candidate, side: str) -> tuple[int, int]:
    return c.core if side == "a" else c.b_core


def _in_order(chosen: list[_Candidate]) -> list[_Candidate]:
    """The pairs, less those resting on repeated k-grams alone that break the order of the
    anchored ones: which copy of a repeat pairs is for the neighbours to say."""
    anchored = sorted((c for c in chosen if c.anchored), key=lambda c: (c.a_lo, c.b_lo))
    chain = [anchored[n] for n in increasing([c.b_lo for c in anchored])]
    a_at = [c.a_lo for c in chain]
    out: list[_Candidate] = []
    for c in chosen:
        if not c.anchored:
            at = bisect.bisect_right(a_at, c.a_lo)
            if (at and chain[at - 1].b_lo > c.b_lo) or (
                at < len(chain) and chain[at].b_lo < c.b_lo
            ):
                continue
        out.append(c)
    return out


def _used(chosen: list[_Candidate], sa: Segmented, sb: Segmented) -> tuple[list[bool], list[bool]]:
    """Which paragraphs of A and of B the candidates ``chosen`` pair."""
    used_a = [False] * len(sa.paragraphs)
    used_b = [False] * len(sb.paragraphs)
    for c in chosen:
        used_a[c.a_paragraph] = True
        for j in range(c.b_paragraph, max(c.b_last, c.b_paragraph) + 1):
            used_b[j] = True
    return used_a, used_b


def _by_likeness(chosen: list[_Candidate], sa: Segmented, sb: Segmented) -> list[_Candidate]:
    """Paragraphs still unpaired after anchors and neighbours that are each other's clear
    best match by similarity alone (messages of a catalog, worded apart and shuffled)."""
    used_a, used_b = _used(chosen, sa, sb)
    found = alike_pairs(
        [p.folded for p in sa.paragraphs], [p.folded for p in sb.paragraphs], used_a, used_b
    )
    return [
        _whole(sa.paragraphs[i], sb.paragraphs[j], exact=False)
        for i, j in _keeping_order(chosen, found)
    ]


_ORDERED_SHARE: Final = 0.5
"""Documents whose pairs mostly keep one order: a pair by likeness alone must keep it too."""


def _keeping_order(chosen: list[_Candidate], found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The pairs of ``found`` that stand between their aligned neighbours, where the chosen
    pairs mostly keep one order (two editions of one document): there, likeness alone across
    the order is more often two alike headings than a moved passage (a news report's title
    and the resolution's). Where they do not (a shuffled catalog), every pair stands."""
    ordered = sorted((c.a_paragraph, c.b_paragraph) for c in chosen)
    chain = [ordered[k] for k in increasing([b for _, b in ordered])]
    if len(chain) < _ORDERED_SHARE * len(ordered) or not chain:
        return found
    a_at = [a for a, _ in chain]
    kept: list[tuple[int, int]] = []
    for i, j in found:
        at = bisect.bisect_left(a_at, i)
        if (at and chain[at - 1][1] >= j) or (at < len(chain) and chain[at][1] <= j):
            continue
        kept.append((i, j))
    return kept


def _by_neighbours(chosen: list[_Candidate], sa: Segmented, sb: Segmented) -> list[_Candidate]:
    """Paragraphs still unpaired that pair in the gaps between aligned neighbours: repeated
    ones with the copy in the same relative order, short ones when alone and alike."""
    used_a, used_b = _used(chosen, sa, sb)
    anchors = [(c.a_paragraph, c.b_paragraph, max(c.b_last, c.b_paragraph)) for c in chosen]
    found = gap_pairs(
        anchors,
        [p.folded for p in sa.paragraphs],
        [p.folded for p in sb.paragraphs],
        used_a,
        used_b,
    )
    return [
        _whole(
            sa.paragraphs[i],
            sb.paragraphs[j],
            exact=sa.paragraphs[i].folded == sb.paragraphs[j].folded,
        )
        for i, j in found
    ]


_DIFF_BATCH: Final = 256
_REPEAT_CHARS: Final = 40
_MAX_COPIES: Final = 8


def _select(
    candidates: list[_Candidate], len_a: int, len_b: int, tick: Tick = QUIET
) -> list[_Candidate]:
    """Best evidence first, each stretch of A and of B used once. Then, for what is still
    unmatched on one side, a long copy as strong as the best match of the stretch it reuses
    (a passage repeated in one document); never a short shared phrase (boilerplate)."""
    used_a = np.zeros(len_a + 1, dtype=np.bool_)
    used_b = np.zeros(len_b + 1, dtype=np.bool_)
    best_a: dict[int, int] = defaultdict(int)
    best_b: dict[int, int] = defaultdict(int)
    chosen: list[_Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-c.matched, not c.exact, c.a_lo, c.b_lo))

    def fresh(used: np.ndarray[Any, np.dtype[np.bool_]], lo: int, hi: int) -> bool:
        return hi > lo and float(used[lo:hi].mean()) <= 0.5

    def take(c: _Candidate) -> None:
        chosen.append(c)
        used_a[c.a_lo : c.a_hi] = True
        used_b[c.b_lo : c.b_hi] = True
        best_a[c.a_paragraph] = max(best_a[c.a_paragraph], c.matched)
        best_b[c.b_paragraph] = max(best_b[c.b_paragraph], c.matched)

    rest: list[_Candidate] = []
    for n, c in enumerate(ordered):
        if n >= tick.next_at:
            tick(n / len(ordered))
        if fresh(used_a, c.a_lo, c.a_hi) and fresh(used_b, c.b_lo, c.b_hi):
            take(c)
        else:
            rest.append(c)
    copies: dict[tuple[str, int], int] = defaultdict(int)
    for c in rest:
        if fresh(used_b, c.b_lo, c.b_hi) and _is_repeat(c, best_a[c.a_paragraph]):
            key = ("a", c.a_paragraph)
        elif fresh(used_a, c.a_lo, c.a_hi) and _is_repeat(c, best_b[c.b_paragraph]):
            key = ("b", c.b_paragraph)
        else:
            continue
        if copies[key] < _MAX_COPIES:
            copies[key] += 1
            take(c)
    chosen.sort(key=lambda c: (c.a_lo, c.b_lo))
    return chosen


def _is_repeat(c: _Candidate, best: int) -> bool:
    return c.matched >= _REPEAT_CHARS and c.matched >= 0.8 * best


def _moved(b_order: list[int]) -> list[bool]:
    """Pairs outside a longest increasing run of B positions (taken in A order) moved."""
    keep = set(increasing(b_order))
    return [i not in keep for i in range(len(b_order))]


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
    fa, fb = sa.folded, sb.folded
    step("anchors", 0.2)
    side_a, side_b = _Side.of(sa), _Side.of(sb)
    runs = seed_runs(side_a.plain, side_b.plain, k=k, tick=Tick(step, "anchors", 0.2, 0.3))
    grouped: dict[int, list[Run]] = defaultdict(list)
    tick = Tick(step, "anchors", 0.3, 0.35, every=4096)
    for n, run in enumerate(runs):
        if n >= tick.next_at:
            tick(n / len(runs))
        for piece in side_a.split(run):
            grouped[int(side_a.paragraph_at[piece.a])].append(piece)
    found = _candidates(
        grouped, side_a, side_b, min_chars, Tick(step, "align", 0.35, 0.45, every=4096)
    )
    candidates = _select(
        found + _exact_paragraphs(sa, sb),
        len(fa.text),
        len(fb.text),
        Tick(step, "align", 0.45, 0.5, every=4096),
    )
    candidates = _in_order(candidates)
    paired = candidates + _by_neighbours(candidates, sa, sb)
    candidates = sorted(
        _trimmed(paired + _by_likeness(paired, sa, sb), side_a, side_b),
        key=lambda c: (c.a_lo, c.b_lo),
    )
    pairs: list[Pair] = []
    covered_a = np.append(side_a.separators, True)
    covered_b = np.append(side_b.separators, True)
    # The anchors, runs and maps are done with: the pairs' edits need the room.
    a_bounds, b_bounds = (side_a.starts, side_a.ends), (side_b.starts, side_b.ends)
    del side_a, side_b, runs, grouped, found
    weights: list[tuple[float, int, int, int, int]] = []
    total = max(len(candidates), 1)
    for lo in range(0, len(candidates), _DIFF_BATCH):
        step("diff", 0.5 + 0.45 * lo / total)
        batch = []
        for cand in candidates[lo : lo + _DIFF_BATCH]:
            a0, a1, fa_sub = fa.cut(cand.a_lo, cand.a_hi)
            b0, b1, fb_sub = fb.cut(cand.b_lo, cand.b_hi)
            batch.append((cand, a0, a1, b0, b1, da.text[a0:a1], fa_sub, db.text[b0:b1], fb_sub))
        # The array work of the diffs is done for the whole batch at once.
        raws = diff_raw_many([(at, fas, bt, fbs) for *_, at, fas, bt, fbs in batch])
        for (cand, a0, a1, b0, b1, a_text, fa_sub, b_text, fb_sub), raw in zip(
            batch, raws, strict=True
        ):
            i, j = cand.a_paragraph, cand.b_paragraph
            whole_a = (cand.a_lo, cand.a_hi) == (a_bounds[0][i], a_bounds[1][i])
            whole_b = (cand.b_lo, cand.b_hi) == (b_bounds[0][j], b_bounds[1][cand.b_last])
            equal_keys = fa_sub.text == fb_sub.text
            similarity = 1.0 if equal_keys else pieces.similarity(fa_sub.text, fb_sub.text)
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
    pairs = [
        Pair(
            p.index,
            p.a,
            p.b,
            p.a_text,
            p.b_text,
            p.kind,
            p.similarity,
            p.edits,
            m,
            p.a_paragraph,
            p.b_paragraph,
        )
        for p, m in zip(pairs, moved, strict=True)
    ]
    matched = 0.0
    for sim, a_lo, a_hi, b_lo, b_hi in sorted(weights, reverse=True):
        new_a = int((~covered_a[a_lo:a_hi]).sum())
        new_b = int((~covered_b[b_lo:b_hi]).sum())
        matched += sim * (new_a + new_b)
        covered_a[a_lo:a_hi] = True
        covered_b[b_lo:b_hi] = True
    total_a = sum(len(p.folded) for p in sa.paragraphs)
    total_b = sum(len(p.folded) for p in sb.paragraphs)
    paired_a = {p.a_paragraph for p in pairs}
    paired_b = {
        j for c in candidates for j in range(c.b_paragraph, max(c.b_last, c.b_paragraph) + 1)
    }
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
        unmatched_a=tuple(p for p in sa.paragraphs if p.index not in paired_a and p.folded),
        unmatched_b=tuple(p for p in sb.paragraphs if p.index not in paired_b and p.folded),
    )


def _covered(mask: np.ndarray[Any, np.dtype[np.bool_]], seg: Segmented) -> int:
    return sum(
        int(mask[p.folded_start : p.folded_start + len(p.folded)].sum()) for p in seg.paragraphs
    )

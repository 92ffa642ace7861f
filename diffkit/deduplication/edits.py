"""Each cluster's members: their similarity to the representative and, when wanted, their edits."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from .. import executor
from ..differences import warm_up
from ..folding import Folded
from ..model import (
    Cluster,
    Document,
    EditRows,
    Member,
    Span,
)
from ..regional import Glossary, default_glossary
from ..segmentation import Segmented
from . import bulk_edits
from .similarity import _pair_scores
from .units import _Unit, drop_pages

_Job = tuple[int, int, bool]
"""A repeat to describe: its representative's unit, its own unit, whether to diff them."""
_Shared = tuple[list[_Unit], list[Document], list[Segmented], list[_Job]]
"""What the parts of ``_clusters``' diffs share: units, documents, segmentations, jobs."""
EditsMap = Callable[
    [Iterator[list[bulk_edits.Pair]], Glossary | None],
    Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]],
]
"""Runs ``bulk_edits.describe`` over parts of pairs elsewhere, giving the results in order."""
_NOTHING: Final = Folded("", np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))
"""The stand-in of a repeat that is not diffed: two empty texts, which have no edits."""


def _describe(
    shared: _Shared, bounds: tuple[int, int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """The raw edits of jobs ``lo..hi`` as two arrays (cheap to pickle): each member's number
    of edits, and the edits' rows ``a0 a1 b0 b1 category ambiguous`` relative to the two
    texts."""
    return bulk_edits.describe(_pairs(shared, bounds), _glossary(shared[2]))


def _glossary(segs: list[Segmented]) -> Glossary | None:
    """The caller's glossary where it is not the shipped one: its entries are regional
    counterparts in the members' edits too."""
    glossary = segs[0].profile.effective_glossary() if segs else None
    return None if glossary is None or glossary == default_glossary() else glossary


def _pairs(shared: _Shared, bounds: tuple[int, int]) -> list[bulk_edits.Pair]:
    """The (representative, member) pairs of jobs ``lo..hi``, texts and folded keys."""
    units, docs, segs, jobs = shared
    todo: list[bulk_edits.Pair] = []
    rep_folded: tuple[int, Folded] | None = None
    read: set[int] = set()
    for rep_n, n, wanted in jobs[bounds[0] : bounds[1]]:
        rep, u = units[rep_n], units[n]
        if not wanted:
            todo.append(("", _NOTHING, "", _NOTHING))
            continue
        # Jobs come cluster by cluster: a representative's map is cut once for its repeats.
        if rep_folded is None or rep_folded[0] != rep_n:
            rep_folded = (rep_n, rep.folded(segs, drop=False))
            read.add(rep.doc)
        todo.append(
            (
                docs[rep.doc].text[rep.start : rep.end],
                rep_folded[1],
                docs[u.doc].text[u.start : u.end],
                u.folded(segs, drop=False),
            )
        )
        read.add(u.doc)
    drop_pages(segs[d] for d in sorted(read))
    return todo


def _similarities(left: list[str], right: list[str]) -> list[float]:
    """``_pair_scores`` rounded as reports show them: the clusters' similarities, the same
    numbers as those that ``_split`` scored and ``_clusters`` reuses."""
    return [round(x, 4) for x in _pair_scores(left, right)]


def _clusters(
    groups: list[list[int]],
    units: list[_Unit],
    docs: list[Document],
    segs: list[Segmented],
    diffs: bool | int,
    workers: int | None,
    step: Callable[[str, float], None],
    scored: dict[tuple[int, int], float],
    edits_map: EditsMap | None = None,
    kept: str | os.PathLike[str] | None = None,
) -> list[Cluster]:
    """Each group as a Cluster: every repeat's similarity to the representative (``scored``
    holds some already) and, when wanted, its edits. The diffs are most of dedupe's work on
    a large corpus; past a few thousand repeats they run in forked worker processes, which
    inherit the units instead of receiving them; ``edits_map`` runs them elsewhere (on a
    Dask cluster), given the pairs a part at a time. With a folder ``kept``, each part's
    edits are kept there as it is done, and read from there when done before."""
    jobs: list[_Job] = [
        (g[0], n, diffs if isinstance(diffs, bool) else c < diffs)
        for c, g in enumerate(groups)
        for n in g[1:]
    ]
    known = [scored.get((r, n)) for r, n, _ in jobs]
    todo = [k for k, score in enumerate(known) if score is None]
    found = iter(
        _similarities([units[jobs[k][0]].key for k in todo], [units[jobs[k][1]].key for k in todo])
    )
    sims = [round(x, 4) if x is not None else next(found) for x in known]
    wanted = sum(w for _, _, w in jobs)
    if not wanted:
        return _assemble(groups, units, docs, sims, repeat([]), step)
    run = executor.choose(workers, wanted, executor.PARALLEL_MIN_JOBS)
    procs = run.processes
    size = max(64, len(jobs) // (procs * 16)) if procs > 1 else 256
    chunks = [(lo, min(lo + size, len(jobs))) for lo in range(0, len(jobs), size)]
    if edits_map is not None:
        parts = edits_map(
            (_pairs((units, docs, segs, jobs), chunk) for chunk in chunks), _glossary(segs)
        )
        return _assemble(groups, units, docs, sims, _raw_edits(parts), step)
    if procs > 1:
        warm_up()  # the phrase tables loaded once, before the fork, for every worker
    shared: _Shared = (units, docs, segs, jobs)
    describe: Callable[[Any, tuple[int, int]], Any] = _describe
    context: Any = shared
    if kept is not None:
        from .work_cache import describe_kept

        describe, context = describe_kept, (shared, Path(kept))
    with run.map(describe, chunks, context) as parts:
        return _assemble(groups, units, docs, sims, _raw_edits(parts), step)


def _raw_edits(
    parts: Iterable[tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]],
) -> Iterator[bulk_edits.PackedRows]:
    """Each job's raw edits, from the parts ``_describe`` returns."""
    return bulk_edits.unpack(parts)


def _assemble(
    groups: list[list[int]],
    units: list[_Unit],
    docs: list[Document],
    sims: list[float],
    edits: Iterator[Sequence[list[int]]],
    step: Callable[[str, float], None],
) -> list[Cluster]:
    """Clusters from the jobs' similarities and raw edits, taken in job order as the edits
    arrive, while the workers diff the next parts; the edits stay rows until read."""
    total = len(groups)
    similarity = iter(sims)
    span = _spans([n for g in groups for n in g], units, docs)
    out: list[Cluster] = []
    for c, group in enumerate(groups):
        if c % 256 == 0:
            step("diffs", 0.7 + 0.3 * c / max(total, 1))
        rep = units[group[0]]
        rep_text = docs[rep.doc].text[rep.start : rep.end]
        members = [Member(span[group[0]], rep_text, 1.0, (), True, rep.doc)]
        for n in group[1:]:
            u = units[n]
            text = docs[u.doc].text[u.start : u.end]
            rows = next(edits)
            made = EditRows(rows, rep_text, text, rep.start, u.start) if rows else ()
            members.append(Member(span[n], text, next(similarity), made, document=u.doc))
        out.append(Cluster(c, min(m.similarity for m in members), tuple(members)))
    return out


def _spans(wanted: list[int], units: list[_Unit], docs: list[Document]) -> dict[int, Span]:
    """The spans of units ``wanted``, with one vectorised line look-up per document: a
    million look-ups one at a time take seconds."""
    by_doc: dict[int, list[int]] = defaultdict(list)
    for n in wanted:
        by_doc[units[n].doc].append(n)
    out: dict[int, Span] = {}
    for d, ns in by_doc.items():
        spans = docs[d].spans([units[n].start for n in ns], [units[n].end for n in ns])
        out.update(zip(ns, spans, strict=True))
    return out

"""`dedupe`: repeated and near-duplicate passages inside one document or across a corpus.

Units (paragraphs or sentences) are matched on their folded keys, so a Traditional page and
its Simplified twin fall together. Exact repeats group by key; near repeats come from MinHash
LSH over character bigrams (diffkit.minhash) and are verified with rapidfuzz. Passages that
ignore paragraph boundaries (a block of paragraphs repeated with a prefix, the tail of another
paragraph) come from the anchor-and-chain machinery that compare uses, run on the corpus
against itself. Repeats form clusters; each member is diffed against the first occurrence.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel

from . import bulk_edits, executor, pieces
from .anchors import chain_runs, find_runs
from .codepoints import PARAGRAPH_SEPARATOR
from .comparison import Cancelled, Progress
from .differences import warm_up
from .errors import UsageError
from .folding import Folded, FoldProfile, fitted, fold, resolve_profile
from .gcpause import gc_paused
from .loading import Source, expand_folders, load, load_named
from .model import (
    Cluster,
    Document,
    DocumentInfo,
    EditRows,
    Member,
    Span,
    dumps_report,
    encode_json,
    report_bytes,
    report_chunks,
)
from .regional import Glossary
from .segmentation import Segmented, segment

SCHEMA: Final = "diffkit.dedupe/1"
DedupeGranularity = Literal["paragraph", "sentence", "passage"]
GRANULARITIES: Final = ("paragraph", "sentence", "passage")
DRIFT: Final = 0.15
"""How far below the threshold a member may sit from its representative when it is within
the threshold of another member."""


@dataclass(frozen=True)
class DedupeReport:
    """Clusters of repeated passages found in one or more documents."""

    schema: str
    documents: tuple[DocumentInfo, ...]
    profile: str
    steps: tuple[str, ...]
    granularity: str
    threshold: float
    min_chars: int
    clusters: tuple[Cluster, ...]

    def __str__(self) -> str:
        names = ", ".join(d.path for d in self.documents[:3]) + (
            " ..." if len(self.documents) > 3 else ""
        )
        return (
            f"DedupeReport({names}: {len(self.clusters)} clusters, {self.duplicates} repeats, "
            f"{self.granularity} granularity, threshold {self.threshold})"
        )

    @property
    def duplicates(self) -> int:
        """Repeats beyond the first occurrence of each cluster."""
        return sum(len(c.members) - 1 for c in self.clusters)

    @property
    def exit_code(self) -> int:
        return 1 if self.clusters else 0

    def to_dict(self) -> dict[str, Any]:
        return self._fields([c.to_dict() for c in self.clusters])

    def json_chunks(self) -> Iterator[str]:
        """``to_json()`` a piece at a time, each cluster encoded only as it is written: what
        the CLI streams to a file, so a large report is never held whole as text."""
        return report_chunks(self._fields(c.to_dict() for c in self.clusters))

    def json_bytes(self) -> Iterator[bytes]:
        """``json_chunks()`` as UTF-8: what a file receives, each cluster encoded straight to
        bytes (a large report's JSON is never decoded only to be encoded again)."""
        return report_bytes(self._fields(c.to_dict() for c in self.clusters))

    def _fields(self, clusters: Iterable[dict[str, Any]]) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "documents": [d.to_dict() for d in self.documents],
            "profile": self.profile,
            "steps": list(self.steps),
            "granularity": self.granularity,
            "threshold": self.threshold,
            "min_chars": self.min_chars,
            "duplicates": self.duplicates,
            "clusters": clusters,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON with an item a line (``indent=None``: all on one line)."""
        if indent is None:
            return encode_json(self.to_dict())
        return dumps_report(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DedupeReport:
        return cls(
            schema=data["schema"],
            documents=tuple(DocumentInfo.from_dict(d) for d in data["documents"]),
            profile=data["profile"],
            steps=tuple(data["steps"]),
            granularity=data["granularity"],
            threshold=data["threshold"],
            min_chars=data["min_chars"],
            clusters=tuple(Cluster.from_dict(c) for c in data["clusters"]),
        )


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


@lru_cache(maxsize=65536)
def sorted_sentences(key: str) -> str:
    """The key's sentences in sorted order: a comparison blind to reordered sentences."""
    # Four replaces, not str.translate: a table of strings makes translate a slow loop.
    cut = key.replace("。", "。\n").replace("!", "!\n").replace("?", "?\n").replace(";", ";\n")
    return "\n".join(sorted(s for s in cut.split("\n") if s))


def similarity_of_keys(a: str, b: str) -> float:
    """How alike two folded keys are: the normalized Indel similarity of the texts, or of their
    sorted sentences when that is higher (copies with sentences reordered)."""
    direct = pieces.similarity(a, b)
    if direct >= 1.0:
        return 1.0
    return float(max(direct, pieces.similarity(sorted_sentences(a), sorted_sentences(b))))


def pair_similarity(a: str, b: str, *, profile: str | FoldProfile = "default") -> float:
    """The similarity diffkit uses between two passages, folding them first.

    >>> round(pair_similarity("發展致富之路。", "发展富裕之路。"), 2)
    0.86
    """
    return similarity_of_keys(fold(a, profile=profile).text, fold(b, profile=profile).text)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


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


def similar_pairs(
    keys: list[str], threshold: float, *, workers: int = -1, processes: int = 1
) -> list[tuple[int, int, float]]:
    """Pairs of distinct keys whose similarity reaches ``threshold``: LSH candidates verified
    with rapidfuzz (C++, ``workers`` threads, -1 for all cores); the signatures and
    candidates of many keys are computed by ``processes`` forked processes."""
    from .minhash import candidate_pairs, signatures

    if len(keys) < 2:
        return []
    cands = candidate_pairs(signatures(keys, processes=processes), processes=processes)
    if not len(cands):
        return []
    left = [keys[i] for i in cands[:, 0].tolist()]
    right = [keys[j] for j in cands[:, 1].tolist()]
    # Compared as float64, as Python compares a float32 score with the threshold.
    direct = _indel(left, right, workers=workers).astype(np.float64)
    hit = direct >= threshold
    out = _scored(cands[hit], direct[hit])
    retry = cands[~hit & (direct >= threshold - 0.35)]
    if len(retry):
        resorted = {u: sorted_sentences(keys[u]) for u in set(retry.ravel().tolist())}
        sl = [resorted[i] for i in retry[:, 0].tolist()]
        sr = [resorted[j] for j in retry[:, 1].tolist()]
        again = _indel(sl, sr, workers=workers).astype(np.float64)
        ok = again >= threshold
        out += _scored(retry[ok], again[ok])
    return out


def _indel(
    left: list[str], right: list[str], *, workers: int = -1, dtype: Any = np.float32
) -> npt.NDArray[np.floating[Any]]:
    """rapidfuzz's normalized Indel similarity of each pair, in C++ threads; a long pair's
    (past ``pieces.LONG`` characters, whose cost is the product of its lengths) piece by
    piece."""
    long = [
        k for k, (x, y) in enumerate(zip(left, right, strict=True)) if len(x) + len(y) > pieces.LONG
    ]
    if not long:
        scores: npt.NDArray[np.floating[Any]] = process.cpdist(
            left, right, scorer=Indel.normalized_similarity, dtype=dtype, workers=workers
        )
        return scores
    out = np.zeros(len(left), dtype=dtype)
    short = np.setdiff1d(np.arange(len(left)), long)
    if len(short):
        out[short] = process.cpdist(
            [left[k] for k in short.tolist()],
            [right[k] for k in short.tolist()],
            scorer=Indel.normalized_similarity,
            dtype=dtype,
            workers=workers,
        )
    for k in long:
        out[k] = pieces.similarity(left[k], right[k])
    return out


def _scored(
    pairs: npt.NDArray[np.int64], scores: npt.NDArray[np.float64]
) -> list[tuple[int, int, float]]:
    return list(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), scores.tolist(), strict=True))


def similar_pairs_reference(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """The slow, obviously correct path: every pair scored. Property tests compare with it."""
    out: list[tuple[int, int, float]] = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if keys[i] == keys[j]:
                continue
            score = similarity_of_keys(keys[i], keys[j])
            if score >= threshold:
                out.append((i, j, score))
    return out


def _unit_clusters(
    units: list[_Unit], threshold: float, step: Callable[[str, float], None], processes: int
) -> list[list[int]]:
    """Units linked by an equal key or a similar pair, as groups of at least two in order of
    their first unit, each in unit order. Keys are numbered in order of first use."""
    numbers: dict[str, int] = {}
    key_of = np.fromiter(
        (numbers.setdefault(u.key, len(numbers)) for u in units), dtype=np.int64, count=len(units)
    )
    step("candidates", 0.45)
    pairs = similar_pairs(list(numbers), threshold, processes=processes)
    links = np.array([(i, j) for i, j, _ in pairs], dtype=np.int64).reshape(-1, 2)
    label = _components(len(numbers), links[:, 0], links[:, 1])[key_of]
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    firsts, ends = np.append(0, cuts), np.append(cuts, len(order))
    members = order.tolist()
    return [members[a:b] for a, b in zip(firsts.tolist(), ends.tolist(), strict=True) if b - a > 1]


def _components(
    n: int, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """For each of nodes ``0..n-1``, the smallest node of its connected component, edges
    ``a[k]-b[k]``: each round hooks every tree an edge still leaves onto the smaller of the two
    roots, then points every node straight at its root, until no edge joins two trees."""
    parent = np.arange(n, dtype=np.int64)
    while len(a):
        ra, rb = parent[a], parent[b]
        apart = ra != rb
        a, b, ra, rb = a[apart], b[apart], ra[apart], rb[apart]
        np.minimum.at(parent, np.maximum(ra, rb), np.minimum(ra, rb))
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return parent


def _passage_units(
    segs: list[Segmented], min_chars: int, k: int, threshold: float
) -> tuple[list[_Unit], list[list[int]]]:
    """Maximal shared stretches, whatever the paragraph boundaries: the corpus's folded text
    run against itself, runs chained into passages, each pair of occurrences verified."""
    texts = [s.folded.text for s in segs]
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts])
    corpus = PARAGRAPH_SEPARATOR.join(texts)
    plain = corpus.replace(PARAGRAPH_SEPARATOR, "\n")
    runs = find_runs(corpus, None, k=k, min_length=k)
    ranges: list[tuple[int, int]] = []
    links: list[tuple[int, int]] = []
    for c in chain_runs(runs, self_join=True):
        if c.matched < min_chars or c.a_end > c.b_start:
            continue
        a, b = plain[c.a_start : c.a_end], plain[c.b_start : c.b_end]
        if similarity_of_keys(a, b) < threshold:
            continue
        ranges.append((c.a_start, c.a_end))
        ranges.append((c.b_start, c.b_end))
        links.append((len(ranges) - 2, len(ranges) - 1))
    # Occurrences found by several chains are one occurrence when they nearly coincide.
    node_of: dict[int, int] = {}
    nodes: list[tuple[int, int]] = []
    for n in sorted(range(len(ranges)), key=lambda n: ranges[n]):
        lo, hi = ranges[n]
        for m in range(len(nodes) - 1, max(-1, len(nodes) - 8), -1):
            x, y = nodes[m]
            overlap = min(hi, y) - max(lo, x)
            if overlap >= 0.8 * (hi - lo) and overlap >= 0.8 * (y - x):
                nodes[m] = (min(lo, x), max(hi, y))
                node_of[n] = m
                break
        else:
            nodes.append((lo, hi))
            node_of[n] = len(nodes) - 1
    uf = _UnionFind(len(nodes))
    for x, y in links:
        uf.union(node_of[x], node_of[y])
    units: list[_Unit] = []
    for lo, hi in nodes:
        d = int(np.searchsorted(offsets, lo, side="right") - 1)
        base = int(offsets[d])
        f_start, f_end = lo - base, min(hi - base, len(texts[d]))
        start, end, folded = segs[d].folded.cut(f_start, f_end)
        units.append(_Unit(d, start, end, folded.text, f_start, f_end))
    clusters: dict[int, list[int]] = defaultdict(list)
    for n in range(len(nodes)):
        clusters[uf.find(n)].append(n)
    return units, [g for g in clusters.values() if len(g) > 1]


def _places(units: list[_Unit]) -> Callable[[int], int]:
    """Each unit's place in document order (input, then start, then end): a sort key looked
    up, not a tuple made for every comparison of a large corpus's sorts."""
    docs = np.fromiter((u.doc for u in units), dtype=np.int64, count=len(units))
    starts = np.fromiter((u.start for u in units), dtype=np.int64, count=len(units))
    ends = np.fromiter((u.end for u in units), dtype=np.int64, count=len(units))
    place = np.empty(len(units), dtype=np.int64)
    place[np.lexsort((ends, starts, docs))] = np.arange(len(units))
    return place.tolist().__getitem__


def _split(
    units: list[_Unit],
    groups: list[list[int]],
    threshold: float,
    place: Callable[[int], int],
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Every linked group split by ``_stars``, the similarities of each group's first
    representative to its other members scored in one batch for all groups; those scores
    too, by ``(representative, member)``, for the clusters that keep that representative.
    Groups are taken in document order (``place``)."""
    ordered = [sorted(g, key=place) for g in groups]
    pairs = [(g[0], n) for g in ordered if len(g) > 2 for n in g[1:]]
    scores = _pair_scores([units[a].key for a, _ in pairs], [units[b].key for _, b in pairs])
    out: list[list[int]] = []
    at = 0
    for g in ordered:
        to_first = dict(zip(g[1:], scores[at : at + len(g) - 1], strict=True)) if len(g) > 2 else {}
        at += len(to_first)
        out += _stars(units, g, threshold, to_first)
    return out, dict(zip(pairs, scores, strict=True))


def _pair_scores(left: list[str], right: list[str]) -> list[float]:
    """``similarity_of_keys`` of each pair of keys, the same numbers scored by rapidfuzz in
    two batches instead of a call a pair."""
    out: list[float] = _batch(left, right)
    redo = [k for k, score in enumerate(out) if score < 1.0]
    again = _batch(
        [sorted_sentences(left[k]) for k in redo], [sorted_sentences(right[k]) for k in redo]
    )
    for k, score in zip(redo, again, strict=True):
        out[k] = max(out[k], score)
    return out


def _batch(left: list[str], right: list[str]) -> list[float]:
    if not left:
        return []
    # float64: the default float32 would round the scores that similarity_of_keys gives.
    scores = _indel(left, right, dtype=np.float64)
    result: list[float] = scores.tolist()
    return result


def _stars(
    units: list[_Unit], pending: list[int], threshold: float, to_first: dict[int, float]
) -> list[list[int]]:
    """Split a linked group (in document order) so that no member drifts far from its
    representative: a member joins when it is within ``threshold`` of the representative, or
    of a member already in and within ``threshold - DRIFT`` of the representative. A chain of
    small steps cannot carry unrelated passages into one cluster. ``to_first`` holds the
    similarity of each member to the first."""
    if len(pending) == 2:
        return [pending]
    floor = threshold - DRIFT
    out: list[list[int]] = []
    to_rep = to_first
    while pending:
        rep, rest = pending[0], pending[1:]
        members = [rep]
        if out:  # a later representative: the batch scored the first one only
            to_rep = {n: similarity_of_keys(units[rep].key, units[n].key) for n in rest}
        changed = True
        while changed:
            changed = False
            for n in rest:
                if n in members or to_rep[n] < floor:
                    continue
                if to_rep[n] >= threshold or any(
                    similarity_of_keys(units[m].key, units[n].key) >= threshold for m in members[1:]
                ):
                    members.append(n)
                    changed = True
        out.append(members)
        taken = set(members)
        pending = [n for n in rest if n not in taken]
    return [g for g in out if len(g) > 1]


def dedupe(
    sources: Source | Sequence[Source],
    *,
    granularity: DedupeGranularity = "paragraph",
    threshold: float = 0.8,
    min_chars: int | None = None,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    glossary: Glossary | str | os.PathLike[str] | None = None,
    encoding: str | None = None,
    diffs: bool | int = True,
    workers: int | None = None,
    k: int = 12,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DedupeReport:
    """Find repeated and near-duplicate passages in one document or many.

    ``granularity`` is ``paragraph`` (default), ``sentence`` or ``passage`` (maximal shared
    stretches across paragraph boundaries); ``threshold`` the similarity (0-1) two units need
    to count as copies; units whose folded key is shorter than ``min_chars`` are ignored
    (default 20, and 50 for passages);
    ``diffs=False`` skips each member's edits (faster on large corpora); a number diffs only
    that many clusters, the first ones. ``workers`` processes share the diffs of a large
    corpus (default: all cores; 1 keeps them in this process). Worker processes are forked on
    Linux from the main thread only: called from another thread, dedupe works in that thread
    (see :mod:`diffkit.executor`), and calls from several threads at once are independent.

    >>> report = dedupe("第一段，说的是一件事情，很长很长。\\n\\n第二段。\\n\\n第一段,說的是一件事情,很長很長。\\n", min_chars=8)
    >>> [(m.span.start_line, m.similarity) for m in report.clusters[0].members]
    [(1, 1.0), (5, 1.0)]
    """
    if granularity not in GRANULARITIES:
        raise UsageError(
            f"unknown granularity {granularity!r}; use one of: {', '.join(GRANULARITIES)}"
        )
    if not 0.0 <= threshold <= 1.0:
        raise UsageError(f"threshold must be between 0 and 1, not {threshold}")
    resolved = resolve_profile(profile, skip=skip, glossary=glossary)
    if min_chars is None:
        min_chars = 50 if granularity == "passage" else 20

    def step(name: str, fraction: float) -> None:
        if cancel is not None and cancel():
            raise Cancelled(name)
        if progress is not None:
            progress(name, fraction)

    single = isinstance(sources, str | bytes | Document) or not isinstance(sources, Sequence)
    items: list[tuple[Source, bool]] = []  # and whether a folder's scan found it
    given_all: list[Source] = [sources] if single else list(sources)  # type: ignore[list-item,arg-type]
    for given in given_all:
        found = expand_folders([given])
        items += [(item, found != [given]) for item in found]
    docs: list[Document] = []
    segs: list[Segmented] = []
    processes = executor.processes(workers)  # a small document's fold stays in one anyway
    with gc_paused():
        for n, (source, scanned) in enumerate(items):
            if n % 16 == 0:
                step("read", 0.3 * n / max(len(items), 1))
            docs.append((load if scanned else load_named)(source, encoding=encoding))
        resolved = fitted(resolved, (doc.text for doc in docs))
        for doc in docs:
            segs.append(segment(doc, profile=resolved, processes=processes))
        step("units", 0.3)
        if granularity == "passage":
            units, groups = _passage_units(segs, min_chars, k, threshold)
        else:
            units = [
                u for d, s in enumerate(segs) for u in _segment_units(s, d, granularity, min_chars)
            ]
            run = executor.choose(workers, len(units), executor.PARALLEL_MIN_JOBS)
            groups = _unit_clusters(units, threshold, step, run.processes)
        step("clusters", 0.7)
        place = _places(units)
        groups, scored = _split(units, groups, threshold, place)
        ordered = sorted((sorted(g, key=place) for g in groups), key=lambda g: place(g[0]))
        clusters = _clusters(ordered, units, docs, segs, diffs, workers, step, scored)
    step("done", 1.0)
    return DedupeReport(
        schema=SCHEMA,
        documents=tuple(DocumentInfo.of(d) for d in docs),
        profile=resolved.name,
        steps=resolved.steps,
        granularity=granularity,
        threshold=threshold,
        min_chars=min_chars,
        clusters=tuple(clusters),
    )


_Job = tuple[int, int, bool]
"""A repeat to describe: its representative's unit, its own unit, whether to diff them."""
_Shared = tuple[list[_Unit], list[Document], list[Segmented], list[_Job]]
"""What the parts of ``_clusters``' diffs share: units, documents, segmentations, jobs."""
_NOTHING: Final = Folded("", np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))
"""The stand-in of a repeat that is not diffed: two empty texts, which have no edits."""


def _describe(
    shared: _Shared, bounds: tuple[int, int]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """The raw edits of jobs ``lo..hi`` as two arrays (cheap to pickle): each member's number
    of edits, and the edits' rows ``a0 a1 b0 b1 category ambiguous`` relative to the two
    texts."""
    units, docs, segs, jobs = shared
    todo: list[bulk_edits.Pair] = []
    rep_folded: tuple[int, Folded] | None = None
    for rep_n, n, wanted in jobs[bounds[0] : bounds[1]]:
        rep, u = units[rep_n], units[n]
        if not wanted:
            todo.append(("", _NOTHING, "", _NOTHING))
            continue
        # Jobs come cluster by cluster: a representative's map is cut once for its repeats.
        if rep_folded is None or rep_folded[0] != rep_n:
            rep_folded = (rep_n, rep.folded(segs))
        todo.append(
            (
                docs[rep.doc].text[rep.start : rep.end],
                rep_folded[1],
                docs[u.doc].text[u.start : u.end],
                u.folded(segs),
            )
        )
    return bulk_edits.describe(todo)


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
) -> list[Cluster]:
    """Each group as a Cluster: every repeat's similarity to the representative (``scored``
    holds some already) and, when wanted, its edits. The diffs are most of dedupe's work on
    a large corpus; past a few thousand repeats they run in forked worker processes, which
    inherit the units instead of receiving them."""
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
    if procs > 1:
        warm_up()  # the phrase tables loaded once, before the fork, for every worker
    with run.map(_describe, chunks, (units, docs, segs, jobs)) as parts:
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
        members = [Member(span[group[0]], rep_text, 1.0, (), True)]
        for n in group[1:]:
            u = units[n]
            text = docs[u.doc].text[u.start : u.end]
            rows = next(edits)
            made = EditRows(rows, rep_text, text, rep.start, u.start) if rows else ()
            members.append(Member(span[n], text, next(similarity), made))
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

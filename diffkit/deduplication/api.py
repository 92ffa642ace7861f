"""``dedupe``: the verb, composed from the stages of this package."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from typing import Any, Final, Literal

from .. import executor
from ..comparison import Cancelled, Progress
from ..errors import InputError, UsageError
from ..folding import FoldProfile, fitted, resolve_profile
from ..gcpause import gc_paused
from ..loading import (
    Source,
    Text,
    expand_folders,
    load,
    load_named,
    none_found,
    none_readable,
    warn_skipped,
)
from ..model import Cluster, Document, DocumentInfo
from ..regional import Glossary
from ..segmentation import Segmented, segment
from . import units as unit_cuts
from .clusters import LINKAGES, Linkage, _split
from .components import Links, _unit_clusters, linked_groups, numbered_keys
from .edits import EditsMap, _clusters
from .passages import _passage_units
from .result import GRANULARITIES, SCHEMA, DedupeGranularity, DedupeReport
from .units import _places, _Unit, cut_units

Engine = Literal["local", "dask"]
ENGINES: Final = ("local", "dask")


# Long for its keyword arguments and their documentation; the body is a call a step.
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
    engine: Engine = "local",
    scheduler: Any = None,
    partitions: int | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    linkage: Linkage = "star",
    text_column: str | None = None,
    id_column: str | None = None,
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

    ``engine="dask"`` finds the similar pairs on a Dask cluster (``pip install
    'diffkit[dask]'``), with the same kernels and the same result: ``scheduler`` is its
    address or a ``distributed.Client`` (default: ``DASK_SCHEDULER_ADDRESS``, else a local
    cluster of ``workers`` processes), ``partitions`` how many parts the keys are cut into.
    ``cache_dir`` keeps each input's fold, the signatures, similar pairs and components and
    the members' edits there as they are made, keyed by what they are made of, the options
    and diffkit's code, so a run stopped midway resumes (see
    :mod:`diffkit.deduplication.work_cache` and ``stage_cache``; paragraphs and sentences).

    ``linkage`` says who may join a cluster: with ``"star"`` (default) every member is within
    ``threshold`` of the representative; with ``"single"`` a member may also join through
    another member it is within ``threshold`` of, if it stays within ``threshold - DRIFT``
    (0.15) of the representative.

    ``text_column`` reads ``sources`` as shards of rows (JSON Lines or Parquet), a document
    a row, named ``SHARD#ID`` by ``id_column``'s value or the row's number from 1 (see
    :mod:`diffkit.tables`).

    >>> report = dedupe("第一段，说的是一件事情，很长很长。\\n\\n第二段。\\n\\n第一段,說的是一件事情,很長很長。\\n", min_chars=8)
    >>> [(m.span.start_line, m.similarity) for m in report.clusters[0].members]
    [(1, 1.0), (5, 1.0)]
    """
    _check(granularity, threshold, engine, partitions, linkage)
    if cache_dir is not None and granularity == "passage":
        raise UsageError("--cache-dir keeps the stages of paragraphs and sentences, not passages")
    resolved = resolve_profile(profile, skip=skip, glossary=glossary)
    if min_chars is None:
        min_chars = 50 if granularity == "passage" else 20
    step = _stepper(progress, cancel)
    items = _items(sources)
    shards = _shards(items, text_column, id_column)
    processes = executor.processes(workers)  # a small document's fold stays in one anyway
    with gc_paused(), _Engine(engine, scheduler, partitions, cache_dir, workers) as where:
        docs = _read(items, encoding, step) if shards is None else shards
        resolved = fitted(resolved, (doc.text for doc in docs))
        segmented = (
            (segment(doc, profile=resolved, processes=processes) for doc in docs)
            if cache_dir is None
            else _kept_folds(docs, resolved, processes, cache_dir)
        )
        if granularity == "passage":
            segs = list(segmented)
            step("units", 0.3)
            units, groups, pairs = _passage_units(segs, min_chars, k, threshold)
            links = Links.of_units(numbered_keys(units)[1], pairs)
        else:
            # Each document's units are cut once it is segmented, and its maps kept only for
            # the edits: a corpus's segmentations are never all held whole.
            units, segs = cut_units(segmented, granularity, min_chars, _maps(docs, diffs))
            step("units", 0.3)
            groups, links = _unit_groups(units, threshold, step, workers, where)
        step("clusters", 0.7)
        clusters = _clustered(
            units,
            (groups, links),
            (threshold, linkage),
            docs,
            segs,
            diffs,
            workers,
            step,
            where.edits_map(),
            cache_dir if engine == "local" else None,
        )
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


def _kept_folds(
    docs: list[Document], profile: FoldProfile, processes: int, folder: str | os.PathLike[str]
) -> Iterable[Segmented]:
    from .work_cache import segmented

    return segmented(docs, profile, processes, folder)


def _maps(docs: list[Document], diffs: bool | int) -> Literal["keep", "spill", "drop"]:
    """What becomes of the offset maps once the units are cut: only the edits read them, and
    a large corpus's go to a file (two 32-bit offsets a character)."""
    if not diffs:
        return "drop"
    return "spill" if sum(len(d.text) for d in docs) * 8 > unit_cuts.SPILL_BYTES else "keep"


def _check(
    granularity: str, threshold: float, engine: str, partitions: int | None, linkage: str
) -> None:
    if linkage not in LINKAGES:
        raise UsageError(f"unknown linkage {linkage!r}; use one of: {', '.join(LINKAGES)}")
    if granularity not in GRANULARITIES:
        raise UsageError(
            f"unknown granularity {granularity!r}; use one of: {', '.join(GRANULARITIES)}"
        )
    _check_engine(engine, granularity, partitions)
    if not 0.0 <= threshold <= 1.0:
        raise UsageError(f"threshold must be between 0 and 1, not {threshold}")


def _stepper(
    progress: Progress | None, cancel: Callable[[], bool] | None
) -> Callable[[str, float], None]:
    """A stage's report of how far the work is, which stops it when ``cancel`` says so."""

    def step(name: str, fraction: float) -> None:
        if cancel is not None and cancel():
            raise Cancelled(name)
        if progress is not None:
            progress(name, fraction)

    return step


def _items(sources: Source | Sequence[Source]) -> list[tuple[Source, bool]]:
    """Every input with folders expanded, and whether a folder's scan found it."""
    single = isinstance(sources, str | bytes | Document) or not isinstance(sources, Sequence)
    items: list[tuple[Source, bool]] = []
    given_all: list[Source] = [sources] if single else list(sources)  # type: ignore[list-item,arg-type]
    for given in given_all:
        found = expand_folders([given])
        items += [(item, found != [given]) for item in found]
    if given_all and not items:  # folders and globs that hold nothing, as the CLI refuses them
        raise none_found([os.fspath(g) for g in given_all])  # type: ignore[arg-type]
    return items


def _shards(
    items: list[tuple[Source, bool]], text_column: str | None, id_column: str | None
) -> list[Document] | None:
    """The documents of the shards' rows when ``text_column`` is given, else None."""
    if text_column is None:
        if id_column is not None:
            raise UsageError("id_column names a column of the rows that text_column reads")
        return None
    from ..tables import read_tables

    paths = [
        item
        for item, _ in items
        if isinstance(item, str | os.PathLike) and not isinstance(item, Text)
    ]
    if len(paths) < len(items):
        raise UsageError("text_column reads shards named by path or URL, not texts")
    return read_tables([os.fspath(p) for p in paths], text_column, id_column)


def _read(
    items: list[tuple[Source, bool]], encoding: str | None, step: Callable[[str, float], None]
) -> list[Document]:
    """The documents of ``items``. A file a scan found that cannot be read as text (binary,
    undecodable, too large) is left out with a warning, as the CLI leaves it out; one named is
    an error. Empty text is text to the library, in a folder too."""
    docs: list[Document] = []
    left_out = 0
    for n, (source, scanned) in enumerate(items):
        if n % 16 == 0:
            step("read", 0.3 * n / max(len(items), 1))
        if not scanned:
            docs.append(load_named(source, encoding=encoding))
            continue
        try:
            docs.append(load(source, encoding=encoding))
        except InputError as exc:
            left_out += 1
            warn_skipped(exc, stacklevel=4)  # at the caller of dedupe, past its argument check
    if items and not docs:
        raise none_readable(left_out)
    return docs


class _Engine:
    """Where the similar pairs and the edits are computed, and where the stages are kept: a
    Dask client is made on first use (not at all when the cache holds the pairs and no edit
    is wanted) and closed when the run ends."""

    def __init__(
        self,
        name: Engine,
        scheduler: Any,
        partitions: int | None,
        cache_dir: str | os.PathLike[str] | None,
        workers: int | None,
    ) -> None:
        self.name = name
        self.scheduler = scheduler
        self.partitions = partitions
        self.cache_dir = cache_dir
        self.workers = workers
        self._stack = ExitStack()
        self._client: Any = None

    def __enter__(self) -> _Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def client(self) -> Any:
        if self._client is None:
            from . import on_dask

            self._client = self._stack.enter_context(on_dask.connect(self.scheduler, self.workers))
        return self._client

    def edits_map(self) -> EditsMap | None:
        """Where the members' edits are computed: None for here, as the local path does."""
        if self.name != "dask":
            return None
        from . import on_dask

        def edits(parts: Any, glossary: Glossary | None) -> Any:
            if glossary is None:
                return on_dask.edits_on(self.client(), parts)
            return on_dask.edits_on(self.client(), parts, glossary=glossary)

        return edits


def _unit_groups(
    units: list[_Unit],
    threshold: float,
    step: Callable[[str, float], None],
    workers: int | None,
    engine: _Engine,
) -> tuple[list[list[int]], Links]:
    """The units linked by similarity, on the chosen engine, and what linked them."""
    run = executor.choose(workers, len(units), executor.PARALLEL_MIN_JOBS)
    if engine.cache_dir is not None:
        return _cached(units, threshold, step, run.processes, engine)
    if engine.name == "dask":
        return _on_dask(units, threshold, step, engine.client(), engine.partitions)
    return _unit_clusters(units, threshold, step, run.processes)


def _cached(
    units: list[_Unit],
    threshold: float,
    step: Callable[[str, float], None],
    processes: int,
    engine: _Engine,
) -> tuple[list[list[int]], Links]:
    """``_unit_groups`` stage by stage, each stage's output kept in ``engine.cache_dir``;
    a Dask cluster is reached only if the pairs are not kept yet."""
    from .stage_cache import cached_groups

    def pairs_on_dask(keys: list[str]) -> list[tuple[int, int, float]]:
        from . import on_dask

        return on_dask.similar_pairs_on(engine.client(), keys, threshold, engine.partitions)

    assert engine.cache_dir is not None
    pairs_on = pairs_on_dask if engine.name == "dask" else None
    return cached_groups(units, threshold, step, processes, engine.cache_dir, pairs_on)


def _clustered(
    units: list[_Unit],
    linked: tuple[list[list[int]], Links],
    rule: tuple[float, Linkage],
    docs: list[Document],
    segs: list[Segmented],
    diffs: bool | int,
    workers: int | None,
    step: Callable[[str, float], None],
    edits_map: EditsMap | None = None,
    kept: str | os.PathLike[str] | None = None,
) -> list[Cluster]:
    """The groups split where a member strays from its representative (``rule``: the
    threshold and the linkage), in document order, each member with its edits (computed by
    ``edits_map``, if given; kept in and read from the folder ``kept``, if given)."""
    place = _places(units)
    threshold, linkage = rule
    groups, scored = _split(units, linked[0], threshold, place, linked[1], linkage)
    ordered = sorted((sorted(g, key=place) for g in groups), key=lambda g: place(g[0]))
    return _clusters(ordered, units, docs, segs, diffs, workers, step, scored, edits_map, kept)


def _check_engine(engine: str, granularity: str, partitions: int | None) -> None:
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    if engine == "dask" and granularity == "passage":
        raise UsageError("passage granularity runs on the local engine only")
    if partitions is not None and (
        isinstance(partitions, bool) or not isinstance(partitions, int) or partitions < 1
    ):
        raise UsageError(f"partitions must be a whole number of at least 1, not {partitions!r}")


def _on_dask(
    units: list[_Unit],
    threshold: float,
    step: Callable[[str, float], None],
    client: Any,
    partitions: int | None,
) -> tuple[list[list[int]], Links]:
    """``_unit_clusters`` with the similar pairs found on a Dask cluster, and their
    components too past ``on_dask.CLIENT_PAIRS`` pairs."""
    from . import on_dask

    keys, key_of = numbered_keys(units)
    step("candidates", 0.45)
    label, pairs = on_dask.linked_on(client, keys, threshold, partitions)
    return linked_groups(label[key_of]), Links(key_of, pairs)

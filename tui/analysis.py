"""The work the app hands to a worker thread, and what it gets back.

The core functions are called here and nowhere else in the app, with the user's options,
a progress callback and a cancel callback. Documents are loaded once and kept, so the
document view can show the whole text without reading the files again, and a search index
is built in the same thread so that searching later costs nothing on the UI thread; the
compared documents are measured for the document view there too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from diffkit.comparison import CompareReport, compare
from diffkit.deduplication import DedupeReport, Linkage, dedupe
from diffkit.errors import InputError
from diffkit.folding import FoldProfile
from diffkit.loading import (
    check_not_binary,
    discover,
    load_path,
    none_found,
    read_inputs,
    require_text,
)
from diffkit.model import Document

from .search import SearchIndex
from .subjects import Passage, subject_key, unmatched
from .widgets.wrapping import measured

Progress = Callable[[str, float], None]
Cancel = Callable[[], bool]
T = TypeVar("T")


class Abandoned(Exception):
    """The caller stopped waiting for work that was still running."""


def run_abandonable(work: Callable[[], T], cancelled: Cancel, *, poll: float = 0.05) -> T:
    """Run ``work`` in a daemon thread and return its result, or raise ``Abandoned`` as soon
    as ``cancelled()`` is true.

    The core checks for cancellation between its stages, which on large inputs can be
    seconds apart; waiting for it would keep the app from quitting. The abandoned thread
    stops at the core's next check (its own cancel callback sees the same flag) and, being a
    daemon, never holds up the process's exit.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(work())
        except BaseException as exc:  # handed to the waiting thread below
            failure.append(exc)

    thread = threading.Thread(target=target, name="diffkit-analysis", daemon=True)
    thread.start()
    while thread.is_alive():
        thread.join(poll)
        if cancelled():
            raise Abandoned
    if failure:
        raise failure[0]
    return outcome[0]


@dataclass(frozen=True, slots=True)
class Options:
    """What the user asked for on the command line."""

    profile: str = "default"
    skip: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    """Categories hidden when the app starts."""
    threshold: float = 0.8
    """Similarity a repeat needs (duplicates mode)."""
    encoding: str | None = None
    linkage: Linkage = "star"
    """Who joins a cluster (duplicates mode): see ``diffkit.dedupe``."""


@dataclass(frozen=True, eq=False)
class Comparison:
    """A finished comparison of two documents."""

    report: CompareReport
    documents: tuple[Document, Document]
    unmatched: tuple[Passage, ...]
    """Passages of A, then of B, that have no counterpart."""
    search: SearchIndex

    @property
    def fold_profile(self) -> FoldProfile:
        return FoldProfile(self.report.profile, self.report.steps)


@dataclass(frozen=True, eq=False)
class Duplicates:
    """Finished duplicate detection over one or more documents."""

    report: DedupeReport
    documents: tuple[Document, ...]
    search: SearchIndex
    skipped: tuple[str, ...] = ()
    """Why each file of a folder that was left out (empty, unreadable) was left out."""

    @property
    def fold_profile(self) -> FoldProfile:
        return FoldProfile(self.report.profile, self.report.steps)


def _scaled(progress: Progress, upto: float) -> Progress:
    """The core's progress mapped to ``[0, upto]``: the search index takes the rest."""

    def report(stage: str, fraction: float) -> None:
        progress(stage, fraction * upto)

    return report


WHOLE_CHECK = 1 << 20
"""Files up to this size are read whole before the app starts; larger ones only their head."""


def refuse_bad_inputs(paths: Sequence[Path], encoding: str | None) -> None:
    """Raise the core's error for a file named that is empty, binary or undecodable, as
    ``compare`` does, and for folders and globs that hold no file, as ``dedupe`` does, before
    the app starts: an app that opens only to show an error is worse than one line. A large
    file is checked by its head, so the first paint stays instant; the analysis reads it
    whole and reports what the head did not show."""
    if not discover([str(p) for p in paths]):
        raise none_found(paths)
    for path in paths:
        if not path.is_file():
            continue
        if path.stat().st_size <= WHOLE_CHECK:
            require_text(load_path(path, encoding=encoding))
        elif encoding is None:
            with path.open("rb") as f:
                check_not_binary(f.read(WHOLE_CHECK // 16), name=str(path))


def is_comparison(paths: Sequence[Path]) -> bool:
    """Two files are compared; anything else is searched for duplicates."""
    return len(paths) == 2 and all(p.is_file() for p in paths)


def run_comparison(
    a: Path, b: Path, options: Options, *, progress: Progress, cancel: Cancel
) -> Comparison:
    named = (str(a), str(b))
    doc_a, doc_b = read_inputs(named, named=named, encoding=options.encoding)
    report = compare(
        doc_a,
        doc_b,
        profile=options.profile,
        skip=options.skip,
        encoding=options.encoding,
        progress=_scaled(progress, 0.95),
        cancel=cancel,
    )
    progress("search index", 0.95)
    passages = unmatched(report)
    profile = FoldProfile(report.profile, report.steps)
    texts: dict[str, Iterable[str]] = {str(p.index): (p.a_text, p.b_text) for p in report.pairs}
    texts.update((subject_key(p), (p.text,)) for p in passages)
    index = SearchIndex.build(texts, profile)
    measured(doc_a), measured(doc_b)
    progress("done", 1.0)
    return Comparison(report, (doc_a, doc_b), passages, index)


def run_duplicates(
    paths: Sequence[Path], options: Options, *, progress: Progress, cancel: Cancel
) -> Duplicates:
    files = discover([str(p) for p in paths])
    if not files:
        raise none_found(paths)
    # As on the command line: a file named is refused if empty or unreadable, one found in
    # a folder is left out.
    skipped: list[InputError] = []
    documents = tuple(
        read_inputs(
            files, named={str(p) for p in paths}, encoding=options.encoding, skipped=skipped.append
        )
    )
    report = dedupe(
        list(documents),
        threshold=options.threshold,
        linkage=options.linkage,
        profile=options.profile,
        skip=options.skip,
        encoding=options.encoding,
        # No forked workers from inside a running app: a child would inherit the locks of
        # the app's other threads (input, rendering) in whatever state they were in.
        workers=1,
        progress=_scaled(progress, 0.95),
        cancel=cancel,
    )
    progress("search index", 0.95)
    profile = FoldProfile(report.profile, report.steps)
    texts = {str(c.id): tuple(m.text for m in c.members) for c in report.clusters}
    index = SearchIndex.build(texts, profile)
    progress("done", 1.0)
    return Duplicates(report, documents, index, tuple(str(e) for e in skipped))

"""Assertions for QA scripts and test suites: fail with a message a person can act on.

A failing check names each remaining difference with its place in both files and a short
side-by-side excerpt, so a pytest failure reads like a review comment, not a data dump.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from .arguments import checked
from .comparison import CompareReport, compare
from .deduplication import DedupeGranularity, DedupeReport, dedupe
from .folding import FoldProfile
from .loading import Source
from .model import Edit, Pair
from .render import shorten, visible
from .vocabulary import EDIT_CATEGORIES

NOISE: tuple[str, ...] = tuple(c.name for c in EDIT_CATEGORIES if c.noise)
"""What publishing makes and an editor does not: what :func:`assert_equivalent` ignores."""
_EXCERPT = 18
_SHOWN = 20


def _excerpt(text: str, start: int, end: int) -> str:
    left = visible(text[max(0, start - _EXCERPT) : start])
    mid = visible(text[start:end]) or "∅"
    right = visible(text[end : end + _EXCERPT])
    return f"…{left}[{mid}]{right}…"


def _edit_lines(pair: Pair, edit: Edit) -> list[str]:
    a_line = pair.a.start_line + pair.a_text.count("\n", 0, edit.a_start - pair.a.start)
    b_line = pair.b.start_line + pair.b_text.count("\n", 0, edit.b_start - pair.b.start)
    return [
        f"  {edit.category} {edit.op}: {edit.a_text!r} -> {edit.b_text!r}",
        f"    A {pair.a.path}:{a_line}  {_excerpt(pair.a_text, edit.a_start - pair.a.start, edit.a_end - pair.a.start)}",
        f"    B {pair.b.path}:{b_line}  {_excerpt(pair.b_text, edit.b_start - pair.b.start, edit.b_end - pair.b.start)}",
    ]


def explain_differences(report: CompareReport, *, limit: int = _SHOWN) -> str:
    """The counted differences of a comparison as readable lines (what assert_equivalent says)."""
    hidden = frozenset(report.ignore)
    lines = [
        f"{report.a.path} and {report.b.path} differ: {report.differences()} counted differences"
        + (f" (ignoring {', '.join(report.ignore)})" if report.ignore else "")
    ]
    shown = 0
    for pair in report.pairs:
        for edit in pair.counted(hidden):
            if shown < limit:
                lines.extend(_edit_lines(pair, edit))
            shown += 1
    if "content" not in hidden:
        for side, items in (("A", report.unmatched_a), ("B", report.unmatched_b)):
            for seg in items:
                if shown < limit:
                    lines.append(f"  only in {side}: {seg.span}  {shorten(seg.text, 60)}")
                shown += 1
    if shown > limit:
        lines.append(f"  … and {shown - limit} more")
    return "\n".join(lines)


@checked
def assert_equivalent(
    a: Source,
    b: Source,
    *,
    ignore: Iterable[str] = NOISE,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
) -> CompareReport:
    """Pass when ``a`` and ``b`` differ only in the ignored categories; otherwise raise an
    AssertionError listing each remaining difference with its place in both files.

    >>> assert_equivalent("市委将一如既往支持人大。", "市委將(jiāng)一如既往支持人大。").similarity
    1.0
    """
    report = compare(a, b, ignore=tuple(ignore), profile=profile, skip=skip)
    if report.differences():
        raise AssertionError(explain_differences(report))
    return report


def explain_duplicates(report: DedupeReport, *, limit: int = _SHOWN) -> str:
    """The clusters of a dedupe report as readable lines (what assert_no_duplicates says)."""
    lines = [f"{report.duplicates} repeated passages in {len(report.clusters)} clusters:"]
    for cluster in report.clusters[:limit]:
        rep = cluster.representative
        lines.append(f"  cluster {cluster.id}: {shorten(rep.text, 50)}")
        for m in cluster.members:
            mark = "first" if m.representative else f"{m.similarity:.0%}"
            lines.append(f"    {m.span}  ({mark})")
    if len(report.clusters) > limit:
        lines.append(f"  … and {len(report.clusters) - limit} more clusters")
    return "\n".join(lines)


@checked
def assert_no_duplicates(
    sources: Source | Sequence[Source] | str | os.PathLike[str],
    *,
    threshold: float = 0.8,
    granularity: DedupeGranularity = "paragraph",
    min_chars: int | None = None,
    profile: str | FoldProfile = "default",
) -> DedupeReport:
    """Pass when no passage repeats; otherwise raise an AssertionError listing every cluster
    with the places of its members. A directory stands for the files under it.

    >>> assert_no_duplicates("一段只出现一次的文字，说完就结束了。").clusters
    ()
    """
    # dedupe reads a folder's files as the CLI does (hidden files and diffkit's own outputs
    # left out).
    items: list[Source] = list(sources) if isinstance(sources, (list, tuple)) else [sources]  # type: ignore[list-item]
    report = dedupe(
        items, threshold=threshold, granularity=granularity, min_chars=min_chars, profile=profile
    )
    if report.clusters:
        raise AssertionError(explain_duplicates(report))
    return report

"""Folding text for matching, with a map from every folded character back to the original.

Folding is a chain of named steps (width, whitespace, annotation, script, regional wording,
punctuation, case: declared in ``vocabulary``, written in ``fold_steps``). Each step turns an array of code points into another and says, for every output character,
which input characters it came from; composing those index arrays gives, for every folded
character, the span of the original text it stands for. Folded text is only ever a comparison
key: what users are shown is the original text, found again through the map.

The steps work on numpy arrays of code points so that the common cases (one character to one,
deletions, runs collapsed to one) cost a few vectorised passes, not a Python loop per character.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from .. import executor
from ..codepoints import (
    _SEP,
    PARAGRAPH_SEPARATOR,
    CodePoints,
    IntArray,
    _case_table,
    _class_tables,
    _nfkc_marked,
    _opencc,
    _punctuation_table,
    _ranges,
    _variant_table,
    to_codepoints,
    to_text,
)
from ..fold_steps import _convertible
from ..profiles import (  # the names importers have always found here
    DEFAULT_PROFILE as DEFAULT_PROFILE,
    PROFILES as PROFILES,
    STEP_HELP as STEP_HELP,
    STEPS as STEPS,
    FoldProfile as FoldProfile,
    fitted as fitted,
    resolve_profile as resolve_profile,
)
from .folded import Folded as Folded
from .maps import _past, _shifted
from .parallel import _run_parts
from .runs import _run, _run_long


def fold(text: str, *, profile: str | FoldProfile = "default", skip: Iterable[str] = ()) -> Folded:
    """Fold ``text`` for matching and keep the map back to it.

    >>> fold("完成(chéng)各項議程 ， 勝利閉幕").text
    '完成各项议程,胜利闭幕'
    """
    resolved = resolve_profile(profile, skip=skip)
    cps = to_codepoints(text.replace(PARAGRAPH_SEPARATOR, " "))
    out, first, last = _run(cps, resolved.steps, resolved.glossary)
    return Folded(to_text(out), first, _past(first, last))


def fold_joined(
    text: str,
    bounds: Sequence[tuple[int, int]],
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
) -> tuple[Folded, IntArray]:
    """Fold each ``text[start:end]`` on its own, in one pass over the whole text: the folded
    pieces joined by U+2029, and where those separators stand in the folded text.

    ``bounds`` must be sorted and separated by at least one character; what lies between them
    is ignored. Each piece is what folding it alone gives, at the cost of one call.
    """
    starts = np.fromiter((s for s, _ in bounds), dtype=np.int64, count=len(bounds))
    ends = np.fromiter((e for _, e in bounds), dtype=np.int64, count=len(bounds))
    return fold_spans(to_codepoints(text), starts, ends, profile=profile, skip=skip)


def fold_spans(
    cps: CodePoints,
    starts: IntArray,
    ends: IntArray,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    processes: int = 1,
) -> tuple[Folded, IntArray]:
    """:func:`fold_joined` for a text already as code points and its pieces as arrays of starts
    and ends: a caller that has both saves converting them again. ``cps`` is overwritten (the
    fold starts from it in place, sparing a copy of the text), so pass code points that are
    no longer needed. With ``processes`` > 1, a large text is cut between pieces and its
    parts are folded side by side in forked processes (see :func:`_run_parts`)."""
    resolved = resolve_profile(profile, skip=skip)
    steps, glossary = resolved.steps, resolved.glossary
    cps[np.flatnonzero(cps == _SEP)] = 0x20
    cps[_ranges(np.append(0, ends), np.append(starts, len(cps)))] = 0x20
    cps[ends[:-1]] = _SEP
    # From the first piece's start to the last one's end only: the text's edges must be
    # edges to the fold, as they are to a piece folded alone (a wrap beside one is judged
    # by the other side), not the spaces that stand for what lies beyond the pieces.
    lo, hi = (int(starts[0]), int(ends[-1])) if len(starts) else (0, 0)
    # Handed on with no name left here, so that the fold can let the code points go (when
    # the caller handed them over too) before the results it closes up grow to their size.
    inner = [cps[lo:hi]]
    del cps
    count = executor.processes(processes) if hi - lo >= executor.PARALLEL_MIN_CHARS else 1
    if count > 1:
        out, first, last = _run_parts(inner.pop(), ends[:-1] - lo, steps, count, glossary)
    else:
        out, first, last = _run_long(inner.pop(), steps, glossary)
    if lo:
        same = last is first
        if hi > np.iinfo(first.dtype).max:  # the maps were sized for the slice
            first = first.astype(np.int64)
        first += lo
        last = first if same else _shifted(last, lo, hi)
    cuts = np.flatnonzero(out == _SEP)
    if len(cuts) != max(len(starts) - 1, 0):
        raise AssertionError("fold_joined: separators were lost")  # pragma: no cover
    text = to_text(out)
    del out  # before the second map is made: a large text's arrays are not held all at once
    return Folded(text, first, _past(first, last)), cuts


def fold_pieces(
    text: str,
    bounds: Sequence[tuple[int, int]],
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
) -> list[Folded]:
    """Fold each ``text[start:end]`` on its own (see :func:`fold_joined`), one result a piece."""
    if not bounds:
        return []
    joined, cuts = fold_joined(text, bounds, profile=profile, skip=skip)
    result: list[Folded] = []
    prev = 0
    for cut in [*cuts.tolist(), len(joined.text)]:
        result.append(Folded(joined.text[prev:cut], joined.starts[prev:cut], joined.ends[prev:cut]))
        prev = cut + 1
    return result


def fold_each(texts: Sequence[str], *, profile: str | FoldProfile = "default") -> list[str]:
    """The folded text of each of ``texts``, each folded on its own, all in one pass: a fold
    call costs far more than the few characters of a paragraph or an edit."""
    bounds: list[tuple[int, int]] = []
    at = 0
    for text in texts:
        bounds.append((at, at + len(text)))
        at += len(text) + 1  # the character between two pieces becomes the fold's separator
    return [f.text for f in fold_pieces("\n".join(texts), bounds, profile=profile)]


def warm_up() -> None:
    """Build the lookup tables now rather than on the first fold."""
    _nfkc_marked()
    _class_tables()
    _case_table()
    _punctuation_table()
    _variant_table()
    _opencc()
    _convertible()

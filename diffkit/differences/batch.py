"""The raw edits of many pairs at once: walks first, then the regional conversions they asked
for in one batch, then the regional words cut by content edits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..folding import Folded
from ..model import Category
from ..regional import Glossary
from .classification import _CLASSIFIED, classify, classify_all
from .conversions import _FORMS, _all_map_onto, _convert_all, _may_be_regional, _regional
from .counterparts import held_many
from .raw import RawEdit
from .runs import _plain_runs, _Runs
from .tidy import _finish
from .walk import _aligned, _walk
from .windows import _contexts, _may_cut_regional_words, _regional_in_context


def diff_raw(
    a: str, fa: Folded, b: str, fb: Folded, glossary: Glossary | None = None
) -> list[RawEdit]:
    """The edits of ``diff_folded`` as tuples ``(a0, a1, b0, b1, category, ambiguous)``
    relative to ``a`` and ``b``: cheap to send between processes and to build on demand."""
    return diff_raw_many([(a, fa, b, fb)], glossary)[0]


def diff_raw_many(
    pairs: Sequence[tuple[str, Folded, str, Folded]], glossary: Glossary | None = None
) -> list[list[RawEdit]]:
    """``diff_raw`` of each pair ``(a, fa, b, fb)``, with the array work of all the pairs done
    at once: on short passages (a corpus's paragraphs) numpy's cost is mostly per call.
    ``glossary`` is the one the keys were folded with (None: the shipped one): its entries
    are regional counterparts."""
    out: list[list[RawEdit]] = [[] for _ in pairs]
    todo = [n for n, (a, _, b, _) in enumerate(pairs) if a != b]
    if not todo:
        return out
    aligned = [(*pairs[n], _aligned(pairs[n][1], pairs[n][3])) for n in todo]
    # Each walk first takes the content edits it has not met before for no regional ones,
    # and the differences it has not classified before for script ones, noting both; their
    # forms are then converted and folded all at once, and the pairs where a guess may have
    # been wrong are walked again.
    asked: list[tuple[str, str]] = []
    unseen: list[tuple[str, str]] = []

    def regional_later(a: str, b: str) -> bool:
        if not _may_be_regional(a, b):
            return False
        if a in _FORMS and b in _FORMS:
            return _regional(a, b)
        asked.append((a, b))
        return False

    def classify_later(a: str, b: str) -> tuple[Category, bool]:
        if (a, b) in _CLASSIFIED:
            return classify(a, b)
        unseen.append((a, b))
        return "script", False  # a script guess asks about the whole phrase too

    walked: list[tuple[int, tuple[Any, ...], _Runs, int, int, bool]] = []
    for n, item, runs in zip(todo, aligned, _plain_runs(aligned), strict=True):
        lo, seen = len(asked), len(unseen)
        out[n] = _walk(item[0], item[2], item[4], runs, regional_later, classify_later)
        walked.append((n, item, runs, lo, len(asked), len(unseen) > seen))
    if asked:
        _convert_all(text for pair in asked for text in pair)
    if unseen:
        classify_all(unseen)
    for n, item, runs, lo, hi, guessed in walked:
        if guessed or any(_regional(a, b) for a, b in asked[lo:hi]):
            out[n] = _walk(item[0], item[2], item[4], runs, _regional)
    checked = held_many([(out[n], pairs[n][0], pairs[n][2]) for n in todo], glossary)
    for n, raw in zip(todo, checked, strict=True):
        out[n] = _finish(raw, pairs[n][0], pairs[n][2])
    _regional_windows(out, pairs, todo)
    return out


def _regional_windows(
    out: list[list[RawEdit]], pairs: Sequence[tuple[str, Folded, str, Folded]], todo: list[int]
) -> None:
    """Edits of ``out[n]`` (for each ``n`` of ``todo``) that cut a regional word apart made
    regional in their context, every pair's windows mapped in one batch."""
    windows = [
        (n, k, w)
        for n in todo
        if _may_cut_regional_words(out[n])
        for k, w in _contexts(out[n], pairs[n][0], pairs[n][2])
    ]
    hits = _all_map_onto(
        [(pairs[n][0][a0:a1], pairs[n][2][b0:b1]) for n, _, (a0, a1, b0, b1) in windows]
    )
    found: dict[int, list[tuple[int, tuple[int, int, int, int]]]] = defaultdict(list)
    for (n, k, w), hit in zip(windows, hits, strict=True):
        if hit:
            found[n].append((k, w))
    for n, regional in found.items():
        out[n] = _regional_in_context(out[n], pairs[n][0], pairs[n][2], regional)

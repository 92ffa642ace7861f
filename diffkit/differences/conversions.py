"""Whether OpenCC's regional phrase tables map one side of an edit onto the other (文件/檔案),
with the texts' conversions cached and converted many at a time, since a call costs far more
than its characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Final

from opencc_pyo3 import OpenCC

from ..codepoints import HAN_CLASS
from ..converters import converter
from ..executor import opencc_fork_safe
from ..lru import LRU
from .classification import _TEXTS

_HAN: Final = re.compile(f"[{HAN_CLASS}]")


@cache
def _regional_converters() -> tuple[OpenCC, ...]:
    return (converter("tw2sp"), converter("hk2s"), converter("s2twp"))


@cache
def _window_converters() -> tuple[OpenCC, ...]:
    """The converters whose phrase tables a cut word comes from: Taiwan's, both ways. (hk2s
    adds variant characters, not words: on the samples' Taiwan and Hong Kong copies it
    completes no window that these two leave, and it would cost a third more.)"""
    return (converter("tw2sp"), converter("s2twp"))


def warm_up() -> None:
    """Load the regional phrase tables now, so that forked diff workers share one copy
    instead of each loading its own."""
    _regional_converters()


_FORMS: LRU[str, tuple[str, ...]] = LRU(_TEXTS)
"""Texts through each regional converter: edits repeat the same few strings, and a chunk of
pairs fills it for all its edits at once (see ``_convert_all``)."""


def _regional_forms(text: str) -> tuple[str, ...]:
    forms = _FORMS.get(text)
    if forms is None:
        forms = tuple(cc.convert(text) for cc in _regional_converters())
        _FORMS[text] = forms
    return forms


_BATCH_CHARS: Final = 96
"""The most characters ``_convert_all`` gives OpenCC in one call where OpenCC may convert on
a thread pool (``executor.opencc_fork_safe`` is false): past a few hundred characters, or a
hundred-odd pieces between delimiters, it does, and a forked worker inherits the pool
without its threads and waits on it for ever."""
_SAFE_BATCH_CHARS: Final = 1 << 20
"""The batch where OpenCC converts on the calling thread: large, so that a call's cost is its
characters', and bounded, so that no single text is built past a few megabytes."""


def _convert_all(texts: Iterable[str]) -> None:
    """``_regional_forms`` of many short texts, converted together (see ``_convert_joined``);
    texts holding a line break are left to ``_regional_forms``."""
    todo = [t for t in dict.fromkeys(texts) if t not in _FORMS and "\n" not in t]
    if not todo:
        return
    columns = [_convert_joined(cc, todo) for cc in _regional_converters()]
    if all(c is not None for c in columns):
        _FORMS.update(zip(todo, zip(*columns, strict=True), strict=True))


def _convert_joined(cc: OpenCC, texts: list[str]) -> list[str] | None:
    """Each of ``texts`` (none holding a line break) through ``cc``: all joined by line breaks
    and handed over a batch at a time, cut at line breaks, since a call costs far more than
    its characters. No phrase of OpenCC's tables holds a line break, so none can span two
    texts; None if the line breaks did not come back one for one."""
    if not texts:
        return []
    joined = "\n".join(texts)
    size = _SAFE_BATCH_CHARS if opencc_fork_safe() else _BATCH_CHARS
    parts: list[str] = []
    lo = 0
    while lo <= len(joined):
        hi = lo + size
        if hi >= len(joined):
            hi = len(joined)
        else:
            cut = joined.rfind("\n", lo, hi + 1)
            if cut < lo:  # one text longer than a batch: a batch of its own
                cut = joined.find("\n", hi)
            hi = len(joined) if cut < 0 else cut
        parts.append(cc.convert(joined[lo:hi]))
        lo = hi + 1
    out = "\n".join(parts).split("\n")
    return out if len(out) == len(texts) else None


def _all_map_onto(pairs: list[tuple[str, str]]) -> list[bool]:
    """``_maps_onto`` of many pairs, converted together and not cached: the windows of
    content edits (``_contexts``) seldom recur. Pairs holding a line break go one at a time."""
    hits = [False] * len(pairs)
    batch = [k for k, (x, y) in enumerate(pairs) if "\n" not in x and "\n" not in y]
    sides = [t for k in batch for t in pairs[k]]
    for cc in _window_converters():
        forms = _convert_joined(cc, sides)
        if forms is None:
            return [_maps_onto(x, y) for x, y in pairs]
        for k, x, y in zip(batch, forms[0::2], forms[1::2], strict=True):
            if x == y:
                hits[k] = True
    batched = set(batch)
    for k, (x, y) in enumerate(pairs):
        if k not in batched:
            hits[k] = _maps_onto(x, y)
    return hits


def _may_be_regional(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are worth converting: regional words are short Han phrases."""
    return bool(a and b and len(a) <= 12 and len(b) <= 12 and _HAN.search(a) and _HAN.search(b))


@lru_cache(maxsize=_TEXTS)
def _regional(a: str, b: str) -> bool:
    """Whether OpenCC's regional phrase tables map ``a`` and ``b`` onto one text."""
    if not _may_be_regional(a, b):
        return False
    return _maps_onto(a, b)


def _maps_onto(a: str, b: str) -> bool:
    return any(x == y for x, y in zip(_regional_forms(a), _regional_forms(b), strict=True))

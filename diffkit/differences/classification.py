"""The category of a difference whose two sides fold to one key: the lightest fold that makes
them equal names it (whitespace, punctuation, annotation, width, case, script, regional).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

from ..fold_steps import is_annotation
from ..folding import DEFAULT_PROFILE, FoldProfile, fold, fold_each
from ..lru import LRU
from ..model import Category

_AMBIGUOUS: Final = frozenset(
    "干后发面里台余松谷云丑斗只征历钟系范冲制准于几卷复尽回团坛夸当御志恶才朴杰板汇沈注涂卤"
    "厘吁咸宁布帘弦折表辟适采须叶合困借据获苏致蒙游症划占参周仆伙刮千升党凶别克着么尝"
)
"""Simplified characters that stand for several Traditional ones in OpenCC's tables."""


_PROBES: Final = (
    ("whitespace", "annotation"),
    ("whitespace", "width", "punctuation"),
    ("whitespace", "width", "case"),
    ("whitespace", "width", "annotation", "script"),
    DEFAULT_PROFILE.steps,
    tuple(s for s in DEFAULT_PROFILE.steps if s != "regional"),
)
"""The folds :func:`classify` compares the two sides by, lightest first, then the full one
and the full one but for regional wording."""


_PAIRS: Final = 1 << 14
"""The most pairs of sides each cache of pairs keeps: a large corpus's edits have about a
thousand distinct pairs of sides."""
_TEXTS: Final = 1 << 17
"""The most texts each cache of texts keeps: a large corpus's edits have tens of thousands."""


@lru_cache(maxsize=_PAIRS)
def classify(a: str, b: str) -> tuple[Category, bool]:
    """The category of a difference whose sides fold to the same key, and whether it involves
    an ambiguous script conversion."""
    if not a.strip() and not b.strip():
        return "whitespace", False
    if (not a and is_annotation(b)) or (not b and is_annotation(a)):
        return "annotation", False
    if _same(a, b, _PROBES[0]):
        return "annotation", False
    if _same(a, b, _PROBES[1]):
        if all(not c.isalnum() for c in a + b if not c.isspace()):
            return "punctuation", False
        return "width", False
    if _same(a, b, _PROBES[2]):
        return "case", False
    if _same(a, b, _PROBES[3]):
        folded = _folded(a, _PROBES[4]) + _folded(b, _PROBES[4])
        return "script", any(c in _AMBIGUOUS for c in folded)
    if _marks_only(a.strip()) and _marks_only(b.strip()):
        return "punctuation", False  # marks the full fold makes one only in context (. and 。)
    if _same(a, b, _PROBES[5]) or len(a) == len(b) == 1:
        # One character for another agrees only in context: a phrase of the script step's
        # tables (反覆/反复, 瞭解/了解); the regional step replaces whole phrases.
        return "script", False
    # The keys agree only once regional wording is folded: here, in context, or by the
    # caller's glossary (檔案/文件, 指令/命令).
    return "regional", False


def classify_all(pairs: Iterable[tuple[str, str]]) -> None:
    """Fill :func:`classify`'s cache for many pairs at once, the sides of the pairs not met
    before folded in one batch a probe: a fold's cost on one character is nearly all set-up,
    and a converted copy brings hundreds of character pairs a worker has not seen. A probe
    folds only the sides of the pairs the lighter ones leave undecided, as :func:`classify`
    asks them: the full fold, regional wording and all, costs the most a character."""
    todo = [p for p in dict.fromkeys(pairs) if p not in _CLASSIFIED]
    if not todo:
        return
    left = todo
    for n, steps in enumerate(_PROBES[:4]):
        _fold_all(_sides(left), steps)
        agree = [_same(a, b, steps) for a, b in left]
        if n == 3:  # script: the full fold tells an ambiguous conversion
            _fold_all(_sides(p for p, same in zip(left, agree, strict=True) if same), _PROBES[4])
        left = [p for p, same in zip(left, agree, strict=True) if not same]
    _fold_all(_sides(left), _PROBES[5])
    for a, b in todo:
        classify(a, b)
    _CLASSIFIED.update((pair, True) for pair in todo)


def _sides(pairs: Iterable[tuple[str, str]]) -> list[str]:
    return list(dict.fromkeys(t for pair in pairs for t in pair))


_CLASSIFIED: LRU[tuple[str, str], bool] = LRU(_PAIRS)
"""The pairs ``classify_all`` has seen: their sides need no batch fold again."""


def _same(a: str, b: str, steps: tuple[str, ...]) -> bool:
    fa, fb = _folds([a, b], steps)
    return fa == fb


_FOLDS: LRU[tuple[str, tuple[str, ...]], str] = LRU(_TEXTS)
"""Texts folded by one set of steps: the sides of edits recur far more than their pairs."""


def _folded(text: str, steps: tuple[str, ...]) -> str:
    """``text`` folded by ``steps`` alone."""
    key = (text, steps)
    out = _FOLDS.get(key)
    if out is None:
        out = fold(text, profile=FoldProfile("probe", steps)).text
        _FOLDS[key] = out
    return out


def _fold_all(texts: Sequence[str], steps: tuple[str, ...]) -> None:
    """``_folded`` of many texts in one pass (``fold_each``: each folds as if alone)."""
    todo = [t for t in texts if t and (t, steps) not in _FOLDS]
    if len(todo) < 2:
        return
    _FOLDS.update(zip(((t, steps) for t in todo), _folded_pieces(todo, steps), strict=True))


def _folds(texts: Sequence[str], steps: tuple[str, ...]) -> list[str]:
    """``_folded`` of each of ``texts``, those not held folded in one pass and returned as
    made (see ``LRU.many``)."""
    found = _FOLDS.many(((t, steps) for t in texts if t), lambda keys: _fold_keys(keys, steps))
    return [found[t, steps] if t else "" for t in texts]


def _fold_keys(keys: list[tuple[str, tuple[str, ...]]], steps: tuple[str, ...]) -> list[str]:
    texts = [t for t, _ in keys]
    if len(texts) < 2:
        return [fold(t, profile=FoldProfile("probe", steps)).text for t in texts]
    return _folded_pieces(texts, steps)


def _folded_pieces(texts: list[str], steps: tuple[str, ...]) -> list[str]:
    return fold_each(texts, profile=FoldProfile("probe", steps))


@lru_cache(maxsize=_TEXTS)
def _marks_only(text: str) -> bool:
    """Whether ``text`` holds punctuation marks alone (nothing, too): a difference of marks
    only is a punctuation edit even where the marks are not one another's forms (，/。, a
    comma added)."""
    return all(unicodedata.category(c).startswith("P") for c in text)

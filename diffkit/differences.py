"""Differences inside a matched pair: character edits for Han, word edits for Latin, each with
the reason it exists.

The two sides are aligned on their folded keys (fold before aligning, never after), so a
Traditional copy lines up with its Simplified original character for character. Where the keys
agree, the original texts may still differ; each such difference is an edit named after the
lightest fold that makes its sides equal (whitespace, punctuation, annotation, width, case,
script). Where the keys disagree, the edit is ``content``; ``regional`` when OpenCC's
regional phrase tables map one side onto the other (文件/檔案, 默认/預設); ``punctuation`` when
both sides are marks alone (a comma added, ``。`` made ``，``).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Final, NamedTuple

import fast_diff_match_patch as fdmp
import numpy as np
import numpy.typing as npt
from opencc_pyo3 import OpenCC

from . import pieces
from .codepoints import view_codepoints
from .converters import converter
from .executor import opencc_fork_safe
from .fold_steps import is_annotation
from .folding import (
    DEFAULT_PROFILE,
    Folded,
    FoldProfile,
    fitted,
    fold,
    fold_pieces,
    resolve_profile,
)
from .loading import Source, load
from .lru import LRU
from .model import CATEGORIES, Category, Edit, EditSequence, edits_of
from .regional import Glossary

_AMBIGUOUS: Final = frozenset(
    "干后发面里台余松谷云丑斗只征历钟系范冲制准于几卷复尽回团坛夸当御志恶才朴杰板汇沈注涂卤"
    "厘吁咸宁布帘弦折表辟适采须叶合困借据获苏致蒙游症划占参周仆伙刮千升党凶别克着么尝"
)
"""Simplified characters that stand for several Traditional ones in OpenCC's tables."""

_HAN: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD: Final = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")
_WORD_CHARS: Final = frozenset(chr(c) for c in range(0x250) if _LATIN_WORD.match(chr(c)))
_DIFF_BOUNDARIES: Final = str.maketrans("。！？；：，、", ".!?;:,,")


def _with_boundaries(text: str) -> str:
    """``text`` with full-width sentence marks as ASCII ones, where diff-match-patch's
    semantic clean-up looks for boundaries. Folded keys keep only 。 and 、 of them, which
    two replaces handle faster than a translation table."""
    if any(c in text for c in "！？；：，"):
        return text.translate(_DIFF_BOUNDARIES)
    return text.replace("。", ".").replace("、", ",")


@dataclass(frozen=True, slots=True)
class DiffResult(EditSequence):
    """The classified edits between two texts and how similar their folded keys are; it
    reads as the sequence of its edits."""

    edits: tuple[Edit, ...]
    similarity: float
    """1.0 when the folded keys are equal; the normalized Indel similarity otherwise."""

    def counts(self) -> dict[str, int]:
        """Number of edits per category, every category present."""
        out: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
        for e in self.edits:
            out[e.category] += 1
        return out

    def content(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.category == "content")


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
    and a converted copy brings hundreds of character pairs a worker has not seen."""
    todo = [p for p in dict.fromkeys(pairs) if p not in _CLASSIFIED]
    if not todo:
        return
    texts = list(dict.fromkeys(t for pair in todo for t in pair))
    for steps in _PROBES:
        _fold_all(texts, steps)
    for a, b in todo:
        classify(a, b)
    _CLASSIFIED.update((pair, True) for pair in todo)


_CLASSIFIED: LRU[tuple[str, str], bool] = LRU(_PAIRS)
"""The pairs ``classify_all`` has seen: their sides need no batch fold again."""


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


_CONTEXT: Final = 2
"""How many characters either side of a content edit may complete a regional phrase that the
edit cuts: the diff trims what the two sides share, so 支持 -> 支援 arrives as 持 -> 援 and
鼠标点击了软件的菜单 -> 滑鼠點選了軟體的選單 as one edit that leaves out the last 单/單."""


_REGIONAL_SIGNS: Final = frozenset(("script", "regional"))


def _may_cut_regional_words(raw: list[_Raw]) -> bool:
    """Whether a pair's content edits are worth checking in context. Regional wording differs
    between copies of two regions, which nearly always differ in script too; a pair with
    neither script nor regional edits (two Simplified copies, edited) is checked only when it
    has few content edits (支持 -> 支援 alone), its whole regional words having been found
    already."""
    content = 0
    for e in raw:
        if e[4] in _REGIONAL_SIGNS:
            return True
        content += e[4] == "content"
    return content <= _FEW_CONTENT_EDITS


_FEW_CONTENT_EDITS: Final = 3
_WINDOW_MAX: Final = 12
"""The longest side of a content edit checked in its context: regional words are short, as
in ``_may_be_regional``."""


def _contexts(raw: list[_Raw], a: str, b: str) -> Iterable[tuple[int, tuple[int, int, int, int]]]:
    """The content edits of a pair that might cut a regional phrase (支持 -> 支援 as 持 -> 援,
    预算法 -> 預演算法 as an inserted 演), each with its window: the edit and up to
    ``_CONTEXT`` Han characters either side that stand one for one on both sides."""
    for k, e in enumerate(raw):
        a0, a1, b0, b1, category = e[0], e[1], e[2], e[3], e[4]
        if category != "content" or a1 - a0 > _WINDOW_MAX or b1 - b0 > _WINDOW_MAX:
            continue
        if not (_HAN.search(a, a0, a1) or _HAN.search(b, b0, b1)):
            continue
        # Most edits have two characters of shared text either side: counted here, without
        # the general walk over neighbouring edits.
        before = raw[k - 1] if k else None
        if (
            a0 >= 2
            and b0 >= 2
            and (before is None or (before[1] <= a0 - 2 and before[3] <= b0 - 2))
        ):
            left = 2 if _is_han(a[a0 - 1]) and _is_han(a[a0 - 2]) else int(_is_han(a[a0 - 1]))
        else:
            left = _reach(raw, k, a, b, -1)
        after = raw[k + 1] if k + 1 < len(raw) else None
        if (
            a1 + 2 <= len(a)
            and b1 + 2 <= len(b)
            and (after is None or (after[0] >= a1 + 2 and after[2] >= b1 + 2))
        ):
            right = 2 if _is_han(a[a1]) and _is_han(a[a1 + 1]) else int(_is_han(a[a1]))
        else:
            right = _reach(raw, k, a, b, 1)
        if a1 - a0 + left + right and b1 - b0 + left + right:
            yield k, (a0 - left, a1 + right, b0 - left, b1 + right)


def _reach(raw: list[_Raw], k: int, a: str, b: str, step: int) -> int:
    """How many Han characters (at most ``_CONTEXT``) beside edit ``k``, before it (``step``
    -1) or after it (1), stand one for one on both sides: text the two share, or the inside
    of an edit as long on both sides that changes no word (script, width). Another change,
    or an edit that adds or drops characters, ends the reach."""
    e = raw[k]
    pa, pb = (e[0], e[2]) if step < 0 else (e[1], e[3])
    j = k + step
    n = 0
    while n < _CONTEXT:
        ia, ib = (pa - 1, pb - 1) if step < 0 else (pa, pb)
        if not (0 <= ia < len(a) and 0 <= ib < len(b)):
            break
        if 0 <= j < len(raw):
            x0, x1, y0, y1 = raw[j][0], raw[j][1], raw[j][2], raw[j][3]
            inside = (x1 > ia or y1 > ib) if step < 0 else (x0 <= ia or y0 <= ib)
            if inside and (_is_change(raw[j]) or x1 - x0 != y1 - y0 or ia - x0 != ib - y0):
                break
        if not (_is_han(a[ia]) and _is_han(b[ib])):
            break
        pa, pb, n = pa + step, pb + step, n + 1
        if 0 <= j < len(raw) and (pa <= raw[j][0] if step < 0 else pa >= raw[j][1]):
            j += step
    return n


def _is_han(c: str) -> bool:
    """What ``_HAN`` matches, for one character, without a regular expression call."""
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def _is_change(e: _Raw) -> bool:
    return e[4] in ("content", "regional")


def _regional_in_context(
    raw: list[_Raw], a: str, b: str, windows: list[tuple[int, tuple[int, int, int, int]]]
) -> list[_Raw]:
    """``raw`` with each content edit of ``windows`` (whose window the regional tables map one
    side onto the other) widened to the smallest such window, as a regional edit, never into
    the window taken before it; the script edits it takes in are cut back to what lies
    outside it (they are as long on both sides, see ``_reach``)."""
    wide: dict[int, tuple[int, int, int, int]] = {}
    floor_a = floor_b = 0
    for k, (wa0, wa1, _, _) in windows:
        e = raw[k]
        left_max = min(e[0] - wa0, e[0] - floor_a, e[2] - floor_b)
        right_max = wa1 - e[1]
        # The edit itself first: one merged after the walk was never checked alone.
        for size in range(left_max + right_max + 1):
            hit = next(
                (
                    (e[0] - lo, e[1] + (size - lo), e[2] - lo, e[3] + (size - lo))
                    for lo in range(max(0, size - right_max), min(size, left_max) + 1)
                    if _maps_onto(a[e[0] - lo : e[1] + size - lo], b[e[2] - lo : e[3] + size - lo])
                ),
                None,
            )
            if hit is not None:
                wide[k] = hit
                floor_a, floor_b = hit[1], hit[3]
                break
    if not wide:
        return raw
    out: list[_Raw] = []
    for k, e in enumerate(raw):
        if k in wide:
            a0, a1, b0, b1 = wide[k]
            while out and out[-1][1] > a0:
                last = out.pop()
                if last[0] < a0:
                    out.append([last[0], a0, last[2], last[3] - (last[1] - a0), *last[4:]])
                    break
            out.append([a0, a1, b0, b1, "regional", False])
            continue
        if out and out[-1][4] == "regional" and e[0] < out[-1][1]:
            if e[1] <= out[-1][1]:
                continue
            cut = out[-1][1] - e[0]
            e = [e[0] + cut, e[1], e[2] + cut, e[3], *e[4:]]
        out.append(e)
    return out


def _same(a: str, b: str, steps: tuple[str, ...]) -> bool:
    return _folded(a, steps) == _folded(b, steps)


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
    """``_folded`` of many texts in one pass (``fold_pieces``: each folds as if alone)."""
    todo = [t for t in texts if t and (t, steps) not in _FOLDS]
    if len(todo) < 2:
        return
    bounds: list[tuple[int, int]] = []
    at = 0
    for t in todo:
        bounds.append((at, at + len(t)))
        at += len(t) + 1
    folded = fold_pieces(" ".join(todo), bounds, profile=FoldProfile("probe", steps))
    _FOLDS.update(((t, steps), f.text) for t, f in zip(todo, folded, strict=True))


def _widen_to_words(
    a: str, b: str, a0: int, a1: int, b0: int, b1: int
) -> tuple[int, int, int, int]:
    """Latin edits cover whole words: a changed letter inside a word shows the word. Only text
    equal on both sides is taken in, so the edit still turns A into B."""

    def word(text: str, i: int) -> bool:
        return 0 <= i < len(text) and _LATIN_WORD.match(text[i]) is not None

    while (
        a0 > 0
        and b0 > 0
        and a[a0 - 1] == b[b0 - 1]
        and word(a, a0 - 1)
        and (word(a, a0) or word(b, b0))
    ):
        a0, b0 = a0 - 1, b0 - 1
    while (
        a1 < len(a)
        and b1 < len(b)
        and a[a1] == b[b1]
        and word(a, a1)
        and (word(a, a1 - 1) or word(b, b1 - 1))
    ):
        a1, b1 = a1 + 1, b1 + 1
    return a0, a1, b0, b1


_SWAP: Final = 1
_COPY: Final = 2
_Raw = list[Any]
"""An edit being built: ``[a0, a1, b0, b1, category, ambiguous]``, offsets relative to the
texts. Edits grow while neighbours of the same category arrive; Edit objects are made once."""


def _merge_close_content(raw: list[_Raw]) -> list[_Raw]:
    """Content edits one character apart read as one change (致富 -> 富裕, not -致 =富 +裕),
    also when that character differs in script alone (在线 -> 線上)."""
    out: list[_Raw] = []
    for e in raw:
        if out and e[4] == "content":
            last = out[-1]
            if last[4] == "content" and e[0] - last[1] <= 1 and e[2] - last[3] <= 1:
                out[-1] = [last[0], e[1], last[2], e[3], "content", False]
                continue
            if (
                len(out) > 1
                and last[4] == "script"
                and last[1] - last[0] == 1
                and last[3] - last[2] == 1
                and out[-2][4] == "content"
                and out[-2][1] == last[0]
                and out[-2][3] == last[2]
                and e[0] == last[1]
                and e[2] == last[3]
            ):
                first = out[-2]
                out[-2:] = [[first[0], e[1], first[2], e[3], "content", False]]
                continue
        out.append(e)
    return out


def _finish(raw: list[_Raw], a: str, b: str) -> list[_Raw]:
    """Close-content merging, then Latin edits widened to words, overlaps merged."""
    widened: list[_Raw] = []
    for e in _merge_close_content(raw):
        if e[4] in ("content", "regional") and (
            (e[0] and a[e[0] - 1] in _WORD_CHARS) or (e[1] < len(a) and a[e[1]] in _WORD_CHARS)
        ):
            a0, a1, b0, b1 = _widen_to_words(a, b, e[0], e[1], e[2], e[3])
            e = [a0, a1, b0, b1, e[4], False]
        if widened and (e[0] < widened[-1][1] or e[2] < widened[-1][3]):
            # Widening can make neighbours overlap: they become one edit over both.
            last = widened.pop()
            e = [last[0], max(last[1], e[1]), last[2], max(last[3], e[3]), "content", False]
        widened.append(e)
    return _marks_with_their_spaces(widened, a, b)


def _trimmed(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> tuple[int, int, int, int]:
    """``a[a0:a1]`` and ``b[b0:b1]`` without what they share at their start and end, so an
    edit shows only what differs."""
    while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
        a0, b0 = a0 + 1, b0 + 1
    while a1 > a0 and b1 > b0 and a[a1 - 1] == b[b1 - 1]:
        a1, b1 = a1 - 1, b1 - 1
    return a0, a1, b0, b1


_MARK_OR_SPACE: Final = frozenset(("punctuation", "whitespace"))


def _breaks_line(e: _Raw, a: str, b: str) -> bool:
    return any(c in "\n\r" for c in a[e[0] : e[1]] + b[e[2] : e[3]])


def _marks_with_their_spaces(raw: list[_Raw], a: str, b: str) -> list[_Raw]:
    """A punctuation edit and a whitespace edit beside it as one punctuation edit, what the
    two sides share trimmed: the space a Latin mark carries is part of its form (``, `` is
    ``，``), and an alignment that pairs a mark with the space beside it reads as a shifted
    mark (``Hello, world`` / ``Hello world`` is a comma dropped, not ``,`` made a space).
    Line breaks stay edits of their own: re-wrapping is a reason apart."""
    out: list[_Raw] = []
    for e in raw:
        last = out[-1] if out else None
        if (
            last is None
            or last[1] != e[0]
            or last[3] != e[2]
            or not {last[4], e[4]} <= _MARK_OR_SPACE
            or last[4] == e[4] == "whitespace"
            or any(x[4] == "whitespace" and _breaks_line(x, a, b) for x in (last, e))
        ):
            out.append(e)
            continue
        a0, a1, b0, b1 = _trimmed(a, b, last[0], e[1], last[2], e[3])
        out.pop()
        if a0 == a1 and b0 == b1:
            continue
        spaces = not (a[a0:a1] + b[b0:b1]).strip()
        out.append([a0, a1, b0, b1, "whitespace" if spaces else "punctuation", last[5] or e[5]])
    return out


class _Runs(NamedTuple):
    """What :func:`_plain_runs` finds for one pair, indexed by A's folded position."""

    plain: list[bool]
    shape: list[int]
    a_ends: list[int]
    b_ends: list[int]
    looks: list[int]
    a_starts: list[int]
    a_stops: list[int]
    b_starts: list[int]
    b_stops: list[int]
    """The folded maps of both sides, as lists."""


def _plain_runs(
    pairs: Sequence[tuple[str, Folded, str, Folded, list[tuple[str, int]]]],
) -> list[_Runs]:
    """For every folded character of A inside an equal run: whether it is a plain copy (one
    original character on each side, the same one, nothing folded away before it), its
    shape (``_SWAP``: one original character on each side, different ones, 後/后; ``_COPY``:
    one on each side, the same), and the original ends on both sides; then the positions
    inside equal runs that are not plain copies, in order. One vectorised pass over all the
    runs of all the pairs, since numpy's cost on a paragraph is mostly its cost per call; the
    first character of each run is never taken for a plain copy. The character pairs of all
    swaps are classified on the way, in one batch (:func:`classify_all`)."""
    a_at: list[int] = []
    b_at: list[int] = []
    sizes: list[int] = []
    owner: list[int] = []
    a_base = b_base = 0
    bases: list[int] = []
    for _, fa, _, fb, ops in pairs:
        bases.append(a_base)
        ia, ib = a_base, b_base
        for op, count in ops:
            if op == "=":
                a_at.append(ia)
                b_at.append(ib)
                sizes.append(count)
                ia += count
                ib += count
            elif op == "-":
                ia += count
            else:
                ib += count
        owner.append(len(sizes))
        a_base += len(fa.text)
        b_base += len(fb.text)
    bases.append(a_base)
    sa_all = np.concatenate([fa.starts for _, fa, _, _, _ in pairs])
    ea_all = np.concatenate([fa.ends for _, fa, _, _, _ in pairs])
    sb_all = np.concatenate([fb.starts for _, _, _, fb, _ in pairs])
    eb_all = np.concatenate([fb.ends for _, _, _, fb, _ in pairs])
    n = a_base
    plain = np.zeros(n, dtype=np.bool_)
    shape = np.zeros(n, dtype=np.int8)
    a_ends = np.zeros(n, dtype=np.int64)
    b_ends = np.zeros(n, dtype=np.int64)
    looks = np.zeros(0, dtype=np.int64)
    if sizes:
        # All equal runs' indices at once: a running count, shifted to each run's start.
        counts = np.asarray(sizes, dtype=np.int64)
        offsets = np.repeat(np.cumsum(counts) - counts, counts)
        step = np.arange(int(counts.sum()), dtype=np.int64) - offsets
        xa = step + np.repeat(np.asarray(a_at, dtype=np.int64), counts)
        xb = step + np.repeat(np.asarray(b_at, dtype=np.int64), counts)
        pair = np.repeat(np.repeat(np.arange(len(pairs)), np.diff([0, *owner])), counts)
        s_a, e_a = sa_all[xa].astype(np.int64), ea_all[xa]
        s_b, e_b = sb_all[xb].astype(np.int64), eb_all[xb]
        follows = np.zeros(len(xa), dtype=np.bool_)
        follows[1:] = (
            (xa[1:] == xa[:-1] + 1)
            & (s_a[1:] == e_a[:-1])
            & (s_b[1:] == e_b[:-1])
            & (pair[1:] == pair[:-1])
        )
        a_cps, a_first, a_last = _codepoints_of([a for a, _, _, _, _ in pairs])
        b_cps, b_first, b_last = _codepoints_of([b for _, _, b, _, _ in pairs])
        a_char = a_cps[np.minimum(s_a + a_first[pair], a_last[pair])]
        b_char = b_cps[np.minimum(s_b + b_first[pair], b_last[pair])]
        same = a_char == b_char
        single = (e_a - s_a == 1) & (e_b - s_b == 1)
        swapped = single & ~same
        if swapped.any():
            codes = np.unique(
                (a_char[swapped].astype(np.uint64) << np.uint64(21)) | b_char[swapped]
            ).tolist()
            classify_all((chr(c >> 21), chr(c & 0x1FFFFF)) for c in codes)
        is_plain = follows & single & same
        plain[xa] = is_plain
        shape[xa] = np.where(single, np.where(same, _COPY, _SWAP), 0)
        a_ends[xa] = e_a
        b_ends[xa] = e_b
        looks = xa[~is_plain]
    cuts = np.searchsorted(looks, bases).tolist()
    plain_l: list[bool] = plain.tolist()
    shape_l, a_ends_l, b_ends_l, looks_l = (x.tolist() for x in (shape, a_ends, b_ends, looks))
    sa_l, ea_l, sb_l, eb_l = (x.tolist() for x in (sa_all, ea_all, sb_all, eb_all))
    out: list[_Runs] = []
    b_lo = 0
    for p, (_, _, _, fb, _) in enumerate(pairs):
        lo, hi = bases[p], bases[p + 1]
        b_hi = b_lo + len(fb.text)
        out.append(
            _Runs(
                plain_l[lo:hi],
                shape_l[lo:hi],
                a_ends_l[lo:hi],
                b_ends_l[lo:hi],
                [t - lo for t in looks_l[cuts[p] : cuts[p + 1]]],
                sa_l[lo:hi],
                ea_l[lo:hi],
                sb_l[b_lo:b_hi],
                eb_l[b_lo:b_hi],
            )
        )
        b_lo = b_hi
    return out


def _codepoints_of(
    texts: list[str],
) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The code points of all ``texts`` in one array, and where each text's first and last
    code point are (an empty text stands as one space, so its look-ups stay in range)."""
    texts = [t or " " for t in texts]
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    first = np.cumsum(lengths) - lengths
    return view_codepoints("".join(texts)), first, first + lengths - 1


def diff_folded(
    a: str, fa: Folded, b: str, fb: Folded, *, a_base: int = 0, b_base: int = 0
) -> DiffResult:
    """Edits between original texts ``a`` and ``b`` given their folded keys (with maps relative
    to ``a`` and ``b``); edit offsets are shifted by ``a_base``/``b_base``."""
    edits = edits_of(diff_raw(a, fa, b, fb), a, b, a_base=a_base, b_base=b_base)
    similarity = 1.0 if fa.text == fb.text else pieces.similarity(fa.text, fb.text)
    return DiffResult(edits, similarity)


def diff_raw(a: str, fa: Folded, b: str, fb: Folded) -> list[_Raw]:
    """The edits of ``diff_folded`` as plain lists ``[a0, a1, b0, b1, category, ambiguous]``
    relative to ``a`` and ``b``: cheap to send between processes and to build on demand."""
    return diff_raw_many([(a, fa, b, fb)])[0]


def diff_raw_many(pairs: Sequence[tuple[str, Folded, str, Folded]]) -> list[list[_Raw]]:
    """``diff_raw`` of each pair ``(a, fa, b, fb)``, with the array work of all the pairs done
    at once: on short passages (a corpus's paragraphs) numpy's cost is mostly per call."""
    out: list[list[_Raw]] = [[] for _ in pairs]
    todo = [n for n, (a, _, b, _) in enumerate(pairs) if a != b]
    if not todo:
        return out
    aligned = [(*pairs[n], _aligned(pairs[n][1], pairs[n][3])) for n in todo]
    # Each walk first takes the content edits it has not met before for no regional ones,
    # noting them; their forms are then converted all at once, and the few pairs where one
    # turns out regional are walked again.
    asked: list[tuple[str, str]] = []

    def regional_later(a: str, b: str) -> bool:
        if not _may_be_regional(a, b):
            return False
        if a in _FORMS and b in _FORMS:
            return _regional(a, b)
        asked.append((a, b))
        return False

    walked: list[tuple[int, tuple[Any, ...], _Runs, int, int]] = []
    for n, item, runs in zip(todo, aligned, _plain_runs(aligned), strict=True):
        lo = len(asked)
        out[n] = _walk(item[0], item[2], item[4], runs, regional_later)
        walked.append((n, item, runs, lo, len(asked)))
    if asked:
        _convert_all(text for pair in asked for text in pair)
        for n, item, runs, lo, hi in walked:
            if any(_regional(a, b) for a, b in asked[lo:hi]):
                out[n] = _walk(item[0], item[2], item[4], runs, _regional)
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
    return out


def _aligned(fa: Folded, fb: Folded) -> list[tuple[str, int]]:
    """diff-match-patch's operations on the two keys, as ``(op, length)``."""
    if fa.text == fb.text and fa.text:
        return [("=", len(fa.text))]
    a, b = _with_boundaries(fa.text), _with_boundaries(fb.text)
    if len(a) + len(b) > pieces.LONG:
        return pieces.in_pieces(a, b, _dmp_ops)
    return _dmp_ops(a, b)


def _dmp_ops(a: str, b: str) -> list[tuple[str, int]]:
    ops: list[tuple[str, int]] = fdmp.diff(
        a, b, timelimit=0, checklines=False, counts_only=True, cleanup="Semantic"
    )
    return ops


def _walk(
    a: str,
    b: str,
    ops: list[tuple[str, int]],
    runs: _Runs,
    regional: Callable[[str, str], bool],
) -> list[_Raw]:
    """The raw edits of one pair, from its operations and its runs (see _plain_runs);
    ``regional`` tells a regional edit from a content one."""
    raw: list[_Raw] = []
    pa = pb = 0

    def emit(a0: int, a1: int, b0: int, b1: int, content: bool) -> None:
        at, bt = a[a0:a1], b[b0:b1]
        if at == bt:
            return
        whole = (a0, a1, b0, b1)
        if at and bt and (at[0] == bt[0] or at[-1] == bt[-1]):
            a0, a1, b0, b1 = _trimmed(a, b, a0, a1, b0, b1)
            at, bt = a[a0:a1], b[b0:b1]
        if content:
            sa, sb = at.strip(), bt.strip()
            if (sa or sb) and _marks_only(sa) and _marks_only(sb):
                category: Category = "punctuation"  # a mark added, dropped or changed
            else:
                category = "regional" if regional(sa, sb) else "content"
            ambiguous = False
        else:
            category, ambiguous = classify(at, bt)
            if category == "script" and (a0, a1, b0, b1) != whole:
                category = classify(a[whole[0] : whole[1]], b[whole[2] : whole[3]])[0]
                category = "regional" if category == "regional" else "script"
            if category == "regional":
                a0, a1, b0, b1 = whole  # the whole phrase the fold mapped: 支持/支援, not 持/援
        if raw:
            last = raw[-1]
            if last[4] == category and last[1] == a0 and last[3] == b0:
                last[1], last[3] = a1, b1
                last[5] = last[5] or ambiguous
                return
        raw.append([a0, a1, b0, b1, category, ambiguous])

    plain, shape, a_ends, b_ends, looks, fa_s, fa_e, fb_s, fb_e = runs
    ia = ib = 0
    q = 0
    k = 0
    while k < len(ops):
        op, n = ops[k]
        if op == "=":
            # Only the characters that are not plain copies need a look (see _plain_runs).
            while q < len(looks) and looks[q] < ia + n:
                t = looks[q]
                q += 1
                u = ib + (t - ia)
                if t > ia and plain[t - 1]:
                    pa, pb = a_ends[t - 1], b_ends[t - 1]
                sa, sb = fa_s[t], fb_s[u]
                if shape[t] == _COPY and sa == pa and sb == pb:
                    # What emit() would find equal: the first character after a change.
                    pa, pb = sa + 1, sb + 1
                    continue
                if shape[t] == _SWAP and sa == pa and sb == pb:
                    # emit() for one character replacing another, without its general cases:
                    # most of a converted copy's characters come this way.
                    category, ambiguous = classify(a[sa], b[sb])
                    last = raw[-1] if raw else None
                    if last is not None and last[4] == category and last[1] == sa and last[3] == sb:
                        last[1], last[3] = sa + 1, sb + 1
                        last[5] = last[5] or ambiguous
                    else:
                        raw.append([sa, sa + 1, sb, sb + 1, category, ambiguous])
                    pa, pb = sa + 1, sb + 1
                    continue
                ea, eb = fa_e[t], fb_e[u]
                # Folded characters that share original text (a phrase the fold replaced
                # whole: 擴充套件 -> 扩展) are one stretch.
                while q < len(looks) and looks[q] < ia + n:
                    t2 = looks[q]
                    u2 = ib + (t2 - ia)
                    if fa_s[t2] >= ea and fb_s[u2] >= eb:
                        break
                    ea, eb = max(ea, fa_e[t2]), max(eb, fb_e[u2])
                    q += 1
                if ea <= pa and eb <= pb:
                    continue
                sa, sb = max(sa, pa), max(sb, pb)
                if sa > pa or sb > pb:
                    emit(pa, sa, pb, sb, content=False)
                ea, eb = max(ea, sa), max(eb, sb)
                emit(sa, ea, sb, eb, content=False)
                pa, pb = ea, eb
            if n and plain[ia + n - 1]:
                pa, pb = a_ends[ia + n - 1], b_ends[ia + n - 1]
            ia += n
            ib += n
            k += 1
            continue
        na = nb = 0
        while k < len(ops) and ops[k][0] != "=":
            if ops[k][0] == "-":
                na += ops[k][1]
            else:
                nb += ops[k][1]
            k += 1
        # What folding dropped before the change (spaces, a pinyin reading) is its own edit;
        # the change covers only the characters that differ once folded.
        a_first = max(pa, fa_s[ia]) if ia < len(fa_s) else len(a)
        b_first = max(pb, fb_s[ib]) if ib < len(fb_s) else len(b)
        if a_first > pa or b_first > pb:
            emit(pa, a_first, pb, b_first, content=False)
        a_end = max(a_first, fa_e[ia + na - 1]) if na else a_first
        b_end = max(b_first, fb_e[ib + nb - 1]) if nb else b_first
        emit(a_first, a_end, b_first, b_end, content=True)
        pa, pb = a_end, b_end
        ia += na
        ib += nb
    if pa < len(a) or pb < len(b):
        emit(pa, len(a), pb, len(b), content=False)
    return _finish(raw, a, b)


@lru_cache(maxsize=_TEXTS)
def _marks_only(text: str) -> bool:
    """Whether ``text`` holds punctuation marks alone (nothing, too): a difference of marks
    only is a punctuation edit even where the marks are not one another's forms (，/。, a
    comma added)."""
    return all(unicodedata.category(c).startswith("P") for c in text)


def diff(
    a: Source,
    b: Source,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    glossary: Glossary | str | os.PathLike[str] | None = None,
    ignore: Iterable[str] = (),
) -> DiffResult:
    """The classified edits that turn text ``a`` into text ``b``.

    Both sides are folded and aligned on their keys; every difference of the originals is an
    edit with a category. Categories in ``ignore`` are left out of the result.

    >>> [(e.a_text, e.b_text) for e in diff("劉正興表示，要帶領群衆致富", "刘正兴表示,要带领群众富裕").edits if e.category == "content"]
    [('致富', '富裕')]
    """
    da, db = load(a, name="<a>"), load(b, name="<b>")
    resolved = fitted(resolve_profile(profile, skip=skip, glossary=glossary), (da.text, db.text))
    result = diff_folded(
        da.text, fold(da.text, profile=resolved), db.text, fold(db.text, profile=resolved)
    )
    return filter_edits(result, ignore)


def filter_edits(result: DiffResult, ignore: Iterable[str]) -> DiffResult:
    hidden = set(ignore)
    if not hidden:
        return result
    return DiffResult(tuple(e for e in result.edits if e.category not in hidden), result.similarity)


def apply_edits(a: str, edits: Sequence[Edit], *, a_base: int = 0) -> str:
    """``a`` with every edit applied: the other side's text, when the edits are complete."""
    out: list[str] = []
    at = 0
    for e in sorted(edits, key=lambda e: (e.a_start, e.a_end)):
        out.append(a[at : e.a_start - a_base])
        out.append(e.b_text)
        at = e.a_end - a_base
    out.append(a[at:])
    return "".join(out)

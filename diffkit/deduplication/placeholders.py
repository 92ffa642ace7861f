"""Placeholders and markup weigh one character each in dedupe's similarity and in the
``min_chars`` of paragraphs and sentences.

Localisation messages carry long ASCII tokens: ``{ -brand-short-name }``, ``%1$s``,
``<a data-l10n-name="link">``, ``&amp;``. Scored as text, such a token outweighs the few
Chinese words around it, so ``{ -brand-short-name } 已是最新`` and ``下載並安裝
{ -brand-short-name }``, different messages sharing only the token, reached 0.8; and a
message of six Chinese characters passed a 20-character minimum on its markup alone. Before
two keys are scored, each token becomes one private-use character, the distinct tokens of
the pair numbered in order of first sight: a shared token is one shared character, a renamed
one a single change, and two different tokens never the same character, whatever the corpus
holds and on whichever machine the pair is scored. Only a placeable's syntax is a token, never
text that happens to sit in braces (``\\footnote{…}``, ``｛注释｝`` once folded). Passages
(``passages``) are found by their matched characters, each counted. Only dedupe weighs keys
so; the fold, and compare's keys and pairs, are unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["TOKEN", "short_units", "split", "weighed", "weighed_pair", "weighed_pairs", "weight"]

_NAME: Final = r"[$-]?[A-Za-z_][A-Za-z0-9_.-]*"
_ARGS: Final = r"(?:\([^(){}\n\u2029\U000F0000-\U0010FFFF]*\))?"

TOKEN: Final = re.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]"
    r"|%<[A-Za-z0-9]+>"
    rf"|\{{[ \t]*(?:{_NAME}{_ARGS}|\d+)[ \t]*\}}"
    rf"|\{{[ \t]*{_NAME}{_ARGS}[ \t]*->"
    r"|\*?\[[A-Za-z0-9_.-]+\]"
    r"|</?[A-Za-z][^<>\n\u2029\U000F0000-\U0010FFFF]*>"
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"
)
"""A placeholder or a piece of markup in a folded key: a printf conversion (``%s``,
``%1$s``, ``%-10lu``, ``%<PRIu64>``), a placeable of an ASCII name or a number (Fluent's
``{$name}``, ``{-brand-name}``, ``{number($n)}``; ``{0}``, ``{name}``), a Fluent selector's
head and variant keys (``{$count->``, ``*[other]``) or an ASCII name in brackets
(``[FILE]``), an HTML or XML tag, a character entity. Never across a line or paragraph
break, and never over a private-use character, so that weighing a weighed key changes
nothing."""

_SPLIT: Final = re.compile(f"({TOKEN.pattern})")

_PRIVATE: Final = (0xF0000, 0x100000)
_PLANE: Final = 0xFFFE
"""Supplementary Private Use Areas A and B, 65,534 characters each: no text diffkit folds
holds these characters."""

_CACHED_CHARS: Final = 512
"""Keys are kept cut at their tokens for keys of up to 512 characters, 8,192 of them: a key
meets several others, but a long passage's key is not kept alive after the run that scored
it."""


def _opens_token(key: str) -> bool:
    # Five substring tests are far cheaper than a regular expression over a key without any.
    return "{" in key or "%" in key or "<" in key or "&" in key or "[" in key


def _mark(n: int) -> str:
    # Past 131,068 distinct tokens in one pair, numbers wrap: no real pair comes near.
    plane, k = divmod(n % (2 * _PLANE), _PLANE)
    return chr(_PRIVATE[plane] + k)


def _weigh(parts: Sequence[str], marks: dict[str, str]) -> str:
    out = list(parts)
    for i in range(1, len(out), 2):
        mark = marks.get(out[i])
        if mark is None:
            mark = marks[out[i]] = _mark(len(marks))
        out[i] = mark
    return "".join(out)


_Cut = tuple[str, tuple[str, ...], tuple[str, ...]]
"""A key weighed on its own, its distinct tokens in order of first sight, and the key cut at
its tokens: text, token, text, ... token, text."""


def _cut_key(key: str) -> _Cut | None:
    parts = _SPLIT.split(key)
    if len(parts) == 1:
        return None
    marks: dict[str, str] = {}
    alone = _weigh(parts, marks)
    return alone, tuple(marks), tuple(parts)


_cut_kept = lru_cache(maxsize=1 << 13)(_cut_key)


def _cut(key: str) -> _Cut | None:
    if not _opens_token(key):
        return None
    return _cut_kept(key) if len(key) <= _CACHED_CHARS else _cut_key(key)


def split(key: str) -> tuple[str, ...]:
    """``key`` cut at its tokens: text, token, text, ... token, text (tokens at the odd
    places), or ``()`` when it holds none."""
    cut = _cut(key)
    return cut[2] if cut else ()


def weighed_pair(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` with each token as one character, the same character for the same
    token in either, different ones for different tokens; keys with none are returned as
    they are."""
    ca, cb = _cut(a), _cut(b)
    if ca is None or cb is None:
        return (ca[0] if ca else a), (cb[0] if cb else b)
    seen_a, seen_b = ca[1], cb[1]
    n = min(len(seen_a), len(seen_b))
    # Where one key's tokens open as the other's do (copies), each weighed alone is the pair.
    if seen_a[:n] == seen_b[:n]:
        return ca[0], cb[0]
    return ca[0], _weigh(cb[2], {t: _mark(k) for k, t in enumerate(seen_a)})


def weighed(key: str) -> str:
    """``key`` with each placeholder or markup token as one character, the same for the same
    token; a key with none is returned as it is.

    >>> len(weighed("{-brand-short-name}已是最新"))
    5
    """
    cut = _cut(key)
    return cut[0] if cut else key


def weighed_pairs(left: list[str], right: list[str]) -> tuple[list[str], list[str]]:
    """``weighed_pair`` of each pair."""
    if len(left) != len(right):
        raise ValueError("weighed_pairs: as many left keys as right ones")
    pairs = [weighed_pair(a, b) for a, b in zip(left, right, strict=True)]
    return [a for a, _ in pairs], [b for _, b in pairs]


def weight(key: str) -> int:
    """``len(weighed(key))``: the key's characters, each token counting one."""
    parts = split(key)
    if not parts:
        return len(key)
    return sum(len(p) for p in parts[::2]) + len(parts) // 2


def short_units(
    text: str, f_start: npt.NDArray[np.int64], f_end: npt.NDArray[np.int64], min_chars: int
) -> npt.NDArray[np.bool_]:
    """Which of the units ``text[f_start:f_end]`` fall below ``min_chars`` once each token
    weighs one character. Only units holding a character that may open a token are weighed:
    most text has none, and the rest of the text is never scanned twice."""
    short = np.zeros(len(f_start), dtype=np.bool_)
    if not len(f_start) or not _opens_token(text):
        return short
    opens = np.fromiter((m.start() for m in re.finditer(r"[{%<&\[]", text)), dtype=np.int64)
    first = np.searchsorted(opens, f_start)
    holding = np.flatnonzero(first < np.searchsorted(opens, f_end))
    for k in holding.tolist():
        short[k] = weight(text[int(f_start[k]) : int(f_end[k])]) < min_chars
    return short

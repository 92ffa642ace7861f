"""Placeholders and markup weigh one character each in dedupe's similarity and ``min_chars``.

Localisation messages carry long ASCII tokens: ``{ -brand-short-name }``, ``%1$s``,
``<a data-l10n-name="link">``, ``&amp;``. Scored as text, such a token outweighs the few
Chinese words around it, so ``{ -brand-short-name } 已是最新`` and ``下載並安裝
{ -brand-short-name }``, different messages sharing only the token, reached 0.8; and a
message of six Chinese characters passed a 20-character minimum on its markup alone. Before
scoring, each token becomes one private-use character chosen by its text, so a shared token
is one shared character and a renamed one a single change. Only dedupe weighs keys so;
the fold, and compare's keys and pairs, are unchanged.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["TOKEN", "short_units", "weighed", "weighed_all"]

TOKEN: Final = re.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]"
    r"|%<[A-Za-z0-9]+>"
    r"|\{[^{}\n\u2029]*\}"
    r"|\{\s*[$-][A-Za-z0-9_.-]*(?:\([^(){}\n\u2029]*\))?\s*->"
    r"|\*?\[[A-Za-z0-9_.-]+\]"
    r"|</?[A-Za-z][^<>\n\u2029]*>"
    r"|&(?:[A-Za-z]+|#\d+|#x[0-9A-Fa-f]+);"
)
"""A placeholder or a piece of markup in a folded key: a printf conversion (``%s``,
``%1$s``, ``%-10lu``, ``%<PRIu64>``), a Fluent or brace placeable (``{$name}``, the
innermost of nested ones), a Fluent selector's head and variant keys (``{$count->``,
``*[other]``) or an ASCII name in brackets (``[FILE]``), an HTML or XML tag, a character
entity. Never across a line or paragraph break."""

_STARTS: Final = ("{", "%", "<", "&", "[")
_PRIVATE: Final = 0xF0000
_PRIVATE_SIZE: Final = 0xFFFE
"""Supplementary Private Use Area-A: no text diffkit folds holds these characters."""


def _mark(match: re.Match[str]) -> str:
    return chr(_PRIVATE + zlib.crc32(match.group().encode("utf-8")) % _PRIVATE_SIZE)


@lru_cache(maxsize=65536)
def _weighed(key: str) -> str:
    return TOKEN.sub(_mark, key)


def weighed(key: str) -> str:
    """``key`` with each placeholder or markup token as one character, the same for the same
    token; a key with none is returned as it is.

    >>> len(weighed("{-brand-short-name}已是最新"))
    5
    """
    # Five substring tests are far cheaper than a regular expression over a key without any.
    if not any(c in key for c in _STARTS):
        return key
    return _weighed(key)


def weighed_all(keys: list[str]) -> list[str]:
    """``weighed`` of each key."""
    return [weighed(k) for k in keys]


def short_units(
    text: str, f_start: npt.NDArray[np.int64], f_end: npt.NDArray[np.int64], min_chars: int
) -> npt.NDArray[np.bool_]:
    """Which of the units ``text[f_start:f_end]`` fall below ``min_chars`` once each token
    weighs one character. Only units holding a character that may open a token are weighed:
    most text has none, and the rest of the text is never scanned twice."""
    short = np.zeros(len(f_start), dtype=np.bool_)
    if not len(f_start) or not any(c in text for c in _STARTS):
        return short
    opens = np.fromiter((m.start() for m in re.finditer(r"[{%<&\[]", text)), dtype=np.int64)
    first = np.searchsorted(opens, f_start)
    holding = np.flatnonzero(first < np.searchsorted(opens, f_end))
    for k in holding.tolist():
        short[k] = len(weighed(text[int(f_start[k]) : int(f_end[k])])) < min_chars
    return short

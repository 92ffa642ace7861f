"""Where a glossary's terms stand in folded text, and which of them the regional step folds.

Han text has no spaces between words, so a term is looked for at every place, and the places
are found in numpy: where a term's first two characters stand (few), not where any of its
first characters does (a large share of the text).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from .codepoints import view_codepoints

if TYPE_CHECKING:
    from .regional import Glossary, Replacement


@lru_cache(maxsize=16)  # one entry a glossary in use
def _index(terms: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """For each character that starts one of ``terms``, its terms, longest first."""
    by_first: dict[str, list[str]] = {}
    for term in sorted(terms, key=len, reverse=True):
        by_first.setdefault(term[0], []).append(term)
    return {c: tuple(ts) for c, ts in by_first.items()}


@lru_cache(maxsize=16)  # one entry a glossary in use
def _starts_index(terms: tuple[str, ...]) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint64]]:
    """Which characters start a term, and the first two characters of every term of two or
    more, packed as ``first << 21 | second`` and sorted."""
    firsts = np.zeros(0x110000, dtype=np.bool_)
    firsts[[ord(t[0]) for t in terms]] = True
    pairs = sorted({ord(t[0]) << 21 | ord(t[1]) for t in terms if len(t) > 1})
    return firsts, np.array(pairs, dtype=np.uint64)


def _term_starts(text: str, terms: tuple[str, ...]) -> list[int]:
    """The places where a term may start: its first two characters are there (a term of one
    character, its first). Far fewer than the places of a first character alone."""
    firsts, pairs = _starts_index(terms)
    cps = view_codepoints(text)
    at = np.flatnonzero(firsts[cps])
    if any(len(t) == 1 for t in terms) or not len(at):
        return at.tolist()
    at = at[at + 1 < len(cps)]
    codes = cps[at].astype(np.uint64) << np.uint64(21) | cps[at + 1].astype(np.uint64)
    found = np.minimum(np.searchsorted(pairs, codes), len(pairs) - 1)
    starts: list[int] = at[pairs[found] == codes].tolist()
    return starts


def _occurrences(text: str, terms: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """Every place a term starts, with the longest term that starts there."""
    by_first = _index(terms)
    for at in _term_starts(text, terms):
        for term in by_first[text[at]]:
            if text.startswith(term, at):
                yield at, at + len(term), term
                break


def glossary_replacements(text: str, glossary: Glossary) -> list[Replacement]:
    """Where ``text`` (already through OpenCC's tables) holds a glossary term's regional form,
    and the mainland form it becomes. Han text has no spaces between words, so a term may be
    met across two words (品质 in 产品质量): a place where terms of either side overlap is left
    alone, so the mainland 产品质量 and the Taiwan 產品品質 both come out 产品质量. No term holds
    a separator, so the pieces of ``text`` are looked at as one."""
    keys = glossary.replacements()
    if not keys:
        return []
    return _terms_in(text, keys, tuple(dict.fromkeys([*keys, *keys.values()])))


def _terms_in(text: str, keys: dict[str, str], terms: tuple[str, ...]) -> list[Replacement]:
    found: list[tuple[int, int, str]] = []
    for start, end, term in _occurrences(text, terms):
        if found and end <= found[-1][1]:
            continue  # inside a longer term (端口 in 连接端口): the longer one is the word
        found.append((start, end, term))
    out: list[Replacement] = []
    for k, (start, end, term) in enumerate(found):
        if term not in keys:
            continue
        if (k and found[k - 1][1] > start) or (k + 1 < len(found) and found[k + 1][0] < end):
            continue
        out.append((start, end, keys[term]))
    return out

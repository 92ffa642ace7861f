"""How alike two folded keys are: rapidfuzz's Indel similarity, batched in C++, with each
placeholder or markup token weighing one character (``placeholders``)."""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Indel

from .. import pieces
from ..folding import FoldProfile, fold
from ..lru import LRU
from .placeholders import split, weighed_pair, weighed_pairs

_SORTED: LRU[str, str] = LRU(1 << 13)
_CACHED_CHARS: Final = 512
"""Sorted sentences are kept for keys of up to 512 characters, 8,192 of them: a key below
the threshold meets several others, but a long passage's key is not kept alive after the
run that scored it."""


def _cut(text: str) -> list[str]:
    # Four replaces, not str.translate: a table of strings makes translate a slow loop.
    return (
        text.replace("。", "。\n").replace("!", "!\n").replace("?", "?\n").replace(";", ";\n")
    ).split("\n")


def _sentences(key: str) -> list[str]:
    """The key's sentences, never cut inside a placeholder or markup token (``&amp;`` ends
    with a semicolon)."""
    parts = split(key)
    if not parts:
        return _cut(key)
    sentences: list[str] = []
    current: list[str] = []
    for i, part in enumerate(parts):
        if i % 2:
            current.append(part)
            continue
        first, *rest = _cut(part)
        current.append(first)
        for piece in rest:
            sentences.append("".join(current))
            current = [piece]
    sentences.append("".join(current))
    return sentences


def sorted_sentences(key: str) -> str:
    """The key's sentences in sorted order, its tokens whole and as they are, to be weighed
    with the key it is compared with: a comparison blind to reordered sentences."""
    kept = len(key) <= _CACHED_CHARS
    if kept and (held := _SORTED.get(key)) is not None:
        return held
    out = "\n".join(sorted(s for s in _sentences(key) if s))
    if kept:
        _SORTED[key] = out
    return out


def pair_similarity_of_keys(a: str, b: str) -> float:
    """How alike two folded keys are: the normalized Indel similarity of the texts, or of their
    sorted sentences when that is higher (copies with sentences reordered), each placeholder
    or markup token weighing one character (``placeholders.weighed_pair``), each text weighed
    once."""
    direct = pieces.indel_similarity(*weighed_pair(a, b))
    if direct >= 1.0:
        return 1.0
    again = pieces.indel_similarity(*weighed_pair(sorted_sentences(a), sorted_sentences(b)))
    return float(max(direct, again))


def pair_similarity(a: str, b: str, *, profile: str | FoldProfile = "default") -> float:
    """The similarity diffkit uses between two passages, folding them first.

    >>> round(pair_similarity("發展致富之路。", "发展富裕之路。"), 2)
    0.86
    """
    return pair_similarity_of_keys(fold(a, profile=profile).text, fold(b, profile=profile).text)


THREADED_MIN_CHARS: Final = 500_000
"""Characters of a batch below which rapidfuzz scores it on the calling thread: starting its
threads costs 0.2 to 1 ms a call here, more than scoring a few hundred pairs of paragraphs,
and splitting clusters scores hundreds of small batches."""


def _indel(
    left: list[str], right: list[str], *, workers: int = -1, dtype: Any = np.float32
) -> npt.NDArray[np.floating[Any]]:
    """rapidfuzz's normalized Indel similarity of each pair, each placeholder or markup token
    weighing one character (the pair's tokens numbered together, ``weighed_pairs``), in C++ threads when the batch is large (``THREADED_MIN_CHARS``);
    a long pair's (past ``pieces.LONG`` characters, whose cost is the product of its
    lengths) piece by piece."""
    if len(left) != len(right):
        raise ValueError("_indel: as many left keys as right ones")
    left, right = weighed_pairs(left, right)
    lengths = np.fromiter(map(len, left), np.int64, len(left))
    lengths += np.fromiter(map(len, right), np.int64, len(right))
    if lengths.sum() < THREADED_MIN_CHARS:
        workers = 1
    long = np.flatnonzero(lengths > pieces.LONG).tolist()
    if not long:
        scores: npt.NDArray[np.floating[Any]] = process.cpdist(
            left, right, scorer=Indel.normalized_similarity, dtype=dtype, workers=workers
        )
        return scores
    out = np.zeros(len(left), dtype=dtype)
    short = np.setdiff1d(np.arange(len(left)), long)
    if len(short):
        out[short] = process.cpdist(
            [left[k] for k in short.tolist()],
            [right[k] for k in short.tolist()],
            scorer=Indel.normalized_similarity,
            dtype=dtype,
            workers=workers,
        )
    for k in long:
        out[k] = pieces.indel_similarity(left[k], right[k])
    return out


def _scored(
    pairs: npt.NDArray[np.int64], scores: npt.NDArray[np.float64]
) -> list[tuple[int, int, float]]:
    return list(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), scores.tolist(), strict=True))


def _pair_scores(left: list[str], right: list[str]) -> list[float]:
    """``pair_similarity_of_keys`` of each pair of keys, the same numbers scored by rapidfuzz in
    two batches instead of a call a pair."""
    out: list[float] = _batch(left, right)
    redo = [k for k, score in enumerate(out) if score < 1.0]
    again = _batch(
        [sorted_sentences(left[k]) for k in redo], [sorted_sentences(right[k]) for k in redo]
    )
    for k, score in zip(redo, again, strict=True):
        out[k] = max(out[k], score)
    return out


def _batch(left: list[str], right: list[str]) -> list[float]:
    if not left:
        return []
    # float64: the default float32 would round the scores that pair_similarity_of_keys gives.
    scores = _indel(left, right, dtype=np.float64)
    result: list[float] = scores.tolist()
    return result

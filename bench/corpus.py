"""Synthetic corpus with known near-duplicates, for the dedupe benchmark.

Real documents recombine the same set phrases, so a corpus cut from them has unrelated
paragraphs sharing long clauses and no trustworthy ground truth. Instead, base paragraphs
are random Chinese-like text (words drawn from the character frequencies of samples/*.txt),
so two bases share almost no 3-grams, and every duplicate is a recorded copy of one base,
altered the ways real copies differ: character edits, sentence order, script
(OpenCC s2t) and line wrapping.

All text is built as uint16 code arrays (every character is in the BMP) a chunk at a
time, because per-character Python would not produce a million paragraphs in seconds.
"""

from __future__ import annotations

import functools
import os
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

import numpy as np
import opencc_pyo3
from numpy.typing import NDArray

__all__ = ["Corpus", "make_corpus", "true_pairs", "write_corpus"]

_SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
_HAN_FIRST, _HAN_LAST = 0x4E00, 0x9FA5
_MIN_VOCAB = 1000

_TABLE_SIZE = 1 << 20
_LEXICON_SIZE = 50_000
_WORD_LEN_P = (0.3, 0.55, 0.15)
# Flatter than Zipf's law on purpose: common 3-character words would give unrelated
# paragraphs shared 3-grams.
_WORD_ZIPF = 0.5
_MAX_SENTENCES = 6
_SENTENCE_LEN = (8, 40)
_PARAGRAPH_HAN = (55, 220)
_COMMA_P = 0.25
_MIN_CLAUSE = 4

_MAX_COPIES = 4
_MAX_EDIT_RATE = 0.2
_SHUFFLE_P = 0.3
_S2T_P = 0.3
_WRAP_P = 0.3
_WRAP_WIDTH = (15, 30)

_CHUNK = 1 << 13
_HOLE = 0xFFFF
_SEP = "\x1e"
_COMMA, _PERIOD, _NEWLINE, _SEP_CODE = ord("，"), ord("。"), ord("\n"), ord(_SEP)

Codes = NDArray[np.uint16]
Ints = NDArray[np.int64]


@dataclass(frozen=True)
class Corpus:
    """Paragraphs in random order; truth[i] is the base paragraph i derives from."""

    paragraphs: list[str]
    truth: list[int]
    edit_rate: list[float]


class _Bases(NamedTuple):
    texts: list[str]
    codes: Codes
    sent_start: Ints
    sent_len: Ints
    para_sent0: Ints
    para_nsent: Ints
    para_len: Ints


class _Copies(NamedTuple):
    texts: list[str]
    source: Ints
    edit_rate: NDArray[np.float64]


def make_corpus(n_paragraphs: int, *, seed: int = 0, dup_fraction: float = 0.3) -> Corpus:
    """Generate n_paragraphs paragraphs of which about dup_fraction are altered copies."""
    if n_paragraphs < 0:
        raise ValueError("n_paragraphs must be >= 0")
    if not 0.0 <= dup_fraction < 1.0:
        raise ValueError("dup_fraction must be in [0, 1)")
    rng = np.random.default_rng(seed)
    n_copies = round(n_paragraphs * dup_fraction)
    n_bases = n_paragraphs - n_copies
    copy_counts = _copy_counts(rng, n_bases, n_copies)
    sampler = _Sampler(rng)

    paragraphs: list[str] = []
    truth: list[Ints] = []
    rates: list[NDArray[np.float64]] = []
    for lo in range(0, n_bases, _CHUNK):
        hi = min(lo + _CHUNK, n_bases)
        bases = sampler.bases(hi - lo)
        copies = sampler.copies(bases, copy_counts[lo:hi])
        paragraphs += bases.texts
        paragraphs += copies.texts
        truth += [np.arange(lo, hi), lo + copies.source]
        rates += [np.zeros(hi - lo), copies.edit_rate]

    order = rng.permutation(n_paragraphs)
    all_truth = np.concatenate(truth) if truth else np.zeros(0, np.int64)
    all_rates = np.concatenate(rates) if rates else np.zeros(0)
    return Corpus(
        paragraphs=[paragraphs[i] for i in order.tolist()],
        truth=all_truth[order].tolist(),
        edit_rate=all_rates[order].tolist(),
    )


def true_pairs(corpus: Corpus) -> set[tuple[int, int]]:
    """All pairs (i, j), i < j, of paragraphs derived from the same base."""
    truth = np.asarray(corpus.truth, dtype=np.int64)
    order = np.argsort(truth, kind="stable")
    groups = np.split(order, np.flatnonzero(np.diff(truth[order])) + 1)
    pairs: set[tuple[int, int]] = set()
    for group in groups:
        if len(group) > 1:
            pairs.update(combinations(sorted(group.tolist()), 2))
    return pairs


def write_corpus(corpus: Corpus, path: str | os.PathLike[str]) -> list[int]:
    """Write paragraphs separated by blank lines; return each paragraph's 1-based start line."""
    starts: list[int] = []
    line = 1
    for paragraph in corpus.paragraphs:
        starts.append(line)
        line += paragraph.count("\n") + 2
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        batch = 10_000
        for lo in range(0, len(corpus.paragraphs), batch):
            if lo:
                out.write("\n\n")
            out.write("\n\n".join(corpus.paragraphs[lo : lo + batch]))
        if corpus.paragraphs:
            out.write("\n")
    return starts


def _copy_counts(rng: np.random.Generator, n_bases: int, n_copies: int) -> Ints:
    """Number of copies of each base: 0 for most, 1-4 for a random subset."""
    counts = np.zeros(n_bases, dtype=np.int64)
    if n_copies == 0:
        return counts
    sizes = rng.integers(1, _MAX_COPIES + 1, n_copies)
    cumulative = np.cumsum(sizes)
    n_duplicated = int(np.searchsorted(cumulative, n_copies)) + 1
    sizes = sizes[:n_duplicated]
    sizes[-1] -= cumulative[n_duplicated - 1] - n_copies
    if n_duplicated > n_bases:
        raise ValueError(f"dup_fraction too high: a base has at most {_MAX_COPIES} copies")
    counts[rng.choice(n_bases, n_duplicated, replace=False)] = sizes
    return counts


class _Sampler:
    """Draws base paragraphs and their copies from one random generator."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        codes, weights = _char_weights()
        self.char_table = codes[_sampling_table(weights)]
        word_lens = rng.choice(3, size=_LEXICON_SIZE, p=_WORD_LEN_P) + 1
        self.word_len = word_lens.astype(np.int64)
        self.word_start = np.cumsum(self.word_len) - self.word_len
        self.word_chars = self._chars(int(self.word_len.sum()))
        rank_weights = np.arange(1, _LEXICON_SIZE + 1, dtype=np.float64) ** -_WORD_ZIPF
        self.word_table = _sampling_table(rank_weights)

    def _chars(self, n: int) -> Codes:
        return self.char_table[self.rng.integers(0, _TABLE_SIZE, n)]

    def _words(self, n_chars: int) -> tuple[Codes, NDArray[np.bool_]]:
        """n_chars characters of running words, and a mask of the last character of each."""
        mean_len = float(np.dot(_WORD_LEN_P, (1, 2, 3)))
        ids = np.zeros(0, dtype=np.int64)
        while self.word_len[ids].sum() < n_chars:
            more = self.rng.integers(0, _TABLE_SIZE, int(n_chars / mean_len) + 64)
            ids = np.concatenate([ids, self.word_table[more]])
        lens = self.word_len[ids]
        chars = self.word_chars[_gather_ranges(self.word_start[ids], lens)][:n_chars]
        word_end = np.zeros(n_chars, dtype=bool)
        ends = np.cumsum(lens) - 1
        word_end[ends[ends < n_chars]] = True
        return chars, word_end

    def _sentence_lengths(self, n: int) -> tuple[Ints, Ints]:
        """Sentences per paragraph, and the Han length of every sentence in order."""
        nsent = np.zeros(n, dtype=np.int64)
        lens = np.zeros((n, _MAX_SENTENCES), dtype=np.int64)
        redo = np.arange(n)
        while len(redo):
            nsent[redo] = self.rng.integers(2, _MAX_SENTENCES + 1, len(redo))
            lens[redo] = self.rng.integers(
                _SENTENCE_LEN[0], _SENTENCE_LEN[1] + 1, (len(redo), _MAX_SENTENCES)
            )
            lens[redo] *= np.arange(_MAX_SENTENCES) < nsent[redo, None]
            total = lens[redo].sum(axis=1)
            redo = redo[(total < _PARAGRAPH_HAN[0]) | (total > _PARAGRAPH_HAN[1])]
        return nsent, lens[lens > 0]

    def bases(self, n: int) -> _Bases:
        nsent, lens = self._sentence_lengths(n)
        sent0 = np.cumsum(nsent) - nsent
        chars, word_end = self._words(int(lens.sum()))
        sent_first = np.cumsum(lens) - lens
        local = np.arange(len(chars)) - np.repeat(sent_first, lens)
        length = np.repeat(lens, lens)
        comma = (
            word_end
            & (self.rng.random(len(chars)) < _COMMA_P)
            & (length - local - 1 >= _MIN_CLAUSE)
        )
        comma[comma] = _clause_lengths(np.flatnonzero(comma), local[comma]) >= _MIN_CLAUSE
        sent_last = sent_first + lens - 1
        punct = np.where(comma, _COMMA, _HOLE).astype(np.uint16)
        punct[sent_last] = _PERIOD
        sep = np.full(len(chars), _HOLE, dtype=np.uint16)
        sep[sent_last[sent0 + nsent - 1]] = _SEP_CODE
        codes, pos = _weave(chars, punct, sep)
        sent_start = pos[sent_first, 0]
        sent_len = pos[sent_last, 1] - sent_start + 1
        return _Bases(
            texts=_decode(codes),
            codes=codes,
            sent_start=sent_start,
            sent_len=sent_len,
            para_sent0=sent0,
            para_nsent=nsent,
            para_len=np.add.reduceat(sent_len, sent0),
        )

    def copies(self, bases: _Bases, counts: Ints) -> _Copies:
        """Altered copies of bases, counts[k] of base k; edit rates are realised ones."""
        rng = self.rng
        source = np.repeat(np.arange(len(counts)), counts)
        k = len(source)
        if k == 0:
            return _Copies([], source, np.zeros(0))
        shuffle = rng.random(k) < _SHUFFLE_P
        to_traditional = rng.random(k) < _S2T_P
        wrap_width = rng.integers(_WRAP_WIDTH[0], _WRAP_WIDTH[1] + 1, k)
        wrap_width[rng.random(k) >= _WRAP_P] = 0
        target_rate = rng.uniform(0.0, _MAX_EDIT_RATE, k)

        nsent = bases.para_nsent[source]
        sentences = _gather_ranges(bases.para_sent0[source], nsent)
        owner = np.repeat(np.arange(k), nsent)
        key = np.where(shuffle[owner], rng.random(len(owner)), np.arange(len(owner)))
        sentences = sentences[np.lexsort((key, owner))]
        chars = bases.codes[_gather_ranges(bases.sent_start[sentences], bases.sent_len[sentences])]

        length = bases.para_len[source]
        first = np.cumsum(length) - length
        owner = np.repeat(np.arange(k), length)
        local = np.arange(len(chars)) - np.repeat(first, length)
        kind = rng.integers(0, 3, len(chars))
        # Never deleting a copy's first character keeps every copy non-empty.
        edit = (rng.random(len(chars)) < target_rate[owner]) & ((kind != 1) | (local > 0))
        # Capping the count keeps the realised rate within the promised band on short copies.
        rank = np.cumsum(edit)
        rank -= np.repeat(rank[first] - edit[first], length)
        edit &= rank <= np.floor(_MAX_EDIT_RATE * length)[owner]
        insert, delete, substitute = (edit & (kind == i) for i in range(3))
        new = np.full(len(chars), _HOLE, dtype=np.uint16)
        new[edit] = self._chars(int(edit.sum()))
        kept = np.where(delete, _HOLE, np.where(substitute, new, chars)).astype(np.uint16)
        edited, _ = _weave(np.where(insert, new, _HOLE).astype(np.uint16), kept)
        n_edits = np.bincount(owner[edit], minlength=k)
        growth = np.bincount(owner[insert], minlength=k) - np.bincount(owner[delete], minlength=k)
        new_length = length + growth

        owner = np.repeat(np.arange(k), new_length)
        local = np.arange(len(edited)) - np.repeat(np.cumsum(new_length) - new_length, new_length)
        width = wrap_width[owner]
        last = local + 1 == new_length[owner]
        wrap = (width > 0) & ~last & ((local + 1) % np.maximum(width, 1) == 0)
        codes, _ = _weave(
            edited,
            np.where(wrap, _NEWLINE, _HOLE).astype(np.uint16),
            np.where(last, _SEP_CODE, _HOLE).astype(np.uint16),
        )
        texts = _decode(codes)
        _to_traditional(texts, np.flatnonzero(to_traditional).tolist())
        return _Copies(texts, source, n_edits / length)


def _to_traditional(texts: list[str], which: list[int]) -> None:
    """Convert texts[i] for i in which in place, in one OpenCC call for speed."""
    if not which:
        return
    converted = _s2t().convert(_SEP.join(texts[i] for i in which)).split(_SEP)
    if len(converted) != len(which):
        raise RuntimeError("OpenCC changed the paragraph separators")
    for i, text in zip(which, converted, strict=True):
        texts[i] = text


@functools.cache
def _s2t() -> opencc_pyo3.OpenCC:
    return opencc_pyo3.OpenCC("s2t")


@functools.cache
def _char_weights() -> tuple[Codes, NDArray[np.float64]]:
    """Han characters of samples/*.txt with their counts, or the whole CJK range."""
    counts: Counter[str] = Counter()
    for path in sorted(_SAMPLES_DIR.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        counts.update(ch for ch in text if _HAN_FIRST <= ord(ch) <= _HAN_LAST)
    if len(counts) < _MIN_VOCAB:
        codes = np.arange(_HAN_FIRST, _HAN_LAST + 1, dtype=np.uint16)
        return codes, np.ones(len(codes))
    chars = sorted(counts)
    codes = np.array([ord(ch) for ch in chars], dtype=np.uint16)
    return codes, np.array([counts[ch] for ch in chars], dtype=np.float64)


def _sampling_table(weights: NDArray[np.float64]) -> Ints:
    """Lookup table: a uniform index into it picks item i with probability ~weights[i]."""
    cdf = np.cumsum(weights)
    cdf /= cdf[-1]
    quantiles = (np.arange(_TABLE_SIZE) + 0.5) / _TABLE_SIZE
    table = np.searchsorted(cdf, quantiles, side="right")
    return np.minimum(table, len(weights) - 1).astype(np.int64)


def _clause_lengths(commas: Ints, local: Ints) -> Ints:
    """Characters since the previous comma candidate or the sentence start, per candidate.

    Keeping only candidates with a long enough clause is enough: a kept comma is at least
    as far from the previous kept comma as from the previous candidate.
    """
    since_previous = np.diff(commas, prepend=-1)
    return np.minimum(since_previous, local + 1)


def _gather_ranges(starts: Ints, lengths: Ints) -> Ints:
    """Indices of the ranges [starts[k], starts[k] + lengths[k]), concatenated."""
    ends = np.cumsum(lengths)
    total = int(ends[-1]) if len(ends) else 0
    offsets: Ints = np.repeat(starts - (ends - lengths), lengths)
    return np.arange(total) + offsets


def _weave(*rows: Codes) -> tuple[Codes, NDArray[np.int64]]:
    """Interleave equal-length rows element by element, dropping holes.

    Returns the result and, for every row element, its index in the result.
    """
    flat = np.stack(rows, axis=1).ravel()
    keep = flat != _HOLE
    pos = np.cumsum(keep) - 1
    return flat[keep], pos.reshape(-1, len(rows))


def _decode(codes: Codes) -> list[str]:
    """Split a separator-terminated code array into strings."""
    return codes.astype("<u2").tobytes().decode("utf-16-le").split(_SEP)[:-1]

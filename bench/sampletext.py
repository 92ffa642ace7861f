"""Benchmark inputs made from samples/*.txt: scaled-up text and unique paragraphs.

The samples are only about 100 KB, so the benchmarks need more text than there is. Plain
repetition is right for throughput (folding does not care that text repeats), but not for
alignment: a document made of thirty verbatim copies of the same paragraphs measures how
repeats are handled, not how a lightly edited copy is aligned. So every copy after the first
is enciphered: a fixed random permutation of the samples' Han characters, different per copy,
keeps each paragraph's length, punctuation, wrapping and character frequencies while making
its text new.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path

import diffkit

__all__ = ["han_vocabulary", "is_han", "sample_paragraphs", "scaled_text", "unique_paragraphs"]

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples"
HAN = ("\u4e00", "\u9fff")


def is_han(ch: str) -> bool:
    return HAN[0] <= ch <= HAN[1]


def _sample_paths() -> list[Path]:
    paths = sorted(SAMPLES_DIR.glob("*.txt"))
    if not paths:
        raise FileNotFoundError(f"no samples in {SAMPLES_DIR}")
    return paths


def scaled_text(min_bytes: int) -> str:
    """The samples concatenated, over and over, to at least ``min_bytes`` of UTF-8."""
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in _sample_paths()) + "\n\n"
    copies = -(-min_bytes // len(unit.encode("utf-8")))
    return unit * copies


@functools.cache
def sample_paragraphs() -> tuple[str, ...]:
    """The samples' paragraphs as diffkit cuts them (wrapped lines kept as they are)."""
    return tuple(
        seg.text for path in _sample_paths() for seg in diffkit.segments(path) if seg.text.strip()
    )


@functools.cache
def han_vocabulary() -> tuple[str, ...]:
    """Distinct Han characters of the samples, sorted."""
    return tuple(sorted({ch for text in sample_paragraphs() for ch in text if is_han(ch)}))


def unique_paragraphs(min_size: int, *, in_bytes: bool, seed: int) -> list[str]:
    """Sample paragraphs, enciphered afresh for each copy after the first, until they hold
    ``min_size`` characters (or UTF-8 bytes when ``in_bytes``), blank-line separators included."""
    pool = sample_paragraphs()
    vocab = list(han_vocabulary())
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    copy = 0
    while size < min_size:
        table: dict[int, str] | None = None
        if copy:
            shuffled = vocab[:]
            rng.shuffle(shuffled)
            table = {ord(a): b for a, b in zip(vocab, shuffled, strict=True)}
        for text in pool:
            paragraph = text.translate(table) if table else text
            out.append(paragraph)
            size += (len(paragraph.encode("utf-8")) if in_bytes else len(paragraph)) + 2
            if size >= min_size:
                break
        copy += 1
    return out

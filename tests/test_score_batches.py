"""Scores of a batch of pairs do not depend on the batch's size: a small batch is scored on
the calling thread, a large one in rapidfuzz's threads."""

from __future__ import annotations

from pathlib import Path

from diffkit.deduplication.similarity import THREADED_MIN_CHARS, _indel, _pair_scores
from diffkit.folding import fold

SAMPLES = Path(__file__).parent.parent / "samples"


def _paragraphs() -> list[str]:
    text = (SAMPLES / "2023-closing-speech-simplified.txt").read_text(encoding="utf-8")
    return [fold(p).text for p in text.split("\n\n") if len(p) >= 20]


def test_a_small_batch_scores_as_the_same_pairs_in_a_threaded_batch() -> None:
    paragraphs = _paragraphs()
    left = paragraphs[:-1]
    right = paragraphs[1:]
    while sum(map(len, left + right)) < 2 * THREADED_MIN_CHARS:
        left, right = left + left, right + right
    whole = _indel(left, right).tolist()
    small = [_indel(left[k : k + 3], right[k : k + 3]).tolist() for k in range(0, 60, 3)]
    assert [s for part in small for s in part] == whole[:60]
    assert len(set(whole[:60])) > 10  # the pairs are scored, not all alike
    assert _pair_scores(left[:40], right[:40]) == _pair_scores(left, right)[:40]

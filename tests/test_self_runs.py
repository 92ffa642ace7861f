"""Passage granularity's runs and chains as arrays: the same as the object versions in
anchors.py, made a part at a time, in memory that does not grow with repetition."""

from __future__ import annotations

import random
import tracemalloc

import pytest
from hypothesis import given, settings, strategies as st

from diffkit.anchors import chain_runs
from diffkit.codepoints import PARAGRAPH_SEPARATOR
from diffkit.deduplication import self_runs as module
from diffkit.deduplication._reference import find_runs
from diffkit.deduplication.self_runs import Runs, self_chains, self_runs
from diffkit.loading import load_path
from diffkit.segmentation import segment

from .conftest import SAMPLES


def _corpus() -> str:
    """The samples' folded texts joined as passage granularity joins them."""
    paths = sorted(p for p in SAMPLES.glob("*.txt"))
    return PARAGRAPH_SEPARATOR.join(segment(load_path(p)).folded.text for p in paths)


def _same(text: str, k: int, max_occurrences: int = 64) -> None:
    runs = self_runs(text, k=k, max_occurrences=max_occurrences)
    reference = find_runs(text, None, k=k, max_occurrences=max_occurrences, min_length=k)
    assert list(zip(*(x.tolist() for x in runs), strict=True)) == [
        (r.a, r.b, r.length) for r in reference
    ]
    chains = self_chains(runs)
    expected = chain_runs(reference, self_join=True)
    assert list(zip(*(x.tolist() for x in chains), strict=True)) == [
        (c.a_start, c.a_end, c.b_start, c.b_end, c.matched) for c in expected
    ]


def test_the_samples_runs_and_chains_are_the_reference_ones() -> None:
    text = _corpus()
    runs = self_runs(text, k=12)
    assert len(runs.a) > 500  # the samples repeat themselves: something to agree on
    _same(text, 12)


def test_pairs_made_in_many_small_parts_give_the_same_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = _corpus()
    whole = self_runs(text, k=12)
    monkeypatch.setattr(module, "PAIRS_PER_PART", 97)
    parted = self_runs(text, k=12)
    for x, y in zip(whole, parted, strict=True):
        assert x.tolist() == y.tolist()


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from("甲乙丙丁戊" + PARAGRAPH_SEPARATOR), min_size=1, max_size=40),
    st.integers(1, 12),
    st.integers(2, 5),
    st.integers(2, 9),
)
def test_periodic_and_repeated_texts_agree_with_the_reference(
    seed: list[str], copies: int, k: int, max_occurrences: int
) -> None:
    rng = random.Random(len(seed) * 31 + copies)
    pieces = []
    for _ in range(copies):  # copies of the seed, some with a character changed
        piece = list(seed)
        if rng.random() < 0.5:
            piece[rng.randrange(len(piece))] = rng.choice("甲乙子")
        pieces.append("".join(piece))
    _same("".join(pieces), k, max_occurrences)


def test_short_texts_have_no_runs() -> None:
    for text in ("", "甲", "甲乙丙"):
        assert all(len(x) == 0 for x in self_runs(text, k=3))
        assert all(len(x) == 0 for x in self_chains(self_runs(text, k=3)))


def test_memory_does_not_grow_with_the_number_of_copies() -> None:
    """48 copies of a 4,000-character page: 4.5 million pairs of occurrences of its k-grams,
    made a part at a time, never all held."""
    rng = random.Random(7)
    page = "".join(chr(0x4E00 + rng.randrange(3000)) for _ in range(4000))
    text = PARAGRAPH_SEPARATOR.join([page] * 48)
    tracemalloc.start()
    try:
        runs = self_runs(text, k=12)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(runs.a) == 48 * 47 // 2  # each copy against each later one, whole
    assert set(runs.length.tolist()) == {4000}
    assert peak < 60 * 2**20, peak
    assert isinstance(runs, Runs)

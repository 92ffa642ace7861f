"""Signing a few thousand keys at a time gives each key the signature it has alone: the
blocks ``minhash.sign`` cuts a large batch into, with the caller's hashes or its own, and
the chunks of ``signatures``, never change what a key is signed with."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from diffkit import minhash, segments

SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.txt"))


def _keys() -> list[str]:
    sentences = [s.folded for p in SAMPLES for s in segments(p, granularity="sentence")]
    # Halves and tails too, and a key holding the separator the hashes cut at.
    keys = sentences + [k[: len(k) // 2] for k in sentences] + [k[len(k) // 3 :] for k in sentences]
    return [*keys, "甲乙\u2029丙丁戊", "x"]


def test_a_large_batch_is_signed_as_its_keys_are_one_block_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = _keys()
    whole = minhash.signatures(keys)
    monkeypatch.setattr(minhash, "CHUNK", 128)  # blocks of 128: a dozen and a part
    assert len(keys) > 10 * minhash.CHUNK
    common = minhash.common_bigrams(minhash.bigram_counts(keys), len(keys))
    assert common is not None and common.any()
    one_by_one = np.concatenate(
        [minhash.sign(keys[a : a + 97], common) for a in range(0, len(keys), 97)]
    )
    hashes, _ = minhash._bigram_hashes(keys)
    assert np.array_equal(minhash.sign(keys, common), one_by_one)
    assert np.array_equal(minhash.sign(keys, common, hashes=hashes), one_by_one)
    assert np.array_equal(whole, one_by_one)
    assert np.array_equal(minhash.signatures(keys, chunk=3 * minhash.CHUNK + 5), whole)
    assert np.array_equal(minhash.signatures(keys, chunk=50), whole)


def test_counts_are_the_same_in_any_chunks() -> None:
    keys = _keys()
    counts = minhash.bigram_counts(keys)
    assert counts.sum() == sum(max(len(k) - 1, 0) for k in keys) - 2  # the two at U+2029
    assert np.array_equal(minhash.bigram_counts(keys, chunk=333), counts)

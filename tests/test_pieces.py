"""Long pairs are diffed in pieces cut at rare shared text: the edits still turn one side into
the other, and the similarity stays what the whole pair gives."""

from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st
from rapidfuzz.distance import Indel

from diffkit import _reference, pieces
from diffkit.differences import apply_edits, diff
from diffkit.loading import from_text

from .conftest import REPORT_2021


def _long_pair(copies: int, seed: int = 1) -> tuple[str, str]:
    # The report's paragraphs, each copy after the first enciphered with its own permutation
    # of the characters, so that no stretch repeats: one paragraph of real text's shape.
    base = REPORT_2021.read_text(encoding="utf-8").replace("\n", "")
    rng = random.Random(seed)
    chars = sorted(set(base))
    parts = [base]
    for _ in range(copies - 1):
        shuffled = chars[:]
        rng.shuffle(shuffled)
        table = dict(zip(chars, shuffled, strict=True))
        parts.append("".join(table[c] for c in base))
    a = "".join(parts)
    b = list(a)
    for _ in range(len(a) // 50):
        b[rng.randrange(len(b))] = chr(0x4E00 + rng.randrange(2000))
    return a, "".join(b)


def test_a_long_pair_is_cut_in_order_at_shared_text() -> None:
    a, b = _long_pair(4)
    assert len(a) + len(b) > pieces.LONG
    found = pieces.cuts(a, b)
    assert len(found) >= 5
    assert found == sorted(found) and [j for _, j in found] == sorted(j for _, j in found)
    for i, j in found:
        assert a[i : i + 16] == b[j : j + 16]


def test_diffing_in_pieces_keeps_the_edits_and_the_similarity() -> None:
    a, b = _long_pair(4)
    result = diff(from_text(a), from_text(b))
    assert apply_edits(a, result.edits) == b
    whole = Indel.normalized_similarity(a, b)
    assert abs(pieces.indel_similarity(a, b) - whole) < 0.005
    assert abs(result.similarity - whole) < 0.005


def test_dedupe_scores_a_long_pair_as_the_whole_pair_scores() -> None:
    import diffkit

    a, b = _long_pair(4)
    report = diffkit.dedupe([from_text(a, name="a"), from_text(b, name="b")])
    assert len(report.clusters) == 1
    whole = Indel.normalized_similarity(a, b)
    assert abs(report.clusters[0].similarity - whole) < 0.005


_BASE = [chr(0x4E00 + n) for n in range(3000)]
_INSERTED = [chr(0xAC00 + n) for n in range(50)]


@settings(max_examples=20, deadline=None)
@given(
    st.integers(0, 2**32 - 1),
    st.integers(100, 14_000),
    st.integers(0, 400),
    st.booleans(),
)
def test_piecewise_similarity_is_the_whole_texts_where_one_holds_the_other(
    seed: int, length: int, inserted: int, into_a: bool
) -> None:
    # Characters from an alphabet the other text lacks, inserted into one side: the longest
    # common subsequence is the other side whole, and passes through every cut, so pieces
    # and the whole texts must give the same similarity, short or long.
    rng = random.Random(seed)
    base = [rng.choice(_BASE) for _ in range(length)]
    grown = base[:]
    for _ in range(inserted):
        grown.insert(rng.randrange(len(grown) + 1), rng.choice(_INSERTED))
    a, b = ("".join(grown), "".join(base)) if into_a else ("".join(base), "".join(grown))
    expected = _reference.indel_similarity(a, b)
    assert pieces.indel_similarity(a, b) == expected
    if len(a) + len(b) > pieces.LONG:
        assert pieces.cuts(a, b)

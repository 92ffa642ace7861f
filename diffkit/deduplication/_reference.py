"""Slow, plainly correct versions of deduplication's fast paths; the tests check that the two
agree."""

from __future__ import annotations

from .similarity import pair_similarity_of_keys


def similar_pairs_reference(keys: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """Every pair of distinct keys scored, those reaching ``threshold`` kept: what
    ``similar_pairs`` finds by MinHash candidates and batched verification."""
    out: list[tuple[int, int, float]] = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if keys[i] == keys[j]:
                continue
            score = pair_similarity_of_keys(keys[i], keys[j])
            if score >= threshold:
                out.append((i, j, score))
    return out

"""Slow, plainly correct versions of the fast paths of the top-level modules (pieces); the
tests check that the two agree."""

from __future__ import annotations

from rapidfuzz.distance import Indel


def indel_similarity(a: str, b: str) -> float:
    """rapidfuzz's normalized Indel similarity of the whole texts, however long."""
    return float(Indel.normalized_similarity(a, b))

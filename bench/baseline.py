"""The dedupe pipeline a typical user builds today, as the benchmark's reference point.

Shingle, MinHash, LSH for candidates, then verify with an edit-distance ratio: the standard
recipe with off-the-shelf datasketch and rapidfuzz. It deliberately normalises nothing but
whitespace, so what it misses (other scripts, reordered sentences) is what diffkit adds.
"""

from __future__ import annotations

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

__all__ = ["baseline_dedupe"]


def baseline_dedupe(
    paragraphs: list[str], *, threshold: float = 0.8, num_perm: int = 128, ngram: int = 2
) -> set[tuple[int, int]]:
    """Pairs (i, j), i < j, whose LSH candidates pass fuzz.ratio / 100 >= threshold."""
    texts = ["".join(paragraph.split()) for paragraph in paragraphs]
    minhashes = MinHash.bulk((_shingles(text, ngram) for text in texts), num_perm=num_perm)
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    with lsh.insertion_session() as session:
        for i, minhash in enumerate(minhashes):
            session.insert(i, minhash)

    cutoff = threshold * 100
    pairs: set[tuple[int, int]] = set()
    for i, minhash in enumerate(minhashes):
        for j in lsh.query(minhash):
            if j > i and fuzz.ratio(texts[i], texts[j], score_cutoff=cutoff) >= cutoff:
                pairs.add((i, j))
    return pairs


def _shingles(text: str, ngram: int) -> list[bytes]:
    """Distinct character n-grams, or the whole text when it is shorter than one."""
    if len(text) <= ngram:
        return [text.encode()]
    return list({text[k : k + ngram].encode() for k in range(len(text) - ngram + 1)})

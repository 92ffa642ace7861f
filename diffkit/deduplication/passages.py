"""Passages that ignore paragraph boundaries: shared stretches of the corpus against itself."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import numpy.typing as npt

from ..codepoints import PARAGRAPH_SEPARATOR
from ..segmentation import Segmented
from .components import _UnionFind
from .self_runs import self_chains, self_runs
from .similarity import pair_similarity_of_keys
from .units import _Unit


def _passage_units(
    segs: list[Segmented], min_chars: int, k: int, threshold: float
) -> tuple[list[_Unit], list[list[int]], npt.NDArray[np.int64]]:
    """Maximal shared stretches, whatever the paragraph boundaries: the corpus's folded text
    run against itself, runs chained into passages, each pair of occurrences verified: the
    passages, their linked groups and the verified pairs of passages."""
    texts = [s.folded.text for s in segs]
    offsets = np.cumsum([0] + [len(t) + 1 for t in texts])
    corpus = PARAGRAPH_SEPARATOR.join(texts)
    plain = corpus.replace(PARAGRAPH_SEPARATOR, "\n")
    chains = self_chains(self_runs(corpus, k=k))
    wanted = (chains.matched >= min_chars) & (chains.a_end <= chains.b_start)
    ranges: list[tuple[int, int]] = []
    links: list[tuple[int, int]] = []
    for a0, a1, b0, b1 in zip(*(bound[wanted].tolist() for bound in chains[:4]), strict=True):
        if pair_similarity_of_keys(plain[a0:a1], plain[b0:b1]) < threshold:
            continue
        ranges.append((a0, a1))
        ranges.append((b0, b1))
        links.append((len(ranges) - 2, len(ranges) - 1))
    # Occurrences found by several chains are one occurrence when they nearly coincide.
    node_of: dict[int, int] = {}
    nodes: list[tuple[int, int]] = []
    for n in sorted(range(len(ranges)), key=lambda n: ranges[n]):
        lo, hi = ranges[n]
        for m in range(len(nodes) - 1, max(-1, len(nodes) - 8), -1):
            x, y = nodes[m]
            overlap = min(hi, y) - max(lo, x)
            if overlap >= 0.8 * (hi - lo) and overlap >= 0.8 * (y - x):
                nodes[m] = (min(lo, x), max(hi, y))
                node_of[n] = m
                break
        else:
            nodes.append((lo, hi))
            node_of[n] = len(nodes) - 1
    uf = _UnionFind(len(nodes))
    for x, y in links:
        uf.union(node_of[x], node_of[y])
    units: list[_Unit] = []
    for lo, hi in nodes:
        d = int(np.searchsorted(offsets, lo, side="right") - 1)
        base = int(offsets[d])
        f_start, f_end = lo - base, min(hi - base, len(texts[d]))
        start, end, folded = segs[d].folded.cut(f_start, f_end)
        units.append(_Unit(d, start, end, folded.text, f_start, f_end))
    clusters: dict[int, list[int]] = defaultdict(list)
    for n in range(len(nodes)):
        clusters[uf.find(n)].append(n)
    pairs = np.array([(node_of[x], node_of[y]) for x, y in links], dtype=np.int64)
    return units, [g for g in clusters.values() if len(g) > 1], pairs.reshape(-1, 2)

"""How right ``diffkit dedupe`` is on a generated corpus: the true pairs inside its clusters,
scored against the corpus's truth (precision against all true pairs, recall against those
``pair_similarity`` puts at or above the threshold, and by edit-rate band).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from corpus import Corpus
from timing import repeat

Pair = tuple[int, int]

THRESHOLD = 0.8
MAX_SIMILARITY_PAIRS = 60_000
"""Past this many true pairs, recall above the threshold is estimated on a random sample."""
BANDS = ((0.0, 0.05), (0.05, 0.1), (0.1, 0.2), (0.2, 0.41))
"""Pair edit rate (the two copies' edit rates added) bands for recall."""


@dataclass(frozen=True)
class Score:
    predicted: int
    true_positive: int
    precision: float
    recall_above: float
    recall_all: float
    recall_by_band: dict[str, float | None]


def similar_true_pairs(
    corpus: Corpus, truth: set[Pair], rng: random.Random
) -> tuple[set[Pair], int, float]:
    """True pairs whose pair_similarity reaches the threshold (of a sample past
    MAX_SIMILARITY_PAIRS), how many were scored, and the seconds it took."""
    from diffkit.deduplication import pair_similarity
    from diffkit.folding import warm_up

    warm_up()
    pairs = sorted(truth)
    if len(pairs) > MAX_SIMILARITY_PAIRS:
        pairs = rng.sample(pairs, MAX_SIMILARITY_PAIRS)
    texts = corpus.paragraphs

    def score() -> set[Pair]:
        return {(i, j) for i, j in pairs if pair_similarity(texts[i], texts[j]) >= THRESHOLD}

    sample, above = repeat(score, runs=1)
    return above, len(pairs), sample.median


def cluster_pairs(
    report: dict[str, Any], starts: list[int], ends: list[int], truth_of: list[int]
) -> tuple[set[Pair], int, dict[str, int]]:
    """True pairs inside predicted clusters, the number of predicted pairs, and oddities.

    Predicted pairs are counted per cluster, not listed, so a cluster that swallows most
    of the corpus is scored rather than exhausting memory."""
    hits: set[Pair] = set()
    predicted = 0
    off_boundary = 0
    seen: defaultdict[int, int] = defaultdict(int)
    for cluster in report["clusters"]:
        members: set[int] = set()
        for member in cluster["members"]:
            p = bisect_right(starts, member["start_line"]) - 1
            if p < 0:
                off_boundary += 1
                continue
            if member["start_line"] != starts[p] or member["end_line"] != ends[p]:
                off_boundary += 1
            members.add(p)
        for p in members:
            seen[p] += 1
        predicted += len(members) * (len(members) - 1) // 2
        by_base: defaultdict[int, list[int]] = defaultdict(list)
        for p in sorted(members):
            by_base[truth_of[p]].append(p)
        for group in by_base.values():
            hits.update(combinations(group, 2))
    oddities = {
        "clusters": len(report["clusters"]),
        "members_off_paragraph_boundaries": off_boundary,
        "paragraphs_in_several_clusters": sum(1 for n in seen.values() if n > 1),
        "largest_cluster": max((len(c["members"]) for c in report["clusters"]), default=0),
    }
    return hits, predicted, oddities


def score_clusters(
    hits: set[Pair], predicted: int, truth: set[Pair], above: set[Pair], corpus: Corpus
) -> Score:
    hits = hits & truth
    rates = corpus.edit_rate
    band_recall: dict[str, float | None] = {}
    for lo, hi in BANDS:
        band = {(i, j) for i, j in truth if lo <= rates[i] + rates[j] < hi}
        band_recall[f"{lo:.0%}-{min(hi, 0.4):.0%}"] = len(band & hits) / len(band) if band else None
    return Score(
        predicted=predicted,
        true_positive=len(hits),
        precision=len(hits) / predicted if predicted else 1.0,
        recall_above=len(above & hits) / len(above) if above else 1.0,
        recall_all=len(hits) / len(truth) if truth else 1.0,
        recall_by_band=band_recall,
    )


def precision_recall(score: Score) -> str:
    return f"P {score.precision:.3f} / R {score.recall_above:.3f}"


def band_recall(score: Score) -> str:
    return " ".join(
        f"{band} {'-' if r is None else f'{r:.2f}'}" for band, r in score.recall_by_band.items()
    )

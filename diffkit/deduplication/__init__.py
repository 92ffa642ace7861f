"""`dedupe`: repeated and near-duplicate passages inside one document or across a corpus.

Units (paragraphs or sentences) are matched on their folded keys, so a Traditional page and
its Simplified twin fall together. Exact repeats group by key; near repeats come from MinHash
LSH over character bigrams (diffkit.minhash) and are verified with rapidfuzz. Passages that
ignore paragraph boundaries (a block of paragraphs repeated with a prefix, the tail of another
paragraph) come from the anchor-and-chain machinery that compare uses, run on the corpus
against itself. Repeats form clusters; each member is diffed against the first occurrence.
"""

from ._reference import similar_pairs_reference
from .api import ENGINES, Engine, dedupe
from .candidates import similar_pairs, verify_pairs
from .clusters import DRIFT, LINKAGES, Linkage
from .components import (
    _UnionFind,
    components,
    components as _components,
    linked_groups,
    numbered_keys,
)
from .result import GRANULARITIES, SCHEMA, DedupeGranularity, DedupeReport
from .similarity import _pair_scores, pair_similarity, pair_similarity_of_keys, sorted_sentences

__all__ = [
    "DRIFT",
    "ENGINES",
    "GRANULARITIES",
    "LINKAGES",
    "SCHEMA",
    "DedupeGranularity",
    "DedupeReport",
    "Engine",
    "Linkage",
    "_UnionFind",
    "_components",
    "_pair_scores",
    "components",
    "dedupe",
    "linked_groups",
    "numbered_keys",
    "pair_similarity",
    "pair_similarity_of_keys",
    "similar_pairs",
    "similar_pairs_reference",
    "sorted_sentences",
    "verify_pairs",
]

"""The measures a comparison's score is built from, and the counts it sums.

A block's size, whether a text is written in Chinese, whether a Simplified and a Traditional
text are similar once folded, and whether OpenCC alone explains a content edit: each as
``realdata_score``'s docstring defines it. ``Score`` holds the counts of one or more cases.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from opencc_pyo3 import OpenCC
from rapidfuzz import fuzz

SIMILAR = 0.5
LENIENT = ("script", "regional", "punctuation", "whitespace")
"""What a pure script conversion may differ in: ``--ignore`` these and it must exit 0."""
LONG, SHORT = 20, 8
WRONG_EXAMPLES = 5
"""How many wrong pairs a document's score keeps as examples, in `--json`'s output."""


@cache
def _converter(config: str) -> Any:
    return OpenCC(config)


def size(text: str) -> int:
    return sum(1 for c in unicodedata.normalize("NFKC", text) if not c.isspace())


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if c.isalnum())


def chinese(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    han = sum(1 for c in letters if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    return 3 * han >= len(letters) > 0


def similar_once_folded(cn: str, tw: str) -> float:
    return fuzz.ratio(_key(cn), _key(_converter("tw2sp").convert(tw))) / 100


def explained_by_opencc(a: str, b: str) -> bool:
    if any(_converter(c).convert(a) == b for c in ("s2twp", "s2tw", "s2hk")):
        return True
    return any(_converter(c).convert(b) == a for c in ("tw2sp", "t2s"))


@dataclass
class Score:
    """Counts for one or more cases, summed; the ratios are read from them."""

    cases: int = 0
    blocks_a: int = 0
    blocks_b: int = 0
    true_pairs: int = 0
    translated: int = 0
    pairs: int = 0
    pairs_right: int = 0
    unjudged: int = 0
    long_total: int = 0
    long_found: int = 0
    short_total: int = 0
    short_found: int = 0
    similar_total: int = 0
    similar_found: int = 0
    similar_pairs: int = 0
    similar_pairs_right: int = 0
    unmatched_a: int = 0
    unmatched_b: int = 0
    overlaps: int = 0
    edits: Counter[str] = field(default_factory=Counter)
    content_at_boundary: int = 0
    content_opencc: int = 0
    seconds: float = 0.0
    segmented_blocks: int = 0
    layout_paragraphs: int = 0
    layout_cut_differently: int = 0
    lenient_differences: int = 0
    lenient_failures: int = 0
    blocks_one_segment: int = 0
    blocks_split: int = 0
    blocks_merged: int = 0
    examples: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    def add(self, other: Score) -> None:
        for name, value in vars(other).items():
            mine = getattr(self, name)
            if isinstance(value, Counter):
                mine.update(value)
            elif isinstance(value, dict):
                for kind, shown in value.items():
                    mine.setdefault(kind, []).extend(shown)
            else:
                setattr(self, name, mine + value)

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in vars(self).items() if k != "examples"}
        out["edits"] = dict(self.edits)
        out["examples"] = {k: v[:20] for k, v in self.examples.items()}
        return out

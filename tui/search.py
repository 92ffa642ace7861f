"""Search that sees through folding: a Simplified query finds Traditional text.

Each searchable item keeps one lower-cased haystack of its original texts and their folded
keys, built once in the worker thread; a query matches when it, or its folded form, occurs
in the haystack. The haystacks are also joined into one text, so that a search of
thousands of items is a few scans of it rather than a test of every item. The same rule
finds the hits inside a passage's original text, which the diff view marks where it
lays that text out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rich.text import Text

from diffkit.folding import FoldProfile, fold

HIT_STYLE = "bold black on bright_yellow"


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """Haystacks by item key (a pair's index, a cluster's id...)."""

    profile: FoldProfile
    haystacks: Mapping[str, str]
    _joined: str = field(init=False, repr=False)
    """Every haystack, in order, each followed by a character no needle holds."""
    _starts: list[int] = field(init=False, repr=False)
    """Where each haystack begins in ``_joined``."""
    _keys: list[str] = field(init=False, repr=False)
    _last: dict[tuple[str, ...], frozenset[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        keys = list(self.haystacks)
        starts, at = [], 0
        for key in keys:
            starts.append(at)
            at += len(self.haystacks[key]) + 1
        object.__setattr__(self, "_keys", keys)
        object.__setattr__(self, "_starts", starts)
        object.__setattr__(self, "_joined", "\0".join(self.haystacks[k] for k in keys) + "\0")
        object.__setattr__(self, "_last", {})

    @classmethod
    def build(cls, texts: Mapping[str, Iterable[str]], profile: FoldProfile) -> SearchIndex:
        haystacks: dict[str, str] = {}
        for key, items in texts.items():
            parts = list(items)
            folded = [fold(t, profile=profile).text for t in parts]
            haystacks[key] = "\n".join(parts + folded).lower()
        return cls(profile, haystacks)

    def needles(self, query: str) -> tuple[str, ...]:
        """The query as typed and as folded, lower-cased, without repeats or empties."""
        plain = query.strip().lower()
        if not plain:
            return ()
        folded = fold(plain, profile=self.profile).text.lower()
        return tuple(dict.fromkeys(n for n in (plain, folded) if n))

    def matches(self, key: str, needles: tuple[str, ...]) -> bool:
        hay = self.haystacks.get(key, "")
        return any(n in hay for n in needles)

    def hits(self, needles: tuple[str, ...]) -> frozenset[str]:
        """The keys of the items that hold any of ``needles``: after a hit the scan goes on
        from the next item, so it costs a scan of the text and a step per item found."""
        found = self._last.get(needles)
        if found is not None:
            return found
        joined, starts, keys = self._joined, self._starts, self._keys
        hit: set[str] = set()
        for needle in needles:
            if "\0" in needle:
                continue
            at = joined.find(needle)
            while at >= 0:
                item = bisect_right(starts, at) - 1
                hit.add(keys[item])
                after = starts[item + 1] if item + 1 < len(starts) else len(joined)
                at = joined.find(needle, after)
        found = frozenset(hit)
        self._last.clear()
        self._last[needles] = found
        return found


def mark_hits(text: Text, query: str, profile: FoldProfile) -> int:
    """Style every hit of ``query`` in ``text`` (as typed, or folded like the text) and
    return how many there are."""
    spans = find_hits(text.plain, query, profile)
    for start, end in spans:
        text.stylize(HIT_STYLE, start, end)
    return len(spans)


@lru_cache(maxsize=256)
def find_hits(plain: str, query: str, profile: FoldProfile) -> tuple[tuple[int, int], ...]:
    """Where ``query`` occurs in ``plain`` (as typed, or folded like the text), in order.

    Kept for the last texts searched: a view laid out again (another width, a category
    hidden) reuses the hits of its original text rather than folding it anew."""
    needle = query.strip().lower()
    if not needle:
        return ()
    spans: set[tuple[int, int]] = set()
    lowered = plain.lower()
    if len(lowered) == len(plain):
        spans.update(_find_all(lowered, needle))
    folded = fold(plain, profile=profile)
    folded_needle = fold(needle, profile=profile).text.lower()
    if folded_needle:
        hay = folded.text.lower()
        if len(hay) != len(folded.text):
            hay = folded.text
        for i, j in _find_all(hay, folded_needle):
            spans.add(folded.original_range(i, j))
    return tuple(sorted(spans))


def _find_all(hay: str, needle: str) -> Iterable[tuple[int, int]]:
    at = hay.find(needle)
    while at >= 0:
        yield at, at + len(needle)
        at = hay.find(needle, at + 1)

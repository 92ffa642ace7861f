"""Search that sees through folding: a Simplified query finds Traditional text.

Each searchable item keeps one lower-cased haystack of its original texts and their folded
keys, built once in the worker thread; a query matches when it, or its folded form, occurs
in the haystack. The same rule marks the hits inside a rendered passage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rich.text import Text

from diffkit.folding import FoldProfile, fold

HIT_STYLE = "bold black on bright_yellow"


@dataclass(frozen=True, eq=False)
class SearchIndex:
    """Haystacks by item key (a pair's index, a cluster's id...)."""

    profile: FoldProfile
    haystacks: Mapping[str, str]

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


def mark_hits(text: Text, query: str, profile: FoldProfile) -> int:
    """Style every hit of ``query`` in ``text`` (as typed, or folded like the text) and
    return how many there are."""
    needle = query.strip().lower()
    if not needle:
        return 0
    plain = text.plain
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
    for start, end in spans:
        text.stylize(HIT_STYLE, start, end)
    return len(spans)


def _find_all(hay: str, needle: str) -> Iterable[tuple[int, int]]:
    at = hay.find(needle)
    while at >= 0:
        yield at, at + len(needle)
        at = hay.find(needle, at + 1)

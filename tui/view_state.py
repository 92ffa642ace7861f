"""What the user has chosen to see: layout, hidden categories, filter, order and search.

One frozen value per screen. Every key that changes the view returns a new value, so a
screen compares the old and new state to know what to redraw, and the rules are tested
without starting the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from diffkit.model import CATEGORIES
from diffkit.render import Layout

SIMILARITY_STEPS: Final = (0.0, 0.5, 0.8, 0.95)
"""The minimum similarities the filter key cycles through."""
SORT_LABEL: Final = {
    "document": "document order",
    "b": "B's order",
    "similarity": "similarity, lowest first",
    "size": "size, largest first",
    "content": "content edits, most first",
}
NON_CONTENT: Final = frozenset(c for c in CATEGORIES if c != "content")
"""Every category that folding explains away (and ``regional``): noise, not content."""


def percent(value: float) -> str:
    """A similarity as the app shows it: a whole percentage."""
    return f"{value:.0%}"


def at_least(similarity: float, minimum: float) -> bool:
    """Whether ``similarity`` passes the filter, judged on the percentages shown, so a pair
    shown as 95% is kept under "≥ 95%" whatever its unrounded value."""
    return int(percent(similarity)[:-1]) >= int(percent(minimum)[:-1])


@dataclass(frozen=True, slots=True)
class ViewState:
    layout: Layout = "side-by-side"
    hidden: frozenset[str] = frozenset()
    """Edit categories shown as plain text and skipped by next/previous difference."""
    folded: bool = False
    """Show the folded keys the matcher compared instead of the original text."""
    min_similarity: float = 0.0
    sort: str = "document"
    query: str = ""
    calm: bool = False
    """Dim the edits that say how a text was published (script, annotation, width,
    regional wording), so content edits stand out."""
    changed_only: bool = False
    """List only what has a content edit, and what has no counterpart."""

    def toggle_category(self, category: str) -> ViewState:
        return replace(self, hidden=self.hidden ^ {category})

    def toggle_non_content(self) -> ViewState:
        """Hide every non-content category, or show them all again when all are hidden."""
        if self.hidden >= NON_CONTENT:
            return replace(self, hidden=self.hidden - NON_CONTENT)
        return replace(self, hidden=self.hidden | NON_CONTENT)

    def toggle_calm(self) -> ViewState:
        return replace(self, calm=not self.calm)

    def toggle_changed_only(self) -> ViewState:
        return replace(self, changed_only=not self.changed_only)

    @property
    def reviewing(self) -> bool:
        """Whether the review preset is on: content edits and unmatched passages only."""
        return self.changed_only and self.hidden >= NON_CONTENT

    def toggle_review(self) -> ViewState:
        """Content edits and unmatched passages only, or everything again."""
        if self.reviewing:
            return replace(self, hidden=self.hidden - NON_CONTENT, changed_only=False)
        return replace(self, hidden=self.hidden | NON_CONTENT, changed_only=True)

    def next_layout(self) -> ViewState:
        return replace(self, layout="inline" if self.layout == "side-by-side" else "side-by-side")

    def toggle_folded(self) -> ViewState:
        return replace(self, folded=not self.folded)

    def next_min_similarity(self) -> ViewState:
        steps = SIMILARITY_STEPS
        at = steps.index(self.min_similarity) if self.min_similarity in steps else -1
        return replace(self, min_similarity=steps[(at + 1) % len(steps)])

    def next_sort(self, orders: Sequence[str]) -> ViewState:
        at = orders.index(self.sort) if self.sort in orders else -1
        return replace(self, sort=orders[(at + 1) % len(orders)])

    def with_query(self, query: str) -> ViewState:
        return replace(self, query=query.strip())

    def describe(self, *, with_hidden: bool = True, terse: bool = False) -> str:
        """The state in one short line for the status bar (``terse``: in a few words, for a
        narrow terminal); empty when nothing is set."""
        if terse:
            return self._terse()
        parts: list[str] = []
        if self.changed_only:
            parts.append("content edits and unmatched only")
        if with_hidden and self.hidden >= NON_CONTENT:
            parts.append("hiding non-content" + (", content" if "content" in self.hidden else ""))
        elif with_hidden and self.hidden:
            parts.append("hiding " + ", ".join(c for c in CATEGORIES if c in self.hidden))
        if self.folded:
            parts.append("folded text")
        if self.min_similarity:
            parts.append(f"similarity ≥ {self.min_similarity:.0%}")
        if self.sort != "document":
            parts.append(f"sorted by {SORT_LABEL.get(self.sort, self.sort)}")
        if self.query:
            parts.append(f"search “{self.query}”")
        return " · ".join(parts)

    def _terse(self) -> str:
        parts: list[str] = []
        if self.changed_only:
            parts.append("content+unmatched")
        if self.folded:
            parts.append("folded")
        if self.min_similarity:
            parts.append(f"≥{self.min_similarity:.0%}")
        if self.sort != "document":
            parts.append(f"by {self.sort if self.sort != 'b' else 'B'}")
        if self.query:
            parts.append(f"“{self.query}”")
        return " · ".join(parts)

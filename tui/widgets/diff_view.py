"""The diff view: one pair (or passage) side by side or inline, drawn line by line.

A Line API view: rows are laid out once per subject, width and state
(``diff_rows.build_rows``) and kept in a small LRU cache, so going back and forth between
pairs costs nothing; each row becomes a ``Strip`` only when it scrolls into view, through a
second LRU cache keyed by the same layout key.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from rich.text import Text
from textual.cache import LRUCache
from textual.events import Resize
from textual.strip import Strip

from diffkit.folding import FoldProfile
from diffkit.render import Layout

from ..diff_rows import DiffRows, build_rows, halves
from ..subjects import Subject
from .line_view import LineView


@dataclass(frozen=True, slots=True)
class DiffRequest:
    """Everything the rows depend on, apart from the width."""

    subject: Subject
    layout: Layout = "side-by-side"
    hidden: frozenset[str] = frozenset()
    current: int | None = None
    query: str = ""
    profile: FoldProfile | None = None
    calm: bool = False


def keep_in_view(first: int, last: int | None, top: float, height: int) -> float:
    """Where to scroll so rows ``first`` to ``last`` (both halves of the current edit) are
    in view: nowhere while they are, else with the edit a third of the way down (its first
    row at the top when it is taller than the view)."""
    last = first if last is None else last
    if top <= first and last < top + height:
        return top
    y = max(first - height // 3, last - height + 1)
    return max(0, min(y, first))


class DiffView(LineView, can_focus=True):
    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._request: DiffRequest | None = None
        self._placeholder = ""
        self._rows = DiffRows((), None, 0)
        self._key: Hashable = None
        self._layouts: LRUCache[Hashable, DiffRows] = LRUCache(64)
        self._strips: LRUCache[Hashable, Strip] = LRUCache(4096)

    @property
    def request(self) -> DiffRequest | None:
        return self._request

    @property
    def rows(self) -> DiffRows:
        return self._rows

    def plain_rows(self) -> list[str]:
        """The rows as plain text, trailing spaces removed (for tests)."""
        return [row.plain.rstrip() for row in self._rows.rows]

    def halves(self) -> list[tuple[str, str]]:
        """Side by side, each row as A's text and B's, without line numbers and filler (for
        tests)."""
        return [halves(row, self._rows.gutter) for row in self._rows.rows]

    def show(self, request: DiffRequest | None, *, placeholder: str = "") -> None:
        """Show ``request``, or ``placeholder`` when there is nothing to show."""
        same_subject = (
            request is not None
            and self._request is not None
            and request.subject == self._request.subject
        )
        self._request = request
        self._placeholder = placeholder
        self._relayout(scroll_home=not same_subject)

    def on_resize(self, event: Resize) -> None:
        self._relayout(scroll_home=False)

    def _relayout(self, *, scroll_home: bool) -> None:
        width = self.content_width
        if width <= 0:
            return
        request = self._request
        if request is None:
            self._key = ("placeholder", self._placeholder, width)
            self._rows = DiffRows((Text(self._placeholder, style="dim"),), None, 0)
        else:
            self._key = (request, width)
            rows = self._layouts.get(self._key)
            if rows is None:
                rows = build_rows(
                    request.subject,
                    width,
                    console=self.app.console,
                    layout=request.layout,
                    hidden=request.hidden,
                    current=request.current,
                    query=request.query,
                    profile=request.profile,
                    calm=request.calm,
                )
                self._layouts[self._key] = rows
            self._rows = rows
        self.set_height(len(self._rows.rows))
        if scroll_home:
            self.scroll_to(y=0, animate=False, immediate=True)
        first, last = self._rows.current_row, self._rows.current_end
        if first is not None:
            self.scroll_to(
                y=keep_in_view(first, last, self.scroll_y, self.content_height),
                animate=False,
                immediate=True,
            )

    def scroll_to_line(self, side: str, line: int) -> None:
        """Scroll so the row holding ``line`` of document ``side`` ("a" or "b") is on top."""
        column = 0 if side == "a" else 1
        target = None
        for n, numbers in enumerate(self._rows.lines):
            number = numbers[column]
            if number is not None and number <= line:
                target = n
                if number == line:
                    break
        if target is not None:
            self.scroll_to(y=target, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        rows = self._rows.rows
        if index >= len(rows):
            return self.blank()
        key = (self._key, index)
        strip = self._strips.get(key)
        if strip is None:
            row = rows[index]
            strip = Strip(list(row.render(self.app.console)), row.cell_len)
            self._strips[key] = strip
        return self.fit(strip)

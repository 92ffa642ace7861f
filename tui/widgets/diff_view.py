"""The diff view: one pair (or passage) side by side or inline, drawn line by line.

A Line API view: rows are laid out once per subject, width and state
(``diff_rows.build_rows``) and kept in a small LRU cache, so going back and forth between
pairs costs nothing; each row becomes a ``Strip`` only when it scrolls into view, through a
second LRU cache keyed by the same layout key.

Text can be selected with the mouse: begun in A's column, the selection holds A's text only
(B's likewise), without line numbers or filler, with line breaks where the text has them.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from rich.text import Text
from textual.cache import LRUCache
from textual.selection import Selection
from textual.strip import Strip

from diffkit.folding import FoldProfile
from diffkit.render import Layout

from ..diff_rows import FILLER_STYLE, SEPARATOR, DiffRows, build_rows, halves
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
        self._width = 0
        """The width the rows were laid out for."""
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
        if request == self._request and placeholder == self._placeholder and self._key:
            return  # a repaint of what is shown would only cost a frame
        same_subject = (
            request is not None
            and self._request is not None
            and request.subject == self._request.subject
        )
        self._request = request
        self._placeholder = placeholder
        self._relayout(scroll_home=not same_subject)

    def resized(self) -> None:
        self._relayout(scroll_home=False)

    def _relayout(self, *, scroll_home: bool) -> None:
        width = self.content_width
        if width <= 0:
            return
        before, top = self._rows.rows, self.scroll_y
        same_width = self._width == width
        self._width = width
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
        shown = self._rows.rows
        in_place = not scroll_home and same_width and len(before) == len(shown)
        self.set_height(len(shown), repaint=not in_place)
        if scroll_home:
            self.scroll_to(y=0, animate=False, immediate=True)
        first, last = self._rows.current_row, self._rows.current_end
        if first is not None:
            self.scroll_to(
                y=keep_in_view(first, last, self.scroll_y, self.content_height),
                animate=False,
                immediate=True,
            )
        if not in_place:
            return
        if self.scroll_y != top:
            self.repaint()
            return
        # The same rows at the same place (another current edit, a category shown or
        # hidden): repaint only the rows in view that changed.
        start = round(top)
        for n in range(start, min(start + self.content_height, len(shown))):
            if shown[n] != before[n]:
                self.refresh_line(n)

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
        selected = self.text_selection.get_span(index) if self.text_selection else None
        if selected is not None:
            row = rows[index].copy()
            start, end = selected
            row.stylize(
                self.screen.get_component_rich_style("screen--selection"),
                start,
                len(row) if end < 0 else end,
            )
            painted = Strip(list(row.render(self.app.console)), row.cell_len)
            return self.fit(painted).apply_offsets(self.scroll_offset.x, index)
        # Kept as painted: a repaint of the same rows builds no strip.
        x = self.scroll_offset.x
        key = (self._key, index, x, self._paint_width, self._base_style)
        strip = self._strips.get(key)
        if strip is None:
            row = rows[index]
            strip = Strip(list(row.render(self.app.console)), row.cell_len)
            strip = self.fit(strip).apply_offsets(x, index)
            self._strips[key] = strip
        return strip

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        rows = self._rows.rows
        if self._request is None or not rows:
            return None
        first = 0 if selection.start is None else selection.start.y
        last = len(rows) - 1 if selection.end is None else min(selection.end.y, len(rows) - 1)
        if first > last:
            return None
        side = self._side_at(rows[first], 0 if selection.start is None else selection.start.x)
        pieces = []
        for y in range(first, last + 1):
            lo = selection.start.x if selection.start and y == selection.start.y else 0
            hi = selection.end.x if selection.end and y == selection.end.y else len(rows[y])
            pieces.append(self._selected(rows[y], lo, hi, side))
        return "".join(pieces).replace("⏎", "\n"), "\n"

    def _side_at(self, row: Text, x: int) -> int | None:
        """0 or 1: the column ``x`` lies in, side by side; None inline."""
        at = row.plain.find(SEPARATOR)
        return None if at < 0 else int(x >= at)

    def _selected(self, row: Text, lo: int, hi: int, side: int | None) -> str:
        """The characters ``lo`` to ``hi`` of ``row`` in column ``side``, without its line
        number, filler or padding."""
        plain = row.plain
        at = plain.find(SEPARATOR)
        gutter = self._rows.gutter
        if side is None or at < 0:
            lo = max(lo, gutter)
        elif side == 0:
            lo, hi = max(lo, gutter), min(hi, at)
        else:
            lo = max(lo, at + len(SEPARATOR) + gutter)
        keep = [True] * len(plain)
        for span in row.spans:
            if str(span.style) == FILLER_STYLE:
                keep[span.start : span.end] = [False] * (span.end - span.start)
        return "".join(ch for n, ch in enumerate(plain[lo:hi], lo) if keep[n]).rstrip(" ")

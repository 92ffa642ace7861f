"""A whole document with its matched or repeated passages marked, drawn line by line.

Documents can be megabytes long, so this is a ``ScrollView`` on the Line API: the layout is
arrays of rows (document line, start offset, end offset) computed per width on whole arrays
(``wrapping``), and a row becomes a ``Strip`` only when it is on screen, through an LRU cache
keyed by document, width and the current mark.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from rich.cells import cell_len
from rich.text import Text
from textual.cache import LRUCache
from textual.events import Click
from textual.message import Message
from textual.strip import Strip

from diffkit.model import Document
from diffkit.render import pictured

from .line_view import LineView
from .wrapping import Rows, measured, wrap

CURRENT_STYLE = "reverse bold"


@dataclass(frozen=True, slots=True)
class Mark:
    """A passage marked in a document. Marks of one group are counterparts of each other."""

    doc: int
    """Index of the document among those the screen shows."""
    start: int
    end: int
    group: str
    """The pair or cluster the passage belongs to."""
    token: str
    """What the screen behind selects when the document view closes on this passage."""
    label: str
    style: str


class DocumentView(LineView, can_focus=True):
    class MarkClicked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._document: Document | None = None
        self._doc_index = 0
        self._marks: list[Mark] = []
        self._indices: list[int] = []
        """Index of each shown mark among all the screen's marks."""
        self._starts: list[int] = []
        self._reach: list[int] = []
        """The furthest end among marks up to each one: overlap search stops below it."""
        self._current: int | None = None
        self._current_mark: Mark | None = None
        self._positions: dict[int, int] = {}
        """Position in ``self._marks`` of each shown mark, by its index among the screen's."""
        self._rows: Rows | None = None
        self._layouts: LRUCache[Hashable, Rows] = LRUCache(8)
        self._strips: LRUCache[Hashable, Strip] = LRUCache(4096)
        self._gutter = 0

    @property
    def document(self) -> Document | None:
        return self._document

    def show(self, doc_index: int, document: Document, marks: Sequence[tuple[int, Mark]]) -> None:
        """Show ``document`` with ``marks`` (each with its index among the screen's marks)."""
        ordered = sorted(marks, key=lambda im: (im[1].start, -im[1].end))
        self._doc_index = doc_index
        self._document = document
        self._indices = [i for i, _ in ordered]
        self._positions = {i: n for n, i in enumerate(self._indices)}
        self._marks = [m for _, m in ordered]
        self._starts = [m.start for m in self._marks]
        self._reach = list(accumulate((m.end for m in self._marks), max))
        self._gutter = len(str(document.line_count)) + 1
        self._current = None
        self._current_mark = None
        self._relayout()

    def set_current(self, index: int | None) -> None:
        """Mark ``index`` (among the screen's marks) as current and scroll it into view."""
        self._current = index
        self._current_mark = None
        if index in self._positions:
            mark = self._current_mark = self._marks[self._positions[index]]
            row = self._rows.row_at(mark.start) if self._rows is not None else 0
            height = self.content_height
            if not self.scroll_y <= row < self.scroll_y + height - 1:
                self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)
        self.refresh()

    def resized(self) -> None:
        self._relayout()

    def _text_width(self) -> int:
        return max(self.content_width - self._gutter - 1, 8)

    def _relayout(self) -> None:
        document = self._document
        if document is None or self.content_width <= 0:
            return
        width = self._text_width()
        key = (id(document), width)
        rows = self._layouts.get(key)
        if rows is None:
            rows = self._layouts[key] = wrap(measured(document), width)
        self._rows = rows
        self.set_height(len(rows))

    def row(self, index: int) -> tuple[int, int, int]:
        """Row ``index`` as (line number or 0 where a line continues, start, end offsets)."""
        assert self._rows is not None
        rows = self._rows
        return int(rows.lines[index]), int(rows.starts[index]), int(rows.ends[index])

    @property
    def row_count(self) -> int:
        return 0 if self._rows is None else len(self._rows)

    def plain_rows(self, first: int = 0, count: int | None = None) -> list[str]:
        """Rows' text without marks (for tests)."""
        assert self._document is not None
        last = self.row_count if count is None else min(first + count, self.row_count)
        text = self._document.text
        return [text[s:e] for _, s, e in map(self.row, range(first, last))]

    def marks_at(self, offset: int) -> list[int]:
        """Indices (among the screen's marks) of the marks covering ``offset``."""
        found: list[int] = []
        n = bisect_right(self._starts, offset) - 1
        while n >= 0 and self._reach[n] > offset:
            if self._marks[n].end > offset:
                found.append(self._indices[n])
            n -= 1
        return found

    def _marks_between(self, start: int, end: int) -> list[int]:
        """Positions in ``self._marks`` of the marks overlapping ``[start, end)``."""
        found: list[int] = []
        n = bisect_left(self._starts, end) - 1
        while n >= 0 and self._reach[n] > start:
            if self._marks[n].end > start:
                found.append(n)
            n -= 1
        found.reverse()
        return found

    def render_line(self, y: int) -> Strip:
        index = round(self.scroll_y) + y
        if self._document is None or index >= self.row_count:
            return self.blank()
        row = self.row(index)
        # Only rows the current mark touches look different when it changes.
        current = self._current if self._touches_current(row) else None
        key = (id(self._document), self._text_width(), index, current)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._build(row)
            self._strips[key] = strip
        return self.fit(strip)

    def _touches_current(self, row: tuple[int, int, int]) -> bool:
        if self._current is None or self._current_mark is None:
            return False
        _, start, end = row
        return self._current_mark.start < max(end, start + 1) and self._current_mark.end > start

    def _build(self, row: tuple[int, int, int]) -> Strip:
        assert self._document is not None
        line, start, end = row
        number = str(line) if line else ""
        text = Text(number.rjust(self._gutter - 1) + " ", style="dim")
        body = Text(pictured(self._document.text[start:end].replace("\t", " ")))
        for n in self._marks_between(start, end):
            mark = self._marks[n]
            lo, hi = max(mark.start, start) - start, min(mark.end, end) - start
            current = self._indices[n] == self._current
            body.stylize(f"{mark.style} {CURRENT_STYLE}" if current else mark.style, lo, hi)
        text.append_text(body)
        return Strip(list(text.render(self.app.console)), text.cell_len)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._document is None:
            return
        index = self.scroll_offset.y + offset.y
        if index >= self.row_count:
            return
        _, start, end = self.row(index)
        cells = offset.x + self.scroll_offset.x - self._gutter
        if cells < 0:
            return
        line = self._document.text[start:end]
        at = start
        used = 0
        for ch in line:
            used += cell_len(ch)
            if used > cells:
                break
            at += 1
        found = self.marks_at(min(at, max(end - 1, start)))
        if found:
            self.post_message(self.MarkClicked(found[0]))

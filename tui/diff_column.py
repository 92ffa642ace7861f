"""A column of the diff view being filled: its text in styled runs and where each row starts.

``diff_rows`` lays a subject out by putting its pieces into one column a side (side by side)
or one for both (inline); the column wraps words whole, keeps a quoted value in one piece,
counts each document's original lines as their text goes in, and remembers where each
stretch of the original stands in it, so search hits are marked where they are shown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final

from rich.cells import cell_len
from rich.text import Text

from diffkit.render import visible

from .widgets.wrapping import QUOTED, WORD as _WORD, WORD_CHARACTERS

_CLOSING: Final = re.compile(f'[^"⏎]{{0,62}}"(?:{QUOTED.pattern}|[{WORD_CHARACTERS}])*')
"""The end of a quoted value an earlier piece opened, and the rest of its word."""
_BREAKS: Final = re.compile(r"(\r\n|\r|\n)")
"""A line break as ``diffkit.loading`` counts lines, kept by ``split`` as a part of its own."""
FILLER_STYLE: Final = "on grey15"
"""Cells a side leaves empty so that the other side's longer text stays in step."""


@dataclass
class Column:
    """One column being filled: its text in styled runs and where each row starts."""

    width: int
    line: int | None = None
    """The original line of the next character (None for text that is not the document's)."""
    line_b: int | None = None
    """Inline, where one column holds both documents: B's line of the next character."""
    runs: list[tuple[str, str]] = field(default_factory=list)
    length: int = 0
    row: int = 0
    x: int = 0
    starts: list[int] = field(default_factory=lambda: [0])
    lines: list[int | None] = field(default_factory=lambda: [None])
    """The original line at which each row starts (None for a row of filler only)."""
    lines_b: list[int | None] = field(default_factory=lambda: [None])
    """Inline, B's line at which each row starts."""
    after_cr: dict[str, bool] = field(default_factory=lambda: {"a": False, "b": False})
    """Whether the text of A and of B put so far ends in a CR (a LF next ends its CRLF)."""
    in_quotes: dict[str, bool] = field(default_factory=lambda: {"a": False, "b": False})
    """Whether the line of A and of B put so far has a quoted value open."""
    offset: dict[str, int] = field(default_factory=lambda: {"a": 0, "b": 0})
    """How much of the original text of A and of B has been put so far."""
    origins: dict[str, list[tuple[int, int, int, int]]] = field(
        default_factory=lambda: {"a": [], "b": []}
    )
    """Where the original text of A and of B stands in the column, in order: (start, end)
    in the original, then (start, end) in the column. Side by side, a column's own
    document is "a"."""

    @property
    def position(self) -> tuple[int, int]:
        return self.row, self.x

    def put(self, original: str, style: str, sides: str = "ab") -> int:
        """Append ``original`` (shown as ``diffkit.render.visible`` shows it) and return the
        row its first character is on. Inline, ``sides`` says whose text it is ("a", "b" or
        both): whose line count its line breaks advance."""
        first = self.row if self.x < self.width else self.row + 1
        placed = False
        for part in _BREAKS.split(original):
            if not part:
                continue
            shown_at = self.length
            for token in self._tokens(visible(part), sides):
                cells = cell_len(token)
                if self.x + cells > self.width and self.x > 0 and cells <= self.width:
                    self.new_row()
                if cells <= self.width - self.x:
                    self._place(token, cells, style)
                else:
                    for ch in token:
                        w = cell_len(ch)
                        if self.x + w > self.width and self.x > 0:
                            self.new_row()
                        self._place(ch, w, style)
                if not placed:
                    first, placed = self.row, True
            self._origin(part, shown_at, sides)
            self.advance(part, sides)
        return first

    def _origin(self, part: str, start: int, sides: str) -> None:
        """Note where ``part`` (the original text just put, from ``start`` in the column)
        came from: character by character where the column shows it with other lengths."""
        end = self.length
        for side in sides:
            at = self.offset[side]
            spans = self.origins[side]
            if end - start == len(part) or _BREAKS.fullmatch(part):
                spans.append((at, at + len(part), start, end))
                continue
            for n, ch in enumerate(part):
                cells = len(visible(ch))
                spans.append((at + n, at + n + 1, start, start + cells))
                start += cells

    def shown_at(self, side: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """Where the original text of ``side`` from ``start`` to ``end`` stands in the
        column: a range for each run of it that the column shows."""
        spans = self.origins[side]
        n = max(bisect_right(spans, start, key=lambda span: span[0]) - 1, 0)
        out: list[tuple[int, int]] = []
        while n < len(spans) and spans[n][0] < end:
            o_start, o_end, c_start, c_end = spans[n]
            n += 1
            if o_end <= start:
                continue
            if o_end - o_start == c_end - c_start:
                c_start, c_end = (
                    c_start + max(start - o_start, 0),
                    c_start + min(end, o_end) - o_start,
                )
            if out and out[-1][1] == c_start:
                out[-1] = (out[-1][0], c_end)
            elif c_end > c_start:
                out.append((c_start, c_end))
        return tuple(out)

    def _tokens(self, shown: str, sides: str) -> list[str]:
        """``shown`` cut where a row may end: words whole (a piece may continue a quoted
        value an earlier piece of its document opened)."""
        quoted = [side for side in sides if self.in_quotes[side]]
        closing = _CLOSING.match(shown) if quoted else None
        rest = shown[closing.end() :] if closing else shown
        tokens = ([closing.group()] if closing else []) + _WORD.findall(rest)
        for side in sides:
            if "⏎" in shown:
                self.in_quotes[side] = False
            quotes = shown.rsplit("⏎", 1)[-1].count('"')
            self.in_quotes[side] ^= quotes % 2 == 1
        return tokens

    def advance(self, original: str, sides: str = "ab") -> None:
        """Count the line breaks of ``original`` for ``sides``, as the document counts them."""
        for side in sides:
            breaks = line_breaks(original, after_cr=self.after_cr[side])
            if side == "a" and self.line is not None:
                self.line += breaks
            if side == "b" and self.line_b is not None:
                self.line_b += breaks
            if original:
                self.after_cr[side] = original.endswith("\r")
            self.offset[side] += len(original)

    def breaks_before(self, original: str) -> bool:
        """Whether ``original`` would start on the next row."""
        tokens = _WORD.findall(visible(original[:64]))
        if not tokens or self.x == 0:
            return False
        cells = cell_len(tokens[0])
        if cells > self.width:
            cells = cell_len(tokens[0][0])
        return self.x + cells > self.width

    def put_label(self, label: str, style: str) -> None:
        saved, self.line = self.line, None
        self.put(label, style, "")
        self.line = saved

    def _place(self, piece: str, cells: int, style: str) -> None:
        if self.lines[-1] is None and self.lines_b[-1] is None:
            self.lines[-1], self.lines_b[-1] = self.line, self.line_b
        self.runs.append((piece, style))
        self.length += len(piece)
        self.x += cells

    def new_row(self) -> None:
        self.row += 1
        self.x = 0
        self.starts.append(self.length)
        self.lines.append(None)
        self.lines_b.append(None)

    def fill_to(self, target: tuple[int, int]) -> None:
        """Filler cells up to ``target`` (a row and a column)."""
        while self.position < target:
            row, x = target
            end = self.width if self.row < row else x
            if end > self.x:
                self.runs.append((" " * (end - self.x), FILLER_STYLE))
                self.length += end - self.x
                self.x = end
            if self.row < row:
                self.new_row()

    def text(self) -> Text:
        out = Text()
        for piece, style in self.runs:
            out.append(piece, style=style or None)
        return out

    def split(self, text: Text) -> list[Text]:
        return list(text.divide(self.starts[1:]))


def line_breaks(text: str, *, after_cr: bool = False) -> int:
    """The line breaks in ``text`` as a document counts its lines (CRLF, CR and LF each one);
    after a CR, a LF ``text`` starts with ends that CRLF rather than a line of its own."""
    return len(_BREAKS.findall(text)) - (after_cr and text.startswith("\n"))

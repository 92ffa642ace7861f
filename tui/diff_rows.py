"""The rows of the diff view: one subject laid out to a width, both sides in step.

Side by side, a pair is cut into pieces: text both sides share, and each edit. Both columns
are filled together, a piece at a time; after each piece the side that ended earlier is
padded with filler cells up to where the other ended, as Beyond Compare and Meld pad a side
with filler lines. So shared text always starts on the same row and column on both sides
and wraps identically, and both halves of an edit start on the same row. Cells are measured
by rich (double-width CJK characters take two). Each row starts with the original line
number of each side, as delta shows it; inline, where one column holds both texts, each row
starts with the lines of A and of B it begins at.

Edits are styled as ``diffkit.render`` styles them; in the calm view the categories that
only say how the text was published (script, annotation, width, regional wording) are
dimmed, so content edits stand out, side by side and inline.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from diffkit.folding import FoldProfile
from diffkit.model import Pair
from diffkit.render import CATEGORY_STYLE, Layout, visible

from .search import HIT_STYLE, find_hits
from .subjects import Subject
from .widgets.wrapping import QUOTED, WORD as _WORD, WORD_CHARACTERS

_CLOSING: Final = re.compile(f'[^"⏎]{{0,62}}"(?:{QUOTED.pattern}|[{WORD_CHARACTERS}])*')
"""The end of a quoted value an earlier piece opened, and the rest of its word."""
_BREAKS: Final = re.compile(r"(\r\n|\r|\n)")
"""A line break as ``diffkit.loading`` counts lines, kept by ``split`` as a part of its own."""
_EMPTY: Final = "▏"
"""The side of a content edit that has no text: a mark that shows where the other's stands."""

SEPARATOR = " │ "
MIN_COLUMN = 4
FILLER_STYLE: Final = "on grey15"
"""Cells a side leaves empty so that the other side's longer text stays in step."""
GUTTER_STYLE: Final = "dim"
CALM_STYLE: Final = {
    "script": "dim yellow",
    "annotation": "dim magenta",
    "width": "dim blue",
    "regional": "yellow",
}
"""How the calm view shows the categories that say how a text was published."""


@dataclass(frozen=True, slots=True)
class DiffRows:
    rows: tuple[Text, ...]
    """Each row exactly the view's width in cells."""
    current_row: int | None
    """The first row showing the current edit, if it is shown."""
    hits: int
    """Search hits marked in the rows."""
    current_end: int | None = None
    """The last row showing the current edit."""
    gutter: int = 0
    """Cells of line number before each side, side by side."""
    lines: tuple[tuple[int | None, int | None], ...] = ()
    """Side by side, the original lines of A and of B at which each row starts."""


def edit_style(category: str, side: Literal["a", "b"], *, calm: bool, current: bool) -> str:
    """The style of one side of an edit of ``category``."""
    loud = CATEGORY_STYLE[category][0 if side == "a" else 1]
    if current:
        return f"{loud} underline reverse"
    if calm and category in CALM_STYLE:
        return CALM_STYLE[category] + (
            " strike" if side == "a" and category == "annotation" else ""
        )
    return loud


# Long for its keyword arguments: the two layouts share them and the row building below.
def build_rows(
    subject: Subject,
    width: int,
    *,
    console: Console,
    layout: Layout = "side-by-side",
    hidden: frozenset[str] = frozenset(),
    current: int | None = None,
    query: str = "",
    profile: FoldProfile | None = None,
    calm: bool = False,
) -> DiffRows:
    """Lay ``subject`` out in rows of ``width`` cells."""
    width = max(width, 2 * MIN_COLUMN + len(SEPARATOR))
    if layout == "inline":
        return _inline_rows(subject, width, hidden, current, query, profile, calm)
    digits = len(str(_last_line(subject)))
    gutter = digits + 1 if width >= 2 * (MIN_COLUMN + digits + 1) + len(SEPARATOR) else 0
    column = (width - len(SEPARATOR) - 2 * gutter) // 2
    a, b = _Side(column), _Side(column)
    first: int | None = None
    last: int | None = None
    if isinstance(subject, Pair):
        a.line, b.line = subject.a.start_line, subject.b.start_line
        for a_piece, b_piece, n in pieces(subject):
            style_a = style_b = ""
            empty_a = empty_b = False
            if n is not None and subject.edits[n].category not in hidden:
                category = subject.edits[n].category
                style_a = edit_style(category, "a", calm=calm, current=n == current)
                style_b = edit_style(category, "b", calm=calm, current=n == current)
                if category == "content":
                    # The side with no text shows a mark where the other's stands.
                    empty_a, empty_b = not a_piece, not b_piece
                    a_piece, b_piece = a_piece or _EMPTY, b_piece or _EMPTY
            if n is not None and (a.breaks_before(a_piece) or b.breaks_before(b_piece)):
                # Both halves of an edit start on the same row.
                a.new_row()
                b.new_row()
            row_a = a.put(a_piece, style_a, "" if empty_a else "ab")
            row_b = b.put(b_piece, style_b, "" if empty_b else "ab")
            if n is not None and n == current:
                first, last = min(row_a, row_b), max(a.row, b.row)
            target = max(a.position, b.position)
            a.fill_to(target)
            b.fill_to(target)
    else:
        alone, other = (a, b) if subject.side == "a" else (b, a)
        alone.line = subject.span.start_line
        alone.put(subject.text, "")
        other.put_label(f"({subject.label})", "dim italic")
    hits = 0
    left, right = a.text(), b.text()
    if query and profile:
        if isinstance(subject, Pair):
            a_hits = find_hits(subject.a_text, query, profile)
            b_hits = find_hits(subject.b_text, query, profile)
        else:
            alone_hits = find_hits(subject.text, query, profile)
            a_hits, b_hits = (alone_hits, ()) if subject.side == "a" else ((), alone_hits)
        hits = _mark_hits(left, a, {"a": a_hits}) + _mark_hits(right, b, {"a": b_hits})
    left_rows, right_rows = a.split(left), b.split(right)
    blank = Text()
    rows: list[Text] = []
    for n in range(max(len(left_rows), len(right_rows))):
        row = Text()
        for side, side_rows in ((a, left_rows), (b, right_rows)):
            if side is b:
                row.append(SEPARATOR, style="dim")
            if gutter:
                number = side.lines[n] if n < len(side.lines) else None
                shown = "" if number is None else str(number)
                row.append(shown.rjust(digits) + " ", style=GUTTER_STYLE)
            row.append_text(_fit(side_rows[n] if n < len(side_rows) else blank, column))
        rows.append(_fit(row, width))
    numbers = tuple(
        (
            a.lines[n] if n < len(a.lines) else None,
            b.lines[n] if n < len(b.lines) else None,
        )
        for n in range(len(rows))
    )
    return DiffRows(tuple(rows), first, hits, last, gutter, numbers)


@dataclass
class _Side:
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


def pieces(pair: Pair) -> list[tuple[str, str, int | None]]:
    """The pair in order as (A's text, B's text, the edit's index), the index None for the
    text both share."""
    out: list[tuple[str, str, int | None]] = []
    at_a = at_b = 0
    for n, e in enumerate(pair.edits):
        sa, ea = e.a_start - pair.a.start, e.a_end - pair.a.start
        sb, eb = e.b_start - pair.b.start, e.b_end - pair.b.start
        if sa < at_a or sb < at_b:
            continue
        if sa > at_a or sb > at_b:
            out.append((pair.a_text[at_a:sa], pair.b_text[at_b:sb], None))
        out.append((pair.a_text[sa:ea], pair.b_text[sb:eb], n))
        at_a, at_b = ea, eb
    if at_a < len(pair.a_text) or at_b < len(pair.b_text):
        out.append((pair.a_text[at_a:], pair.b_text[at_b:], None))
    return out


def halves(row: Text, gutter: int) -> tuple[str, str]:
    """A side-by-side row as A's text and B's, without line numbers, filler and the padding
    at the end."""
    at = row.plain.find(SEPARATOR)
    if at < 0:
        return row.plain.rstrip(), ""
    filler = [False] * len(row.plain)
    for span in row.spans:
        if str(span.style) == FILLER_STYLE:
            filler[span.start : span.end] = [True] * (span.end - span.start)

    def text(start: int, end: int) -> str:
        return "".join(ch for n, ch in enumerate(row.plain[start:end], start) if not filler[n])

    left = text(gutter, at).rstrip()
    right = text(at + len(SEPARATOR) + gutter, len(row.plain)).rstrip()
    return left, right


def _last_line(subject: Subject) -> int:
    if isinstance(subject, Pair):
        return max(subject.a.end_line, subject.b.end_line)
    return subject.span.end_line


# Long for the arguments build_rows hands on.
def _inline_rows(
    subject: Subject,
    width: int,
    hidden: frozenset[str],
    current: int | None,
    query: str,
    profile: FoldProfile | None,
    calm: bool,
) -> DiffRows:
    """One column: A's side of each edit struck through, B's side after it, each row after
    the lines of A and of B it starts at (a passage alone: its own line)."""
    last = _last_line(subject)
    digits = len(str(last))
    numbers = 2 if isinstance(subject, Pair) else 1
    gutter = numbers * (digits + 1)
    if width < 2 * MIN_COLUMN + gutter:
        gutter = 0
    side = _Side(width - gutter)
    first: int | None = None
    end: int | None = None
    if isinstance(subject, Pair):
        side.line, side.line_b = subject.a.start_line, subject.b.start_line
        for a_piece, b_piece, n in pieces(subject):
            if n is None or subject.edits[n].category in hidden:
                # A's text stands for both; B's own line breaks still count for B.
                if a_piece == b_piece:
                    side.put(a_piece, "")
                else:
                    side.put(a_piece, "", "a")
                    side.advance(b_piece, "b")
                continue
            category = subject.edits[n].category
            style_a = edit_style(category, "a", calm=calm, current=n == current)
            style_b = edit_style(category, "b", calm=calm, current=n == current)
            at = side.put(a_piece, f"{style_a} strike", "a") if a_piece else None
            at_b = side.put(b_piece, style_b, "b") if b_piece else None
            if n == current:
                first = at if at is not None else at_b
                end = side.row
    else:
        side.put_label(f"({subject.label}) ", "dim italic")
        side.line = subject.span.start_line
        side.put(subject.text, "")
    text = side.text()
    hits = 0
    if query and profile:
        if isinstance(subject, Pair):
            found = {
                "a": find_hits(subject.a_text, query, profile),
                "b": find_hits(subject.b_text, query, profile),
            }
        else:
            found = {"a": find_hits(subject.text, query, profile)}
        hits = _mark_hits(text, side, found)
    rows: list[Text] = []
    for n, piece in enumerate(side.split(text)):
        row = Text()
        if gutter:
            shown = [side.lines[n]] + ([side.lines_b[n]] if numbers == 2 else [])
            for number in shown:
                label = "" if number is None else str(number)
                row.append(label.rjust(digits) + " ", style=GUTTER_STYLE)
        row.append_text(piece)
        rows.append(_fit(row, width))
    lines = tuple(
        (side.lines[n], side.lines_b[n] if numbers == 2 else None) for n in range(len(rows))
    )
    if not isinstance(subject, Pair) and subject.side == "b":
        lines = tuple((b, a) for a, b in lines)
    return DiffRows(tuple(rows), first, hits, end, gutter, lines)


def _mark_hits(text: Text, column: _Side, found: Mapping[str, Sequence[tuple[int, int]]]) -> int:
    """Style the search hits ``found`` in the original text of each side where ``column``
    shows them, and return how many it shows (a hit in text both sides share, once)."""
    shown = {
        column.shown_at(side, start, end) for side, hits in found.items() for start, end in hits
    }
    shown.discard(())
    for ranges in shown:
        for start, end in ranges:
            text.stylize(HIT_STYLE, start, end)
    return len(shown)


def _fit(line: Text, width: int) -> Text:
    """``line`` padded (or cut) to exactly ``width`` cells."""
    cells = line.cell_len
    if cells < width:
        line = line.copy()
        line.pad_right(width - cells)
    elif cells > width:
        line = line.copy()
        line.truncate(width, overflow="crop")
    return line

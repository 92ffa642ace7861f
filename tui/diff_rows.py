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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from rich.console import Console
from rich.text import Text

from diffkit.folding import FoldProfile
from diffkit.model import Pair
from diffkit.render import CATEGORY_STYLE, Layout

from .diff_column import FILLER_STYLE, Column
from .search import HIT_STYLE, find_hits
from .subjects import Subject

__all__ = [
    "CALM_STYLE",
    "FILLER_STYLE",
    "SEPARATOR",
    "DiffRows",
    "build_rows",
    "edit_style",
    "halves",
    "pieces",
]

_EMPTY: Final = "▏"
"""The side of a content edit that has no text: a mark that shows where the other's stands."""

SEPARATOR = " │ "
MIN_COLUMN = 4
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
    a, b = Column(column), Column(column)
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
    side = Column(width - gutter)
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


def _mark_hits(text: Text, column: Column, found: Mapping[str, Sequence[tuple[int, int]]]) -> int:
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

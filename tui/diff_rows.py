"""The rows of the diff view: one subject wrapped to a width, both sides in step.

Both columns are wrapped by rich, which measures double-width CJK characters in cells
(``Text.wrap``, ``cell_len``), then joined row by row, so a line of A always stands beside
the line of B at the same height. Highlighting is ``diffkit.render``'s; this module only
lays it out, and finds the row holding the current edit so the view can scroll to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

from rich.console import Console
from rich.text import Text

from diffkit.folding import FoldProfile
from diffkit.model import Pair
from diffkit.render import Layout, highlight, inline, visible

from .search import mark_hits
from .subjects import Subject

SEPARATOR = " │ "
MIN_COLUMN = 4


@dataclass(frozen=True, slots=True)
class DiffRows:
    rows: tuple[Text, ...]
    """Each row exactly the view's width in cells."""
    current_row: int | None
    """The first row showing the current edit, if it is shown."""
    hits: int
    """Search hits marked in the rows."""


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
) -> DiffRows:
    """Lay ``subject`` out in rows of ``width`` cells."""
    width = max(width, 2 * MIN_COLUMN + len(SEPARATOR))
    if layout == "inline":
        text = _inline_text(subject, hidden, current)
        hits = mark_hits(text, query, profile) if query and profile else 0
        rows = [_fit(line, width) for line in _wrap(text, width, console)]
        return DiffRows(tuple(rows), _marked_row(rows), hits)
    left, right = _columns(subject, hidden, current)
    hits = 0
    if query and profile:
        hits = mark_hits(left, query, profile) + mark_hits(right, query, profile)
    left_width = (width - len(SEPARATOR)) // 2
    right_width = width - len(SEPARATOR) - left_width
    blank = Text()
    rows = [
        Text.assemble(
            _fit(a or blank, left_width), (SEPARATOR, "dim"), _fit(b or blank, right_width)
        )
        for a, b in zip_longest(
            _wrap(left, left_width, console), _wrap(right, right_width, console)
        )
    ]
    return DiffRows(tuple(rows), _marked_row(rows), hits)


def _columns(subject: Subject, hidden: frozenset[str], current: int | None) -> tuple[Text, Text]:
    if isinstance(subject, Pair):
        p = subject
        return (
            highlight(p.a_text, p.a.start, p.edits, "a", hidden=hidden, current=current),
            highlight(p.b_text, p.b.start, p.edits, "b", hidden=hidden, current=current),
        )
    alone, label = Text(visible(subject.text)), Text(f"({subject.label})", style="dim italic")
    return (alone, label) if subject.side == "a" else (label, alone)


def _inline_text(subject: Subject, hidden: frozenset[str], current: int | None) -> Text:
    if isinstance(subject, Pair):
        return inline(subject, hidden=hidden, current=current)
    text = Text(f"({subject.label}) ", style="dim italic")
    text.append(visible(subject.text))
    return text


def _wrap(text: Text, width: int, console: Console) -> list[Text]:
    # Han text has no spaces to break at: long runs fold at the column edge.
    return list(text.wrap(console, width, overflow="fold")) or [Text()]


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


def _marked_row(rows: list[Text]) -> int | None:
    """The first row holding the current edit: ``diffkit.render`` underlines it."""
    for n, row in enumerate(rows):
        if any("underline" in str(span.style) for span in row.spans):
            return n
    return None

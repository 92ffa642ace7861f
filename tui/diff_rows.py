"""The rows of the diff view: one subject wrapped to a width, both sides in step.

Both columns are wrapped by rich, which measures double-width CJK characters in cells
(``Text.wrap``, ``cell_len``), then joined row by row, so a line of A always stands beside
the line of B at the same height. Highlighting is ``diffkit.render``'s; this module only
lays it out, and finds the row holding the current edit so the view can scroll to it. In the
calm view the categories that only say how the text was published (script, annotation,
width, regional wording) are dimmed, so content edits stand out.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest
from typing import Final, Literal

from rich.console import Console
from rich.text import Text

from diffkit.model import Pair
from diffkit.normalize import FoldProfile
from diffkit.render import CATEGORY_STYLE, Layout, inline, visible

from .search import mark_hits
from .subjects import Subject

SEPARATOR = " │ "
MIN_COLUMN = 4
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
        text = _inline_text(subject, hidden, current)
        hits = mark_hits(text, query, profile) if query and profile else 0
        rows = [_fit(line, width) for line in _wrap(text, width, console)]
        return DiffRows(tuple(rows), _marked_row(rows), hits)
    left, right = _columns(subject, hidden, current, calm)
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


def _columns(
    subject: Subject, hidden: frozenset[str], current: int | None, calm: bool
) -> tuple[Text, Text]:
    if isinstance(subject, Pair):
        left, right = Text(), Text()
        for a_piece, b_piece, n in pieces(subject):
            style_a = style_b = None
            if n is not None and subject.edits[n].category not in hidden:
                category = subject.edits[n].category
                style_a = edit_style(category, "a", calm=calm, current=n == current)
                style_b = edit_style(category, "b", calm=calm, current=n == current)
                if category == "content":
                    a_piece, b_piece = a_piece or "▏", b_piece or "▏"
            left.append(visible(a_piece), style=style_a)
            right.append(visible(b_piece), style=style_b)
        return left, right
    alone, label = Text(visible(subject.text)), Text(f"({subject.label})", style="dim italic")
    return (alone, label) if subject.side == "a" else (label, alone)


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

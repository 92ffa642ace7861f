"""Rich renderables for diffkit's results: summaries, side-by-side and inline pair views.

Shared by the CLI and the TUI. Rich measures double-width CJK characters, so two columns of
Han text stay in step when they wrap. Original text is shown; edits are highlighted by
category, non-content categories dimmed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final, Literal

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from .model import CATEGORIES, Edit, Pair
from .vocabulary import EDIT_CATEGORIES

Layout = Literal["side-by-side", "inline"]

CATEGORY_STYLE: Final = {c.name: (c.style_a, c.style_b) for c in EDIT_CATEGORIES}
"""(style on the A side, style on the B side) per category."""

CATEGORY_BADGE: Final = {c.name: c.badge for c in EDIT_CATEGORIES}


_UNSEEN: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\ud800-\udfff"
    "\U000e0001\U000e0020-\U000e007f]"
)
"""Characters a terminal acts on or shows as nothing: control characters (an escape sequence
in a file would recolour, move or retitle the terminal), zero-width and bidirectional
formatting, and lone surrogates, which no output encoding holds. Line breaks and tabs are not
among them."""


_PICTURES: Final = {
    **{c: 0x2400 + c for c in range(0x20) if chr(c) not in "\t\n\r"},
    0x7F: 0x2421,
    **dict.fromkeys([*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065)], 0xB7),
    0xFEFF: 0xB7,
}
"""Control characters as their pictures (ESC as ␛), zero-width and bidirectional marks as ·."""


def pictured(text: str) -> str:
    """``text`` with every control, zero-width or bidirectional character shown as one visible
    character in its place, so that offsets into it stay those of the original (the app's
    document view styles passages by offset)."""
    return text.translate(_PICTURES)


def printable(text: str) -> str:
    """``text`` with every character of ``_UNSEEN`` as a visible mark (``<U+200B>``)."""
    if _UNSEEN.search(text) is None:
        return text
    return _UNSEEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def visible(text: str) -> str:
    """Line breaks inside a passage shown as one mark, so columns keep their shape, and what
    a terminal would act on or not show (:func:`printable`) as a mark of its own."""
    return printable(
        text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", "→")
    )


def shorten(text: str, limit: int) -> str:
    """:func:`visible` text cut to at most ``limit`` characters, never inside a mark, and
    ending in … where it was cut."""
    shown = visible(text)
    if len(shown) <= limit:
        return shown
    cut = shown[: max(limit - 1, 0)]
    mark = cut.rfind("<")
    if mark >= 0 and shown.startswith("<U+", mark) and ">" not in cut[mark:]:
        cut = cut[:mark]
    return cut + "…"


def highlight(
    text: str,
    base: int,
    edits: Sequence[Edit],
    side: Literal["a", "b"],
    *,
    hidden: frozenset[str] = frozenset(),
    current: int | None = None,
    markers: bool = False,
) -> Text:
    """``text`` (starting at document offset ``base``) with each edit's side highlighted.
    Edits of hidden categories are shown as plain text; ``current`` is underlined. With
    ``markers`` (output without colour), A's side reads ``[-…-]`` and B's ``{+…+}``."""
    out = Text()
    at = 0
    for n, e in enumerate(edits):
        start, end = (e.a_start, e.a_end) if side == "a" else (e.b_start, e.b_end)
        start -= base
        end -= base
        if start < at:
            continue
        out.append(visible(text[at:start]))
        piece = text[start:end]
        if e.category in hidden:
            out.append(visible(piece))
        else:
            style = CATEGORY_STYLE[e.category][0 if side == "a" else 1]
            if n == current:
                style += " underline reverse"
            if markers:
                if piece:  # an insertion has no A side, a deletion no B side: no empty mark
                    out.append(_mark(visible(piece), side == "a"), style=style)
            else:
                if not piece and e.category == "content":
                    piece = "▏"
                out.append(visible(piece), style=style)
        at = end
    out.append(visible(text[at:]))
    return out


def _mark(piece: str, deleted: bool) -> str:
    return f"[-{piece}-]" if deleted else f"{{+{piece}+}}"


def inline(
    pair: Pair,
    *,
    hidden: frozenset[str] = frozenset(),
    current: int | None = None,
    markers: bool = False,
) -> Text:
    """One text: A's side of each edit struck through, B's side after it."""
    out = Text()
    at = 0
    text = pair.a_text
    for n, e in enumerate(pair.edits):
        start, end = e.a_start - pair.a.start, e.a_end - pair.a.start
        if start < at:
            continue
        out.append(visible(text[at:start]))
        if e.category in hidden:
            out.append(visible(text[start:end]))
        else:
            a_style, b_style = CATEGORY_STYLE[e.category]
            mark = " underline" if n == current else ""
            if e.a_text:
                a_piece = _mark(visible(e.a_text), True) if markers else visible(e.a_text)
                out.append(a_piece, style=f"{a_style} strike{mark}")
            if e.b_text:
                b_piece = _mark(visible(e.b_text), False) if markers else visible(e.b_text)
                out.append(b_piece, style=f"{b_style}{mark}")
        at = end
    out.append(visible(text[at:]))
    return out


def badges(edits: Iterable[Edit], hidden: frozenset[str] = frozenset()) -> Text:
    counts = dict.fromkeys(CATEGORIES, 0)
    for e in edits:
        counts[e.category] += 1
    out = Text()
    for cat in CATEGORIES:
        if counts[cat] and cat not in hidden:
            out.append(f"{CATEGORY_BADGE[cat]}{counts[cat]} ", style=CATEGORY_STYLE[cat][1])
    return out


def pair_title(pair: Pair) -> Text:
    title = Text()
    title.append(f"#{pair.index} ", style="bold")
    title.append(f"A {line_range(pair.a.start_line, pair.a.end_line)}", style="cyan")
    title.append(" ↔ ")
    title.append(f"B {line_range(pair.b.start_line, pair.b.end_line)}", style="green")
    title.append(f"  {pair.kind}  {pair.similarity:.0%}")
    if pair.moved:
        title.append("  moved", style="bold magenta")
    return title


def line_range(start: int, end: int) -> str:
    return f"{start}" if start == end else f"{start}-{end}"


def pair_view(
    pair: Pair,
    *,
    layout: Layout = "side-by-side",
    hidden: frozenset[str] = frozenset(),
    current: int | None = None,
    markers: bool = False,
) -> RenderableType:
    """A pair as a two-column table (A | B) or as one inline text."""
    title = pair_title(pair)
    title.append("  ")
    title.append_text(badges(pair.edits, hidden))
    if layout == "inline":
        return Group(title, inline(pair, hidden=hidden, current=current, markers=markers), Text())
    table = Table(show_header=False, expand=True, box=None, padding=(0, 1), show_edge=False)
    # Han text has no spaces to wrap at: fold long runs instead of cutting them off.
    table.add_column(ratio=1, overflow="fold")
    table.add_column(ratio=1, overflow="fold")
    table.add_row(
        highlight(
            pair.a_text,
            pair.a.start,
            pair.edits,
            "a",
            hidden=hidden,
            current=current,
            markers=markers,
        ),
        highlight(
            pair.b_text,
            pair.b.start,
            pair.edits,
            "b",
            hidden=hidden,
            current=current,
            markers=markers,
        ),
    )
    return Group(title, table, Text())


def legend(markers: bool = False) -> Text:
    if markers:
        return Text("edits: [-in A-] {+in B+}; categories as counted below")
    out = Text("edits: ")
    for cat in CATEGORIES:
        out.append(f" {cat} ", style=CATEGORY_STYLE[cat][1])
        out.append(" ")
    return out

"""A list whose rows stand for results: the row under the cursor is the selection.

The lists of pairs, clusters and members share it. It is a Line API view rather than a
``DataTable``: a comparison of two large documents has thousands of rows and the list is
refilled on every filter, order or search key, so rows are laid out as one line of fixed
columns (measured in cells, for CJK previews) and built only when they are on screen.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, Generic, Literal, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Blur, Click, DescendantBlur, DescendantFocus, Focus
from textual.message import Message
from textual.strip import Strip

from .line_view import LineView

T = TypeVar("T")
Justify = Literal["left", "right"]


class ResultList(LineView, Generic[T], can_focus=True):
    DEFAULT_CSS = """
    ResultList > .result-list--header {
        color: $text-muted;
        text-style: bold;
    }
    ResultList > .result-list--cursor-blurred {
        background: $block-cursor-blurred-background;
        color: $block-cursor-blurred-foreground;
        text-style: $block-cursor-blurred-text-style;
    }
    ResultList > .result-list--cursor {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    """
    # The cursor's two looks are two classes rather than one under :focus, whose styles
    # changing with the focus would make Textual repaint the whole list.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "result-list--header",
        "result-list--cursor",
        "result-list--cursor-blurred",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(-1)", "up", show=False),
        Binding("down", "step(1)", "down", show=False),
        Binding("pageup", "page(-1)", "page up", show=False),
        Binding("pagedown", "page(1)", "page down", show=False),
        Binding("home", "move_to(0)", "first", show=False),
        Binding("end", "move_to(-1)", "last", show=False),
        Binding("enter", "choose", "choose", show=False),
    ]

    _hidden: frozenset[str] = frozenset()

    COLUMNS: ClassVar[tuple[tuple[str, int | None, Justify], ...]] = ()
    """(label, width in cells or None to take what is left, justification) per column."""

    class _RowMessage(Message):
        def __init__(self, result_list: ResultList[Any]) -> None:
            super().__init__()
            self.result_list = result_list

        @property
        def control(self) -> ResultList[Any]:
            return self.result_list

    class Highlighted(_RowMessage):
        """The cursor moved to another row (or the rows changed under it)."""

    class Chosen(_RowMessage):
        """Enter, or a double click, on a row."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: list[T] = []
        self._keys: list[str] = []
        self._cursor = 0
        self._generation = 0
        self._rows: LRUCache[Hashable, Strip] = LRUCache(2048)

    # --- what subclasses say ---------------------------------------------------------------

    def key_of(self, item: T) -> str:
        raise NotImplementedError

    def cells_of(self, item: T) -> Sequence[Text]:
        raise NotImplementedError

    # --- items and the cursor --------------------------------------------------------------

    @property
    def items(self) -> list[T]:
        return self._items

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def selected(self) -> T | None:
        return self._items[self._cursor] if self._items else None

    @property
    def selected_key(self) -> str | None:
        return self._keys[self._cursor] if self._items else None

    def index_of(self, key: str) -> int | None:
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def fill(self, items: Sequence[T], *, keep: str | None = None) -> None:
        """Show ``items``; the cursor stays on ``keep`` if it is among them, else goes to the top."""
        self._items = list(items)
        self._keys = [self.key_of(item) for item in self._items]
        at = self.index_of(keep) if keep is not None else None
        self._cursor = at or 0
        self.set_height(len(self._items) + 1)
        self._scroll_to_cursor(centre=at is not None)
        self.post_message(self.Highlighted(self))

    def move_to(self, index: int) -> None:
        if not self._items:
            return
        index = min(max(index, 0), len(self._items) - 1)
        if index == self._cursor:
            return
        before, top = self._cursor, self.scroll_y
        self._cursor = index
        self._scroll_to_cursor()
        if self.scroll_y == top:
            # Only the rows the cursor left and reached change (the header is line 0).
            self.refresh_line(before + 1)
            self.refresh_line(index + 1)
        else:
            self.refresh()
        self.post_message(self.Highlighted(self))

    def select_key(self, key: str) -> bool:
        at = self.index_of(key)
        if at is None:
            return False
        self.move_to(at)
        return True

    def step(self, delta: int) -> None:
        self.move_to(self._cursor + delta)

    def row_text(self, index: int) -> str:
        """The plain text of row ``index`` (for tests)."""
        return self._row(self._cells(self._items[index])).plain

    def _scroll_to_cursor(self, *, centre: bool = False) -> None:
        visible = max(self.content_height - 1, 1)
        top = round(self.scroll_y)
        if centre and not top <= self._cursor < top + visible:
            top = max(self._cursor - visible // 2, 0)
        elif self._cursor < top:
            top = self._cursor
        elif self._cursor >= top + visible:
            top = self._cursor - visible + 1
        if top != round(self.scroll_y):
            self.scroll_to(y=top, animate=False, immediate=True)

    # --- actions and mouse -------------------------------------------------------------------

    def action_step(self, delta: int) -> None:
        self.step(delta)

    def action_page(self, delta: int) -> None:
        self.step(delta * max(self.content_height - 2, 1))

    def action_move_to(self, index: int) -> None:
        self.move_to(index if index >= 0 else len(self._items) - 1)

    def action_choose(self) -> None:
        if self._items:
            self.post_message(self.Chosen(self))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self._items):
            self.move_to(index)
            if event.chain >= 2:
                self.post_message(self.Chosen(self))

    def resized(self) -> None:
        self.set_height(len(self._items) + 1)

    # --- painting ------------------------------------------------------------------------

    def _widths(self) -> list[int]:
        fixed = sum(w for _, w, _ in self.COLUMNS if w is not None)
        gaps = len(self.COLUMNS) + 1
        rest = max(self.content_width - fixed - gaps, 4)
        return [w if w is not None else rest for _, w, _ in self.COLUMNS]

    def _cells(self, item: T) -> Sequence[Text]:
        return self.cells_of(item)

    def _row(self, cells: Sequence[Text]) -> Text:
        row = Text(" ", no_wrap=True, overflow="crop", end="")
        for cell, width, (_, _, justify) in zip(cells, self._widths(), self.COLUMNS, strict=False):
            piece = cell.copy()
            piece.truncate(width, overflow="ellipsis")
            pad = " " * (width - piece.cell_len)
            if justify == "right":
                row.append(pad)
                row.append_text(piece)
            else:
                row.append_text(piece)
                row.append(pad)
            row.append(" ")
        return row

    def render_line(self, y: int) -> Strip:
        # Rows are kept as painted, fitted to the view: a full repaint (a zoom, a wider list,
        # a return from another screen) then builds no strip at all.
        width = self._paint_width or self.content_width
        look = (width, self.scroll_offset.x, self._base_style)
        if y == 0:
            key: Hashable = ("header", look)
            strip = self._rows.get(key)
            if strip is None:
                labels = [Text(label) for label, _, _ in self.COLUMNS]
                header = self._row(labels)
                header.stylize(self.get_component_rich_style("result-list--header"))
                strip = self.fit(self._strip(header))
                self._rows[key] = strip
            return strip
        index = round(self.scroll_y) + y - 1
        if index >= len(self._items):
            return self.blank()
        cursor = index == self._cursor
        focused = cursor and self.has_focus
        key = (self._generation, self._hidden, self._keys[index], look, focused, cursor)
        strip = self._rows.get(key)
        if strip is None:
            text = self._row(self._cells(self._items[index]))
            if cursor:
                text.pad_right(max(width - text.cell_len, 0))
                name = "result-list--cursor" if focused else "result-list--cursor-blurred"
                text.stylize(self.get_component_rich_style(name))
            strip = self.fit(self._strip(text))
            self._rows[key] = strip
        return strip

    def _strip(self, text: Text) -> Strip:
        return Strip(list(text.render(self.app.console)), text.cell_len)

    # Textual repaints a whole widget when it gains or loses focus; here only the cursor's
    # row looks different, so only it is painted again (the search question takes the focus
    # and gives it back on every search).
    def _on_focus(self, event: Focus) -> None:
        event.prevent_default()
        self.has_focus = True
        self._focus_moved()

    def _on_blur(self, event: Blur) -> None:
        event.prevent_default()
        self.has_focus = False
        self._focus_moved()

    def _focus_moved(self) -> None:
        # A list zoomed away loses the focus: it has no row on screen to repaint.
        if self._items and self.is_on_screen:
            self.refresh_line(self._cursor + 1)
        if self.parent is not None:
            message = DescendantFocus(self) if self.has_focus else DescendantBlur(self)
            self.parent.post_message(message)

    @property
    def hidden(self) -> frozenset[str]:
        """Categories left out of the edit badges."""
        return self._hidden

    @hidden.setter
    def hidden(self, value: frozenset[str]) -> None:
        if value != self._hidden:
            # Rows are cached by the hidden categories too: a category toggled back finds
            # its rows built.
            self._hidden = value
            self.refresh()

    def invalidate(self) -> None:
        """Rebuild every row: what the cells of an item show has changed."""
        self._generation += 1
        self.refresh()

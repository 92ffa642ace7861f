"""A one-line question at the foot of the screen: the search query, a line, the export path.

It stands over the key bar and is shown or hidden, never mounted anew: a dialog screen
cost a new screen's styling and, behind its translucent backdrop, a repaint of the whole screen
under it on every frame, which made ``/`` take a tenth of a second to settle.

A proposed path longer than the field is shown cut in the middle of its folder, the file name
whole, until it is edited: an input field shows only the end it scrolled to.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, Label

from .cluster_list import middle

Answer = Callable[[str | None], None]
"""Called with the typed text on Enter, or None on Escape."""


def middle_path(path: str, cells: int) -> str:
    """``path`` in at most ``cells`` cells: its folder cut in the middle ("…" marking the
    cut) and its file name whole, or, when the name alone is too long, cut in the middle too."""
    if cell_len(path) <= cells:
        return path
    folder, sep, name = path.rpartition(os.sep)
    room = cells - cell_len(sep + name)
    if sep and room >= 2:
        return middle(folder, room) + sep + name
    return middle(path, cells)


class _Field(Input):
    """An input that shows a proposed path cut in the middle until it is edited."""

    whole: str | None = None
    """The path as proposed; None for other questions."""

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> _Field:
        bar = self.parent
        if isinstance(bar, PromptBar) and not bar.visible and not (layout or recompose):
            # Hidden (its cursor stopped as the focus leaves it): painted when shown again.
            self._set_dirty(*regions)
            return self
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    def render_line(self, y: int) -> Strip:
        if y or self.whole is None or self.value != self.whole or not self.cursor_at_end:
            return super().render_line(y)
        width = self.scrollable_content_region.width
        shown = Text(middle_path(self.value, width - 1), no_wrap=True, end="")
        cursor = self.get_component_rich_style("input--cursor")
        shown.append(" ", style=cursor if self.has_focus and self._cursor_visible else None)
        strip = Strip(list(shown.render(self.app.console)), shown.cell_len)
        return strip.extend_cell_length(width + 1).apply_style(self.rich_style)


class PromptBar(Horizontal):
    DEFAULT_CSS = """
    PromptBar {
        dock: bottom;
        layer: prompt;
        height: 1;
        visibility: hidden;
        background: $panel;
    }
    PromptBar Label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    PromptBar Input, PromptBar Input:focus {
        width: 1fr;
        height: 1;
        border: none;
        padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._answer: Answer | None = None
        self._before: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Label("", id="prompt-title")
        yield _Field(id="prompt-input")

    @property
    def is_open(self) -> bool:
        return self._answer is not None

    def ask(self, title: str, value: str, answer: Answer, *, path: bool = False) -> None:
        """Show ``title`` and a field holding ``value`` (a ``path`` is shown cut in the
        middle until edited); ``answer`` gets what was typed."""
        self._answer = answer
        self._before = self.screen.focused
        self.query_one(Label).update(title)
        field = self.query_one(_Field)
        field.whole = value if path else None
        field.value = value
        field.cursor_position = len(value)
        self._show(True)
        self._focus(field)

    def _show(self, shown: bool) -> None:
        # Over the key bar, on a layer of its own: only its visibility changes, so no widget
        # changes size and one layout pass repaints the one row.
        self.visible = shown

    def _focus(self, widget: Widget) -> None:
        # Focused now and the key bar told now, not after the next frame (as ``focus`` and
        # Textual's own update of the keys do): the question opens and closes in one frame.
        self.screen.set_focus(widget)
        self.screen.refresh_bindings()

    def _close(self, value: str | None) -> None:
        answer, self._answer = self._answer, None
        self._show(False)
        if self._before is not None and self._before.is_attached:
            self._focus(self._before)
        self._before = None
        if answer is not None:
            answer(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value)

    def action_cancel(self) -> None:
        self._close(None)

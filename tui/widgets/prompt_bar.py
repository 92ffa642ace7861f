"""A one-line question at the foot of the screen: the search query, a line, the export path.

It stands where the key bar is and is shown or hidden, never mounted anew: a dialog screen
cost a new screen's styling and, behind its translucent backdrop, a repaint of the whole screen
under it on every frame, which made ``/`` take a tenth of a second to settle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label

from .key_bar import KeyBar

Answer = Callable[[str | None], None]
"""Called with the typed text on Enter, or None on Escape."""


class PromptBar(Horizontal):
    DEFAULT_CSS = """
    PromptBar {
        dock: bottom;
        height: 1;
        display: none;
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
        yield Input(id="prompt-input")

    @property
    def is_open(self) -> bool:
        return self._answer is not None

    def ask(self, title: str, value: str, answer: Answer) -> None:
        """Show ``title`` and a field holding ``value``; ``answer`` gets what was typed."""
        self._answer = answer
        self._before = self.screen.focused
        self.query_one(Label).update(title)
        field = self.query_one(Input)
        field.value = value
        field.cursor_position = len(value)
        self._show(True)
        field.focus()

    def _show(self, shown: bool) -> None:
        self.display = shown
        for bar in self.screen.query(KeyBar):
            bar.display = not shown

    def _close(self, value: str | None) -> None:
        answer, self._answer = self._answer, None
        self._show(False)
        if self._before is not None and self._before.is_attached:
            self._before.focus()
        self._before = None
        if answer is not None:
            answer(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._close(event.value)

    def action_cancel(self) -> None:
        self._close(None)

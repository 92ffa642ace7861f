"""The state bar: a chip per switch (its key, then its name) that a click toggles.

Each chip says which key toggles it, so the keys are found by looking; a click runs the same
action as the key. Chips of hidden categories are struck through.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Click
from textual.widgets import Static


class Chips(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._chips: list[tuple[int, int, str]] = []
        """(first cell, cell after the last, action) of each chip."""

    @property
    def chips(self) -> list[tuple[int, int, str]]:
        return list(self._chips)

    def show(self, chips: Sequence[tuple[str, str, str, str]], tail: Text) -> None:
        """Show ``chips`` as (key, label, style, action of the screen), then ``tail``."""
        text = Text()
        self._chips = []
        for key, label, style, action in chips:
            start = text.cell_len
            text.append(f" {key} ", style=f"{style} bold")
            text.append(f"{label} ", style=style)
            self._chips.append((start, text.cell_len, action))
            text.append(" ")
        text.append_text(tail)
        self.update(text, layout=False)

    async def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, action in self._chips:
            if start <= offset.x < end:
                event.stop()
                await self.screen.run_action(action)
                return

"""The state bar: a chip per switch (its key, then its name) that a click toggles.

Each chip says which key toggles it, so the keys are found by looking; a click runs the same
action as the key. Chips of hidden categories are struck through. Where the line is too short
for every chip and the state after them (a filter, a search), the chips after the first two
shorten their names to three letters, then to their coloured key alone, so every chip and the
state stay in view.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Click, Resize
from textual.widgets import Static


class Chips(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._chips: list[tuple[int, int, str]] = []
        """(first cell, cell after the last, action) of each chip."""
        self._shown: tuple[tuple[tuple[str, str, str, str], ...], Text, Text | None] = (
            (),
            Text(),
            None,
        )
        self._width = 0

    @property
    def chips(self) -> list[tuple[int, int, str]]:
        return list(self._chips)

    def show(
        self, chips: Sequence[tuple[str, str, str, str]], tail: Text, terse: Text | None = None
    ) -> None:
        """Show ``chips`` as (key, label, style, action of the screen), then ``tail`` (or
        ``terse``, the same in fewer words, when even the shortest chips leave too little
        room)."""
        shown = (tuple(chips), tail, terse)
        width = self.content_region.width or self.app.size.width
        if shown == self._shown and width == self._width:
            return  # most keys leave the chips as they are: no repaint
        self._shown, self._width = shown, width
        for letters, end in ((None, tail), (3, tail), (0, tail), (0, terse or tail)):
            text, self._chips = _line(chips, end, letters)
            if text.cell_len <= width:
                break
        self.update(text, layout=False)

    def on_resize(self, event: Resize) -> None:
        if self._shown[0]:
            self._width = 0
            self.show(*self._shown)

    async def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for start, end, action in self._chips:
            if start <= offset.x < end:
                event.stop()
                await self.screen.run_action(action)
                return


def _line(
    chips: Sequence[tuple[str, str, str, str]], tail: Text, letters: int | None
) -> tuple[Text, list[tuple[int, int, str]]]:
    """The chips and ``tail``, the names after the first two chips cut to ``letters``."""
    text = Text()
    spans = []
    for n, (key, label, style, action) in enumerate(chips):
        start = text.cell_len
        text.append(f" {key} ", style=f"{style} bold")
        short = letters == 0 and n >= 2
        if not short:
            shown = label[:letters] if letters and n >= 2 else label
            text.append(f"{shown} ", style=style)
        spans.append((start, text.cell_len, action))
        if not short or n == len(chips) - 1:
            text.append(" ")
    text.append_text(tail)
    return text, spans

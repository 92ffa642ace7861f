"""The footer: the screen's shown keys on one line, each run by a click.

Textual's own footer is a widget per key that it builds anew whenever the screen's bindings
change (every screen switch, every change of focus), and building and styling those widgets
was a good part of a screen switch. This one is a single line of text, redrawn in place; the
keys that do not fit are left out, never the help, the quit key or the command palette.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.dom import DOMNode
from textual.events import Click, MouseMove, Resize
from textual.screen import Screen
from textual.widgets import Static

PALETTE = "command_palette"


@dataclass(frozen=True)
class KeyEntry:
    """One key as shown: where it stands on the line and what it runs."""

    start: int
    end: int
    node: DOMNode
    binding: Binding
    enabled: bool


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
    }
    KeyBar > .key-bar--disabled {
        color: $text-disabled;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }
    ALLOW_SELECT = False

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._entries: list[KeyEntry] = []
        self._shown: tuple[Any, ...] | None = None

    @property
    def entries(self) -> list[KeyEntry]:
        """The keys on the line, left to right."""
        return list(self._entries)

    def on_mount(self) -> None:
        # At once, not posted to this bar: keys that move the focus show the new keys in
        # the frame of the key, not in a second frame after it.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed, immediate=True)
        self.call_after_refresh(self.show_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def on_resize(self, event: Resize) -> None:
        self.show_keys()

    def show_keys(self) -> None:
        """Draw the keys the screen shows now, as many as the width holds."""
        width = self.size.width or self.app.size.width
        keys = self._keys()
        signature = (width, tuple((id(b), enabled) for _, b, enabled in keys))
        if signature == self._shown:
            return
        self._shown = signature
        pinned = {"help", "quit", PALETTE}
        cells = [self._cells(b) + 1 for _, b, _ in keys]
        room = (
            width
            - 1
            - sum(c for c, (_, b, _) in zip(cells, keys, strict=True) if b.action in pinned)
        )
        chosen = []
        for cell, key in zip(cells, keys, strict=True):
            if key[1].action in pinned:
                chosen.append(key)
            elif cell <= room:
                room -= cell
                chosen.append(key)
        self._draw(chosen, width)

    def _keys(self) -> list[tuple[DOMNode, Binding, bool]]:
        seen: set[str] = set()
        keys: list[tuple[DOMNode, Binding, bool]] = []
        palette: list[tuple[DOMNode, Binding, bool]] = []
        for node, binding, enabled, _ in self.screen.active_bindings.values():
            if binding.action == PALETTE:
                if self.app.ENABLE_COMMAND_PALETTE:
                    palette = [(node, binding, enabled)]
                continue
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append((node, binding, enabled))
        return keys + palette

    def _label(self, binding: Binding) -> tuple[str, str]:
        return self.app.get_key_display(binding), binding.description

    def _cells(self, binding: Binding) -> int:
        key, description = self._label(binding)
        return Text(f" {key} {description}").cell_len

    def _draw(self, keys: list[tuple[DOMNode, Binding, bool]], width: int) -> None:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        disabled = self.get_component_rich_style("key-bar--disabled")
        text = Text()
        entries = []
        for node, binding, enabled in keys:
            key, description = self._label(binding)
            if binding.action == PALETTE:
                text.append(" " * max(width - text.cell_len - self._cells(binding) - 1, 0))
            start = text.cell_len
            text.append(f" {key}", style=key_style if enabled else disabled)
            text.append(f" {description}", style=description_style if enabled else disabled)
            entries.append(KeyEntry(start, text.cell_len, node, binding, enabled))
            text.append(" ")
        self._entries = entries
        self.update(text, layout=False)

    def _entry_at(self, x: int) -> KeyEntry | None:
        return next((e for e in self._entries if e.start <= x < e.end), None)

    async def on_click(self, event: Click) -> None:
        entry = self._entry_at(event.x)
        if entry is None:
            return
        event.stop()
        if entry.enabled:
            await self.app.run_action(entry.binding.action, entry.node)
        else:
            self.app.bell()

    def on_mouse_move(self, event: MouseMove) -> None:
        entry = self._entry_at(event.x)
        self.tooltip = (entry.binding.tooltip or entry.binding.description) if entry else None

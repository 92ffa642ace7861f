"""The `?` screen: every key of the screen it was opened from, and what the colours mean.

The list is read from the screen's own bindings, so it cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from diffkit.model import CATEGORIES
from diffkit.render import CATEGORY_BADGE, CATEGORY_STYLE, legend


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do) for each described binding; keys of one action together."""
    rows: dict[str, tuple[list[str], str]] = {}
    for item in bindings:
        if not isinstance(item, Binding) or not item.description:
            continue
        keys = item.key_display or item.key.replace("question_mark", "?").replace("slash", "/")
        entry = rows.setdefault(item.action, ([], item.tooltip or item.description))
        entry[0].extend(k.strip() for k in keys.split(","))
    return [(", ".join(keys), description) for keys, description in rows.values()]


def own_bindings(node: DOMNode) -> list[BindingType]:
    """The bindings ``node``'s classes declare, base classes first, up to Textual's own."""
    out: list[BindingType] = []
    for cls in reversed(type(node).__mro__):
        if cls.__module__.startswith("textual.") or cls is object:
            continue
        out.extend(cls.__dict__.get("BINDINGS", ()))
    return out


def badge_legend() -> Text:
    """What the letters of the edit badges stand for."""
    text = Text("badges: ")
    for category in reversed(CATEGORIES):
        text.append(f"{CATEGORY_BADGE[category]}", style=f"{CATEGORY_STYLE[category][1]} bold")
        text.append(f" {category}  ")
    text.append(
        "\nA badge's number counts the pair's edits of its category; the list's A and B "
        "columns are line numbers in documents A and B.",
        style="dim",
    )
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "dismiss_help", "close")
    ]

    def __init__(self, title: str, rows: list[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._rows = rows

    @classmethod
    def of(cls, screen: Screen[Any], app: DOMNode) -> HelpScreen:
        rows = key_rows([*own_bindings(screen), *own_bindings(app)])
        return cls(screen.title or "diffkit", rows)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, description in self._rows:
            table.add_row(keys, description)
        with VerticalScroll(id="help"):
            yield Static(Text(f"Keys: {self._title}", style="bold"))
            yield Static(
                Text("ctrl+p opens the command palette: every action by name.", style="dim")
            )
            yield Static(table)
            yield Static(legend())
            yield Static(badge_legend())
            yield Static(
                Text(
                    "Original text is shown; edits are coloured by category. "
                    "Press the category keys to hide one, c to hide all but content.",
                    style="dim",
                )
            )

    def action_dismiss_help(self) -> None:
        self.dismiss(None)

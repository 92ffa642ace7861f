"""The containers of a result screen, laid out in one pass.

Textual asks for a second layout of the whole screen when a widget's scrollable size
changes within a layout, so that widgets sized by their content can follow. The panes here
have fixed or fractional sizes that the first pass already settled: a list zoomed away or
resized would otherwise be laid out, and the diff repainted, twice for one key.
"""

from __future__ import annotations

from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.widgets import Static

from .covered import Covered


class _Settled:
    """A widget whose size no other widget depends on: no second layout when it changes."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(  # type: ignore[misc, no-any-return]
            size, virtual_size, container_size, layout=False
        )


class Column(_Settled, Vertical):
    """A vertical pane of fixed or fractional size."""


class Row(_Settled, Horizontal):
    """A horizontal pane of fixed or fractional size."""


class Line(Covered, _Settled, Static):
    """A line of text of fixed height."""

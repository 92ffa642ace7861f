"""Repaints that a whole repaint of their screen already covers.

A screen shown again (the document view closed) is painted whole in its first frame. The
widgets changed on the way back (the list selects the passage the view was on, the diff
shows it) asked for repaints of their own, which reached the screen after that frame and
cost a second one. While their screen says it is about to be painted whole, these widgets
only mark what changed, and that frame paints it.
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.widget import Widget


def painted_whole(widget: Widget) -> bool:
    """Whether the screen of ``widget`` is about to be painted whole."""
    if not widget.is_attached:
        return False
    return bool(getattr(widget.screen, "repaints_whole", False))


class Covered:
    """A widget whose repaints a whole repaint of its screen covers."""

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Any:
        assert isinstance(self, Widget)
        if repaint and not (layout or recompose) and painted_whole(self):
            self._set_dirty(*regions)
            return self
        return super().refresh(  # type: ignore[misc]
            *regions, repaint=repaint, layout=layout, recompose=recompose
        )

"""The location bar: where both documents hold changed, moved and unmatched passages.

A column a document (A on the left, B on the right), each row standing for an equal share of
it, as the overview ruler beside a diff tool's panes. A row takes the colour of the most
telling passage it covers (unmatched, then moved, then changed, then the same once folded);
the selected passage's rows are marked with arrows. A click selects the passage under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Final

from rich.segment import Segment
from rich.style import Style
from textual.events import Click, Resize
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from .covered import Covered

RANK: Final = {"same": 1, "changed": 2, "moved": 3, "only": 4}
"""Which change a row shows when it covers several: the higher rank."""
COLOUR: Final = {"same": "#2f6b3f", "changed": "#c9a227", "moved": "#a05ad0", "only": "#d04848"}


@dataclass(frozen=True, slots=True)
class Region:
    """A passage of one document, as a share of its length."""

    doc: int
    """0 for A, 1 for B."""
    start: float
    end: float
    change: str
    """A key of ``RANK``."""
    token: str
    """What the list selects for it."""


class LocationBar(Covered, Widget):
    DEFAULT_CSS = """
    LocationBar {
        width: 3;
        height: 1fr;
    }
    """
    HEADER: ClassVar[int] = 1
    """Rows above the map: the documents' letters."""

    class Jumped(Message):
        """A click on the passage ``token``."""

        def __init__(self, token: str) -> None:
            super().__init__()
            self.token = token

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._regions: list[Region] = []
        self._current: str | None = None
        self._rows: list[list[tuple[int, str | None]]] = [[], []]
        self.tooltip = (
            "Changed, moved and unmatched passages of A (left) and B (right): a click goes there"
        )

    def show(self, regions: Sequence[Region]) -> None:
        self._regions = list(regions)
        self._paint()

    def set_current(self, token: str | None) -> None:
        if token != self._current:
            self._current = token
            self.refresh()

    def rows(self, doc: int) -> list[tuple[int, str | None]]:
        """(rank, token) of each row of document ``doc``'s column (for tests)."""
        return list(self._rows[doc])

    def on_resize(self, event: Resize) -> None:
        self._paint()

    def _paint(self) -> None:
        height = max(self.size.height - self.HEADER, 0)
        rows: list[list[tuple[int, str | None]]] = [[(0, None)] * height for _ in range(2)]
        for region in self._regions:
            column = rows[region.doc]
            rank = RANK[region.change]
            first = min(int(region.start * height), height - 1)
            last = min(max(int(region.end * height - 1e-9), first), height - 1)
            for y in range(first, last + 1):
                if column[y][0] < rank:
                    column[y] = (rank, region.token)
        self._rows = rows
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if y < self.HEADER:
            return Strip([Segment("A B", Style(dim=True, bold=True))], 3)
        y -= self.HEADER
        cells = []
        for doc, arrow in ((0, "▶"), (1, "◀")):
            column = self._rows[doc]
            rank, token = column[y] if y < len(column) else (0, None)
            change = next((c for c, r in RANK.items() if r == rank), None)
            colour = COLOUR[change] if change else None
            if token is not None and token == self._current:
                cells.append(Segment(arrow, Style(color="white", bgcolor=colour, bold=True)))
            else:
                cells.append(Segment("█" if colour else "·", Style(color=colour, dim=not colour)))
            if doc == 0:
                cells.append(Segment(" "))
        return Strip(cells, 3)

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self.HEADER:
            return
        doc = 0 if offset.x < 2 else 1
        column = self._rows[doc]
        y = offset.y - self.HEADER
        # The nearest row that shows a passage, looking outward from the one clicked.
        for distance in range(len(column)):
            for at in (y - distance, y + distance):
                if 0 <= at < len(column) and column[at][1] is not None:
                    token = column[at][1]
                    assert token is not None
                    event.stop()
                    self.post_message(self.Jumped(token))
                    return

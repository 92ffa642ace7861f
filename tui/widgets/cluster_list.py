"""The duplicates' lists: clusters of repeated passages, and the members of one cluster."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text

from diffkit.model import Cluster, Member
from diffkit.render import badges, visible

from .result_list import Justify, ResultList


def tail(text: str, cells: int) -> str:
    """The end of ``text`` in at most ``cells`` cells, "…" marking a cut."""
    if cell_len(text) <= cells:
        return text
    out = ""
    for ch in reversed(text):
        if cell_len(out) + cell_len(ch) > cells - 1:
            break
        out = ch + out
    return "…" + out


class ClusterList(ResultList[Cluster]):
    COLUMNS: ClassVar[tuple[tuple[str, int | None, Justify], ...]] = (
        ("#", 3, "right"),
        ("size", 4, "right"),
        ("sim", 4, "right"),
        ("first occurrence", None, "left"),
    )

    def key_of(self, item: Cluster) -> str:
        return str(item.id)

    def cells_of(self, item: Cluster) -> Sequence[Text]:
        rep = item.representative
        return (
            Text(str(item.id), style="bold"),
            Text(str(len(item.members))),
            Text(f"{item.similarity:.0%}"),
            Text(visible(rep.text)[:48]),
        )


class MemberList(ResultList[Member]):
    COLUMNS: ClassVar[tuple[tuple[str, int | None, Justify], ...]] = (
        ("", 1, "left"),
        ("where", 16, "left"),
        ("sim", 4, "right"),
        ("edits", None, "left"),
    )

    _show_paths = False

    @property
    def show_paths(self) -> bool:
        """Name the file of each member (when there are several documents)."""
        return self._show_paths

    @show_paths.setter
    def show_paths(self, value: bool) -> None:
        if value != self._show_paths:
            self._show_paths = value
            self.invalidate()

    def key_of(self, item: Member) -> str:
        return f"{item.span.path}:{item.span.start}"

    def cells_of(self, item: Member) -> Sequence[Text]:
        line = str(item.span.start_line)
        if self._show_paths:
            room = (self.COLUMNS[1][1] or 16) - len(line) - 1
            where = f"{tail(PurePath(item.span.path).name, room)}:{line}"
        else:
            where = f"line {line}"
        return (
            Text("★" if item.representative else " ", style="yellow"),
            Text(where, style="cyan" if item.representative else "green"),
            Text(f"{item.similarity:.0%}"),
            Text("first occurrence", style="dim")
            if item.representative
            else badges(item.edits, self._hidden),
        )

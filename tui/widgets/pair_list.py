"""The comparison's list: aligned pairs, then the passages only A or only B has."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text

from diffkit.model import Pair
from diffkit.render import badges, visible

from ..subjects import KIND_LABEL, Subject, subject_key
from .result_list import Justify, ResultList


class PairList(ResultList[Subject]):
    COLUMNS: ClassVar[tuple[tuple[str, int | None, Justify], ...]] = (
        ("#", 3, "right"),
        ("A", 5, "right"),
        ("B", 5, "right"),
        ("sim", 4, "right"),
        ("kind", 6, "left"),
        ("edits", None, "left"),
    )

    def key_of(self, item: Subject) -> str:
        return subject_key(item)

    def cells_of(self, item: Subject) -> Sequence[Text]:
        if isinstance(item, Pair):
            kind = Text(KIND_LABEL[item.kind])
            if item.moved:
                kind.append("↕", style="bold magenta")
            return (
                Text(str(item.index), style="bold"),
                Text(str(item.a.start_line), style="cyan"),
                Text(str(item.b.start_line), style="green"),
                Text(f"{item.similarity:.0%}"),
                kind,
                badges(item.edits, self._hidden),
            )
        side = item.side.upper()
        line = Text(str(item.span.start_line), style="cyan" if item.side == "a" else "green")
        return (
            Text(f"{side}{item.number}", style="dim"),
            line if item.side == "a" else Text(""),
            line if item.side == "b" else Text(""),
            Text(""),
            Text(f"only {side}", style="red"),
            Text(visible(item.text)[:40], style="dim"),
        )

"""The duplicates' lists: clusters of repeated passages, and the members of one cluster."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from pathlib import PurePath
from typing import ClassVar

from rich.cells import cell_len, chop_cells
from rich.text import Text

from diffkit.model import Cluster, Member
from diffkit.render import badges, visible

from .result_list import Justify, ResultList


def middle(text: str, cells: int) -> str:
    """``text`` in at most ``cells`` cells, cut in the middle ("…" marking the cut) so that
    both the start of a name and its end (where numbers and the extension are) stay."""
    if cell_len(text) <= cells:
        return text
    room = cells - 1
    head = chop_cells(text, (room + 1) // 2)[0] if room > 0 else ""
    end = ""
    for ch in reversed(text[len(head) :]):
        if cell_len(head) + cell_len(end) + cell_len(ch) > room:
            break
        end = ch + end
    return head + "…" + end


def distinct_starts(texts: Sequence[str]) -> list[int]:
    """For each text, where it stops sharing its beginning with every other text (0 when no
    other begins alike): a preview from there tells apart texts that open the same way."""
    order = sorted(range(len(texts)), key=texts.__getitem__)
    starts = [0] * len(texts)
    for before, after in pairwise(order):
        shared = _shared(texts[before], texts[after])
        starts[before] = max(starts[before], shared)
        starts[after] = max(starts[after], shared)
    return starts


def _shared(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` begin with alike."""
    for n, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return n
    return min(len(a), len(b))


def preview(text: str, start: int, context: int = 6) -> str:
    """``text`` from a little before ``start``, "…" marking what is left out."""
    if start <= context:
        return visible(text)
    return "…" + visible(text[start - context :])


class ClusterList(ResultList[Cluster]):
    COLUMNS: ClassVar[tuple[tuple[str, int | None, Justify], ...]] = (
        ("#", 3, "right"),
        ("size", 4, "right"),
        ("sim", 4, "right"),
        ("first occurrence", None, "left"),
    )

    _starts: dict[int, int] = {}  # noqa: RUF012 (replaced, never changed in place)

    def key_of(self, item: Cluster) -> str:
        return str(item.id)

    def show_from(self, clusters: Sequence[Cluster]) -> None:
        """Preview each cluster from where its text departs from every other cluster's."""
        texts = [c.representative.text for c in clusters]
        self._starts = {c.id: n for c, n in zip(clusters, distinct_starts(texts), strict=True)}
        self.invalidate()

    def preview_of(self, item: Cluster) -> str:
        return preview(item.representative.text, self._starts.get(item.id, 0))[:64]

    def cells_of(self, item: Cluster) -> Sequence[Text]:
        return (
            Text(str(item.id), style="bold"),
            Text(str(len(item.members))),
            Text(f"{item.similarity:.0%}"),
            Text(self.preview_of(item)),
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
            where = f"{middle(PurePath(item.span.path).name, room)}:{line}"
        else:
            where = f"line {line}"
        return (
            Text("★" if item.representative else " ", style="yellow"),
            Text(where, style="cyan" if item.representative else "green"),
            Text(f"{item.similarity:.0%}"),
            Text("first occurrence", style="dim")
            if item.representative
            else _edits_cell(item, self._hidden),
        )


def _edits_cell(member: Member, hidden: frozenset[str]) -> Text:
    """The member's badges, then its first shown edit: where it differs."""
    text = badges(member.edits, hidden)
    edit = next((e for e in member.edits if e.category not in hidden), None)
    if edit is not None:
        text.append(f" {visible(edit.a_text) or '∅'}→{visible(edit.b_text) or '∅'}", style="dim")
    return text

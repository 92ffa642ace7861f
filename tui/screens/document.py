"""The document view: one whole document with every matched or repeated passage marked.

From any marked passage, Enter jumps to its counterpart (the other side of a pair, the next
occurrence of a repeat), switching documents when it lies in another. Closing the view hands
back the passage it was on, so the list behind can select it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from diffkit.model import Document

from ..widgets.document_view import DocumentView, Mark
from ..widgets.key_bar import KeyBar


class DocumentScreen(Screen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j,n",
            "step(1)",
            "next passage",
            key_display="j/n",
            tooltip="Go to the next marked passage",
        ),
        Binding(
            "k,N",
            "step(-1)",
            "prev passage",
            key_display="k/N",
            tooltip="Go to the previous marked passage",
        ),
        Binding("enter", "counterpart", "counterpart", tooltip="Jump to the passage's counterpart"),
        Binding(
            "tab",
            "switch",
            "other document",
            tooltip="Show the other document where you left it (the first time, at this "
            "passage's counterpart)",
        ),
        Binding(
            "escape,d",
            "close",
            "back",
            key_display="esc/d",
            tooltip="Back to the list, on this passage",
        ),
    ]

    def __init__(
        self,
        documents: Sequence[Document],
        names: Sequence[str],
        marks: Sequence[Mark],
        current: int | None = None,
        *,
        legend: Text | None = None,
    ) -> None:
        super().__init__()
        self.legend = legend or Text()
        """What the marks' colours mean."""
        self.documents = list(documents)
        self.names = list(names)
        order = sorted(
            range(len(marks)), key=lambda i: (marks[i].doc, marks[i].start, marks[i].end)
        )
        self.marks = [marks[i] for i in order]
        self.current: int | None = order.index(current) if current is not None else None
        self.doc = self.marks[self.current].doc if self.current is not None else 0
        self._places: dict[int, tuple[int | None, float]] = {}
        """Where each document was left: its current mark and its scroll position."""
        self.repaints_whole = False
        """Whether the screen is about to be painted whole (``widgets.covered``)."""

    def compose(self) -> ComposeResult:
        yield Static("", id="doc-title")
        yield DocumentView(id="document")
        yield Static("", id="doc-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_document(self.doc)

    def reopen(self, token: str | None) -> None:
        """Show the passage named ``token`` (a mark's token) again, keeping the rest as it was:
        the screen is kept between visits rather than built anew."""
        found = next((n for n, m in enumerate(self.marks) if m.token == token), None)
        if not self.is_mounted:
            # Built ahead and shown for the first time: mounting shows this passage.
            self.current = found
            self.doc = self.marks[found].doc if found is not None else 0
            return
        # Shown again, the screen is painted whole: what changes on the way is painted then.
        self.repaints_whole = True
        if found is None:
            return
        self.select_mark(found)

    def on_screen_resume(self) -> None:
        # Its widgets are restyled for the focus after the resume: covered until painted.
        self.call_after_refresh(setattr, self, "repaints_whole", False)

    def show_document(self, doc: int, scroll: float | None = None) -> None:
        """Show document ``doc`` at its current mark, or scrolled to ``scroll`` first."""
        view = self.query_one(DocumentView)
        self.doc = doc
        document = self.documents[doc]
        view.show(doc, document, [(i, m) for i, m in enumerate(self.marks) if m.doc == doc])
        count = sum(1 for m in self.marks if m.doc == doc)
        title = Text(f"{self.names[doc]} ", style="bold")
        title.append(document.path)
        title.append(
            f" {document.line_count} lines · {document.encoding} · {count} marked ",
            style="dim",
        )
        title.append_text(self.legend)
        self.query_one("#doc-title", Static).update(title, layout=False)
        if view.row_count and view.content_height:
            # Laid out already (the screen is kept between visits): arrive in this frame.
            self._arrive(scroll)
        else:
            self.call_after_refresh(self._arrive, scroll)

    def _remember(self) -> None:
        """Keep where the shown document is left, before another one is shown."""
        mark = self.marks[self.current] if self.current is not None else None
        left = self.current if mark is not None and mark.doc == self.doc else None
        self._places[self.doc] = (left, self.query_one(DocumentView).scroll_y)

    def _arrive(self, scroll: float | None) -> None:
        if scroll is not None:
            self.query_one(DocumentView).scroll_to(y=scroll, animate=False, immediate=True)
        self.show_current()

    def show_current(self) -> None:
        view = self.query_one(DocumentView)
        view.set_current(self.current)
        status = self.query_one("#doc-status", Static)
        if self.current is None:
            status.update(
                Text("j/k: go through the marked passages · enter: counterpart", style="dim"),
                layout=False,
            )
            return
        mark = self.marks[self.current]
        document = self.documents[mark.doc]
        line = document.position(mark.start)[0]
        others = [m for m in self.marks if m.group == mark.group and m is not mark]
        text = Text(f"line {line}  ", style="bold")
        text.append(mark.label)
        if others:
            where = ", ".join(
                f"{self.names[m.doc]} {self.documents[m.doc].position(m.start)[0]}"
                for m in others[:4]
            )
            text.append(f"  ↔ {where}" + (" …" if len(others) > 4 else ""), style="cyan")
        else:
            text.append("  (no counterpart)", style="dim")
        status.update(text, layout=False)

    def select_mark(self, index: int) -> None:
        elsewhere = self.marks[index].doc != self.doc
        if elsewhere:
            self._remember()
        self.current = index
        if elsewhere:
            self.show_document(self.marks[index].doc)
        else:
            self.show_current()

    def action_step(self, delta: int) -> None:
        here = [i for i, m in enumerate(self.marks) if m.doc == self.doc]
        if not here:
            return
        if self.current is None or self.current not in here:
            self.select_mark(here[0] if delta > 0 else here[-1])
            return
        at = here.index(self.current) + delta
        if 0 <= at < len(here):
            self.select_mark(here[at])
        else:
            self.notify("No more passages in this document.")

    def action_counterpart(self) -> None:
        if self.current is None:
            return
        group = self.marks[self.current].group
        same = [i for i, m in enumerate(self.marks) if m.group == group]
        if len(same) < 2:
            self.notify("This passage has no counterpart.")
            return
        self.select_mark(same[(same.index(self.current) + 1) % len(same)])

    def action_switch(self) -> None:
        """The next document where it was left; the first time, at the counterpart of the
        current passage if it has one there (enter jumps to counterparts at any time)."""
        if len(self.documents) < 2:
            return
        doc = (self.doc + 1) % len(self.documents)
        self._remember()
        if doc in self._places:
            self.current, scroll = self._places[doc]
            self.show_document(doc, scroll)
            return
        group = self.marks[self.current].group if self.current is not None else None
        there = [i for i, m in enumerate(self.marks) if m.doc == doc and m.group == group]
        first = next((i for i, m in enumerate(self.marks) if m.doc == doc), None)
        self.current = there[0] if there else first
        self.show_document(doc)

    def on_document_view_mark_clicked(self, message: DocumentView.MarkClicked) -> None:
        self.select_mark(message.index)

    def action_close(self) -> None:
        self.dismiss(self.marks[self.current].token if self.current is not None else None)

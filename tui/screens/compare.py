"""The comparison screen: aligned pairs of A and B beside the differences of the selected one.

The list holds every pair, then the passages only A or only B has; the diff view shows the
selected one side by side or inline.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Final

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message

from diffkit.model import CATEGORIES, Pair, Span
from diffkit.pair_kinds import change_of
from diffkit.render import badges, pair_title

from ..analysis import Cancel, Comparison, Options, Progress, run_comparison
from ..messages import ComparisonReady
from ..subjects import Passage, Subject, comparison_entries, content_edits, subject_key
from ..view_state import ViewState
from ..widgets.document_view import Mark
from ..widgets.location_bar import LocationBar, Region
from ..widgets.pair_list import PairList
from .document import DocumentScreen
from .result import ResultScreen

MARK_STYLE: Final = {
    "same": "on #1d4028",
    "changed": "on #4a3f12",
    "moved": "on #3f2452",
    "only": "on #4f1d1d",
}


class CompareScreen(ResultScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right_curly_bracket",
            "change(1)",
            "next change",
            show=False,
            key_display="}",
            tooltip="Select the next passage that changed, moved or has no counterpart "
            "(the location bar beside the diff shows where they are)",
        ),
        Binding(
            "left_curly_bracket",
            "change(-1)",
            "prev change",
            show=False,
            key_display="{",
            tooltip="Select the previous passage that changed, moved or has no counterpart",
        ),
    ]
    SORT_ORDERS: ClassVar[tuple[str, ...]] = ("document", "b", "similarity", "content")
    VERB: ClassVar[str] = "compare"

    def __init__(self, a: Path, b: Path, options: Options, *, export_dir: Path) -> None:
        super().__init__([a, b], options, export_dir=export_dir)
        self.result: Comparison | None = None
        self.title = f"{a.name} ↔ {b.name}"

    def compose_lists(self) -> ComposeResult:
        yield PairList(id="pairs")

    def compose_bar(self) -> ComposeResult:
        yield LocationBar(id="bar")

    @property
    def pair_list(self) -> PairList:
        return self.query_one(PairList)

    def compute(self, progress: Progress, cancel: Cancel) -> Message:
        a, b = self.paths
        return ComparisonReady(run_comparison(a, b, self.options, progress=progress, cancel=cancel))

    def on_comparison_ready(self, message: ComparisonReady) -> None:
        self.result = message.result
        self.query_one(LocationBar).show(regions(message.result))
        self.finish_analysis()

    def summary(self) -> Text:
        assert self.result is not None
        r = self.result.report
        moved = sum(p.moved for p in r.pairs)
        counts = r.counts()
        changed = sum(1 for p in r.pairs if content_edits(p))
        text = Text()
        text.append(f"content {counts.get('content', 0)}", style="bold")
        text.append(
            f" in {changed} of {len(r.pairs)} pairs" + (f" ({moved} moved)" if moved else "")
        )
        text.append(f" · only A {len(r.unmatched_a)} · only B {len(r.unmatched_b)}", style="bold")
        text.append(f" · similarity {r.similarity:.0%} · ")
        text.append_text(_category_counts(counts))
        text.append("A ", style="bold cyan")
        text.append(Path(r.a.path).name)
        text.append(" ↔ ")
        text.append("B ", style="bold green")
        text.append(Path(r.b.path).name)
        return text

    def has_script_edits(self) -> bool:
        return self.result is not None and self.result.report.counts().get("script", 0) > 0

    def refill(self) -> None:
        assert self.result is not None
        lst = self.pair_list
        keep = lst.selected_key
        lst.hidden = self.state.hidden
        entries = comparison_entries(
            self.result.report, self.result.unmatched, self.state, self.result.search
        )
        lst.fill(entries, keep=keep)

    def rebadge(self) -> None:
        # Which rows are listed does not depend on the hidden categories: 4,000 pairs need
        # not be filtered again for a key that only changes their badges.
        self.pair_list.hidden = self.state.hidden

    def current(self) -> tuple[str, Subject] | None:
        item = self.pair_list.selected
        return None if item is None else (subject_key(item), item)

    def title_of(self, subject: Subject) -> Text:
        if isinstance(subject, Pair):
            title = pair_title(subject)
            title.append("  ")
            title.append_text(badges(subject.edits, self.state.hidden))
            return title
        side = subject.side.upper()
        span = subject.span
        lines = f"{span.start_line}" + (
            f"-{span.end_line}" if span.end_line != span.start_line else ""
        )
        return Text.assemble((f"{subject.label}  ", "bold red"), f"{side} {lines}")

    @on(PairList.Highlighted, "#pairs")
    def _pair_highlighted(self) -> None:
        self.follow_selection()

    def follow_selection(self) -> None:
        """Show the pair the list selects. The keys that move the list call this at once,
        so that the diff is painted in the list's frame: the list's message bubbles up to
        the screen only after that frame, and a second frame followed it."""
        key = self.pair_list.selected_key
        if key is not None and key == self._current_for:
            return  # shown already (or a refill that kept the selection)
        self.refresh_view()

    def refresh_view(self) -> None:
        super().refresh_view()
        if self.ready:
            self.query_one(LocationBar).set_current(self.pair_list.selected_key)

    def on_location_bar_jumped(self, message: LocationBar.Jumped) -> None:
        if not self.pair_list.select_key(message.token):
            self.notify("That passage is hidden by the filter or search.")
        self.follow_selection()

    def action_change(self, delta: int) -> None:
        """Select the next (or previous) row of the list that changed, moved or has no
        counterpart."""
        for token, subject in self.neighbours(delta):
            if not isinstance(subject, Pair) or change_of(subject) != "same":
                self.select(token)
                return
        self.notify("No more changes" + (" below." if delta > 0 else " above."))

    def neighbours(self, delta: int) -> Iterator[tuple[str, Subject]]:
        lst = self.pair_list
        items = lst.items
        at = lst.cursor
        indices = range(at + 1, len(items)) if delta > 0 else range(at - 1, -1, -1)
        for n in indices:
            yield subject_key(items[n]), items[n]

    def select(self, token: str) -> None:
        self.pair_list.select_key(token)
        self.follow_selection()

    def move(self, delta: int) -> None:
        self.pair_list.step(delta)
        self.follow_selection()

    def goto_line(self, side: str, line: int) -> None:
        lst = self.pair_list
        at = _holding(lst.items, side, line)
        if at is None and self.result is not None:
            # The search or the filter hides the line: the user asked for it, so they give way.
            everything: list[Subject] = [*self.result.report.pairs, *self.result.unmatched]
            if _holding(everything, side, line) is not None:
                state = self.state
                hiding = ViewState(
                    min_similarity=state.min_similarity,
                    query=state.query,
                    changed_only=state.changed_only,
                ).describe()
                self.notify(f"Cleared {hiding} to show line {line} of {side.upper()}.")
                self.state = replace(state, query="", min_similarity=0.0, changed_only=False)
                at = _holding(lst.items, side, line)
        if at is None:
            self.notify(
                f"No passage listed holds line {line} of {side.upper()}.", severity="warning"
            )
            return
        self.pending_line = (side, line)
        if at == lst.cursor:
            self.refresh_view()
        else:
            lst.move_to(at)
            self.follow_selection()

    def location(self, which: str) -> Span | None:
        item = self.pair_list.selected
        if isinstance(item, Pair):
            return item.a if which == "this" else item.b
        if isinstance(item, Passage) and which == "this":
            return item.span
        return None

    def export_stem(self) -> str:
        a, b = self.paths
        return f"diffkit-{a.stem}-vs-{b.stem}"

    def document_screen(self) -> DocumentScreen | None:
        assert self.result is not None
        marks: list[Mark] = []
        for p in self.result.report.pairs:
            style = MARK_STYLE[change_of(p)]
            key = str(p.index)
            label = f"pair #{p.index} · {p.kind} · {p.similarity:.0%}" + (
                " · moved" if p.moved else ""
            )
            marks.append(Mark(0, p.a.start, p.a.end, key, key, label, style))
            marks.append(Mark(1, p.b.start, p.b.end, key, key, label, style))
        for passage in self.result.unmatched:
            key = subject_key(passage)
            doc = 0 if passage.side == "a" else 1
            marks.append(
                Mark(
                    doc,
                    passage.span.start,
                    passage.span.end,
                    key,
                    key,
                    passage.label,
                    MARK_STYLE["only"],
                )
            )
        selected = self.pair_list.selected_key
        current = next((n for n, m in enumerate(marks) if m.token == selected), None)
        legend = Text(" ").join(
            Text(f" {name} ", style=MARK_STYLE[key])
            for key, name in (
                ("same", "same"),
                ("changed", "changed"),
                ("moved", "moved"),
                ("only", "unmatched"),
            )
        )
        return DocumentScreen(self.result.documents, ("A", "B"), marks, current, legend=legend)

    def after_document(self, token: str | None) -> None:
        if token is not None and not self.pair_list.select_key(token):
            self.notify("That passage is hidden by the filter or search.")
        self.follow_selection()


def regions(result: Comparison) -> list[Region]:
    """Every pair and unmatched passage as regions of the location bar."""
    a, b = (max(len(d.text), 1) for d in result.documents)
    out: list[Region] = []
    for p in result.report.pairs:
        change, key = change_of(p), subject_key(p)
        out.append(Region(0, p.a.start / a, p.a.end / a, change, key))
        out.append(Region(1, p.b.start / b, p.b.end / b, change, key))
    for passage in result.unmatched:
        doc, size = (0, a) if passage.side == "a" else (1, b)
        span = passage.span
        out.append(Region(doc, span.start / size, span.end / size, "only", subject_key(passage)))
    return out


def _holding(items: Sequence[Subject], side: str, line: int) -> int | None:
    """The index of the first of ``items`` that holds ``line`` of document ``side``."""
    for n, item in enumerate(items):
        span = (item.a if side == "a" else item.b) if isinstance(item, Pair) else item.span
        if (isinstance(item, Pair) or item.side == side) and (
            span.start_line <= line <= span.end_line
        ):
            return n
    return None


def _category_counts(counts: dict[str, int]) -> Text:
    text = Text()
    for category in CATEGORIES:
        if counts.get(category) and category != "content":
            text.append(f"{category} {counts[category]} ", style="dim")
    return text

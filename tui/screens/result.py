"""What the comparison and duplicates screens share.

Both run the core in an exclusive worker thread with a progress bar, keep a ``ViewState``
that keys change, show one subject at a time in the ``DiffView`` and offer the same keys for
differences, categories, layout, folding, filter, order, search, export, the document view and
the source location. Each subclass says how its lists are filled and walked.
"""

from __future__ import annotations

import gc
import os
import shlex
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Final

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar, Static
from textual.worker import get_current_worker

from diffkit.comparison import Cancelled
from diffkit.errors import DiffkitError
from diffkit.folding import FoldProfile, fold, resolve_profile
from diffkit.formats import FORMATS, lookup
from diffkit.model import CATEGORIES, Pair, Span
from diffkit.render import CATEGORY_STYLE
from diffkit.report import atomic_write
from diffkit.vocabulary import EDIT_CATEGORIES

from ..analysis import (
    Abandoned,
    Cancel,
    Comparison,
    Duplicates,
    Options,
    Progress,
    run_abandonable,
)
from ..diff_rows import CALM_STYLE
from ..folded import folded_away, folded_pair
from ..messages import AnalysisFailed, AnalysisProgress
from ..subjects import Subject
from ..view_state import ViewState
from ..widgets.chips import Chips
from ..widgets.diff_view import DiffRequest, DiffView
from .prompt import PromptScreen

NARROW: Final = 120
"""Below this many columns the list stands above the diff instead of beside it."""
LIST_SIZES: Final = (30, 40, 50, 60, 72)
"""Widths (columns) the list can take beside the diff; above it, an eighth of them in rows."""

_CATEGORY_KEYS = {c.name: c.key for c in EDIT_CATEGORIES if c.key.isalpha()}
"""The letter keys of the categories that have one (diffkit.vocabulary); every category also
answers to its number in the order of CATEGORIES."""


_NEEDS_RESULT = frozenset(
    {"move", "difference", "search", "document", "open", "export", "scroll_diff", "change"}
)


def _category_bindings() -> list[BindingType]:
    out: list[BindingType] = []
    for n, category in enumerate(CATEGORIES, start=1):
        letter = _CATEGORY_KEYS.get(category)
        keys = f"{letter},{n}" if letter else str(n)
        out.append(
            Binding(
                keys,
                f"toggle_category('{category}')",
                category,
                show=False,
                key_display=f"{letter}/{n}" if letter else str(n),
                tooltip=f"Hide or show {category} edits (hidden: plain text, skipped by n)",
            )
        )
    return out


CATEGORY_CHIPS: Final = tuple(
    (
        category,
        _CATEGORY_KEYS.get(category, str(CATEGORIES.index(category) + 1)),
        f"toggle_category('{category}')",
    )
    for category in reversed(CATEGORIES)
)
"""(category, key, action) of the state bar's chips: content first."""


def category_style(category: str, hidden: frozenset[str], calm: bool) -> str:
    """A category's chip: its colour, as the calm view shows it, or struck through."""
    if category in hidden:
        return "dim strike"
    if calm and category in CALM_STYLE:
        return CALM_STYLE[category]
    return CATEGORY_STYLE[category][1]


def visible_edits(pair: Pair, hidden: frozenset[str]) -> list[int]:
    return [n for n, e in enumerate(pair.edits) if e.category not in hidden]


def nearest_visible(pair: Pair, hidden: frozenset[str], current: int | None) -> int | None:
    """The current edit once ``hidden`` is hidden: itself while it is shown, else the next
    shown edit (or the previous one), so the status line never counts an edit it hides."""
    if current is None or pair.edits[current].category not in hidden:
        return current
    shown = visible_edits(pair, hidden)
    after = [n for n in shown if n > current]
    before = [n for n in shown if n < current]
    return after[0] if after else before[-1] if before else None


class ResultScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j",
            "move(1)",
            "next",
            show=False,
            key_display="j/↓",
            tooltip="Select the next row of the list (a click selects a row too)",
        ),
        Binding(
            "k",
            "move(-1)",
            "prev",
            show=False,
            key_display="k/↑",
            tooltip="Select the previous row of the list",
        ),
        Binding(
            "n",
            "difference(1)",
            "next",
            tooltip="Go to the next edit of a shown category, on into the next row that has one",
        ),
        Binding(
            "N",
            "difference(-1)",
            "prev",
            show=False,
            tooltip="Go to the previous edit of a shown category, back into the previous row",
        ),
        Binding("v", "layout", "layout", tooltip="Switch between side-by-side and inline"),
        Binding(
            "c",
            "content_only",
            "content",
            tooltip="Hide every category but content (shown as plain text, skipped by n), "
            "or show them all again",
        ),
        Binding(
            "C",
            "review",
            "review",
            tooltip="Review: only content edits and unmatched passages, or everything again",
        ),
        Binding(
            "u",
            "changed_only",
            "changed only",
            show=False,
            tooltip="List only pairs with content edits, and unmatched passages",
        ),
        Binding(
            "t",
            "calm",
            "calm",
            show=False,
            tooltip="Dim or brighten script, annotation, width and regional edits",
        ),
        *_category_bindings(),
        Binding(
            "f",
            "folded",
            "folded",
            show=False,
            tooltip="Show the folded text the matcher compared, or the original",
        ),
        Binding(
            "m",
            "similarity",
            "similarity",
            show=False,
            tooltip="Cycle the minimum similarity: 0, 50%, 80%, 95%",
        ),
        Binding("o", "sort", "sort", show=False, tooltip="Cycle the order of the list"),
        Binding("slash", "search", "search", key_display="/", tooltip="Search both texts"),
        Binding(
            "d", "document", "document", tooltip="Show the whole document with every passage marked"
        ),
        Binding(
            "e",
            "open('this')",
            "open",
            show=False,
            tooltip="Open the selected passage's source location",
        ),
        Binding(
            "E",
            "open('other')",
            "open other",
            show=False,
            tooltip="Open the counterpart's source location",
        ),
        Binding("x", "export('json')", "export", show=False, tooltip="Export the result as JSON"),
        Binding(
            "X", "export('html')", "export HTML", show=False, tooltip="Export the result as HTML"
        ),
        Binding(
            "g,colon",
            "goto",
            "go to line",
            show=False,
            key_display="g/:",
            tooltip="Go to a line of A (b12 for line 12 of B)",
        ),
        Binding(
            "y",
            "copy('a')",
            "copy",
            show=False,
            tooltip="Copy the text selected with the mouse, else A's side of the current "
            "edit, or the whole passage (OSC 52)",
        ),
        Binding(
            "Y",
            "copy('b')",
            "copy B",
            show=False,
            tooltip="Copy B's side of the current edit, or the whole passage",
        ),
        Binding(
            "z",
            "zoom",
            "zoom",
            show=False,
            tooltip="Hide the list to give the diff the whole width, or show it",
        ),
        Binding(
            "left_square_bracket",
            "list_size(-1)",
            "narrower list",
            show=False,
            key_display="[",
            tooltip="Make the list narrower (shorter when it stands above the diff)",
        ),
        Binding(
            "right_square_bracket",
            "list_size(1)",
            "wider list",
            show=False,
            key_display="]",
            tooltip="Make the list wider (taller when it stands above the diff)",
        ),
        Binding(
            "r",
            "rerun",
            "re-run",
            show=False,
            tooltip="Read the files again and re-run the analysis",
        ),
        Binding(
            "ctrl+d",
            "scroll_diff(1)",
            "scroll down",
            show=False,
            tooltip="Scroll the diff half a page down",
        ),
        Binding(
            "ctrl+u",
            "scroll_diff(-1)",
            "scroll up",
            show=False,
            tooltip="Scroll the diff half a page up",
        ),
    ]

    SORT_ORDERS: ClassVar[tuple[str, ...]] = ("document", "similarity")
    VERB: ClassVar[str] = "dedupe"
    """The verb whose output formats (``diffkit.formats``) the export offers."""

    state: var[ViewState] = var(ViewState, init=False)

    def __init__(self, paths: list[Path], options: Options, *, export_dir: Path) -> None:
        super().__init__()
        self.paths = paths
        self.options = options
        self.export_dir = export_dir
        """Where exports are proposed to go."""
        self.current_edit: int | None = None
        """Index into the shown pair's edits of the current difference."""
        self._current_for: str | None = None
        self.failure: str | None = None
        self.result: Comparison | Duplicates | None = None
        """Set by the subclass when its analysis finishes."""
        self.ready = False
        self._calm_chosen = False
        self.pending_line: tuple[str, int] | None = None
        """A line to scroll the diff to once its passage is shown (go to line)."""
        self.list_size = LIST_SIZES.index(50)
        """Index into ``LIST_SIZES`` of the list's size."""
        """Whether the calm view has been set for this screen (by default or by key)."""

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(self.loading_text(), id="summary")
            yield Label("starting", id="stage")
            yield ProgressBar(total=100, show_eta=False, id="progress")
        yield Chips(id="statebar")
        with Horizontal(id="main"):
            with Vertical(id="lists"):
                yield from self.compose_lists()
            with Vertical(id="detail"):
                yield Static("", id="title")
                with Horizontal(id="viewrow"):
                    yield DiffView(id="diff")
                    yield from self.compose_bar()
                yield Static("", id="error")
        yield Footer(compact=True)

    def compose_lists(self) -> ComposeResult:
        raise NotImplementedError

    def compose_bar(self) -> ComposeResult:
        """What stands beside the diff view (nothing here)."""
        yield from ()

    def loading_text(self) -> Text:
        return Text("  ".join(str(p) for p in self.paths), style="bold")

    def on_resize(self, event: Resize) -> None:
        self.fit_layout(event.size.width)

    def fit_layout(self, width: int) -> None:
        """Beside the diff on a wide terminal, above it on a narrow one, at the chosen size."""
        narrow = width < NARROW
        self.set_class(narrow, "narrow")
        lists = self.query_one("#lists")
        size = LIST_SIZES[self.list_size]
        if narrow:
            lists.styles.width = None
            lists.styles.height = max(size // 8, 3)
        else:
            lists.styles.width = size
            lists.styles.height = None

    def on_mount(self) -> None:
        self.fit_layout(self.app.size.width)
        self.state = ViewState(hidden=frozenset(self.options.ignore), sort=self.SORT_ORDERS[0])
        self.query_one(DiffView).show(None, placeholder="Analysing…")
        self.analyse()

    # --- the analysis ---------------------------------------------------------------------

    def analyse(self) -> None:
        """Start (or restart) the analysis; a running one is cancelled."""
        self.ready = False
        gc.unfreeze()  # the result about to be replaced may be collected again
        self.query_one("#topbar").remove_class("done")
        self.query_one(ProgressBar).update(total=100, progress=0)
        self.query_one("#stage", Label).update("starting")
        self.run_analysis()

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False)
    def run_analysis(self) -> None:
        worker = get_current_worker()

        def cancel() -> bool:
            return worker.is_cancelled

        def progress(stage: str, fraction: float) -> None:
            if not worker.is_cancelled:
                self.post_message(AnalysisProgress(stage, fraction))

        message: Message
        try:
            message = run_abandonable(lambda: self.compute(progress, cancel), cancel)
        except (Cancelled, Abandoned):
            return
        except DiffkitError as exc:
            message = AnalysisFailed(str(exc))
        except Exception as exc:  # the screen must show it, not die with a traceback
            message = AnalysisFailed(f"unexpected error: {type(exc).__name__}: {exc}")
        if not worker.is_cancelled:
            self.post_message(message)

    def compute(self, progress: Progress, cancel: Cancel) -> Message:
        """Run the core (in the worker thread) and return the message carrying the result."""
        raise NotImplementedError

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        # The core ticks inside its long stages: the bar and the percentage move while a
        # stage runs, not only between stages.
        self.query_one(ProgressBar).update(progress=round(message.fraction * 100))
        self.query_one("#stage", Label).update(f"{message.stage} {message.fraction:.0%}")

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self.failure = message.text
        self.app.notify(
            message.text, title="diffkit cannot analyse this", severity="error", markup=False
        )
        self.query_one("#topbar").add_class("done")
        error = self.query_one("#error", Static)
        error.update(Text(f"✖ {message.text}", style="bold"))
        self.add_class("failed")
        self.query_one(DiffView).show(None, placeholder="No result.")

    def finish_analysis(self) -> None:
        """Called by the subclass once its result is stored."""
        self.ready = True
        self.failure = None
        if not self._calm_chosen:
            self._calm_chosen = True
            if self.has_script_edits():
                self.set_reactive(ResultScreen.state, replace(self.state, calm=True))
        self.remove_class("failed")
        self.query_one("#topbar").add_class("done")
        self.query_one("#summary", Static).update(self.summary(), layout=False)
        self.refill()
        self.refresh_view()
        self.refresh_bindings()
        # The result is hundreds of thousands of objects that live as long as it is shown: a
        # full collection scanning them stalled a key by 50-100 ms. Out of the collector's
        # reach, keys stay under 50 ms on the samples.
        gc.freeze()

    # --- what subclasses provide ----------------------------------------------------------

    @property
    def fold_profile(self) -> FoldProfile:
        """The result's fold profile once it is there; the options' until then."""
        if self.result is not None:
            return self.result.fold_profile
        return resolve_profile(self.options.profile, skip=self.options.skip)

    def summary(self) -> Text:
        raise NotImplementedError

    def has_script_edits(self) -> bool:
        """Whether the inputs differ in script: then the calm view is the default."""
        raise NotImplementedError

    def refill(self) -> None:
        """Fill the lists from the result and the state, keeping the selection if it stays."""
        raise NotImplementedError

    def current(self) -> tuple[str, Subject] | None:
        """The selected subject and a token naming it."""
        raise NotImplementedError

    def title_of(self, subject: Subject) -> Text:
        raise NotImplementedError

    def neighbours(self, delta: int) -> Iterator[tuple[str, Subject]]:
        """Subjects after (``delta`` > 0) or before the selected one, nearest first."""
        raise NotImplementedError

    def select(self, token: str) -> None:
        raise NotImplementedError

    def move(self, delta: int) -> None:
        raise NotImplementedError

    def location(self, which: str) -> Span | None:
        """The source span to open: ``this`` passage or the ``other`` one."""
        raise NotImplementedError

    def export_stem(self) -> str:
        raise NotImplementedError

    def document_screen(self) -> Screen[str | None] | None:
        raise NotImplementedError

    def after_document(self, group: str | None) -> None:
        """Select what the document view was showing when it closed."""

    # --- state and view -------------------------------------------------------------------

    def watch_state(self, old: ViewState, new: ViewState) -> None:
        if not self.ready:
            self.refresh_statebar()
            return
        if (old.min_similarity, old.sort, old.query, old.hidden, old.changed_only) != (
            new.min_similarity,
            new.sort,
            new.query,
            new.hidden,
            new.changed_only,
        ):
            self.refill()
        self.refresh_view()

    def refresh_statebar(self) -> None:
        state = self.state
        chips: list[tuple[str, str, str, str]] = [
            (key, category, category_style(category, state.hidden, state.calm), action)
            for category, key, action in CATEGORY_CHIPS
        ]
        # Calm right after content: both stay in view on a narrow terminal.
        chips.insert(1, ("t", "calm", "reverse" if state.calm else "dim", "calm"))
        tail = Text()
        described = state.describe(with_hidden=False)
        if described:
            tail.append(described, style="italic")
        self.query_one(Chips).show(chips, tail)

    def effective_hidden(self) -> frozenset[str]:
        if self.state.folded:
            return self.state.hidden | folded_away(self.fold_profile)
        return self.state.hidden

    def refresh_view(self) -> None:
        self.refresh_statebar()
        view = self.query_one(DiffView)
        title = self.query_one("#title", Static)
        found = self.current() if self.ready else None
        if found is None:
            view.show(None, placeholder="Nothing matches." if self.ready else "Analysing…")
            title.update("", layout=False)
            return
        token, subject = found
        if token != self._current_for:
            self.current_edit = None
            self._current_for = token
        hidden = self.effective_hidden()
        if isinstance(subject, Pair):
            self.current_edit = nearest_visible(subject, hidden, self.current_edit)
        shown: Subject = subject
        profile = self.fold_profile
        if self.state.folded:
            if isinstance(subject, Pair):
                shown = folded_pair(subject, profile)
            else:
                shown = replace(subject, text=fold(subject.text, profile=profile).text)
        view.show(
            DiffRequest(
                shown,
                self.state.layout,
                hidden,
                self.current_edit,
                self.state.query,
                profile,
                self.state.calm,
            )
        )
        if self.pending_line is not None:
            view.scroll_to_line(*self.pending_line)
            self.pending_line = None
        heading = self.title_of(subject)
        if isinstance(subject, Pair) and self.current_edit is not None:
            heading.append("\n")
            heading.append_text(self.edit_text(subject, hidden))
        title.update(heading, layout=False)

    def edit_text(self, pair: Pair, hidden: frozenset[str]) -> Text:
        assert self.current_edit is not None
        shown = visible_edits(pair, hidden)
        edit = pair.edits[self.current_edit]
        text = Text(f"edit {shown.index(self.current_edit) + 1}/{len(shown)} ", style="bold")
        text.append(edit.category, style="italic")
        text.append(f"  “{edit.a_text}” → “{edit.b_text}”")
        if edit.ambiguous:
            text.append("  ambiguous conversion", style="bold yellow")
        return text

    # --- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need a result are shown disabled until there is one."""
        if action in _NEEDS_RESULT and not self.ready:
            return None
        return True

    def action_move(self, delta: int) -> None:
        if self.ready:
            self.move(delta)

    def action_difference(self, delta: int) -> None:
        found = self.current() if self.ready else None
        if found is None:
            return
        token, subject = found
        if token != self._current_for:
            # The selection moved and the view has not heard yet (keys typed fast).
            self.current_edit = None
            self._current_for = token
        hidden = self.effective_hidden()
        if isinstance(subject, Pair):
            shown = visible_edits(subject, hidden)
            after = [n for n in shown if self.current_edit is None or n > self.current_edit]
            before = [n for n in shown if self.current_edit is None or n < self.current_edit]
            target = (after[:1] if delta > 0 else before[-1:]) if shown else []
            if target:
                self.current_edit = target[0]
                self.refresh_view()
                return
        for token, candidate in self.neighbours(delta):
            if isinstance(candidate, Pair):
                shown = visible_edits(candidate, hidden)
                if shown:
                    self.select(token)
                    self._current_for = token
                    self.current_edit = shown[0] if delta > 0 else shown[-1]
                    self.refresh_view()
                    return
        self.notify("No more differences" + (" below." if delta > 0 else " above."))

    def action_layout(self) -> None:
        self.state = self.state.next_layout()

    def action_toggle_category(self, category: str) -> None:
        self.state = self.state.toggle_category(category)

    def action_content_only(self) -> None:
        self.state = self.state.toggle_non_content()

    def action_review(self) -> None:
        self.state = self.state.toggle_review()

    def action_changed_only(self) -> None:
        self.state = self.state.toggle_changed_only()

    def action_calm(self) -> None:
        self._calm_chosen = True
        self.state = self.state.toggle_calm()

    def action_folded(self) -> None:
        self.state = self.state.toggle_folded()

    def action_similarity(self) -> None:
        self.state = self.state.next_min_similarity()
        self.notify(f"Minimum similarity {self.state.min_similarity:.0%}")

    def action_sort(self) -> None:
        self.state = self.state.next_sort(self.SORT_ORDERS)

    def action_search(self) -> None:
        def done(query: str | None) -> None:
            if query is not None:
                self.state = self.state.with_query(query)

        self.app.push_screen(
            PromptScreen("Search both texts (empty to clear)", self.state.query), done
        )

    def action_scroll_diff(self, delta: int) -> None:
        view = self.query_one(DiffView)
        view.scroll_to(y=view.scroll_y + delta * max(view.size.height // 2, 1), animate=False)

    def action_goto(self) -> None:
        if not self.ready:
            return

        def done(answer: str | None) -> None:
            target = parse_line(answer or "")
            if answer and target is None:
                self.notify(f"Not a line number: {answer}", severity="warning", markup=False)
            elif target is not None:
                self.goto_line(*target)

        self.app.push_screen(PromptScreen("Go to line of A (b12 for line 12 of B)"), done)

    def goto_line(self, side: str, line: int) -> None:
        """Select what holds ``line`` of document ``side`` and scroll the diff to it."""
        self.notify("Go to line is for comparisons.", severity="warning")

    def action_copy(self, side: str) -> None:
        selected = self.get_selected_text()
        if selected:
            self.app.copy_to_clipboard(selected)
            self.notify(f"Copied the selection: {len(selected)} characters", markup=False)
            return
        found = self.current() if self.ready else None
        if found is None:
            return
        _, subject = found
        if isinstance(subject, Pair):
            a_side = side == "a"
            if self.current_edit is not None:
                edit = subject.edits[self.current_edit]
                text = edit.a_text if a_side else edit.b_text
                what = f"{'A' if a_side else 'B'}'s side of the edit"
            else:
                text = subject.a_text if a_side else subject.b_text
                what = f"{'A' if a_side else 'B'}'s passage"
        else:
            text, what = subject.text, "the passage"
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what}: {len(text)} characters", markup=False)

    def action_zoom(self) -> None:
        # One widget's display, not a class on the screen: no restyling of every widget.
        lists = self.query_one("#lists")
        lists.display = not lists.display

    def action_list_size(self, delta: int) -> None:
        self.list_size = min(max(self.list_size + delta, 0), len(LIST_SIZES) - 1)
        self.query_one("#lists").display = True
        self.fit_layout(self.app.size.width)

    def action_rerun(self) -> None:
        self.analyse()

    def action_open(self, which: str) -> None:
        span = self.location(which) if self.ready else None
        if span is None:
            return
        open_location(self, span)

    @property
    def export_formats(self) -> list[str]:
        """The formats the export writes: the verb's formats that have a writer."""
        return [f.name for f in FORMATS[self.VERB] if f.write is not None]

    def _refuse_format(self, fmt: str) -> bool:
        if fmt in self.export_formats:
            return False
        self.notify(
            f"No {fmt.upper()} export here; the name's extension chooses among: "
            + ", ".join(self.export_formats),
            severity="warning",
        )
        return True

    def action_export(self, fmt: str) -> None:
        if not self.ready or self._refuse_format(fmt):
            return
        default = free_path(self.export_dir / f"{self.export_stem()}.{fmt}")

        def done(answer: str | None) -> None:
            if answer:
                self.write_export(Path(answer).expanduser())

        prompt = f"Export to ({', '.join(self.export_formats)}: by the extension)"
        self.app.push_screen(PromptScreen(prompt, str(default)), done)

    def write_export(self, path: Path) -> None:
        extension = path.suffix.lower().lstrip(".")
        fmt = "html" if extension == "htm" else extension
        if self._refuse_format(fmt) or self.result is None:
            return
        writer = lookup(self.VERB, fmt).write
        assert writer is not None
        given, path = path, free_path(path)
        try:
            atomic_write(path, writer(self.result.report, True))
        except OSError as exc:
            self.notify(
                f"Cannot write {path}: {exc.strerror or exc}", severity="error", markup=False
            )
            return
        except DiffkitError as exc:
            self.notify(f"Cannot write {path}: {exc}", severity="error", markup=False)
            return
        kept = f" ({given.name} exists and was kept)" if given != path else ""
        self.notify(f"Exported {fmt.upper()} to {path}{kept}", title="Export", markup=False)

    def action_document(self) -> None:
        screen = self.document_screen() if self.ready else None
        if screen is not None:
            self.app.push_screen(screen, self.after_document)


def parse_line(answer: str) -> tuple[str, int] | None:
    """``12``, ``:12``, ``a12`` or ``b 12`` as (document, line); None if it is no line."""
    text = answer.strip().lstrip(":").strip().lower()
    side = "a"
    if text[:1] in ("a", "b"):
        side, text = text[0], text[1:].strip()
    return (side, int(text)) if text.isdigit() and int(text) > 0 else None


def free_path(path: Path) -> Path:
    """``path``, or the first of ``NAME-1.EXT``, ``NAME-2.EXT``, ... that does not exist:
    an export never replaces a file."""
    candidate, n = path, 0
    while candidate.is_file() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def open_location(screen: Screen[None], span: Span) -> None:
    """Open ``span`` in $VISUAL or $EDITOR at its line, or show ``path:line``."""
    where = f"{span.path}:{span.start_line}"
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if editor:
        command = [*shlex.split(editor), f"+{span.start_line}", span.path]
        try:
            with screen.app.suspend():
                subprocess.run(command, check=False)
            return
        except (SuspendNotSupported, OSError) as exc:
            screen.notify(
                f"{where} (cannot run {editor}: {exc})", title="Source location", markup=False
            )
            return
    screen.app.copy_to_clipboard(where)
    screen.notify(where, title="Source location", markup=False)

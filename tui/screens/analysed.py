"""The life of a result screen: its layout, and the core run in a worker thread.

A comparison or a duplicates result is computed in an exclusive thread that a new analysis
cancels; progress comes as messages, a failure is shown rather than raised. What a screen does
with its result (lists, the diff, keys) lives in :mod:`.result` and its subclasses.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, ProgressBar, Static
from textual.worker import get_current_worker

from diffkit.comparison import Cancelled
from diffkit.errors import DiffkitError
from diffkit.folding import FoldProfile, resolve_profile
from diffkit.model import Span

from ..analysis import (
    Abandoned,
    Cancel,
    Comparison,
    Duplicates,
    Options,
    Progress,
    run_abandonable,
)
from ..messages import AnalysisFailed, AnalysisProgress
from ..subjects import Subject
from ..widgets.chips import Chips
from ..widgets.diff_view import DiffView
from ..widgets.key_bar import KeyBar
from ..widgets.panes import Column, Line, Row
from ..widgets.prompt_bar import Answer, PromptBar
from .document import DocumentScreen

NARROW: Final = 120
"""Below this many columns the list stands above the diff instead of beside it."""
LIST_SIZES: Final = (30, 40, 50, 60, 72)
"""Widths (columns) the list can take beside the diff; above it, an eighth of them in rows."""


class AnalysedScreen(Screen[None]):
    """A screen that runs the core in a worker thread and lays out its lists and diff."""

    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """As ``Screen.focused``, without repainting the whole screen when focus moves: the
    widgets that gain and lose focus repaint themselves, and a full repaint made opening
    the one-line question (search, go to line) cost a frame of every widget."""

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
        """Whether the calm view has been set for this screen (by default or by key)."""
        self.pending_line: tuple[str, int] | None = None
        """A line to scroll the diff to once its passage is shown (go to line)."""
        self._document: DocumentScreen | None = None
        """The document view of this result, kept between visits."""
        self.repaints_whole = False
        """Whether the screen is about to be painted whole (``widgets.covered``)."""
        self.list_size = LIST_SIZES.index(50)
        """Index into ``LIST_SIZES`` of the list's size."""

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(self.loading_text(), id="summary")
            yield Label("starting", id="stage")
            yield ProgressBar(total=100, show_eta=False, id="progress")
        yield Chips(id="statebar")
        with Row(id="main"):
            with Column(id="lists"):
                yield from self.compose_lists()
            with Column(id="detail"):
                yield Line("", id="title")
                with Row(id="viewrow"):
                    yield DiffView(id="diff")
                    yield from self.compose_bar()
                yield Static("", id="error")
        yield PromptBar()
        yield KeyBar()

    def compose_lists(self) -> ComposeResult:
        raise NotImplementedError

    def compose_bar(self) -> ComposeResult:
        """What stands beside the diff view (nothing here)."""
        yield from ()

    def ask(self, title: str, answer: Answer, value: str = "", *, path: bool = False) -> None:
        """Ask a one-line question at the foot of the screen (``value`` proposed; a ``path``
        shown cut in the middle)."""
        self.query_one(PromptBar).ask(title, value, answer, path=path)

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

    def finish_analysis(self) -> None:
        """Called by the subclass once its result is stored."""
        raise NotImplementedError

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

    def document_screen(self) -> DocumentScreen | None:
        raise NotImplementedError

    def after_document(self, group: str | None) -> None:
        """Select what the document view was showing when it closed."""

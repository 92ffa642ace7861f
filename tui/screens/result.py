"""What the comparison and duplicates screens share.

Both run the core in an exclusive worker thread with a progress bar, keep a ``ViewState``
that keys change, show one subject at a time in the ``DiffView`` and offer the same keys for
differences, categories, layout, folding, filter, order, search, export, the document view and
the source location. Each subclass says how its lists are filled and walked.
"""

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.reactive import var
from textual.widgets import Static

from diffkit.errors import DiffkitError
from diffkit.folding import fold
from diffkit.formats import FORMATS, lookup
from diffkit.formats.writing import atomic_write, ended
from diffkit.model import Pair

from ..folded import folded_away, folded_pair
from ..keys import CATEGORY_CHIPS, NEEDS_RESULT, RESULT_BINDINGS, category_style
from ..subjects import Subject
from ..view_state import ViewState
from ..widgets.chips import Chips
from ..widgets.diff_view import DiffRequest, DiffView
from .analysed import LIST_SIZES, AnalysedScreen
from .outside import free_path, open_location, parse_line


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


class ResultScreen(AnalysedScreen):
    BINDINGS: ClassVar[list[BindingType]] = RESULT_BINDINGS

    SORT_ORDERS: ClassVar[tuple[str, ...]] = ("document", "similarity")
    VERB: ClassVar[str] = "dedupe"
    """The verb whose output formats (``diffkit.formats``) the export offers."""

    state: var[ViewState] = var(ViewState, init=False)

    def on_mount(self) -> None:
        self.fit_layout(self.app.size.width)
        self.state = ViewState(hidden=frozenset(self.options.ignore), sort=self.SORT_ORDERS[0])
        self.query_one(DiffView).show(None, placeholder="Analysing…")
        self.analyse()

    def finish_analysis(self) -> None:
        """Called by the subclass once its result is stored."""
        self.forget_document()
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
        # The document view's marks for the first ``d`` (two per pair): built once the
        # result is on screen, not on the key.
        self.call_after_refresh(self._prepare_document)
        # The result is hundreds of thousands of objects that live as long as it is shown: a
        # full collection scanning them stalled a key by 50-100 ms. Out of the collector's
        # reach, keys stay under 50 ms on the samples.
        gc.freeze()

    # --- state and view -------------------------------------------------------------------

    def watch_state(self, old: ViewState, new: ViewState) -> None:
        if not self.ready:
            self.refresh_statebar()
            return
        if (old.min_similarity, old.sort, old.query, old.changed_only) != (
            new.min_similarity,
            new.sort,
            new.query,
            new.changed_only,
        ):
            self.refill()
        elif old.hidden != new.hidden:
            self.rebadge()
        self.refresh_view()

    def rebadge(self) -> None:
        """The hidden categories changed: the rows stay, their badges change."""
        self.refill()

    def refresh_statebar(self) -> None:
        state = self.state
        chips: list[tuple[str, str, str, str]] = [
            (key, category, category_style(category, state.hidden, state.calm), action)
            for category, key, action in CATEGORY_CHIPS
        ]
        # Calm right after content: both stay in view on a narrow terminal.
        chips.insert(1, ("t", "calm", "reverse" if state.calm else "dim", "calm"))
        tail = Text(state.describe(with_hidden=False), style="italic")
        terse = Text(state.describe(terse=True), style="italic")
        self.query_one(Chips).show(chips, tail, terse)

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
        if action in NEEDS_RESULT and not self.ready:
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
                    # The edit first: a screen that shows the selection at once shows it.
                    self._current_for = token
                    self.current_edit = shown[0] if delta > 0 else shown[-1]
                    self.select(token)
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

        self.ask("Search both texts (empty to clear)", done, self.state.query)

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

        self.ask("Go to line of A (b12 for line 12 of B)", done)

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
        lists = self.query_one("#lists")
        if not lists.display:
            lists.display = True  # set again, it restyled every widget for a second frame
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

        formats = ", ".join(self.export_formats)
        prompt = f"Export to ({formats}: by the extension)"
        if len(prompt) + len(str(default)) + 6 > self.app.size.width:
            prompt = f"Export ({formats})"  # the path needs the room
        self.ask(prompt, done, str(default), path=True)

    def write_export(self, path: Path) -> None:
        extension = path.suffix.lower().lstrip(".")
        fmt = "html" if extension == "htm" else extension
        if self._refuse_format(fmt) or self.result is None:
            return
        writer = lookup(self.VERB, fmt).write
        assert writer is not None
        given, path = path, free_path(path)
        try:
            # The same bytes as the command line writes, down to the final line break.
            atomic_write(path, ended(writer(self.result.report, True)))
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

    def _prepare_document(self) -> None:
        if self.ready and self._document is None:
            self._document = self.document_screen()
            if self._document is not None:
                self.app.install_screen(self._document, f"document-{id(self)}")

    def action_document(self) -> None:
        if not self.ready:
            return
        screen = self._document
        if screen is None:
            self._prepare_document()
            screen = self._document
            if screen is None:
                return
        else:
            found = self.current()
            screen.reopen(found[0] if found else None)
        self.app.push_screen(screen, self._back_from_document)

    def _back_from_document(self, token: str | None) -> None:
        # This screen is shown again and painted whole (Textual repaints a screen that
        # resumes): the list and the diff it changes now are painted in that one frame.
        self.repaints_whole = True
        # Cleared after the next frame here too: the resume's own clearing may have run first,
        # since this callback comes through the requester's queue, not the screen's.
        self.call_after_refresh(setattr, self, "repaints_whole", False)
        self.after_document(token)

    def on_screen_resume(self) -> None:
        self.call_after_refresh(setattr, self, "repaints_whole", False)

    def forget_document(self) -> None:
        """Drop the document view of a result that is being replaced."""
        screen, self._document = self._document, None
        if screen is not None:
            self.app.uninstall_screen(screen)
            if screen.is_attached:  # built ahead and never shown: nothing to remove
                screen.remove()

"""The document view: a whole document with its passages marked, and jumps between
counterparts. Expectations are read from the report the screens show."""

from __future__ import annotations

import re
from typing import Any

import pytest
from diffkit_tui.screens.compare import CompareScreen
from diffkit_tui.screens.document import DocumentScreen
from diffkit_tui.screens.duplicates import DuplicatesScreen
from diffkit_tui.widgets.document_view import DocumentView
from diffkit_tui.widgets.pair_list import PairList

from diffkit.comparison import CompareReport
from diffkit.model import Pair

from .conftest import PAIR
from .helpers import static_text

pytestmark = pytest.mark.usefixtures("cached")


def document_screen(pilot: Any) -> DocumentScreen:
    current = pilot.app.screen
    assert isinstance(current, DocumentScreen)
    return current


def compare_report(pilot: Any) -> CompareReport:
    main = pilot.app.main
    assert isinstance(main, CompareScreen) and main.result is not None
    return main.result.report


def status_line(pilot: Any) -> int:
    found = re.match(r"line (\d+)", static_text(pilot, "#doc-status"))
    assert found, static_text(pilot, "#doc-status")
    return int(found.group(1))


async def test_d_opens_document_a_on_the_selected_pair(run_app) -> None:
    async with run_app() as pilot:
        pair = compare_report(pilot).pairs[1]
        await pilot.press("j", "d")
        await pilot.pause()
        doc = document_screen(pilot)
        assert static_text(pilot, "#doc-title").startswith("A ")
        label = f"pair #{pair.index} · {pair.kind} · {pair.similarity:.0%}"
        status = static_text(pilot, "#doc-status")
        assert status.startswith(f"line {pair.a.start_line}  {label}")
        assert f"↔ B {pair.b.start_line}" in status
        view = doc.query_one(DocumentView)
        assert view.plain_rows(0, 1) == [PAIR[0].read_text(encoding="utf-8").splitlines()[0]]
        top = round(view.scroll_y)
        assert top <= pair.a.start_line - 1 < top + view.content_height


async def test_enter_jumps_to_the_counterpart_and_tab_switches_documents(run_app) -> None:
    async with run_app() as pilot:
        pair = compare_report(pilot).pairs[0]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("B ")
        assert static_text(pilot, "#doc-status").startswith(
            f"line {pair.b.start_line}  pair #{pair.index}"
        )
        await pilot.press("enter")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("A ")
        await pilot.press("tab")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("B ")


async def test_j_k_step_through_passages_and_escape_selects_it_in_the_list(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        start = status_line(pilot)
        await pilot.press("j")
        assert status_line(pilot) > start
        await pilot.press("k", "k")
        here = status_line(pilot)
        assert here < start
        await pilot.press("escape")
        await pilot.pause()
        selected = pilot.app.screen.query_one(PairList).selected
        assert selected is not None
        span = selected.a if isinstance(selected, Pair) else selected.span
        assert span.start_line == here


async def test_a_click_on_a_passage_selects_it(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        view = document_screen(pilot).query_one(DocumentView)
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()
        assert view.marks_at(0)
        await pilot.click(DocumentView, offset=(8, 0))
        await pilot.pause()
        assert status_line(pilot) == 1


async def test_duplicates_document_view_cycles_through_a_clusters_members(run_app) -> None:
    async with run_app((PAIR[1],)) as pilot:
        main = pilot.app.main
        assert isinstance(main, DuplicatesScreen) and main.result is not None
        cluster = max(main.result.report.clusters, key=lambda c: len(c.members))
        size = len(cluster.members)
        main.query_one("#clusters").select_key(str(cluster.id))  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        lines = [m.span.start_line for m in cluster.members]
        status = static_text(pilot, "#doc-status")
        assert status.startswith(f"line {lines[1]}  cluster #{cluster.id} · member 2/{size}")
        assert f"↔ 2023-closing-speech-simplified.txt {lines[0]}" in status
        await pilot.press("enter")
        assert static_text(pilot, "#doc-status").startswith(f"line {lines[2 % size]}  ")
        await pilot.press(*["enter"] * (size - 2))
        assert static_text(pilot, "#doc-status").startswith(
            f"line {lines[0]}  cluster #{cluster.id} · member 1/{size}"
        )
        await pilot.press("d")
        await pilot.pause()
        assert main.query_one("#members").cursor == 0  # type: ignore[attr-defined]


async def test_page_keys_move_the_document_a_page_at_once(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        view = document_screen(pilot).query_one(DocumentView)
        top, height = round(view.scroll_y), view.content_height
        await pilot.press("pagedown")
        assert round(view.scroll_y) == top + height
        first = view.row(top + height)
        await pilot.press("pageup", "down")
        assert round(view.scroll_y) == top + 1
        assert view.plain_rows(top + height, 1) == [view.document.text[first[1] : first[2]]]


async def test_tab_goes_to_the_counterpart_or_back_where_the_document_was_left(run_app) -> None:
    async with run_app() as pilot:
        r = compare_report(pilot)
        pair = r.pairs[3]
        await pilot.press(*["j"] * 3, "d")
        await pilot.pause()
        s = document_screen(pilot)
        view = s.query_one(DocumentView)
        await pilot.press("tab")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("B ")
        assert status_line(pilot) == pair.b.start_line
        await pilot.press("tab")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("A ")
        assert status_line(pilot) == pair.a.start_line
        # Each document is shown where it was left.
        only = r.unmatched_a[-1]
        s.select_mark(next(n for n, m in enumerate(s.marks) if m.start == only.span.start))
        await pilot.pause()
        top = view.scroll_y
        await pilot.press("tab")
        await pilot.pause()
        assert status_line(pilot) == pair.b.start_line
        await pilot.press("pagedown", "tab")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("A ")
        assert status_line(pilot) == only.span.start_line and view.scroll_y == top


async def test_the_document_view_is_kept_between_visits(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        first = document_screen(pilot)
        await pilot.press("escape", "j", "j", "d")
        await pilot.pause()
        assert document_screen(pilot) is first
        pair = compare_report(pilot).pairs[2]
        assert status_line(pilot) == pair.a.start_line


async def test_a_new_analysis_builds_a_new_document_view(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        first = document_screen(pilot)
        await pilot.press("escape", "r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        again = document_screen(pilot)
        assert again is not first and not first.is_attached
        assert status_line(pilot) == compare_report(pilot).pairs[0].a.start_line


async def test_the_document_view_is_built_before_the_first_d_and_opens_on_the_selection(
    run_app,
) -> None:
    async with run_app() as pilot:
        compare = pilot.app.screen
        assert isinstance(compare, CompareScreen)
        built = compare._document
        assert built is not None and not built.is_mounted  # its marks, ready at rest
        await pilot.press("j", "j")
        await pilot.pause()
        selected = compare.pair_list.selected_key
        await pilot.press("d")
        await pilot.pause(0.2)
        document = pilot.app.screen
        assert document is built and document.current is not None
        assert document.marks[document.current].token == selected
        await pilot.press("escape")
        await pilot.pause()
        assert compare.pair_list.selected_key == selected

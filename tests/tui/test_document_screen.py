"""The document view: a whole document with its passages marked, and jumps between
counterparts."""

from __future__ import annotations

from pathlib import Path

import pytest
from diffkit_tui.screens.document import DocumentScreen
from diffkit_tui.widgets.document_view import DocumentView
from diffkit_tui.widgets.pair_list import PairList

from .helpers import static_text

pytestmark = pytest.mark.usefixtures("cached")
SPEECH = (Path(__file__).resolve().parents[2] / "samples" / "2023-closing-speech-simplified.txt",)


def document_screen(pilot: object) -> DocumentScreen:
    current = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(current, DocumentScreen)
    return current


async def test_d_opens_document_a_on_the_selected_pair(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("j", "d")
        await pilot.pause()
        doc = document_screen(pilot)
        assert static_text(pilot, "#doc-title").startswith("A  ")
        assert static_text(pilot, "#doc-status").startswith(
            "line 33  pair #1 · partial · 52%  ↔ B 15"
        )
        view = doc.query_one(DocumentView)
        assert view.plain_rows(0, 1) == ["Party mass work"]
        assert round(view.scroll_y) <= 32 < round(view.scroll_y) + view.content_height


async def test_enter_jumps_to_the_counterpart_and_tab_switches_documents(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("B  ")
        assert static_text(pilot, "#doc-status").startswith("line 13  pair #0")
        await pilot.press("enter")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("A  ")
        await pilot.press("tab")
        await pilot.pause()
        assert static_text(pilot, "#doc-title").startswith("B  ")


async def test_j_k_step_through_passages_and_escape_selects_it_in_the_list(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("j")
        assert static_text(pilot, "#doc-status").startswith("line 13  only in A")
        await pilot.press("k", "k")
        assert static_text(pilot, "#doc-status").startswith("line 9  only in A")
        await pilot.press("escape")
        await pilot.pause()
        assert pilot.app.screen.query_one(PairList).selected_key == "a4"


async def test_a_click_on_a_passage_selects_it(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause()
        view = document_screen(pilot).query_one(DocumentView)
        await pilot.click(DocumentView, offset=(8, 0))
        await pilot.pause()
        assert static_text(pilot, "#doc-status").startswith("line 1  only in A")
        assert view.marks_at(0)


async def test_duplicates_document_view_cycles_through_a_clusters_members(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        await pilot.press("j", "j", "j", "d")
        await pilot.pause()
        status = static_text(pilot, "#doc-status")
        assert status.startswith("line 75  cluster #3 · member 2/4")
        assert "↔ 2023-closing-speech-simplified.txt 59" in status
        await pilot.press("enter")
        assert static_text(pilot, "#doc-status").startswith("line 107  cluster #3 · member 3/4")
        await pilot.press("enter", "enter")
        assert static_text(pilot, "#doc-status").startswith("line 59  cluster #3 · member 1/4")
        await pilot.press("d")
        await pilot.pause()
        assert pilot.app.screen.query_one("#members").cursor == 0  # type: ignore[attr-defined]

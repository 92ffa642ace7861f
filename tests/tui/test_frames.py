"""How many frames a key costs: its work is painted in the frame it begins, not in a second
one a timer tick or more later (the time until the last frame is what
``scripts/measure_tui.py`` counts as a key's latency)."""

from __future__ import annotations

from typing import Any

import pytest
from diffkit_tui.screens.document import DocumentScreen
from textual.screen import Screen

from .helpers import diff_view, screen


@pytest.fixture
def frames(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The screens painted, a frame at a time."""
    painted: list[str] = []
    original = Screen._compositor_refresh

    def counted(self: Screen[Any]) -> None:
        painted.append(type(self).__name__)
        original(self)

    monkeypatch.setattr(Screen, "_compositor_refresh", counted)
    return painted


async def frames_of(pilot: Any, frames: list[str], key: str) -> list[str]:
    await pilot.pause(0.1)
    frames.clear()
    await pilot.press(key)
    # Long enough for any later frame: Textual paints at most 60 frames a second.
    await pilot.pause(0.2)
    return list(frames)


async def test_list_and_layout_keys_paint_once(run_app, frames: list[str]) -> None:
    async with run_app() as pilot:
        view = diff_view(pilot)
        # The next pair: the list's cursor and the diff of the pair it reached, together.
        before = view.request
        assert await frames_of(pilot, frames, "j") == ["CompareScreen"]
        assert view.request != before and view.rows.rows
        # A narrower and a wider list, the list zoomed away and back: the panes, the list's
        # rows and the diff laid out anew within one layout pass.
        for key in ("left_square_bracket", "right_square_bracket", "z", "z"):
            width = view.content_width
            assert await frames_of(pilot, frames, key) == ["CompareScreen"], key
            assert view.content_width != width, key


async def test_the_document_view_switches_documents_in_one_frame(
    run_app, frames: list[str]
) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause(0.2)
        document = pilot.app.screen
        assert isinstance(document, DocumentScreen)
        first = document.doc
        # The first visit to B lays it out; coming back to A and going to B again are one
        # frame each, the passage shown in it.
        await pilot.press("tab")
        await pilot.pause(0.2)
        for _ in range(2):
            shown = await frames_of(pilot, frames, "tab")
            assert shown == ["DocumentScreen"]
        assert document.doc != first
        await pilot.press("escape")
        await pilot.pause()
        assert screen(pilot).ready


async def test_the_document_view_opens_again_and_closes_in_one_frame_each(
    run_app, frames: list[str]
) -> None:
    async with run_app() as pilot:
        await pilot.press("d")
        await pilot.pause(0.2)
        await pilot.press("escape")
        await pilot.pause(0.2)
        await pilot.press("j")
        await pilot.pause(0.2)
        # Kept between visits: opened again on the list's passage, the list behind painted
        # once as Textual leaves it, the view once.
        shown = await frames_of(pilot, frames, "d")
        assert shown == ["CompareScreen", "DocumentScreen"]
        document = pilot.app.screen
        assert isinstance(document, DocumentScreen) and document.current is not None
        await pilot.press("j")
        await pilot.pause(0.2)
        assert document.current is not None
        token = document.marks[document.current].token
        # Back on the passage the view was on: the list, the diff and the bar in one frame.
        assert await frames_of(pilot, frames, "escape") == ["CompareScreen"]
        assert screen(pilot).pair_list.selected_key == token

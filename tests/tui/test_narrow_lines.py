"""The lines at the edges of the screen fit the terminal: the export question's proposed path
and the state after the chips."""

from __future__ import annotations

from pathlib import Path

from diffkit_tui.widgets.prompt_bar import middle_path
from rich.cells import cell_len
from textual.widgets import Input

from ..conftest import SPEECH_2023_SIMP
from .helpers import shown_line


def test_a_path_is_cut_in_its_folder_and_keeps_its_file_name() -> None:
    path = "/home/someone/projects/reports/2023/diffkit-2023-closing-speech.json"
    assert middle_path(path, 80) == path
    cut = middle_path(path, 44)
    assert cell_len(cut) <= 44 and cut.endswith("/diffkit-2023-closing-speech.json")
    assert cut.startswith("/ho") and "…" in cut
    # A name longer than the room keeps both its ends.
    tight = middle_path(path, 20)
    assert cell_len(tight) <= 20 and tight.startswith("/ho") and tight.endswith(".json")


async def test_the_export_question_shows_the_file_name_whole_at_100_columns(
    run_app, tmp_path: Path
) -> None:
    async with run_app((SPEECH_2023_SIMP,)) as pilot:
        await pilot.resize_terminal(100, 30)
        await pilot.press("x")
        await pilot.pause()
        field = pilot.app.screen.query_one(Input)
        proposed = tmp_path / "diffkit-duplicates-2023-closing-speech-simplified.json"
        assert field.value == str(proposed)
        assert len(str(proposed)) > field.content_region.width
        shown = shown_line(pilot, "#prompt-input").rstrip()
        assert shown.endswith(f"/{proposed.name}") and shown.startswith(str(proposed)[:3])
        assert "…" in shown
        # Once the cursor moves the field scrolls as any field does.
        await pilot.press("home")
        await pilot.pause()
        assert shown_line(pilot, "#prompt-input").startswith(str(proposed)[:20])
        await pilot.press("end", "enter")
        await pilot.pause()
        assert proposed.is_file()


async def test_the_state_stays_in_view_in_fewer_words_at_80_columns(run_app) -> None:
    async with run_app() as pilot:
        await pilot.resize_terminal(80, 24)
        await pilot.press("C", "o", "o", "o")
        await pilot.pause()
        line = shown_line(pilot, "#statebar").rstrip()
        assert line.endswith("content+unmatched · by content")
        assert "…" not in line and " 8 " in line
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        line = shown_line(pilot, "#statebar").rstrip()
        assert line.endswith(
            "content edits and unmatched only · sorted by content edits, most first"
        )

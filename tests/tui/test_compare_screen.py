"""The comparison screen driven by its keys on the 2023 news (Traditional) and speech
(Simplified) samples, asserting on what is shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from diffkit_tui.messages import AnalysisProgress, ComparisonReady
from diffkit_tui.screens.help import HelpScreen
from diffkit_tui.subjects import Passage
from diffkit_tui.view_state import NON_CONTENT
from diffkit_tui.widgets.pair_list import PairList
from textual.widgets import Input

from diffkit.model import Pair

from .conftest import Recorder
from .helpers import diff_view, screen, shows_category, static_text, title

pytestmark = pytest.mark.usefixtures("cached")


def pair_list(pilot: object) -> PairList:
    return screen(pilot).query_one(PairList)  # type: ignore[arg-type]


async def test_first_screen_lists_pairs_then_unmatched_passages_and_shows_each(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        items = pair_list(pilot).items
        pairs = [i for i in items if isinstance(i, Pair)]
        alone = [i for i in items if isinstance(i, Passage)]
        assert len(pairs) == 15 and len(alone) == 18 + 35
        assert items.index(alone[0]) == len(pairs)
        assert title(pilot).startswith("#0 A 11 ↔ B 13  a_in_b  68%")
        assert "similarity 37%" in static_text(pilot, "#summary")
        rows = diff_view(pilot).plain_rows()
        assert rows[0].startswith("12月27日上午,衡陽市第十六屆")
        assert "│ 经过全体代表和与会同志的共同努力" in rows[0]
        assert shows_category(pilot, "script") and shows_category(pilot, "content")
        assert recorder.of(AnalysisProgress)[-1].fraction == 1.0
        assert len(recorder.of(ComparisonReady)) == 1
        pair_list(pilot).move_to(15)
        await pilot.pause()
        assert title(pilot).startswith("only in A  A 1")
        rows = diff_view(pilot).plain_rows()
        assert rows[0].startswith("Party mass work") and rows[0].endswith("│ (only in A)")


async def test_j_k_arrows_and_clicks_select_pairs(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("j", "j")
        assert pair_list(pilot).cursor == 2
        assert title(pilot).startswith("#2 A 35 ↔ B 19  modified")
        await pilot.press("k")
        assert title(pilot).startswith("#1 A 33 ↔ B 15")
        await pilot.press("down", "down", "up")
        assert title(pilot).startswith("#2 ")
        await pilot.click(PairList, offset=(2, 4))
        await pilot.pause()
        assert pair_list(pilot).cursor == 3
        assert title(pilot).startswith("#3 ")


async def test_n_and_shift_n_move_the_current_edit_then_into_the_next_pair(run_app) -> None:
    async with run_app() as pilot:
        s = screen(pilot)
        await pilot.press("n")
        assert s.current_edit == 0
        assert "edit 1/10 content" in title(pilot)
        assert diff_view(pilot).rows.current_row == 0
        await pilot.press("n", "n")
        assert s.current_edit == 2
        assert "edit 3/10 script  “會” → “会”" in title(pilot)
        await pilot.press("N")
        assert s.current_edit == 1
        for _ in range(8):
            await pilot.press("n")
        assert pair_list(pilot).cursor == 0 and s.current_edit == 9
        await pilot.press("n")
        assert pair_list(pilot).cursor == 1 and s.current_edit == 0
        assert title(pilot).startswith("#1 ") and "edit 1/41 content  “他指出,” → “回首”" in title(
            pilot
        )
        await pilot.press("N")
        assert pair_list(pilot).cursor == 0 and s.current_edit == 9


async def test_category_keys_hide_and_show_their_edits(run_app) -> None:
    async with run_app() as pilot:
        assert shows_category(pilot, "script")
        await pilot.press("s")
        assert screen(pilot).state.hidden == {"script"}
        assert not shows_category(pilot, "script")
        assert " S6 " not in title(pilot) and "C3" in title(pilot)
        assert "S6" not in pair_list(pilot).row_text(0) and "C3" in pair_list(pilot).row_text(0)
        await pilot.press("p", "a", "w")
        assert screen(pilot).state.hidden == {"script", "punctuation", "annotation", "whitespace"}
        assert not shows_category(pilot, "punctuation")
        await pilot.press("s", "8")
        assert screen(pilot).state.hidden == {"punctuation", "annotation", "whitespace", "content"}
        assert shows_category(pilot, "script") and not shows_category(pilot, "content")


async def test_categories_ignored_on_the_command_line_start_hidden(run_app) -> None:
    async with run_app(ignore=("script", "punctuation")) as pilot:
        assert screen(pilot).state.hidden == {"script", "punctuation"}
        assert not shows_category(pilot, "script") and shows_category(pilot, "content")


async def test_c_hides_every_non_content_category_and_n_skips_them(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("c")
        assert screen(pilot).state.hidden == NON_CONTENT
        assert shows_category(pilot, "content") and not shows_category(pilot, "script")
        await pilot.press("c")
        assert screen(pilot).state.hidden == frozenset()
        await pilot.press("c", "n", "n")
        s = screen(pilot)
        pair = s.current()[1]  # type: ignore[index]
        assert isinstance(pair, Pair)
        assert pair.edits[s.current_edit].category == "content"  # type: ignore[index]
        assert s.current_edit == 4
        assert "edit 2/3 content" in title(pilot)


async def test_v_switches_layout_and_f_shows_the_folded_text(run_app) -> None:
    async with run_app() as pilot:
        assert all(" │ " in row for row in diff_view(pilot).plain_rows()[:2])
        await pilot.press("v")
        assert screen(pilot).state.layout == "inline"
        rows = diff_view(pilot).plain_rows()
        assert " │ " not in rows[0]
        assert rows[0].startswith("12月27日上午,衡陽经过全体代表和与会同志的共同努力，")
        await pilot.press("v")
        assert screen(pilot).state.layout == "side-by-side"
        await pilot.press("j", "j", "f")
        rows = diff_view(pilot).plain_rows()
        assert rows[0].startswith("刘越高强调,2024年是全面贯彻")
        assert not shows_category(pilot, "script")
        await pilot.press("f")
        assert diff_view(pilot).plain_rows()[0].startswith("劉越高強調,2024年是全面(miàn)")


async def test_m_cycles_the_minimum_similarity(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        await pilot.press("m")
        items = pair_list(pilot).items
        assert len(items) == 15 and all(isinstance(i, Pair) for i in items)
        await pilot.press("m", "m")
        items = pair_list(pilot).items
        report = screen(pilot).result.report  # type: ignore[attr-defined]
        assert items == [p for p in report.pairs if p.similarity >= 0.95]
        assert 0 < len(items) < 15
        assert "similarity ≥ 95%" in static_text(pilot, "#statebar")
        await pilot.press("m")
        assert len(pair_list(pilot).items) == 15 + 53
        assert "Minimum similarity 95%" in recorder.notices


async def test_o_sorts_by_b_then_by_similarity(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("o")
        pairs = [i for i in pair_list(pilot).items if isinstance(i, Pair)]
        assert [p.b.start for p in pairs] == sorted(p.b.start for p in pairs)
        assert pairs[1].index == 1
        await pilot.press("o")
        pairs = [i for i in pair_list(pilot).items if isinstance(i, Pair)]
        assert [p.index for p in pairs[:3]] == [1, 0, 5]
        assert "sorted by similarity" in static_text(pilot, "#statebar")
        await pilot.press("o")
        assert [i.index for i in pair_list(pilot).items[:3]] == [0, 1, 2]  # type: ignore[union-attr]


async def test_slash_searches_both_texts_through_folding(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("slash")
        assert isinstance(pilot.app.screen.focused, Input)
        await pilot.press(*"胜利闭幕", "enter")
        s = screen(pilot)
        assert s.state.query == "胜利闭幕"
        items = pair_list(pilot).items
        assert items and isinstance(items[0], Pair) and items[0].index == 0
        assert all("闭幕" in i.b_text or "閉幕" in i.a_text for i in items if isinstance(i, Pair))
        assert diff_view(pilot).rows.hits == 2
        await pilot.press("slash", "ctrl+u", "enter")
        assert s.state.query == "" and len(pair_list(pilot).items) == 68


async def test_x_exports_json_and_shift_x_html_atomically_or_says_why_not(
    run_app, tmp_path: Path
) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        await pilot.press("x")
        field = pilot.app.screen.query_one(Input)
        expected = (
            tmp_path
            / "diffkit-2023-closing-speech-news-traditional-vs-2023-closing-speech-simplified.json"
        )
        assert field.value == str(expected)
        await pilot.press("enter")
        await pilot.pause()
        data = json.loads(expected.read_text(encoding="utf-8"))
        assert data["schema"] == "diffkit.compare/1" and len(data["pairs"]) == 15
        await pilot.press("X", "enter")
        await pilot.pause()
        html = expected.with_suffix(".html").read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>")
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
        assert any(n.startswith("Exported JSON to") for n in recorder.notices)
        await pilot.press("x")
        pilot.app.screen.query_one(Input).value = str(tmp_path / "missing" / "out.json")
        await pilot.press("enter")
        await pilot.pause()
        assert any(n.startswith("Cannot write") for n in recorder.notices)


async def test_e_shows_the_source_location_or_runs_the_editor(run_app, monkeypatch) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        await pilot.press("j", "e", "E")
        await pilot.pause()
        assert recorder.notices[-2:] == [
            f"{screen(pilot).paths[0]}:33",
            f"{screen(pilot).paths[1]}:15",
        ]
        monkeypatch.setenv("EDITOR", "true")
        await pilot.press("k", "e")
        await pilot.pause()
        # The test driver cannot hand the terminal over: the location is shown instead.
        assert recorder.notices[-1].startswith(f"{screen(pilot).paths[0]}:11 (cannot run true")


async def test_every_key_is_in_the_help_and_the_command_palette(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        shown = " ".join(f"{k} {d}" for k, d in pilot.app.screen._rows)
        for expected in (
            "j/↓ next",
            "n next",
            "N prev",
            "v layout",
            "s/6 script",
            "c content",
            "f folded",
            "m similarity",
            "o sort",
            "/ search",
            "x export",
            "q quit",
        ):
            assert expected in shown
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, HelpScreen)
        s = screen(pilot)
        titles = {c.title for c in pilot.app.get_system_commands(s)}
        for binding in s.BINDINGS:
            assert binding.tooltip in titles  # type: ignore[union-attr]
        assert "Quit diffkit" in titles
        await pilot.press("ctrl+p")
        await pilot.press(*"inline")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert s.state.layout == "inline"


async def test_ctrl_d_scrolls_the_diff_and_r_runs_the_analysis_again(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        await pilot.resize_terminal(120, 20)
        await pilot.press("j", "ctrl+d")
        await pilot.pause()
        view = diff_view(pilot)
        assert view.max_scroll_y > 0
        assert view.scroll_y == min(view.size.height // 2, view.max_scroll_y)
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("j", "j")
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(recorder.of(ComparisonReady)) == 2
        assert title(pilot).startswith("#3 ")


async def test_q_quits(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0
        assert not pilot.app.is_running

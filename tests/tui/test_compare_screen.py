"""The comparison screen driven by its keys on the 2023 news (Traditional) and speech
(Simplified) samples, asserting on what is shown.

Expectations are read from the report the screen shows (the core's result), so these tests
follow the core when its alignment improves; the snapshots pin the exact picture.
"""

from __future__ import annotations

import gc
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from diffkit_tui.keys import CATEGORY_CHIPS
from diffkit_tui.messages import AnalysisProgress, ComparisonReady
from diffkit_tui.screens.compare import CompareScreen
from diffkit_tui.screens.help import HelpScreen
from diffkit_tui.subjects import Passage
from diffkit_tui.view_state import NON_CONTENT, at_least
from diffkit_tui.widgets.chips import Chips
from diffkit_tui.widgets.diff_view import DiffView
from diffkit_tui.widgets.key_bar import KeyBar
from diffkit_tui.widgets.location_bar import RANK, LocationBar
from diffkit_tui.widgets.pair_list import PairList
from diffkit_tui.widgets.prompt_bar import PromptBar
from rich.text import Text
from textual.widgets import Input, Static

from diffkit.comparison import CompareReport
from diffkit.folding import fold
from diffkit.model import Pair
from diffkit.pair_kinds import change_of
from diffkit.render import CATEGORY_BADGE, pair_title, visible

from .conftest import Recorder
from .helpers import (
    diff_view,
    is_calm,
    screen,
    shown_line,
    shows_category,
    static_text,
    title,
)

pytestmark = pytest.mark.usefixtures("cached")


def pair_list(pilot: Any) -> PairList:
    return screen(pilot).query_one(PairList)


def report(pilot: Any) -> CompareReport:
    s = screen(pilot)
    assert isinstance(s, CompareScreen) and s.result is not None
    return s.result.report


def heading(pair: Pair) -> str:
    return pair_title(pair).plain


def edit_line(pair: Pair, n: int, hidden: frozenset[str] = frozenset()) -> str:
    shown = [k for k, e in enumerate(pair.edits) if e.category not in hidden]
    e = pair.edits[n]
    return f"edit {shown.index(n) + 1}/{len(shown)} {e.category}  “{e.a_text}” → “{e.b_text}”"


async def test_first_screen_lists_pairs_then_unmatched_passages_and_shows_each(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        r = report(pilot)
        items = pair_list(pilot).items
        assert items[: len(r.pairs)] == list(r.pairs)
        alone = items[len(r.pairs) :]
        assert all(isinstance(i, Passage) for i in alone)
        assert len(alone) == len(r.unmatched_a) + len(r.unmatched_b) > 0
        first = r.pairs[0]
        assert title(pilot).startswith(heading(first))
        assert f"similarity {r.similarity:.0%}" in static_text(pilot, "#summary")
        a, b = diff_view(pilot).halves()[0]
        assert a.startswith(visible(first.a_text)[:8]) and b.startswith(visible(first.b_text)[:8])
        assert diff_view(pilot).plain_rows()[0].startswith(f"{first.a.start_line} ")
        for category in ("script", "content"):
            assert shows_category(pilot, category) == any(
                e.category == category for e in first.edits
            )
        assert recorder.of(AnalysisProgress)[-1].fraction == 1.0
        assert len(recorder.of(ComparisonReady)) == 1
        only_a = r.unmatched_a[0]
        pair_list(pilot).move_to(len(r.pairs))
        await pilot.pause()
        assert title(pilot).startswith(f"only in A  A {only_a.span.start_line}")
        a, b = diff_view(pilot).halves()[0]
        assert a.startswith(visible(only_a.text)[:8]) and b.endswith("(only in A)")


async def test_j_k_arrows_and_clicks_select_pairs(run_app) -> None:
    async with run_app() as pilot:
        pairs = report(pilot).pairs
        await pilot.press("j", "j")
        assert pair_list(pilot).cursor == 2 and title(pilot).startswith(heading(pairs[2]))
        await pilot.press("k")
        assert title(pilot).startswith(heading(pairs[1]))
        await pilot.press("down", "down", "up")
        assert title(pilot).startswith(heading(pairs[2]))
        await pilot.click(PairList, offset=(2, 4))
        await pilot.pause()
        assert pair_list(pilot).cursor == 3 and title(pilot).startswith(heading(pairs[3]))


async def test_n_and_shift_n_move_the_current_edit_then_into_the_next_pair(run_app) -> None:
    async with run_app() as pilot:
        s = screen(pilot)
        first, second = report(pilot).pairs[:2]
        assert len(first.edits) >= 3 and second.edits
        await pilot.press("n")
        assert s.current_edit == 0 and edit_line(first, 0) in title(pilot)
        assert diff_view(pilot).rows.current_row is not None
        await pilot.press("n", "n")
        assert s.current_edit == 2 and edit_line(first, 2) in title(pilot)
        await pilot.press("N")
        assert s.current_edit == 1
        for _ in range(len(first.edits) - 2):
            await pilot.press("n")
        assert pair_list(pilot).cursor == 0 and s.current_edit == len(first.edits) - 1
        await pilot.press("n")
        assert pair_list(pilot).cursor == 1 and s.current_edit == 0
        assert title(pilot).startswith(heading(second)) and edit_line(second, 0) in title(pilot)
        await pilot.press("N")
        assert pair_list(pilot).cursor == 0 and s.current_edit == len(first.edits) - 1


async def test_category_keys_hide_and_show_their_edits(run_app) -> None:
    async with run_app() as pilot:
        first = report(pilot).pairs[0]
        scripts = sum(e.category == "script" for e in first.edits)
        assert scripts and shows_category(pilot, "script")
        await pilot.press("s")
        assert screen(pilot).state.hidden == {"script"}
        assert not shows_category(pilot, "script")
        badge = f"{CATEGORY_BADGE['script']}{scripts} "
        assert badge not in title(pilot) and badge not in pair_list(pilot).row_text(0)
        await pilot.press("p", "a", "w")
        assert screen(pilot).state.hidden == {"script", "punctuation", "annotation", "whitespace"}
        assert not shows_category(pilot, "punctuation")
        await pilot.press("s", "8")
        assert screen(pilot).state.hidden == {"punctuation", "annotation", "whitespace", "content"}
        assert shows_category(pilot, "script") and not shows_category(pilot, "content")
        assert "content" in static_text(pilot, "#statebar")


async def test_hiding_the_current_edit_moves_to_the_next_shown_one(run_app) -> None:
    async with run_app() as pilot:
        pair = report(pilot).pairs[1]
        at = next(n for n, e in enumerate(pair.edits) if e.category == "annotation")
        await pilot.press("j", *["n"] * (at + 1))
        s = screen(pilot)
        assert s.current_edit == at and edit_line(pair, at) in title(pilot)
        await pilot.press("a")
        hidden = frozenset({"annotation"})
        after = next(
            n for n in range(at + 1, len(pair.edits)) if pair.edits[n].category not in hidden
        )
        assert s.current_edit == after and edit_line(pair, after, hidden) in title(pilot)
        assert "edit 0/" not in title(pilot)
        await pilot.press("c")
        assert s.state.hidden == NON_CONTENT
        assert s.current_edit is not None and pair.edits[s.current_edit].category == "content"
        await pilot.press("8")
        assert s.current_edit is None and "edit " not in title(pilot)


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
        first = report(pilot).pairs[0]
        content = [k for k, e in enumerate(first.edits) if e.category == "content"]
        assert len(content) >= 2
        await pilot.press("c", "n", "n")
        s = screen(pilot)
        assert s.current_edit == content[1]
        assert edit_line(first, content[1], NON_CONTENT) in title(pilot)


async def test_v_switches_layout_and_f_shows_the_folded_text(run_app) -> None:
    async with run_app() as pilot:
        assert all(" │ " in row for row in diff_view(pilot).plain_rows()[:2])
        await pilot.press("v")
        assert screen(pilot).state.layout == "inline"
        rows = diff_view(pilot).plain_rows()
        assert " │ " not in rows[0]
        first = report(pilot).pairs[0]
        gutter = diff_view(pilot).rows.gutter
        assert rows[0][:gutter].split() == [str(first.a.start_line), str(first.b.start_line)]
        assert rows[0][gutter:].startswith(visible(first.a_text)[:4])
        await pilot.press("v")
        assert screen(pilot).state.layout == "side-by-side"
        third = report(pilot).pairs[2]
        folded = fold(third.a_text, profile=screen(pilot).fold_profile).text
        assert folded != third.a_text
        await pilot.press("j", "j", "f")
        assert diff_view(pilot).halves()[0][0].startswith(folded[:8])
        assert not shows_category(pilot, "script")
        await pilot.press("f")
        assert diff_view(pilot).halves()[0][0].startswith(visible(third.a_text)[:8])


async def test_m_cycles_the_minimum_similarity(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        r = report(pilot)
        await pilot.press("m")
        assert pair_list(pilot).items == [p for p in r.pairs if p.similarity >= 0.5]
        await pilot.press("m", "m")
        shown_95 = [p for p in r.pairs if int(f"{p.similarity:.0%}"[:-1]) >= 95]
        assert pair_list(pilot).items == shown_95
        # A pair shown as 95% stays under "≥ 95%" though its similarity is a little less.
        assert at_least(0.9481, 0.95) and not at_least(0.9449, 0.95)
        assert "similarity ≥ 95%" in static_text(pilot, "#statebar")
        await pilot.press("m")
        everything = len(r.pairs) + len(r.unmatched_a) + len(r.unmatched_b)
        assert len(pair_list(pilot).items) == everything
        assert "Minimum similarity 95%" in recorder.notices


async def test_o_sorts_by_b_then_by_similarity(run_app) -> None:
    async with run_app() as pilot:
        r = report(pilot)
        await pilot.press("o")
        pairs = [i for i in pair_list(pilot).items if isinstance(i, Pair)]
        assert pairs == sorted(r.pairs, key=lambda p: (p.b.start, p.index))
        await pilot.press("o")
        pairs = [i for i in pair_list(pilot).items if isinstance(i, Pair)]
        assert pairs == sorted(r.pairs, key=lambda p: (p.similarity, p.index))
        assert "sorted by similarity" in static_text(pilot, "#statebar")
        await pilot.press("o")
        pairs = [i for i in pair_list(pilot).items if isinstance(i, Pair)]
        content = [sum(e.category == "content" for e in p.edits) for p in pairs]
        assert content == sorted(content, reverse=True) and content[0] > content[-1]
        assert "sorted by content edits, most first" in static_text(pilot, "#statebar")
        await pilot.press("o")
        assert pair_list(pilot).items[: len(r.pairs)] == list(r.pairs)


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_a_question_stands_on_the_footer_line_and_escape_leaves_all_as_it_was(
    run_app, size
) -> None:
    async with run_app() as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        s = screen(pilot)
        before = pilot.app.screen.focused
        await pilot.press("slash")
        await pilot.pause()
        prompt = pilot.app.screen.query_one(PromptBar)
        assert prompt.is_open and prompt.region.y == size[1] - 1
        # It covers the key bar: what shows on the last row is the question.
        covering, _ = pilot.app.screen.get_widget_at(1, size[1] - 1)
        assert prompt in (covering, *covering.ancestors)
        assert "Search both texts" in shown_line(pilot, "#prompt-title")
        await pilot.press(*"胜利", "escape")
        await pilot.pause()
        assert not prompt.is_open and s.state.query == ""
        assert pilot.app.screen.focused is before
        assert pilot.app.screen.query_one(KeyBar).region.y == size[1] - 1
        assert isinstance(pilot.app.screen.get_widget_at(1, size[1] - 1)[0], KeyBar)


async def test_slash_searches_both_texts_through_folding(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("slash")
        assert isinstance(pilot.app.screen.focused, Input)
        await pilot.press(*"胜利闭幕", "enter")
        s = screen(pilot)
        assert s.state.query == "胜利闭幕"
        items = pair_list(pilot).items
        assert items
        for item in items:
            texts = (item.a_text, item.b_text) if isinstance(item, Pair) else (item.text,)
            assert any("胜利闭幕" in t or "勝利閉幕" in t for t in texts)
        assert any(isinstance(i, Pair) and "勝利閉幕" in i.a_text for i in items)
        assert diff_view(pilot).rows.hits >= 1
        await pilot.press("slash", "ctrl+u", "enter")
        r = report(pilot)
        assert s.state.query == ""
        assert len(pair_list(pilot).items) == len(r.pairs) + len(r.unmatched_a) + len(r.unmatched_b)


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
        assert data["schema"] == "diffkit.compare/1"
        assert len(data["pairs"]) == len(report(pilot).pairs)
        await pilot.press("X", "enter")
        await pilot.pause()
        html = expected.with_suffix(".html").read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>")
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
        assert any(n.startswith("Exported JSON to") for n in recorder.notices)
        expected.write_text("mine", encoding="utf-8")
        await pilot.press("x")
        numbered = expected.with_name(f"{expected.stem}-1.json")
        assert pilot.app.screen.query_one(Input).value == str(numbered)
        pilot.app.screen.query_one(Input).value = str(expected)
        await pilot.press("enter")
        await pilot.pause()
        assert expected.read_text(encoding="utf-8") == "mine"
        assert json.loads(numbered.read_text(encoding="utf-8"))["schema"] == "diffkit.compare/1"
        assert (
            recorder.notices[-1]
            == f"Exported JSON to {numbered} ({expected.name} exists and was kept)"
        )
        await pilot.press("x")
        # A file stands where the folder would be made.
        (tmp_path / "taken").write_text("", encoding="utf-8")
        pilot.app.screen.query_one(Input).value = str(tmp_path / "taken" / "out.json")
        await pilot.press("enter")
        await pilot.pause()
        assert any(n.startswith("Cannot write") for n in recorder.notices)


async def test_e_shows_the_source_location_or_runs_the_editor(run_app, monkeypatch) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        first, second = report(pilot).pairs[:2]
        await pilot.press("j", "e", "E")
        await pilot.pause()
        assert recorder.notices[-2:] == [
            f"{second.a.path}:{second.a.start_line}",
            f"{second.b.path}:{second.b.start_line}",
        ]
        monkeypatch.setenv("EDITOR", "true")
        await pilot.press("k", "e")
        await pilot.pause()
        # The test driver cannot hand the terminal over: the location is shown instead.
        where = f"{first.a.path}:{first.a.start_line}"
        assert recorder.notices[-1].startswith(f"{where} (cannot run true")


async def test_every_key_is_in_the_help_and_the_command_palette(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = dict(help_screen._rows)
        for key in ("k/↑", "N", "v", "s/6", "C", "u", "t", "f", "m", "o", "/", "x", "g/:", "y"):
            assert key in rows
        assert rows["j/↓"] == "Select the next row of the list (a click selects a row too)"
        assert rows["n"] == (
            "Go to the next edit of a shown category, on into the next row that has one"
        )
        assert rows["c"] == (
            "Hide every category but content (shown as plain text, skipped by n), "
            "or show them all again"
        )
        assert rows["8"] == "Hide or show content edits (hidden: plain text, skipped by n)"
        assert rows["q"] == "Quit diffkit"
        texts = " ".join(
            str(w.content.plain if isinstance(w.content, Text) else w.content)
            for w in help_screen.query(Static)
        )
        for badge in ("C content", "A annotation", "F width", "K case", "S script"):
            assert badge in texts
        assert "line numbers in documents A and B" in texts
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
        tallest = max(
            range(len(report(pilot).pairs)), key=lambda n: len(report(pilot).pairs[n].a_text)
        )
        await pilot.resize_terminal(120, 16)
        pair_list(pilot).move_to(tallest)
        await pilot.press("ctrl+d")
        await pilot.pause()
        view = diff_view(pilot)
        assert view.max_scroll_y > 0
        assert view.scroll_y == min(view.size.height // 2, view.max_scroll_y)
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert view.scroll_y == 0
        await pilot.press("r")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert len(recorder.of(ComparisonReady)) == 2
        assert pair_list(pilot).cursor == tallest


async def test_q_quits(run_app) -> None:
    async with run_app() as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0
        assert not pilot.app.is_running


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_the_footer_keys_fit_the_terminal_side_by_side(run_app, size) -> None:
    async with run_app() as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        bar = pilot.app.screen.query_one(KeyBar)
        entries = bar.entries
        assert len(entries) >= 6
        shown = {e.binding.action for e in entries}
        assert {"help", "quit", "command_palette"} <= shown
        assert all(e.end <= size[0] for e in entries)
        assert all(a.end <= b.start for a, b in pairwise(entries))
        line = bar.render_line(0).text
        # Each key shows its key and its words, and nothing else stands on the line.
        words = [f"{pilot.app.get_key_display(e.binding)} {e.binding.description}" for e in entries]
        assert line.split() == " ".join(words).split()


async def test_a_click_on_a_footer_key_runs_it(run_app) -> None:
    async with run_app() as pilot:
        bar = pilot.app.screen.query_one(KeyBar)
        help_key = next(e for e in bar.entries if e.binding.action == "help")
        await pilot.click(KeyBar, offset=(help_key.start + 1, 0))
        await pilot.pause()
        assert isinstance(pilot.app.screen, HelpScreen)


def content_count(pair: Pair) -> int:
    return sum(e.category == "content" for e in pair.edits)


async def test_a_cross_script_pair_opens_calm_with_content_counted_first(run_app) -> None:
    async with run_app() as pilot:
        r = report(pilot)
        s = screen(pilot)
        assert s.state.calm
        assert is_calm(pilot, "script") and is_calm(pilot, "annotation")
        assert shows_category(pilot, "content")
        changed = sum(1 for p in r.pairs if content_count(p))
        summary = static_text(pilot, "#summary")
        assert summary.startswith(
            f"content {r.counts()['content']} in {changed} of {len(r.pairs)} pairs"
        )
        assert "calm" in static_text(pilot, "#statebar")
        await pilot.press("t")
        assert not s.state.calm and not is_calm(pilot, "script")
        assert shows_category(pilot, "script")
        await pilot.press("t")
        assert s.state.calm and is_calm(pilot, "script")
        await pilot.press("v")
        assert is_calm(pilot, "script") and shows_category(pilot, "content")
        await pilot.press("t")
        assert not is_calm(pilot, "script") and shows_category(pilot, "script")


async def test_shift_c_reviews_content_edits_and_unmatched_passages_only(run_app) -> None:
    async with run_app() as pilot:
        r = report(pilot)
        s = screen(pilot)
        everything = len(pair_list(pilot).items)
        await pilot.press("C")
        assert s.state.hidden == NON_CONTENT and s.state.changed_only
        items = pair_list(pilot).items
        changed = [p for p in r.pairs if content_count(p)]
        assert items == [*changed, *items[len(changed) :]]
        assert len(items) == len(changed) + len(r.unmatched_a) + len(r.unmatched_b)
        assert len(changed) < len(r.pairs)
        assert not shows_category(pilot, "script") and shows_category(pilot, "content")
        assert "content edits and unmatched only" in static_text(pilot, "#statebar")
        await pilot.press("n")
        assert title(pilot).split("\n")[1].startswith(f"edit 1/{content_count(changed[0])} content")
        await pilot.press("C")
        assert s.state.hidden == frozenset() and not s.state.changed_only
        assert len(pair_list(pilot).items) == everything
        await pilot.press("u")
        assert s.state.changed_only and s.state.hidden == frozenset()
        assert len(pair_list(pilot).items) == len(items)


@pytest.mark.parametrize(
    ("size", "layout"),
    [((120, 14), "side"), ((80, 24), "side"), ((80, 17), "inline"), ((100, 15), "inline")],
)
async def test_n_and_shift_n_keep_both_halves_of_the_current_edit_in_view(
    run_app, size, layout
) -> None:
    async with run_app() as pilot:
        await pilot.resize_terminal(*size)
        pair = report(pilot).pairs[1]
        await pilot.press("j", *(["v"] if layout == "inline" else []))
        view = diff_view(pilot)
        assert len(view.rows.rows) > view.content_height
        seen: set[float] = set()
        for key in ["n"] * len(pair.edits) + ["N"] * 10:
            await pilot.press(key)
            await pilot.pause()
            rows = view.rows
            assert rows.current_row is not None and rows.current_end is not None
            assert view.scroll_y <= rows.current_row
            # An edit taller than the view starts at its top.
            tall = rows.current_end - rows.current_row >= view.content_height
            assert rows.current_end < view.scroll_y + view.content_height or (
                tall and view.scroll_y == rows.current_row
            )
            seen.add(view.scroll_y)
        assert len(seen) > 1


async def test_the_list_stands_above_the_diff_below_120_columns_and_z_zooms(run_app) -> None:
    async with run_app() as pilot:
        lists, detail = (pilot.app.screen.query_one(s) for s in ("#lists", "#detail"))
        assert lists.region.right <= detail.region.x and lists.region.width == 50
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert lists.region.width == 40
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert lists.region.width == 60
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert lists.region.bottom <= detail.region.y and detail.region.width == 100
        wide = diff_view(pilot).content_width
        await pilot.press("z")
        await pilot.pause()
        assert lists.region.height == 0 and detail.region.y == 2
        assert diff_view(pilot).content_height > 20
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert diff_view(pilot).content_width > wide
        await pilot.press("z")
        await pilot.pause()
        assert lists.region.right <= detail.region.x and lists.region.width == 60


async def test_help_fits_80_columns_and_says_what_keys_do(run_app) -> None:
    async with run_app() as pilot:
        await pilot.resize_terminal(80, 24)
        await pilot.press("question_mark")
        await pilot.pause()
        box = pilot.app.screen.query_one("#help").region
        assert box.x >= 0 and box.right <= 80 and box.bottom <= 24


async def test_n_typed_right_after_j_goes_to_the_new_pairs_first_edit(run_app) -> None:
    async with run_app() as pilot:
        second = report(pilot).pairs[1]
        s = screen(pilot)
        s.action_move(1)
        s.action_difference(1)
        await pilot.pause()
        assert pair_list(pilot).cursor == 1 and s.current_edit == 0
        assert edit_line(second, 0) in title(pilot)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_the_state_bar_keeps_a_filter_in_view_and_every_chip_clickable(run_app, size) -> None:
    async with run_app() as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        s = screen(pilot)
        await pilot.press("C")
        await pilot.pause()
        painted = shown_line(pilot, "#statebar")
        assert "content edits and unmatched only" in painted
        keys = [key for _, key, _ in CATEGORY_CHIPS]
        assert all(f" {key} " in painted for key in keys)
        if size[0] >= 100:
            await pilot.press("m", "m", "m")
            await pilot.pause()
            assert "similarity ≥ 95%" in shown_line(pilot, "#statebar")
        chips = pilot.app.screen.query_one(Chips).chips
        by_action = {action: start for start, _, action in chips}
        assert all(end <= size[0] for _, end, _ in chips)
        await pilot.click("#statebar", offset=(by_action["toggle_category('whitespace')"] + 1, 0))
        await pilot.pause()
        assert "whitespace" not in s.state.hidden


async def test_the_chips_show_their_keys_and_a_click_toggles_them(run_app) -> None:
    async with run_app() as pilot:
        s = screen(pilot)
        bar = static_text(pilot, "#statebar")
        assert bar.startswith(" 8 content   t calm ") and " s script " in bar
        chips = pilot.app.screen.query_one(Chips).chips
        by_action = {action: start for start, _, action in chips}
        await pilot.click("#statebar", offset=(by_action["toggle_category('script')"] + 2, 0))
        await pilot.pause()
        assert s.state.hidden == {"script"} and not shows_category(pilot, "script")
        await pilot.click("#statebar", offset=(by_action["calm"] + 2, 0))
        await pilot.pause()
        assert not s.state.calm


async def test_g_goes_to_a_line_of_a_or_b(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        r = report(pilot)
        await pilot.resize_terminal(120, 14)
        target = r.pairs[1]
        line = target.b.start_line
        await pilot.press("g", *f"b{line}", "enter")
        await pilot.pause()
        assert pair_list(pilot).selected == target
        view = diff_view(pilot)
        assert view.rows.lines[round(view.scroll_y)][1] == line
        only = r.unmatched_a[3]
        await pilot.press("colon", *str(only.span.start_line), "enter")
        await pilot.pause()
        selected = pair_list(pilot).selected
        assert isinstance(selected, Passage) and selected.span == only.span
        await pilot.press("g", *"99999", "enter")
        await pilot.pause()
        assert recorder.notices[-1] == "No passage listed holds line 99999 of A."
        await pilot.press("g", *"x1", "enter")
        await pilot.pause()
        assert recorder.notices[-1] == "Not a line number: x1"


async def test_y_copies_the_current_edit_or_the_passage(run_app) -> None:
    async with run_app() as pilot:
        first = report(pilot).pairs[0]
        await pilot.press("y")
        assert pilot.app.clipboard == first.a_text
        await pilot.press("Y")
        assert pilot.app.clipboard == first.b_text
        await pilot.press("n", "Y")
        assert pilot.app.clipboard == first.edits[0].b_text
        await pilot.press("y")
        assert pilot.app.clipboard == first.edits[0].a_text


async def test_the_shown_result_is_kept_out_of_the_garbage_collectors_full_passes(
    run_app,
) -> None:
    gc.unfreeze()
    async with run_app() as pilot:
        assert gc.get_freeze_count() > 0
        screen(pilot).analyse()
        assert gc.get_freeze_count() == 0
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert gc.get_freeze_count() > 0
    gc.unfreeze()


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_location_bar_maps_both_documents_and_a_click_goes_there(run_app, size) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        bar = pilot.app.screen.query_one(LocationBar)
        r = report(pilot)
        height = bar.size.height - bar.HEADER
        assert height >= 10 and bar.size.width == 3
        a_len = len(pilot.app.screen.result.documents[0].text)
        b_len = len(pilot.app.screen.result.documents[1].text)
        for doc, length, spans in (
            (0, a_len, [(p, p.a) for p in r.pairs]),
            (1, b_len, [(p, p.b) for p in r.pairs]),
        ):
            rows = bar.rows(doc)
            assert len(rows) == height
            for pair, span in spans:
                y = min(int(span.start / length * height), height - 1)
                assert rows[y][0] >= RANK[change_of(pair)], (doc, pair.index)
        for passage in r.unmatched_a:
            y = min(int(passage.span.start / a_len * height), height - 1)
            assert bar.rows(0)[y][0] == RANK["only"]
        moved = next(p for p in r.pairs if p.moved)
        y = min(int(moved.b.start / b_len * height), height - 1)
        token = bar.rows(1)[y][1]
        await pilot.click(LocationBar, offset=(2, y + bar.HEADER))
        await pilot.pause()
        assert pair_list(pilot).selected_key == token
        strip = bar.render_line(y + bar.HEADER)
        assert strip.text[2] == "◀"


async def test_braces_select_the_next_and_previous_change(run_app) -> None:
    async with run_app() as pilot:
        items = pair_list(pilot).items
        changed = [
            n
            for n, item in enumerate(items)
            if not isinstance(item, Pair) or change_of(item) != "same"
        ]
        assert len(changed) >= 3
        await pilot.press("right_curly_bracket")
        expected = changed[0] if changed[0] > 0 else changed[1]
        assert pair_list(pilot).cursor == expected
        await pilot.press("right_curly_bracket", "left_curly_bracket")
        assert pair_list(pilot).cursor == expected


async def test_mouse_selection_in_a_column_copies_that_side_only(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        view = diff_view(pilot)
        rows = view.rows.rows
        at = rows[0].plain.find(" │ ")
        assert at > 0
        a_text = "".join(a for a, _ in view.halves()[:3])
        b_text = "".join(b for _, b in view.halves()[:3])
        # From the first character of B's column on row 0 to the end of row 2.
        origin = view.content_region.offset - view.region.offset
        start_x = rows[0][: at + len(" │ ") + view.rows.gutter].cell_len
        await pilot.mouse_down(DiffView, offset=(origin.x + start_x, origin.y))
        end = (origin.x + rows[2].cell_len - 1, origin.y + 2)
        await pilot.hover(DiffView, offset=end)
        await pilot.mouse_up(DiffView, offset=end)
        await pilot.pause()
        selected = pilot.app.screen.get_selected_text()
        assert selected and selected.replace("\n", "") == b_text.replace("⏎", "")
        assert not (set(selected) & set(a_text) - set(b_text)) or a_text == b_text
        assert "│" not in selected
        await pilot.press("y")
        assert recorder.notices[-1] == f"Copied the selection: {len(selected)} characters"


async def test_hiding_a_category_rebadges_the_rows_and_keeps_them(run_app) -> None:
    async with run_app() as pilot:
        lst = pair_list(pilot)
        items = list(lst.items)
        script = CATEGORY_BADGE["script"]
        first = lst.items[0]
        assert isinstance(first, Pair)
        count = sum(e.category == "script" for e in first.edits)
        assert f"{script}{count}" in lst.row_text(0)
        await pilot.press("j", "s")
        await pilot.pause()
        assert lst.items == items and lst.cursor == 1
        assert f"{script}{count}" not in lst.row_text(0)
        await pilot.press("s")
        await pilot.pause()
        assert f"{script}{count}" in lst.row_text(0)

"""The app on real pairs that once stopped its analysis or hid what a key asked for.

The bash manual page pair is two lines of the zh_CN and zh_TW pages (tests/data/README.md):
their regional fold inserts characters after the line break is folded away, and the search
index the app builds from every pair's text folded them through a map that ran past its end.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from diffkit_tui.messages import AnalysisFailed, ComparisonReady
from diffkit_tui.screens.compare import CompareScreen
from diffkit_tui.view_state import at_least
from diffkit_tui.widgets.diff_view import DiffView
from diffkit_tui.widgets.pair_list import PairList

from diffkit.model import Pair

from .conftest import Recorder
from .helpers import screen

DATA = Path(__file__).resolve().parents[1] / "data"
BASH_MAN = (DATA / "bash-man-zh-cn-322-323.txt", DATA / "bash-man-zh-tw-322-323.txt")


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_the_bash_manual_page_pair_is_listed_and_searchable(run_app, size) -> None:
    recorder = Recorder()
    async with run_app(BASH_MAN, recorder) as pilot:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert not recorder.of(AnalysisFailed)
        assert len(recorder.of(ComparisonReady)) == 1
        s = screen(pilot)
        assert isinstance(s, CompareScreen) and s.result is not None
        items = s.query_one(PairList).items
        assert [p.a.start_line for p in items if isinstance(p, Pair)] == [1]
        await pilot.press("slash", *"执行文件", "enter")
        await pilot.pause()
        found = s.query_one(PairList).items
        assert len(found) == 1 and "執行檔案" in found[0].b_text


@pytest.mark.usefixtures("cached")
async def test_go_to_a_line_the_search_hides_clears_the_search_and_goes(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        s = screen(pilot)
        assert isinstance(s, CompareScreen) and s.result is not None
        lst = s.query_one(PairList)
        await pilot.press("slash", *"胜利闭幕", "enter")
        await pilot.pause()
        listed = lst.items
        target = next(p for p in s.result.report.pairs[::-1] if p not in listed)
        line = target.b.start_line
        await pilot.press("colon", *f"b{line}", "enter")
        await pilot.pause()
        assert s.state.query == ""
        assert recorder.notices[-1] == f"Cleared search “胜利闭幕” to show line {line} of B."
        selected = lst.selected
        assert isinstance(selected, Pair) and selected.b.start_line <= line <= selected.b.end_line
        view = s.query_one(DiffView)
        assert view.rows.lines[round(view.scroll_y)][1] == line
        await pilot.press("m", "m", "m", "colon", *f"b{line}", "enter")
        await pilot.pause()
        assert s.state.min_similarity == 0.0 or at_least(target.similarity, 0.95)
        assert lst.selected == selected
        await pilot.press("g", *"99999", "enter")
        await pilot.pause()
        assert recorder.notices[-1] == "No passage listed holds line 99999 of A."

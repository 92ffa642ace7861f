"""The duplicates screen driven by its keys on the 2023 Simplified speech, which repeats
several passages (resolutions quoted twice, a paragraph copied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from diffkit_tui.screens.duplicates import DuplicatesScreen
from diffkit_tui.widgets.cluster_list import ClusterList, MemberList
from textual.widgets import Input

from diffkit.model import Pair

from .conftest import Recorder
from .helpers import diff_view, screen, shows_category, title

pytestmark = pytest.mark.usefixtures("cached")
SPEECH = (Path(__file__).resolve().parents[2] / "samples" / "2023-closing-speech-simplified.txt",)


def lists(pilot: object) -> tuple[ClusterList, MemberList]:
    s = screen(pilot)  # type: ignore[arg-type]
    return s.query_one(ClusterList), s.query_one(MemberList)


async def test_first_screen_shows_clusters_members_and_the_first_repeat(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        assert isinstance(pilot.app.screen, DuplicatesScreen)
        clusters, members = lists(pilot)
        assert [c.id for c in clusters.items] == [0, 1, 2, 3, 4, 5]
        assert [len(c.members) for c in clusters.items] == [2, 2, 3, 4, 2, 2]
        assert len(members.items) == 2 and members.cursor == 1
        assert members.row_text(0).startswith(" ★ line 35")
        assert title(pilot).startswith("#0 member 2/2  100%")
        rows = diff_view(pilot).plain_rows()
        assert rows[0].startswith("刘正兴表示，市人大常委会要始终") and " │ 刘正兴表示" in rows[0]
        assert "1 document · 6 clusters · 9 repeats" in str(
            screen(pilot).query_one("#summary").content  # type: ignore[attr-defined]
        )


async def test_j_k_move_clusters_and_enter_escape_move_between_the_lists(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        clusters, members = lists(pilot)
        await pilot.press("j", "j", "j")
        assert clusters.cursor == 3 and len(members.items) == 4
        assert title(pilot).startswith("#3 member 2/4")
        await pilot.press("enter")
        assert members.has_focus
        await pilot.press("j", "j")
        assert members.cursor == 3 and title(pilot).startswith("#3 member 4/4")
        await pilot.press("k", "k", "k")
        assert members.cursor == 0
        assert title(pilot).startswith("#3 member 1/4  first occurrence  line 59")
        assert diff_view(pilot).plain_rows()[0].endswith("(first occurrence)")
        await pilot.press("escape", "k")
        assert clusters.has_focus and clusters.cursor == 2


async def test_n_goes_through_edits_then_members_then_clusters(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        clusters, members = lists(pilot)
        s = screen(pilot)
        await pilot.press("n")
        assert clusters.cursor == 2 and members.cursor == 1 and s.current_edit == 0
        assert "edit 1/1 content" in title(pilot)
        await pilot.press("n")
        assert clusters.cursor == 2 and members.cursor == 2 and s.current_edit == 0
        await pilot.press("n")
        assert clusters.cursor == 3 and members.cursor == 1
        await pilot.press("N")
        assert clusters.cursor == 2 and members.cursor == 2
        found = s.current()
        assert found is not None and isinstance(found[1], Pair)


async def test_filter_sort_and_search_clusters(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        clusters, _ = lists(pilot)
        await pilot.press("m", "m", "m")
        assert [c.id for c in clusters.items] == [0, 1]
        await pilot.press("m", "o")
        assert clusters.items[0].id == 5
        await pilot.press("o")
        assert clusters.items[0].id == 3
        await pilot.press("o", "slash", *"劉正興", "enter")
        found = clusters.items
        assert 0 < len(found) < 6 and found[0].id == 0
        assert all(any("刘正兴" in m.text for m in c.members) for c in found)


async def test_categories_layout_and_folding_apply_to_the_member_diff(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        await pilot.press("j", "j", "j")
        assert shows_category(pilot, "content")
        await pilot.press("8")
        assert not shows_category(pilot, "content")
        await pilot.press("v")
        assert " │ " not in diff_view(pilot).plain_rows()[0]
        await pilot.press("v", "f")
        assert screen(pilot).state.folded


async def test_export_json_and_no_html_for_duplicates(run_app, tmp_path: Path) -> None:
    recorder = Recorder()
    async with run_app(SPEECH, recorder) as pilot:
        await pilot.press("x", "enter")
        await pilot.pause()
        written = tmp_path / "diffkit-duplicates-2023-closing-speech-simplified.json"
        data = json.loads(written.read_text(encoding="utf-8"))
        assert data["schema"] == "diffkit.dedupe/1" and len(data["clusters"]) == 6
        await pilot.press("X")
        await pilot.pause()
        assert not pilot.app.screen.query(Input)
        assert "HTML export is for comparisons; use JSON here." in recorder.notices


async def test_e_and_shift_e_show_the_member_and_the_first_occurrence(run_app) -> None:
    recorder = Recorder()
    async with run_app(SPEECH, recorder) as pilot:
        await pilot.press("e", "E")
        await pilot.pause()
        assert recorder.notices[-2:] == [f"{SPEECH[0]}:45", f"{SPEECH[0]}:35"]


async def test_help_and_palette_hold_the_shared_keys_and_the_screen_s_own(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        titles = {c.title for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert {"Go to the next difference", "Back to the clusters", "Quit diffkit"} <= titles
        await pilot.press("question_mark")
        rows = dict(pilot.app.screen._rows)  # type: ignore[attr-defined]
        assert rows["n"] == "next" and rows["escape"] == "clusters" and rows["q"] == "quit"

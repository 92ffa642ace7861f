"""The duplicates screen driven by its keys on the 2023 Simplified speech, which repeats
several passages (resolutions quoted twice, a paragraph copied).

Expectations are read from the report the screen shows, so the tests follow the core.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from diffkit_tui.screens.duplicates import DuplicatesScreen
from diffkit_tui.widgets.cluster_list import ClusterList, MemberList
from diffkit_tui.widgets.prompt_bar import PromptBar
from textual.widgets import Input, Label

from diffkit.deduplication import DedupeReport
from diffkit.model import Pair

from .conftest import PAIR, Recorder
from .helpers import diff_view, screen, shows_category, static_text, title

pytestmark = pytest.mark.usefixtures("cached")
SPEECH = (PAIR[1],)


def lists(pilot: Any) -> tuple[ClusterList, MemberList]:
    s = screen(pilot)
    return s.query_one(ClusterList), s.query_one(MemberList)


def report(pilot: Any) -> DedupeReport:
    s = screen(pilot)
    assert isinstance(s, DuplicatesScreen) and s.result is not None
    return s.result.report


def edit_walk(r: DedupeReport) -> list[tuple[int, int, int]]:
    """(cluster position, member, edit) in the order n visits them."""
    return [
        (at, m, e)
        for at, c in enumerate(r.clusters)
        for m in range(1, len(c.members))
        for e in range(len(c.members[m].edits))
    ]


async def test_first_screen_shows_clusters_members_and_the_first_repeat(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        r = report(pilot)
        clusters, members = lists(pilot)
        assert clusters.items == list(r.clusters) and len(r.clusters) >= 4
        first = r.clusters[0]
        assert members.items == list(first.members) and members.cursor == 1
        assert members.row_text(0).startswith(f" ★ line {first.members[0].span.start_line}")
        assert title(pilot).startswith(f"#{first.id} member 2/{len(first.members)}")
        a, b = diff_view(pilot).halves()[0]
        assert a.startswith(first.members[0].text[:8]) and b.startswith(first.members[1].text[:8])
        summary = static_text(pilot, "#summary")
        assert f"1 document · {len(r.clusters)} clusters · {r.duplicates} repeats" in summary


async def test_j_k_move_clusters_and_enter_escape_move_between_the_lists(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        r = report(pilot)
        clusters, members = lists(pilot)
        big = max(range(len(r.clusters)), key=lambda n: (len(r.clusters[n].members), -n))
        size = len(r.clusters[big].members)
        assert size >= 3
        await pilot.press(*["j"] * big)
        assert clusters.cursor == big and len(members.items) == size
        assert title(pilot).startswith(f"#{r.clusters[big].id} member 2/{size}")
        await pilot.press("enter")
        assert members.has_focus
        await pilot.press("j")
        assert members.cursor == 2 and title(pilot).startswith(f"#{r.clusters[big].id} member 3/")
        await pilot.press("k", "k", "k")
        assert members.cursor == 0
        rep = r.clusters[big].representative
        assert title(pilot).startswith(
            f"#{r.clusters[big].id} member 1/{size}  first occurrence  line {rep.span.start_line}"
        )
        assert diff_view(pilot).plain_rows()[0].endswith("(first occurrence)")
        await pilot.press("escape", "k")
        assert clusters.has_focus and clusters.cursor == big - 1


async def test_n_goes_through_edits_then_members_then_clusters(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        walk = edit_walk(report(pilot))
        assert len(walk) >= 3
        clusters, members = lists(pilot)
        s = screen(pilot)
        for at, member, edit in walk[:3]:
            await pilot.press("n")
            assert (clusters.cursor, members.cursor, s.current_edit) == (at, member, edit)
            assert "edit " in title(pilot)
        await pilot.press("N")
        assert (clusters.cursor, members.cursor, s.current_edit) == walk[1]
        found = s.current()
        assert found is not None and isinstance(found[1], Pair)


async def test_filter_sort_and_search_clusters(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        r = report(pilot)
        clusters, _ = lists(pilot)
        await pilot.press("m", "m", "m")
        assert clusters.items == [c for c in r.clusters if c.similarity >= 0.95]
        await pilot.press("m", "o")
        assert clusters.items == sorted(r.clusters, key=lambda c: (c.similarity, c.id))
        await pilot.press("o")
        assert clusters.items == sorted(r.clusters, key=lambda c: (-len(c.members), c.id))
        await pilot.press("o", "slash", *"劉正興", "enter")
        found = clusters.items
        assert found == [c for c in r.clusters if any("刘正兴" in m.text for m in c.members)]
        assert 0 < len(found) < len(r.clusters)


async def test_categories_layout_and_folding_apply_to_the_member_diff(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        at, member, _ = edit_walk(report(pilot))[0]
        await pilot.press("n")
        category = report(pilot).clusters[at].members[member].edits[0].category
        assert shows_category(pilot, category)
        await pilot.press("c" if category != "content" else "8")
        assert not shows_category(pilot, category)
        await pilot.press("v")
        assert " │ " not in diff_view(pilot).plain_rows()[0]
        await pilot.press("v", "f")
        assert screen(pilot).state.folded


async def test_export_offers_the_duplicates_formats_of_the_registry(
    run_app, tmp_path: Path
) -> None:
    recorder = Recorder()
    async with run_app(SPEECH, recorder) as pilot:
        await pilot.press("x", "enter")
        await pilot.pause()
        written = tmp_path / "diffkit-duplicates-2023-closing-speech-simplified.json"
        data = json.loads(written.read_text(encoding="utf-8"))
        assert data["schema"] == "diffkit.dedupe/1"
        assert len(data["clusters"]) == len(report(pilot).clusters)
        await pilot.press("X")
        await pilot.pause()
        assert not pilot.app.screen.query_one(PromptBar).is_open
        assert recorder.notices[-1] == (
            "No HTML export here; the name's extension chooses among: json, jsonl, csv"
        )
        await pilot.press("x")
        field = pilot.app.screen.query_one(Input)
        assert "json, jsonl, csv" in str(pilot.app.screen.query_one("#prompt-title", Label).content)
        field.value = str(tmp_path / "members.csv")
        await pilot.press("enter")
        await pilot.pause()
        with (tmp_path / "members.csv").open(encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        assert len(rows) == 1 + sum(len(c.members) for c in report(pilot).clusters)


async def test_e_and_shift_e_show_the_member_and_the_first_occurrence(run_app) -> None:
    recorder = Recorder()
    async with run_app(SPEECH, recorder) as pilot:
        rep, repeat = report(pilot).clusters[0].members[:2]
        await pilot.press("e", "E")
        await pilot.pause()
        assert recorder.notices[-2:] == [
            f"{repeat.span.path}:{repeat.span.start_line}",
            f"{rep.span.path}:{rep.span.start_line}",
        ]


async def test_help_and_palette_hold_the_shared_keys_and_the_screen_s_own(run_app) -> None:
    async with run_app(SPEECH) as pilot:
        titles = {c.title for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert {
            "Go to the next edit of a shown category, on into the next row that has one",
            "Back to the clusters",
            "Quit diffkit",
        } <= titles
        await pilot.press("question_mark")
        rows = dict(pilot.app.screen._rows)  # type: ignore[attr-defined]
        assert rows["n"].startswith("Go to the next edit") and rows["q"] == "Quit diffkit"
        assert rows["escape"] == "Back to the clusters"


async def test_duplicates_in_one_script_open_with_every_category_in_full(run_app) -> None:
    async with run_app((PAIR[1],)) as pilot:
        assert not screen(pilot).state.calm

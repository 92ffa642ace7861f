"""The duplicates screen on the five seed documents: members of several files, filtered and
grouped by path, previews that tell clusters apart, and why a member below the threshold
joined its cluster. The analysis runs for real."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from diffkit_tui.screens.duplicates import DuplicatesScreen
from diffkit_tui.widgets.cluster_list import ClusterList, MemberList, middle

from diffkit.deduplication import DedupeReport, pair_similarity
from diffkit.model import Pair

from ..conftest import SEEDS
from .helpers import screen, shown_line


def parts(pilot: Any) -> tuple[DuplicatesScreen, DedupeReport, ClusterList, MemberList]:
    s = screen(pilot)
    assert isinstance(s, DuplicatesScreen) and s.result is not None
    return s, s.result.report, s.query_one(ClusterList), s.query_one(MemberList)


async def test_previews_tell_clusters_apart_and_names_are_cut_in_the_middle(run_app) -> None:
    async with run_app(SEEDS) as pilot:
        _, r, clusters, members = parts(pilot)
        texts = {c.representative.text for c in r.clusters}
        previews = {clusters.preview_of(c) for c in r.clusters}
        assert len(previews) == len(texts) > 5
        several = next(c for c in r.clusters if len({m.span.path for m in c.members}) > 1)
        await pilot.press(*["j"] * r.clusters.index(several))
        for n, m in enumerate(members.items):
            row = members.row_text(n)
            name = Path(m.span.path).name
            shown = middle(name, 16 - len(str(m.span.start_line)) - 1)
            assert f"{shown}:{m.span.start_line}" in row
            assert shown[:4] == name[:4] and shown[-4:] == name[-4:]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)])
async def test_members_filter_and_group_by_path(run_app, size) -> None:
    async with run_app(SEEDS) as pilot:
        await pilot.resize_terminal(*size)
        s, r, _, members = parts(pilot)
        several = max(r.clusters, key=lambda c: len({m.span.path for m in c.members}))
        await pilot.press(*["j"] * r.clusters.index(several))
        assert members.items == list(several.members)
        await pilot.press("G")
        paths = [m.span.path for m in members.items[1:]]
        assert members.items[0].representative and paths == sorted(paths)
        assert sorted(members.items, key=id) == sorted(several.members, key=id)
        wanted = Path(paths[-1]).stem[-8:]
        await pilot.press("F", *wanted, "enter")
        await pilot.pause()
        assert all(wanted in m.span.path for m in members.items[1:]) and members.items[1:]
        members.move_to(len(members.items) - 1)
        await pilot.pause()
        found = s.current()
        assert found is not None and isinstance(found[1], Pair)
        assert found[1].b == members.items[-1].span
        await pilot.press("F", "ctrl+u", "enter", "G")
        await pilot.pause()
        assert members.items == list(several.members)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
async def test_a_member_below_the_threshold_says_which_member_it_joined_through(
    run_app, size
) -> None:
    async with run_app(SEEDS, linkage="single") as pilot:
        await pilot.resize_terminal(*size)
        s, r, _, members = parts(pilot)
        cluster, n = next(
            (c, k)
            for c in r.clusters
            for k, m in enumerate(c.members)
            if m.similarity < r.threshold
        )
        await pilot.press(*["j"] * r.clusters.index(cluster))
        members.move_to(n)
        await pilot.pause()
        near, similarity = s.joined_through(cluster, n)
        text = cluster.members[n].text
        assert similarity >= r.threshold and near not in (0, n)
        assert similarity == pair_similarity(text, cluster.members[near].text)
        line = cluster.members[near].span.start_line
        # On the screen, not cut off by the names before it.
        shown = shown_line(pilot, "#title")
        assert "joined through" in shown and f":{line} ({similarity:.0%})" in shown
        assert f"member {n + 1}/{len(cluster.members)}" in shown

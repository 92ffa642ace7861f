"""The duplicates screen's member filter (``F``) lists the clusters that have a member there,
and says on the summary line that a filter is on, how many clusters it leaves and of how
many. Without it a cluster with no member in the files asked for stayed listed, empty but for
its first occurrence, and nothing on screen told that members were hidden. The analysis runs
for real on the five seed documents."""

from __future__ import annotations

from pathlib import Path

from diffkit_tui.screens.duplicates import DuplicatesScreen
from diffkit_tui.widgets.cluster_list import ClusterList, MemberList

from ..conftest import SEEDS
from .helpers import screen, static_text


async def test_the_member_filter_lists_only_clusters_with_a_member_there_and_says_so(
    run_app,
) -> None:
    async with run_app(SEEDS) as pilot:
        s = screen(pilot)
        assert isinstance(s, DuplicatesScreen) and s.result is not None
        report = s.result.report
        clusters, members = s.query_one(ClusterList), s.query_one(MemberList)
        assert clusters.items == list(report.clusters)
        # A document that holds members of some clusters, not of all.
        stems = {Path(m.span.path).stem for c in report.clusters for m in c.members}
        holding = {
            stem: [c for c in report.clusters if any(stem in m.span.path for m in c.members)]
            for stem in stems
        }
        stem = min(stems, key=lambda t: (len(holding[t]) == len(report.clusters), t))
        assert 0 < len(holding[stem]) < len(report.clusters)
        await pilot.press("F", *stem, "enter")
        await pilot.pause()
        assert clusters.items == holding[stem]
        for n in range(len(clusters.items)):
            clusters.move_to(n)
            await pilot.pause()
            assert all(stem in m.span.path for m in members.items if not m.representative)
            assert any(stem in m.span.path for m in members.items)
        summary = static_text(pilot, "#summary")
        assert f"“{stem}”, {len(holding[stem])} of {len(report.clusters)}" in summary
        # First on the line, so that an 80-column terminal's cut never hides it.
        assert summary.index(f"of {len(report.clusters)}") < 60
        await pilot.press("F", "ctrl+u", "enter")
        await pilot.pause()
        assert clusters.items == list(report.clusters)
        assert stem not in static_text(pilot, "#summary")

"""The member filter's count on the duplicates screen says what the cluster list shows: of
the clusters the similarity filter, the changed-only filter and the search leave, how many
have a member in the files asked for. Counted over every cluster, it went on counting the
clusters a minimum similarity had hidden. The analysis runs for real on the five seed
documents."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from diffkit_tui.screens.duplicates import DuplicatesScreen
from diffkit_tui.widgets.cluster_list import ClusterList

from ..conftest import SEEDS
from .helpers import screen, static_text


async def test_the_member_filter_counts_the_clusters_the_list_shows(run_app) -> None:
    async with run_app(SEEDS) as pilot:
        s = screen(pilot)
        assert isinstance(s, DuplicatesScreen) and s.result is not None
        report = s.result.report
        clusters = s.query_one(ClusterList)
        stems = sorted({Path(m.span.path).stem for c in report.clusters for m in c.members})
        # The document and the minimum similarity under which the similarity filter hides
        # some of the clusters with a member there, and leaves some.
        chosen = None
        for stem in stems:
            held = [c for c in report.clusters if any(stem in m.span.path for m in c.members)]
            levels = sorted({c.similarity for c in held})
            if len(levels) > 1:
                chosen = stem, held, levels[-1]
                break
        assert chosen is not None
        stem, held, level = chosen
        await pilot.press("F", *stem, "enter")
        await pilot.pause()
        assert f"“{stem}”, {len(held)} of {len(report.clusters)}" in static_text(pilot, "#summary")
        s.state = replace(s.state, min_similarity=level)
        await pilot.pause()
        left = [c for c in report.clusters if c.similarity >= level]
        shown = [c for c in left if any(stem in m.span.path for m in c.members)]
        assert clusters.items == shown and 0 < len(shown) < len(held)
        summary = static_text(pilot, "#summary")
        assert f"“{stem}”, {len(shown)} of {len(left)}" in summary
        assert not re.search(rf"{len(held)} of {len(report.clusters)}\b", summary)
        s.state = replace(s.state, min_similarity=0.0)
        await pilot.pause()
        assert f"“{stem}”, {len(held)} of {len(report.clusters)}" in static_text(pilot, "#summary")

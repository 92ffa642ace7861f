"""Splitting a linked group into clusters costs work in proportion to the group, however
long a chain of small edits holds it together."""

from __future__ import annotations

import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import diffkit
from diffkit.deduplication import api, clusters

SPEECH = Path(__file__).parent.parent / "samples" / "2023-closing-speech-simplified.txt"


def _chain(path: Path, n: int, width: int = 40) -> Path:
    """``n`` paragraphs, each ``width`` characters of the speech, one character on from the
    last: one linked group whose ends have nothing in common."""
    text = "".join(SPEECH.read_text(encoding="utf-8").split())
    text = (text * (1 + (n + width) // len(text)))[: n + width]
    path.write_text("\n\n".join(text[i : i + width] + "。" for i in range(n)) + "\n", "utf-8")
    return path


def _cluster_and_outliers(path: Path, n: int, m: int, width: int = 40) -> Path:
    """``n`` copies of a paragraph of the speech, each with one character changed (one
    cluster of ``n`` keys), then ``m`` paragraphs shifted on from it one character at a time
    (a chain linked to the cluster, split into clusters of its own)."""
    text = "".join(SPEECH.read_text(encoding="utf-8").split())
    chars = list(dict.fromkeys(text))
    para = text[:width]
    copies = [para[: i % width] + chars[i // width] + para[i % width + 1 :] for i in range(n)]
    chain = [text[i : i + width] for i in range(1, m + 1)]
    path.write_text("\n\n".join(p + "。" for p in copies + chain) + "\n", "utf-8")
    return path


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many lines of the splitting's module run while it splits: every key it scans and
    every pair it scores is a turn of one of its loops."""
    count = [0]
    real = api._split

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            count[0] += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename == clusters.__file__ else None

    def traced(*args: Any) -> Any:
        sys.settrace(tracer)
        try:
            return real(*args)
        finally:
            sys.settrace(None)

    monkeypatch.setattr(api, "_split", traced)
    return count


@pytest.mark.parametrize("linkage", ["star", "single"])
def test_a_cluster_with_outliers_four_times_as_large_costs_about_four_times_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linkage: str
) -> None:
    """The keys a large cluster took are not scanned again by each later representative
    (star) or member (single)."""
    count = _counting(monkeypatch)
    work, sizes = [], []
    for n, m in ((2000, 400), (8000, 800)):
        count[0] = 0
        path = _cluster_and_outliers(tmp_path / f"{n}.txt", n, m)
        report = diffkit.dedupe(path, diffs=False, linkage=linkage)  # type: ignore[arg-type]
        assert max(len(c.members) for c in report.clusters) > 0.9 * n
        assert len(report.clusters) > m // 20
        work.append(count[0])
        sizes.append(n + m)
    assert work[1] <= 1.25 * work[0] * sizes[1] / sizes[0], work


@pytest.mark.parametrize("linkage", ["star", "single"])
def test_a_chain_twice_as_long_costs_at_most_twice_the_comparisons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linkage: str
) -> None:
    count = _counting(monkeypatch)
    scored = []
    for n in (2000, 4000):
        count[0] = 0
        report = diffkit.dedupe(_chain(tmp_path / f"{n}.txt", n), diffs=False, linkage=linkage)  # type: ignore[arg-type]
        assert sum(len(c.members) for c in report.clusters) > n // 2
        scored.append(count[0])
    assert scored[1] <= 2.2 * scored[0], scored


def test_past_the_budget_the_star_clusters_are_those_of_comparing_every_unit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chain = _chain(tmp_path / "chain.txt", 3000)
    bounded = diffkit.dedupe(chain, diffs=False)
    monkeypatch.setattr(clusters, "BUDGET", 10**9)
    every = diffkit.dedupe(chain, diffs=False)
    assert len(bounded.clusters) > 100
    assert bounded.to_json() == every.to_json()

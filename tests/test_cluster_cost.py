"""Splitting a linked group into clusters costs work in proportion to the group, however
long a chain of small edits holds it together."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import diffkit
from diffkit.deduplication import clusters

SPEECH = Path(__file__).parent.parent / "samples" / "2023-closing-speech-simplified.txt"


def _chain(path: Path, n: int, width: int = 40) -> Path:
    """``n`` paragraphs, each ``width`` characters of the speech, one character on from the
    last: one linked group whose ends have nothing in common."""
    text = "".join(SPEECH.read_text(encoding="utf-8").split())
    text = (text * (1 + (n + width) // len(text)))[: n + width]
    path.write_text("\n\n".join(text[i : i + width] + "。" for i in range(n)) + "\n", "utf-8")
    return path


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many pairs the splitting scores, through either of its scoring functions."""
    count = [0]

    def wrap(name: str) -> None:
        real: Callable[..., Any] | None = getattr(clusters, name, None)
        if real is None:
            return

        def counted(*args: Any) -> Any:
            count[0] += len(args[0]) if isinstance(args[0], list) else 1
            return real(*args)

        monkeypatch.setattr(clusters, name, counted)

    wrap("_pair_scores")
    wrap("pair_similarity_of_keys")
    return count


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

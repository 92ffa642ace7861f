"""Full garbage collections wait until the app is at rest: none runs in the middle of keys."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from typing import Any

import pytest
from diffkit_tui.collector import REST, RestingCollector


@pytest.fixture
def full_collections() -> Iterator[list[float]]:
    """When each full collection started."""
    started: list[float] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "start" and info["generation"] == 2:
            started.append(time.monotonic())

    gc.callbacks.append(seen)
    yield started
    gc.callbacks.remove(seen)


def test_a_due_full_collection_waits_for_rest_and_thresholds_come_back(
    full_collections: list[float],
) -> None:
    before = gc.get_threshold()
    due = before[2]  # middle-generation collections after which a full one is due
    collector = RestingCollector()
    collector.start()
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 1_000_000
        for _ in range(due):
            gc.collect(1)
        assert gc.get_count()[2] >= due  # the interpreter would have run a full one by now
        collector.input()
        assert not collector.tick() and not full_collections
        assert collector.tick(time.monotonic() + REST)
        assert len(full_collections) == 1 and gc.get_count()[2] == 0
        assert not collector.tick(time.monotonic() + REST)  # none is due any more
    finally:
        collector.stop()
    assert gc.get_threshold() == before


async def test_no_full_collection_runs_while_keys_come(
    run_app, full_collections: list[float]
) -> None:
    keys = ("j", "j", "k", "n", "N", "v", "v", "c", "c", "t", "t", "u", "u", "z", "z")
    keys += ("left_square_bracket", "right_square_bracket", "o", "o", "o", "o")
    pressed: list[float] = []
    async with run_app() as pilot:
        for key in keys * 4:
            pressed.append(time.monotonic())
            await pilot.press(key)
            await pilot.pause()
        # One is allowed only a rest after the last key before it (a slow machine may take
        # that long between two keys); the interpreter's own ones run while a key is handled.
        early = [
            t
            for t in full_collections
            if t >= pressed[0] and t - max(p for p in pressed if p <= t) < REST
        ]
        assert not early
    assert gc.get_threshold()[2] < 1_000_000

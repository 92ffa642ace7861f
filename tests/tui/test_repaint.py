"""What a key repaints: only the rows it changes, so keys stay fast on a full screen."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from diffkit_tui.widgets.diff_view import DiffView
from diffkit_tui.widgets.pair_list import PairList

from .helpers import diff_view, screen


@pytest.fixture
def painted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many rows each view painted."""
    counts: Counter[str] = Counter()
    for cls in (DiffView, PairList):
        original = cls.render_line

        def counted(self: Any, y: int, original: Any = original, name: str = cls.__name__) -> Any:
            counts[name] += 1
            return original(self, y)

        monkeypatch.setattr(cls, "render_line", counted)
    return counts


async def press(pilot: Any, painted: Counter[str], *keys: str) -> Counter[str]:
    await pilot.pause()
    painted.clear()
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.pause()
    return Counter(painted)


async def test_keys_repaint_only_the_rows_they_change(run_app, painted: Counter[str]) -> None:
    async with run_app() as pilot:
        await pilot.press("j")
        view = diff_view(pilot)
        height = view.content_height
        assert len(view.rows.rows) > 3
        # The next edit of the same pair: its rows and the rows of the edit before it.
        seen = await press(pilot, painted, "n")
        assert screen(pilot).current_edit is not None
        assert 0 < seen["DiffView"] <= 4 < height
        # The next pair: the two rows of the list the cursor left and reached.
        seen = await press(pilot, painted, "j")
        assert seen["PairList"] == 2 and seen["DiffView"] >= min(height, len(view.rows.rows))
        # The search question at the foot of the screen leaves the diff alone.
        seen = await press(pilot, painted, "slash")
        assert seen["DiffView"] == 0
        # The list it takes the focus from paints again only its cursor's row.
        assert seen["PairList"] <= 1
        await press(pilot, painted, "escape")

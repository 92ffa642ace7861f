"""Snapshots of the main screens at 120x40, of the comparison at 80x24, 100x30 and 160x45, and
of the inline layout at 80x24 and 100x30 (pytest-textual-snapshot).

Regenerate after a deliberate change with ``pytest --snapshot-update tests/tui`` and look at
the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from diffkit_tui.app import DiffkitApp

from .conftest import PAIR, SIZE, settle

ROOT = Path(__file__).resolve().parents[2]
Snap = Callable[..., bool]


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., DiffkitApp]:
    """An app on paths relative to the repository, as a user would type them."""
    monkeypatch.chdir(ROOT)

    def make(*paths: Path) -> DiffkitApp:
        return DiffkitApp([p.relative_to(ROOT) for p in paths], export_dir=tmp_path)

    return make


def test_comparison_screen(snap_compare: Snap, app: Callable[..., DiffkitApp]) -> None:
    assert snap_compare(app(*PAIR), terminal_size=SIZE, run_before=settle)


def test_comparison_inline_on_an_edit(snap_compare: Snap, app: Callable[..., DiffkitApp]) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "n", "n", "v")

    assert snap_compare(app(*PAIR), terminal_size=SIZE, run_before=before)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_inline_numbers_every_row_on_a_small_terminal(
    snap_compare: Snap, app: Callable[..., DiffkitApp], size: tuple[int, int]
) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("j", "n", "n", "v")

    assert snap_compare(app(*PAIR), terminal_size=size, run_before=before)


def test_duplicates_screen(snap_compare: Snap, app: Callable[..., DiffkitApp]) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "j")

    assert snap_compare(app(PAIR[1]), terminal_size=SIZE, run_before=before)


def test_document_screen(snap_compare: Snap, app: Callable[..., DiffkitApp]) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("j", "j", "d")
        await pilot.pause()

    assert snap_compare(app(*PAIR), terminal_size=SIZE, run_before=before)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
def test_comparison_on_an_edit_fits_the_terminal(
    snap_compare: Snap, app: Callable[..., DiffkitApp], size: tuple[int, int]
) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("j", "n", "n", "n")

    assert snap_compare(app(*PAIR), terminal_size=size, run_before=before)


def test_help_fits_80_columns(snap_compare: Snap, app: Callable[..., DiffkitApp]) -> None:
    async def before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("question_mark")

    assert snap_compare(app(*PAIR), terminal_size=(80, 24), run_before=before)

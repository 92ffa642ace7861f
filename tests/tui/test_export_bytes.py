"""The app's export writes the bytes the command line writes for the same report and format,
down to the final line break (JSON Lines files are joined with ``cat``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input

from diffkit.cli import cli

from .conftest import PAIR

pytestmark = pytest.mark.usefixtures("cached")
SPEECH = (PAIR[1],)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
async def test_the_duplicates_export_is_the_command_lines_report_byte_for_byte(
    run_app, tmp_path: Path, fmt: str
) -> None:
    exported = tmp_path / f"exported.{fmt}"
    async with run_app(SPEECH) as pilot:
        await pilot.press("x")
        pilot.app.screen.query_one(Input).value = str(exported)
        await pilot.press("enter")
        await pilot.pause()
    printed = tmp_path / f"printed.{fmt}"
    result = CliRunner().invoke(
        cli, ["dedupe", str(SPEECH[0]), "--format", fmt, "--report", str(printed)]
    )
    assert result.exit_code == 0, result.stderr
    assert printed.read_bytes().endswith(b"\n")
    assert exported.read_bytes() == printed.read_bytes()

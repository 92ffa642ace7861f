"""Inputs the app cannot show are refused before it starts, in one line, as ``compare``
refuses them: an empty file, one of blank lines, a binary one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from diffkit_tui import analysis
from diffkit_tui.app import DiffkitApp

from diffkit.cli import cli

from .conftest import PAIR


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def started(self: DiffkitApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the app started")

    monkeypatch.setattr(DiffkitApp, "run", started)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "is empty"),
        (b" \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks binary"),
    ],
    ids=["empty", "blank", "binary"],
)
@pytest.mark.parametrize("second", [True, False], ids=["comparison", "duplicates"])
def test_a_bad_file_named_ends_in_one_line_and_exit_2(
    no_app: None, tmp_path: Path, content: bytes, said: str, second: bool
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    args = ["tui", str(bad), *([str(PAIR[1])] if second else [])]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diffkit: error: ")
    assert str(bad) in lines[0] and said in lines[0]


def test_a_large_binary_file_is_refused_by_its_head(
    no_app: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(analysis, "WHOLE_CHECK", 4096)
    big = tmp_path / "big.bin"
    big.write_bytes(b"text\n" * 10 + b"\x00\x01" * 5000)
    result = CliRunner().invoke(cli, ["tui", str(big), str(PAIR[1])])
    assert result.exit_code == 2 and "looks binary" in result.output


def test_good_files_start_the_app(no_app: None) -> None:
    result = CliRunner().invoke(cli, ["tui", *map(str, PAIR)])
    assert isinstance(result.exception, AssertionError)
    assert str(result.exception) == "the app started"

"""Folders, globs and URLs the app cannot show are refused before it starts, in the line
``diffkit dedupe`` gives for them, with exit status 2."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from diffkit_tui.app import DiffkitApp

from diffkit.cli import cli

from .conftest import PAIR


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    def started(self: DiffkitApp, *args: object, **kwargs: object) -> None:
        raise AssertionError("the app started")

    monkeypatch.setattr(DiffkitApp, "run", started)


def _empty(tmp: Path) -> str:
    (tmp / "empty").mkdir()
    return str(tmp / "empty")


def _hidden_only(tmp: Path) -> str:
    (tmp / "hidden").mkdir()
    (tmp / "hidden" / ".notes.txt").write_text("有内容的隐藏文件。\n", encoding="utf-8")
    return str(tmp / "hidden")


@pytest.mark.parametrize(
    ("source", "said"),
    [
        (_empty, "no input files found in"),
        (_hidden_only, "no input files found in"),
        (lambda tmp: str(tmp / "nothing" / "*.txt"), "no file matches"),
        (lambda tmp: "gopher://x/y", "Protocol not known: gopher"),
        (lambda tmp: str(tmp / "missing.txt"), "no such file or directory"),
    ],
    ids=["empty-folder", "hidden-only", "glob", "protocol", "missing"],
)
def test_a_source_with_nothing_to_show_is_refused_as_dedupe_refuses_it(
    no_app: None, tmp_path: Path, source: Callable[[Path], str], said: str
) -> None:
    named = source(tmp_path)
    shown = CliRunner().invoke(cli, ["tui", named])
    deduped = CliRunner().invoke(cli, ["dedupe", named])
    assert shown.exit_code == deduped.exit_code == 2
    lines = shown.output.strip().splitlines()
    assert lines == deduped.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("diffkit: error: ")
    assert named in lines[0] and said in lines[0]


def test_a_url_the_app_cannot_open_is_one_line(no_app: None, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "一段足够长的文字，用来确认这个文件确实有内容。\n", encoding="utf-8"
    )
    url = tmp_path.as_uri()
    shown = CliRunner().invoke(cli, ["tui", url])
    assert shown.exit_code == 2
    assert (
        shown.output.strip()
        == f"diffkit: error: {url}: the app reads local files, folders and globs, not URLs"
    )


def test_a_glob_that_matches_files_starts_the_app(no_app: None) -> None:
    folder = PAIR[0].parent
    shown = CliRunner().invoke(cli, ["tui", str(folder / "*.txt")])
    assert isinstance(shown.exception, AssertionError)
    assert str(shown.exception) == "the app started"

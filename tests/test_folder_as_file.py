"""A folder named where a file is wanted: the library says what the commands say.

``compare`` and ``diff`` read files; a one-line ``str`` naming a folder that exists is a
mistaken path, not text to compare, and the error says it is a directory (not that nothing
is there, which sends a user looking for a typo)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import diffkit
from diffkit.cli import cli

from .conftest import SPEECH_2023_SIMP


@pytest.mark.parametrize("inside", [[], ["a.txt"]], ids=["empty", "holding a file"])
@pytest.mark.parametrize("spelled", ["nested", "bare"])
def test_a_folder_given_to_compare_is_a_directory_error_as_the_command_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inside: list[str], spelled: str
) -> None:
    folder = tmp_path / "bad" / "emptydir"
    folder.mkdir(parents=True)
    for name in inside:
        (folder / name).write_text("各位代表：\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "bad")
    named = "emptydir" if spelled == "bare" else str(folder)
    result = CliRunner().invoke(cli, ["compare", named, str(SPEECH_2023_SIMP)])
    assert result.exit_code == 2
    message = result.stderr.strip().removeprefix("diffkit: error: ")
    for verb in (diffkit.compare, diffkit.diff):
        with pytest.raises(diffkit.FileMissingError) as caught:
            verb(named, str(SPEECH_2023_SIMP))
        assert str(caught.value) == message == f"{named}: is a directory, not a file"


def test_text_that_names_a_folder_is_still_text_when_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "各位代表").mkdir()
    monkeypatch.chdir(tmp_path)
    assert diffkit.diff(diffkit.Text("各位代表"), diffkit.Text("各位代表")).similarity == 1.0

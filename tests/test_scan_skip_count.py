"""A folder's scan counts every file it leaves out, a link to nothing as much as a file that
cannot be read as text: the closing line's count matches the warnings before it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from diffkit.cli import cli

from .conftest import SPEECH_2023_SIMP


def _dedupe(folder: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["dedupe", str(folder), "--report", "/dev/null"])
    return result.exit_code, result.stderr


def test_a_link_to_nothing_is_counted_among_the_files_skipped(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "bin.dat").write_bytes(SPEECH_2023_SIMP.read_bytes()[:200] + b"\0" * 64)
    (tmp_path / "empty.txt").write_bytes(b"")
    code, err = _dedupe(tmp_path)
    assert code == 2
    warned = err.count("diffkit: warning: skipped")
    assert warned == 3 and "is a link to nothing" in err
    assert err.splitlines()[-1] == "diffkit: error: no readable input files (3 files skipped)"


def test_a_folder_holding_only_a_link_to_nothing_says_it_was_skipped(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    code, err = _dedupe(tmp_path)
    assert code == 2
    assert err.splitlines()[-1] == "diffkit: error: no readable input files (1 file skipped)"


def test_a_link_to_nothing_beside_text_is_skipped_and_the_text_read(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "speech.txt").write_bytes(SPEECH_2023_SIMP.read_bytes())
    code, err = _dedupe(tmp_path)
    assert code == 0
    assert len(re.findall("skipped", err)) == 1

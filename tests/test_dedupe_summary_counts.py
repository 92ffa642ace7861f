"""The summary of ``dedupe --output`` counts as de-duplicated only the files something was
removed from, as ``--in-place`` does: a file copied as it is was not de-duplicated."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from diffkit.cli import cli

from .conftest import SAMPLES

REPEATS = ("2023-closing-speech-simplified.txt", "2020-closing-speech-and-resolutions-wrapped.txt")
NONE = ("2021-standing-committee-report.txt", "2023-closing-speech-news-traditional.txt")


def _said(*args: str) -> str:
    result = CliRunner().invoke(cli, ["dedupe", *args, "--report", "/dev/null"])
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_output_and_in_place_count_the_same_de_duplicated_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in REPEATS + NONE:
        shutil.copy(SAMPLES / name, folder / name)
    out = tmp_path / "out"
    copied = _said(str(folder), "--output", str(out))
    records = sorted(p.name for p in out.glob("*.removed.json"))
    wrote = re.search(r"wrote (\d+) de-duplicated files?", copied)
    assert wrote is not None and int(wrote.group(1)) == len(records) < len(REPEATS + NONE)
    assert f"{len(REPEATS + NONE) - len(records)} files had nothing to remove (copied" in copied
    in_place = _said(str(folder), "--in-place")
    assert wrote.group(0) in in_place

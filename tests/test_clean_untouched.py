"""A file nothing is removed from gets no removal record, with --output as with --in-place,
and the summary says how many there were."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from diffkit.cli import cli

from .conftest import SAMPLES

REPEATS = "2023-closing-speech-simplified.txt"
NONE = "2021-standing-committee-report.txt"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (REPEATS, NONE):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    return folder


def _dedupe(*args: str) -> str:
    result = CliRunner().invoke(cli, ["dedupe", *args, "--report", "/dev/null"])
    assert result.exit_code == 0, result.stderr
    return result.stderr


def test_output_copies_an_untouched_file_without_a_record_and_says_so(tmp_path: Path) -> None:
    folder, out = _folder(tmp_path), tmp_path / "out"
    out.mkdir()
    # A record an earlier run left beside the copy would put back text it never lost.
    (out / f"{NONE}.removed.json").write_text('{"removed": [{"offset": 0}]}', encoding="utf-8")
    said = _dedupe(str(folder), "--output", str(out))
    assert sorted(p.name for p in out.iterdir()) == [NONE, REPEATS, f"{REPEATS}.removed.json"]
    assert (out / NONE).read_bytes() == (folder / NONE).read_bytes()
    record = json.loads((out / f"{REPEATS}.removed.json").read_text(encoding="utf-8"))
    assert record["removed"] and "wrote 1 de-duplicated file:" in said
    assert "1 file had nothing to remove (copied as they are, with no record)" in said


def test_in_place_leaves_an_untouched_file_alone_and_says_so(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    before = (folder / NONE).stat()
    said = _dedupe(str(folder), "--in-place")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [NONE, REPEATS, f"{REPEATS}.bak", f"{REPEATS}.removed.json"]
    )
    assert (folder / NONE).stat().st_mtime_ns == before.st_mtime_ns
    assert "wrote 1 de-duplicated file" in said
    assert "1 file had nothing to remove (left as they are)" in said

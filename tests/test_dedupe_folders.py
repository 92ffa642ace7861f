"""``diffkit.dedupe`` reads a folder as ``diffkit dedupe`` does: a folder with nothing to read
is an error, a file in it that is no text is left out with a warning, a file named that is no
text is an error on both."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import diffkit
from diffkit.cli import cli
from diffkit.loading import SkippedInputWarning

DATA = Path(__file__).parent / "data"
GUIDE = ("maint-guide-zh-cn-section-1.1.txt", "maint-guide-zh-tw-section-1.1.txt")


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["dedupe", *args])
    return result.exit_code, result.stdout, result.stderr


def _guide_with_a_binary(folder: Path) -> Path:
    """The guide's section in both scripts and a gzip of it: a real file that is no text."""
    folder.mkdir()
    for name in GUIDE:
        shutil.copy(DATA / name, folder / name)
    binary = folder / "maint-guide-zh-cn-section-1.1.txt.gz"
    binary.write_bytes(gzip.compress((DATA / GUIDE[0]).read_bytes()))
    return binary


def test_an_empty_folder_is_the_error_the_cli_gives(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    code, _, err = _cli(str(empty))
    with pytest.raises(diffkit.UsageError) as caught:
        diffkit.dedupe(str(empty))
    assert code == 2 and err.splitlines() == [f"diffkit: error: {caught.value}"]
    with pytest.raises(diffkit.UsageError, match="no input files found"):
        diffkit.dedupe([empty])


def test_a_binary_in_a_folder_is_skipped_with_the_cli_s_warning(tmp_path: Path) -> None:
    binary = _guide_with_a_binary(tmp_path / "guide")
    code, out, err = _cli(str(tmp_path / "guide"), "--format", "json")
    with pytest.warns(SkippedInputWarning) as warned:
        report = diffkit.dedupe(str(tmp_path / "guide"))
    assert code == 0
    assert [f"diffkit: warning: {w.message}" for w in warned] == err.splitlines()
    assert str(binary) in str(warned[0].message)
    assert [d.path for d in report.documents] == [str(tmp_path / "guide" / n) for n in GUIDE]
    assert report.clusters  # the two scripts of the section share paragraphs
    assert json.loads(report.to_json()) == json.loads(out)


def test_a_binary_named_is_an_error_on_both(tmp_path: Path) -> None:
    binary = _guide_with_a_binary(tmp_path / "guide")
    code, _, err = _cli(str(binary))
    with pytest.raises(diffkit.BinaryInputError) as caught:
        diffkit.dedupe([str(binary), str(tmp_path / "guide" / GUIDE[0])])
    assert code == 2 and err.splitlines() == [f"diffkit: error: {caught.value}"]


def test_a_folder_of_nothing_readable_is_the_error_the_cli_gives(tmp_path: Path) -> None:
    binary = _guide_with_a_binary(tmp_path / "guide")
    only = tmp_path / "only"
    only.mkdir()
    binary.rename(only / binary.name)
    code, _, err = _cli(str(only))
    with pytest.warns(SkippedInputWarning), pytest.raises(diffkit.UsageError) as caught:
        diffkit.dedupe(only)
    assert code == 2 and err.splitlines()[-1] == f"diffkit: error: {caught.value}"

"""Nothing is lost: mistyped paths fail, backups and inputs are never overwritten, written
files look like any other file, and folder scans pass over diffkit's own records."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import diffkit
from diffkit.cli import cli

from .conftest import SPEECH_2023_SIMP


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stderr


def test_a_mistyped_path_fails_instead_of_being_compared_as_text() -> None:
    with pytest.raises(diffkit.FileMissingError, match="simplifed"):
        diffkit.assert_no_duplicates("samples/2023-closing-speech-simplifed.txt")
    with pytest.raises(diffkit.FileMissingError):
        diffkit.compare("nosuch.txt", SPEECH_2023_SIMP)
    assert diffkit.load("一句话。").text == "一句话。"


def test_a_second_in_place_run_keeps_the_first_backup(tmp_path: Path) -> None:
    page = tmp_path / "speech.txt"
    page.write_bytes(SPEECH_2023_SIMP.read_bytes())
    assert _run("dedupe", str(page), "--in-place", "--threshold", "0.95", "-q")[0] == 0
    # Near repeats are removed only when asked: then the second run has something to remove.
    assert _run("dedupe", str(page), "--in-place", "--threshold", "0.75", "--remove-near")[0] == 0
    assert (tmp_path / "speech.txt.bak").read_bytes() == SPEECH_2023_SIMP.read_bytes()
    assert (tmp_path / "speech.txt.bak.1").exists() and (
        tmp_path / "speech.txt.removed.json.1"
    ).exists()


def test_output_onto_the_inputs_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "speech.txt"
    page.write_bytes(SPEECH_2023_SIMP.read_bytes())
    code, err = _run("dedupe", str(tmp_path), "--output", str(tmp_path), "-q")
    assert code == 2 and "would overwrite the input" in err
    assert page.read_bytes() == SPEECH_2023_SIMP.read_bytes()


def test_written_files_keep_ordinary_permissions(tmp_path: Path) -> None:
    page = tmp_path / "speech.txt"
    page.write_bytes(SPEECH_2023_SIMP.read_bytes())
    os.chmod(page, 0o640)
    _run("dedupe", str(page), "--in-place", "-q")
    assert stat.S_IMODE(page.stat().st_mode) == 0o640
    report = tmp_path / "report.html"
    _run("compare", str(SPEECH_2023_SIMP), str(page), "--format", "html", "-o", str(report))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(report.stat().st_mode) == 0o666 & ~umask


def test_folder_scans_skip_own_records_and_unreadable_files(tmp_path: Path) -> None:
    page = tmp_path / "speech.txt"
    page.write_bytes(SPEECH_2023_SIMP.read_bytes())
    _run("dedupe", str(page), "--in-place", "--remove-near", "-q")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG\x00\x00\x00")
    code, err = _run("dedupe", str(tmp_path), "--check")
    assert code == 0, err  # the cleaned file, not its backup or record
    assert "skipped" in err and "picture.png" in err


def test_unwritable_report_fails_before_the_work(tmp_path: Path) -> None:
    # A file stands where the report's folder would be made.
    (tmp_path / "no").write_text("", encoding="utf-8")
    code, err = _run(
        "compare",
        str(SPEECH_2023_SIMP),
        str(SPEECH_2023_SIMP),
        "-o",
        str(tmp_path / "no" / "r.html"),
    )
    assert code == 2 and err.startswith("diffkit: error:") and "Traceback" not in err
    code, err = _run(
        "dedupe", str(SPEECH_2023_SIMP), "--report", str(tmp_path / "no" / "r.json"), "-q"
    )
    assert code == 2 and err.count("\n") == 1
    assert (tmp_path / "no").read_text(encoding="utf-8") == ""


def test_stdin_cannot_be_cleaned(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dedupe", "-", "--output", str(tmp_path)], input="一段。\n")
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_a_report_goes_through_a_link_and_into_a_pipe(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(target)
    code, _ = _run("dedupe", str(SPEECH_2023_SIMP), "--format", "json", "--report", str(link))
    assert code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["clusters"]
    # A rename would put a plain file where the pipe (or /dev/null) was.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(
        target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True
    )
    reader.start()
    code, _ = _run("dedupe", str(SPEECH_2023_SIMP), "--format", "jsonl", "--report", str(fifo))
    reader.join(timeout=60)
    assert code == 0 and stat.S_ISFIFO(fifo.stat().st_mode)
    lines = [json.loads(line) for line in received[0].splitlines()]
    assert lines and {line["schema"] for line in lines} == {"diffkit.dedupe/1"}

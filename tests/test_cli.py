"""The `diffkit` command as scripts and people use it: output, exit codes, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from diffkit.cli import cli

from .conftest import NEWS_2023_TRAD, SPEECH_2020, SPEECH_2023_SIMP


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_segments_text_lists_line_ranges_original_and_folded() -> None:
    code, out, _ = run("segments", str(NEWS_2023_TRAD))
    assert code == 0
    assert "28 paragraphs" in out
    assert "完成(chéng)各項議程" in out
    assert "folded  12月27日上午,衡阳市第十六届人民代表大会第三次会议圆满完成各项议程" in out


def test_segments_json_has_spans_in_the_original_file() -> None:
    code, out, _ = run("segments", str(SPEECH_2023_SIMP), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "diffkit.segments/1"
    para = next(s for s in data["segments"] if s["start_line"] == 31)
    assert para["end_line"] == 33
    lines = SPEECH_2023_SIMP.read_text(encoding="utf-8").splitlines()
    assert para["text"].startswith(lines[30].strip()[:10])


def test_segments_sentences_and_skipped_steps() -> None:
    code, out, _ = run(
        "segments", str(NEWS_2023_TRAD), "--sentences", "--skip", "script", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["granularity"] == "sentence"
    assert "script" not in data["steps"]
    assert any("會議" in s["folded"] for s in data["segments"])


def test_bad_inputs_give_one_line_and_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02")
    for args in (
        ["segments", str(tmp_path / "nope.txt")],
        ["segments", str(binary)],
        ["segments", str(tmp_path)],
        ["segments", "x.txt", "--skip", "colour"],
    ):
        code, out, err = run(*args)
        assert code == 2, args
        assert err.count("\n") == 1 and err.startswith("diffkit: error: "), err
        assert "Traceback" not in err + out


def test_an_unreadable_file_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a user without the right sees it (the tests may run as root, who reads everything).
    locked = tmp_path / "locked.txt"
    locked.write_text(SPEECH_2023_SIMP.read_text(encoding="utf-8"), encoding="utf-8")
    os_open = os.open

    def refused(path: str, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == locked.name:
            raise PermissionError(13, "Permission denied")
        return os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path).name != locked.name)
    monkeypatch.setattr(os, "open", refused)
    for args in (["segments", str(locked)], ["compare", str(SPEECH_2023_SIMP), str(locked)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [f"diffkit: error: {locked}: permission denied"]


def test_a_folder_with_no_files_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["dedupe", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"diffkit: error: no input files found in {tmp_path / 'empty'}"
    ]


def test_an_empty_file_is_bad_input_unless_a_folder_scan_meets_it(tmp_path: Path) -> None:
    empty, blank = tmp_path / "empty.txt", tmp_path / "blank.txt"
    empty.write_text("", encoding="utf-8")
    blank.write_text(" \n\u3000\n", encoding="utf-8")
    for args in (
        ("segments", str(empty)),
        ("compare", str(SPEECH_2023_SIMP), str(blank)),
        ("dedupe", str(empty)),
    ):
        code, out, err = run(*args)
        assert code == 2, args
        assert err.count("\n") == 1 and err.startswith("diffkit: error: "), err
        assert "is empty" in err and "Traceback" not in err + out
    # In a folder, an empty file is passed over with a warning, as an unreadable one is.
    (tmp_path / "speech.txt").write_bytes(SPEECH_2023_SIMP.read_bytes())
    code, out, err = run("dedupe", str(tmp_path), "--format", "json")
    assert code == 0 and err.count("skipped") == 2 and "is empty" in err
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(tmp_path / "speech.txt")]


def test_a_report_is_never_written_over_an_input(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(SPEECH_2023_SIMP.read_bytes())
    b.write_bytes(NEWS_2023_TRAD.read_bytes())
    for args in (
        ("dedupe", str(a), "--format", "json", "--report", str(a)),
        ("dedupe", str(tmp_path), "--format", "json", "--report", str(b)),
        ("compare", str(a), str(b), "--format", "json", "-o", str(b)),
    ):
        code, _, err = run(*args)
        assert code == 2, args
        assert err.count("\n") == 1 and "is an input" in err, err
    assert a.read_bytes() == SPEECH_2023_SIMP.read_bytes()
    assert b.read_bytes() == NEWS_2023_TRAD.read_bytes()


def test_a_folder_with_nothing_readable_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("\n \n", encoding="utf-8")
    code, _, err = run("dedupe", str(tmp_path), "--check")
    assert code == 2
    assert err.count("skipped") == 3 and "no readable input files (2 files skipped)" in err


def test_every_command_has_help_with_an_example() -> None:
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert command.help, name
        code, out, _ = run(name, "--help")
        assert code == 0 and "Example" in out, name


def test_version_and_console_script() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "diffkit", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.startswith("diffkit, version ")


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    # Six copies of the speech: every paragraph repeats, far more JSON than a pipe holds.
    corpus = tmp_path / "six-copies.txt"
    corpus.write_text("\n\n".join([SPEECH_2023_SIMP.read_text(encoding="utf-8")] * 6), "utf-8")
    for fmt in ("jsonl", "text"):  # text goes through rich, which has a handler of its own
        command = [sys.executable, "-m", "diffkit", "dedupe", str(corpus), "--format", fmt, "-q"]
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
            assert proc.stdout is not None and proc.stderr is not None
            first = proc.stdout.readline()
            proc.stdout.close()
            assert proc.wait(timeout=120) == 141
            assert proc.stderr.read() == b""
        if fmt == "jsonl":
            assert json.loads(first)["size"] == 6


def test_quiet_dedupe_says_nothing_but_errors(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "speech.txt").write_text(SPEECH_2020.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    runner = CliRunner()
    args = ["dedupe", str(folder), "--output", str(tmp_path / "out"), "--format", "json"]
    loud = runner.invoke(cli, args)
    assert "warning: skipped" in loud.stderr and "diffkit: " in loud.stderr
    quiet = runner.invoke(cli, [*args[:-2], "--format", "json", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    assert json.loads(quiet.stdout)["clusters"]

"""Clean copies that cannot be written are refused before anything is read or written: a
run that fails at its end has spent its time, and would have left its report behind."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import pytest
from click.testing import CliRunner

from diffkit.cli import cli, dedupe as dedupe_command

from .conftest import SPEECH_2023_SIMP


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding the speech, and a CLI that fails the test if it reads an input."""

    def read_inputs(*args: object, **kwargs: object) -> NoReturn:
        raise AssertionError("the inputs were read before the options were refused")

    monkeypatch.setattr(dedupe_command, "read_inputs", read_inputs)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "speech.txt").write_bytes(SPEECH_2023_SIMP.read_bytes())
    return pages


def _refused(*args: str) -> str:
    result = CliRunner().invoke(cli, ["dedupe", *args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert len(result.stderr.splitlines()) == 1
    return result.stderr


def _untouched(folder: Path) -> None:
    assert [p.name for p in folder.iterdir()] == ["speech.txt"]
    assert (folder / "speech.txt").read_bytes() == SPEECH_2023_SIMP.read_bytes()


def test_output_onto_the_inputs_is_refused_before_the_report_is_written(folder: Path) -> None:
    report, members = folder.parent / "r.json", folder.parent / "table"
    err = _refused(
        str(folder), "--output", str(folder), "--format", "json", "--report", str(report),
        "--members", str(members), "--members-format", "jsonl",
    )  # fmt: skip
    assert "would overwrite the input" in err and "speech.txt" in err
    assert not report.exists() and not members.exists()
    _untouched(folder)


def test_output_onto_the_folder_of_a_named_file_is_refused_up_front(folder: Path) -> None:
    err = _refused(str(folder / "speech.txt"), "--output", str(folder))
    assert "would overwrite the input" in err
    _untouched(folder)


def test_in_place_with_output_is_refused_and_writes_nothing(folder: Path) -> None:
    out = folder.parent / "clean"
    err = _refused(str(folder), "--in-place", "--output", str(out), "--report", str(out) + ".txt")
    assert "choose one of --output DIR or --in-place" in err
    assert not out.exists() and not Path(str(out) + ".txt").exists()
    _untouched(folder)


def test_output_below_a_file_is_refused_up_front(folder: Path) -> None:
    blocker = folder.parent / "blocker"
    blocker.write_text("not a folder\n", encoding="utf-8")
    err = _refused(str(folder), "--output", str(blocker / "clean"))
    assert "is not a folder" in err and "--output" in err
    _untouched(folder)


def test_remove_near_without_copies_is_refused(folder: Path) -> None:
    err = _refused(str(folder), "--remove-near")
    assert "--remove-near" in err and "--output DIR or --in-place" in err
    _untouched(folder)


def test_a_file_named_twice_is_read_once_and_its_copy_keeps_the_first_occurrence(
    tmp_path: Path,
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    text = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    (pages / "speech.txt").write_text(text + "\n" + text, encoding="utf-8")
    once = CliRunner().invoke(cli, ["dedupe", str(pages), "--output", str(tmp_path / "once")])
    # Named by its folder, by a glob and by itself: before, each reading's repeats were cut
    # from the one file, the first occurrences too, and the copy came out empty.
    twice = CliRunner().invoke(
        cli,
        [
            "dedupe",
            str(pages),
            str(pages / "*.txt"),
            str(pages / "speech.txt"),
            "--output",
            str(tmp_path / "twice"),
        ],
    )
    assert once.exit_code == twice.exit_code == 0
    copy = (tmp_path / "twice" / "speech.txt").read_text(encoding="utf-8")
    assert copy == (tmp_path / "once" / "speech.txt").read_text(encoding="utf-8")
    assert set(text.splitlines()) <= set(copy.splitlines())
    assert len(copy) < len(text) * 2


def test_the_library_refuses_a_clean_copy_of_a_file_read_twice(tmp_path: Path) -> None:
    import diffkit
    from diffkit.clean import write_clean

    page = tmp_path / "speech.txt"
    page.write_bytes(SPEECH_2023_SIMP.read_bytes())
    report = diffkit.dedupe([page, page])
    with pytest.raises(diffkit.UsageError, match="is read twice"):
        write_clean(report, output=tmp_path / "out")
    assert not (tmp_path / "out").exists()
    assert page.read_bytes() == SPEECH_2023_SIMP.read_bytes()

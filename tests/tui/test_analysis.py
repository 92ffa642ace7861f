"""The analysis worker: progress, cancellation by a new analysis, and core errors shown as
messages instead of tracebacks."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from diffkit_tui import analysis
from diffkit_tui.analysis import Comparison, Options, is_comparison
from diffkit_tui.messages import AnalysisFailed, AnalysisProgress, ComparisonReady
from diffkit_tui.screens import compare as compare_screen

from diffkit.comparison import Cancelled

from .conftest import PAIR, Recorder
from .helpers import screen, static_text


def test_two_files_compare_anything_else_looks_for_duplicates(tmp_path: Path) -> None:
    assert is_comparison(list(PAIR))
    assert not is_comparison([PAIR[0]])
    assert not is_comparison([PAIR[0], tmp_path])
    assert not is_comparison([*PAIR, PAIR[0]])


async def test_the_real_core_runs_in_the_worker_with_progress(run_app) -> None:
    recorder = Recorder()
    async with run_app(recorder=recorder) as pilot:
        stages = [m.stage for m in recorder.of(AnalysisProgress)]
        assert stages[-1] == "done"
        assert len(recorder.of(ComparisonReady)) == 1
        assert screen(pilot).ready
        assert "done" in screen(pilot).query_one("#topbar").classes


async def test_a_new_analysis_cancels_the_running_one(
    run_app, monkeypatch, comparison: Comparison
) -> None:
    calls: list[str] = []
    first_started, first_cancelled = threading.Event(), threading.Event()

    def slow_then_fast(a: Path, b: Path, options: Options, **kw: Any) -> Comparison:
        if not calls:
            calls.append("first")
            first_started.set()
            while not kw["cancel"]():
                time.sleep(0.01)
            first_cancelled.set()
            raise Cancelled("align")
        calls.append("second")
        return comparison

    monkeypatch.setattr(compare_screen, "run_comparison", slow_then_fast)
    recorder = Recorder()
    runner = run_app(recorder=recorder)
    async with runner.app.run_test(size=(120, 40), message_hook=recorder) as pilot:
        await pilot.pause()
        assert first_started.wait(5)
        assert not screen(pilot).ready
        screen(pilot).analyse()
        running = [w for w in pilot.app.workers if not w.is_cancelled]
        assert len(running) == 1
        await pilot.app.workers.wait_for_complete(running)
        await pilot.pause()
        assert first_cancelled.wait(5)
        await pilot.pause()
        assert calls == ["first", "second"]
        assert len(recorder.of(ComparisonReady)) == 1
        assert screen(pilot).ready


async def test_quitting_does_not_wait_for_a_long_core_stage(
    run_app, monkeypatch, comparison: Comparison
) -> None:
    release = threading.Event()

    def deaf_stage(a: Path, b: Path, options: Options, **kw: Any) -> Comparison:
        release.wait(30)  # a core stage that checks for cancellation only at its end
        return comparison

    monkeypatch.setattr(compare_screen, "run_comparison", deaf_stage)
    runner = run_app()
    try:
        async with runner.app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            started = time.perf_counter()
            await pilot.press("q")
            await pilot.pause()
            assert not pilot.app.is_running
        assert time.perf_counter() - started < 2
    finally:
        release.set()


async def test_a_binary_input_is_an_error_panel_not_a_traceback(run_app, tmp_path: Path) -> None:
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" * 50)
    recorder = Recorder()
    async with run_app((PAIR[0], binary), recorder) as pilot:
        failed = recorder.of(AnalysisFailed)
        assert len(failed) == 1 and str(binary) in failed[0].text
        assert pilot.app.failure == failed[0].text
        assert static_text(pilot, "#error").startswith(f"✖ {binary}")
        assert "failed" in screen(pilot).classes
        await pilot.press("j", "n", "x", "d", "e")
        assert pilot.app.screen is screen(pilot)


async def test_a_folder_without_files_is_an_error(run_app, tmp_path: Path) -> None:
    recorder = Recorder()
    async with run_app((tmp_path,), recorder) as pilot:
        said = f"no input files found in {tmp_path}"
        assert [m.text for m in recorder.of(AnalysisFailed)] == [said]
        assert pilot.app.failure == said


def test_duplicates_accept_a_folder(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(PAIR[1].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.txt").write_text(PAIR[1].read_text(encoding="utf-8"), encoding="utf-8")
    result = analysis.run_duplicates(
        [tmp_path], Options(), progress=lambda *_: None, cancel=lambda: False
    )
    assert len(result.documents) == 2
    assert result.report.clusters


async def test_an_empty_file_named_is_an_error_as_on_the_command_line(
    run_app, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    recorder = Recorder()
    async with run_app((PAIR[0], empty), recorder) as pilot:
        failed = recorder.of(AnalysisFailed)
        assert [m.text for m in failed] == [f"{empty}: is empty: it holds no text"]
        assert "failed" in screen(pilot).classes


def test_a_folder_scan_leaves_out_empty_files_and_says_so(tmp_path: Path) -> None:
    text = PAIR[1].read_text(encoding="utf-8")
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "two.txt").write_text(text, encoding="utf-8")
    (tmp_path / "blank.txt").write_bytes(b"")
    result = analysis.run_duplicates(
        [tmp_path], Options(), progress=lambda *_: None, cancel=lambda: False
    )
    assert [Path(d.path).name for d in result.documents] == ["one.txt", "two.txt"]
    assert result.skipped == (f"{tmp_path / 'blank.txt'}: is empty",)
    assert result.report.clusters


async def test_the_duplicates_screen_says_which_files_it_left_out(run_app, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    text = PAIR[1].read_text(encoding="utf-8")
    (folder / "one.txt").write_text(text, encoding="utf-8")
    (folder / "two.txt").write_text(text, encoding="utf-8")
    (folder / "blank.txt").write_text("\n\n", encoding="utf-8")
    recorder = Recorder()
    async with run_app((folder,), recorder) as pilot:
        summary = static_text(pilot, "#summary")
        assert summary.startswith("2 documents") and "1 file skipped" in summary
        assert recorder.notices == [f"Skipped {folder / 'blank.txt'}: is empty: it holds no text"]


def _long_pair(folder: Path, copies: int = 40) -> tuple[Path, Path]:
    """The 2023 pair repeated, each copy numbered: a comparison of a few seconds."""
    trad, simp = (p.read_text(encoding="utf-8") for p in PAIR)
    a, b = folder / "long-a.txt", folder / "long-b.txt"
    a.write_text("".join(f"第{n}部分\n\n{trad}\n\n" for n in range(copies)), encoding="utf-8")
    b.write_text("".join(f"第{n}部分\n\n{simp}\n\n" for n in range(copies)), encoding="utf-8")
    return a, b


def _core_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "diffkit-analysis" and t.is_alive()]


async def test_progress_moves_inside_a_stage_and_r_stops_the_running_core(
    tmp_path: Path,
) -> None:
    from diffkit_tui.app import DiffkitApp
    from textual.widgets import Label

    recorder = Recorder()
    app = DiffkitApp(list(_long_pair(tmp_path)), Options(), export_dir=tmp_path)
    async with app.run_test(size=(120, 40), message_hook=recorder) as pilot:
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline:
            await pilot.pause(0.05)
            seen = recorder.of(AnalysisProgress)
            inside = [m for m in seen if m.stage in ("anchors", "align")]
            if len({round(m.fraction, 3) for m in inside}) >= 2:
                break
        fractions = [m.fraction for m in recorder.of(AnalysisProgress) if m.stage != "done"]
        assert len({m.stage for m in inside}) >= 1 and fractions == sorted(fractions)
        label = str(screen(pilot).query_one("#stage", Label).content)
        assert label.endswith("%") and not screen(pilot).ready
        first = _core_threads()
        assert first
        await pilot.press("r")
        started = time.perf_counter()
        for thread in first:
            thread.join(max(0.0, 1.0 - (time.perf_counter() - started)))
        assert not any(t.is_alive() for t in first), "the old core ran on past a second"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen(pilot).ready and len(recorder.of(ComparisonReady)) == 1

"""Fixtures for the terminal UI: the sample pair and document, apps at a fixed size, the
analyses computed once per session, and a recorder of the messages an app posts."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from diffkit_tui import analysis
from diffkit_tui.analysis import Comparison, Duplicates, Options
from diffkit_tui.app import DiffkitApp
from diffkit_tui.screens import compare as compare_screen, duplicates as duplicates_screen
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot

from ..conftest import NEWS_2023_TRAD, SPEECH_2023_SIMP

SIZE = (120, 40)
PAIR = (NEWS_2023_TRAD, SPEECH_2023_SIMP)


class Recorder:
    """Every message the app handles, for assertions on what it posted and notified."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    def of(self, kind: type[Message]) -> list[Any]:
        return [m for m in self.messages if isinstance(m, kind)]

    @property
    def notices(self) -> list[str]:
        return [str(m.notification.message) for m in self.of(Notify)]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop: Textual's pilot needs nothing more, and
    the test extras stay free of an async plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{n: pyfuncitem.funcargs[n] for n in names}))
    return True


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for the analysis worker, then for the screen to take in its result."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


@pytest.fixture(autouse=True)
def no_editor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)


@pytest.fixture(scope="session")
def comparison() -> Comparison:
    return analysis.run_comparison(*PAIR, Options(), progress=lambda *_: None, cancel=lambda: False)


@pytest.fixture(scope="session")
def duplicates() -> Duplicates:
    return analysis.run_duplicates(
        [SPEECH_2023_SIMP], Options(), progress=lambda *_: None, cancel=lambda: False
    )


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch, comparison: Comparison, duplicates: Duplicates) -> None:
    """The screens get the session's results instead of running the core again (the worker,
    its progress messages and its cancellation still run)."""

    def fake_comparison(a: Path, b: Path, options: Options, **kw: Any) -> Comparison:
        kw["progress"]("done", 1.0)
        return comparison

    def fake_duplicates(paths: list[Path], options: Options, **kw: Any) -> Duplicates:
        kw["progress"]("done", 1.0)
        return duplicates

    monkeypatch.setattr(compare_screen, "run_comparison", fake_comparison)
    monkeypatch.setattr(duplicates_screen, "run_duplicates", fake_duplicates)


@pytest.fixture
def run_app(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """``async with run_app(paths, recorder) as pilot``: the app at a fixed size, settled."""

    class Runner:
        def __init__(self, paths: tuple[Path, ...], recorder: Recorder | None, **options: Any):
            self.app = DiffkitApp(list(paths), Options(**options), export_dir=tmp_path)
            self.recorder = recorder
            self._context: Any = None

        async def __aenter__(self) -> Pilot[int]:
            self._context = self.app.run_test(size=SIZE, message_hook=self.recorder)
            pilot: Pilot[int] = await self._context.__aenter__()
            await settle(pilot)
            return pilot

        async def __aexit__(self, *exc: object) -> None:
            await self._context.__aexit__(*exc)

    def make(
        paths: tuple[Path, ...] = PAIR, recorder: Recorder | None = None, **options: Any
    ) -> Runner:
        return Runner(paths, recorder, **options)

    yield make

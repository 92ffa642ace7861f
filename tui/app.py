"""The `diffkit tui` application and its entry point.

``run`` is what ``diffkit tui`` calls once the CLI has checked the paths: two files open the
comparison screen, anything else the duplicates screen. Every key of the active screen is
also a command in the palette (ctrl+p), built from the same bindings as the footer and the
help screen.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from diffkit.deduplication import Linkage
from diffkit.errors import ExitCode

from .analysis import Options, is_comparison, refuse_bad_inputs
from .collector import REST, RestingCollector
from .screens.compare import CompareScreen
from .screens.duplicates import DuplicatesScreen
from .screens.help import HelpScreen, own_bindings
from .screens.result import ResultScreen

INPUT = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)
"""Events the user waits on: full garbage collections keep away from them."""


class DiffkitApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "diffkit"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit", tooltip="Quit diffkit"),
        Binding("question_mark", "help", "help", key_display="?", tooltip="Show every key"),
    ]

    def __init__(
        self,
        paths: Sequence[Path],
        options: Options | None = None,
        *,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.paths = [Path(p) for p in paths]
        self.options = options or Options()
        export_dir = export_dir or Path.cwd()
        self.main: ResultScreen = (
            CompareScreen(self.paths[0], self.paths[1], self.options, export_dir=export_dir)
            if is_comparison(self.paths)
            else DuplicatesScreen(self.paths, self.options, export_dir=export_dir)
        )

        self.collector = RestingCollector()

    def get_default_screen(self) -> Screen[Any]:
        return self.main

    def on_mount(self) -> None:
        self.collector.start()
        self.set_interval(REST / 2, self.collector.tick)

    def on_unmount(self) -> None:
        self.collector.stop()

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, INPUT):
            self.collector.input()
        await super().on_event(event)

    @property
    def failure(self) -> str | None:
        """Why the analysis failed, if it did (still known after the app has exited)."""
        return self.main.failure

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen.of(self.screen, self))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        seen: set[str] = set()
        for node, bindings in ((screen, own_bindings(screen)), (self, own_bindings(self))):
            for binding in bindings:
                if not isinstance(binding, Binding) or binding.action in seen:
                    continue
                seen.add(binding.action)
                title = binding.tooltip or binding.description
                key = binding.key_display or binding.key
                yield SystemCommand(title, f"key: {key}", partial(node.run_action, binding.action))
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                yield command


def run(
    paths: list[Path],
    *,
    profile: str = "default",
    skip: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
    threshold: float = 0.8,
    encoding: str | None = None,
    linkage: Linkage = "star",
) -> int:
    """Run the app on ``paths`` until the user quits; the process exit code. A file named
    that is empty, binary or undecodable raises its error before the app starts."""
    options = Options(profile, tuple(skip), tuple(ignore), threshold, encoding, linkage)
    refuse_bad_inputs(paths, encoding)
    app = DiffkitApp(paths, options)
    app.run()
    if app.failure:
        print(f"diffkit: error: {app.failure}", file=sys.stderr)
        return int(ExitCode.ERROR)
    return int(ExitCode.OK)

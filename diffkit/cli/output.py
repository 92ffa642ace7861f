"""Where a command's input comes from and its output goes: the console, the progress bar,
the checks made before the work (a closed stdout, a report that would replace an input) and
the writing of a report to stdout or a file."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.segment import Segment

from .. import formats
from ..errors import DiffkitError, UsageError
from ..formats.writing import atomic_write, check_writable_folder, ended
from ..loading import read_inputs
from ..model import Document
from ..render import printable


class PrintableConsole(Console):
    """rich's console, leaving a closed pipe to ``handle_errors`` (exit 141): rich's own
    handler exits 1, which here says that something was found. Text from the inputs (a
    passage, a file's name) never reaches the terminal raw: what a terminal would act on or
    not show is written as a mark (``render.printable``), wherever a report puts it."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            seg if seg.control else Segment(printable(seg.text), seg.style, seg.control)
            for seg in buffer
        )


def warn_skipped(exc: DiffkitError) -> None:
    click.echo(f"diffkit: warning: skipped {printable(str(exc))}", err=True)


def ignore_skipped(exc: DiffkitError) -> None:
    """``--quiet``: a file passed over is not said (an error still is)."""


def require_stdout(report: str | None = None) -> None:
    """Fail before the work when the report would go to a standard output that is closed
    (``>&-``): it would be lost, and the exit status would not say so."""
    if report is not None:
        return
    closed = UsageError(
        "standard output is closed: the report would be lost "
        "(redirect it, or write it to a file with -o/--report)"
    )
    if sys.stdout is None:  # closed before Python started
        raise closed
    try:
        os.fstat(sys.stdout.fileno())
    except io.UnsupportedOperation:  # no file of its own: a test's capture
        return
    except (OSError, ValueError):
        raise closed from None


@contextmanager
def progress_bar(quiet: bool) -> Iterator[Callable[[str, float], None] | None]:
    """A rich progress bar on stderr while long work runs; nothing when stderr is not a
    terminal or with --quiet."""
    err = Console(stderr=True)
    if quiet or not err.is_terminal:
        yield None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("working", total=1.0)

        def update(stage: str, fraction: float) -> None:
            bar.update(task, description=stage, completed=fraction)

        yield update


def text_console(file: io.StringIO | None = None) -> Console:
    """The console for text reports: the terminal's width, or a wide page when the output
    goes to a pipe or a file, so lines are not cut at 80 columns for grep."""
    console = PrintableConsole(highlight=False, file=file)
    if file is not None or not console.is_terminal:
        console = PrintableConsole(highlight=False, file=file, width=200)
    return console


def read_input(path: str, encoding: str | None) -> Document:
    """A file named on the command line, or standard input for ``-``."""
    return read_inputs([path], named=[path], encoding=encoding)[0]


def check_writable(output: str | None, inputs: Iterable[str] = ()) -> None:
    """Fail before the work, not after it, when a report could not be written (a missing
    folder is made, as ``--output`` makes one), or would be written over one of the
    ``inputs``: no input is changed unless the user asks."""
    if output is None:
        return
    target = Path(output).resolve()
    check_writable_folder(target.parent, str(output))
    for given in inputs:
        if given != "-" and Path(given).is_file() and Path(given).resolve() == target:
            raise UsageError(f"{output}: is an input; the report would replace it")


def write_output(text: str | Iterable[str | bytes], output: str | None) -> None:
    """Print, or write to a file through a temporary file and a rename; ``text`` may come
    in pieces (strings, or for a file bytes already UTF-8), written as they are made. Both
    end with a line break, unless there is nothing to write: a JSON Lines file can then be
    joined to another with ``cat``."""
    lines = ended([text] if isinstance(text, str) else text)
    if output is None:
        for chunk in lines:
            click.echo(chunk, nl=False)
        return
    atomic_write(Path(output), lines)


def write_report(
    verb: str, fmt: str, report: Any, output: str | None, show: Callable[[Console], None]
) -> None:
    """``report`` in the format ``fmt`` of ``verb``, printed or written to ``output``: through
    the format's writer, or for the text view by ``show`` on a console of the output's width."""
    writer = formats.lookup(verb, fmt).write
    if writer is not None:
        # A file gets UTF-8 as the encoder makes it; the terminal, text in its encoding.
        write_output(writer(report, bool(output)), output)
        return
    console = text_console(io.StringIO() if output else None)
    show(console)
    if output:
        assert isinstance(console.file, io.StringIO)
        atomic_write(Path(output), console.file.getvalue())

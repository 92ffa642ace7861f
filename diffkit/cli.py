"""The `diffkit` command: parse options, call the core, present its results.

No logic lives here beyond turning options into keyword arguments and results into output;
every error the core raises becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import functools
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from . import __version__
from .compare import check_categories
from .compare import compare as core_compare
from .errors import DiffkitError, ExitCode, UsageError
from .load import load
from .model import CATEGORIES
from .normalize import PROFILES, STEP_HELP, STEPS
from .report import atomic_write, compare_html, print_compare
from .segment import segment

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str) -> None:
    click.echo(f"diffkit: error: {message}", err=True)
    sys.exit(ExitCode.ERROR)


def handle_errors(func: F) -> F:
    """Turn the core's typed errors into one line on stderr and exit code 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DiffkitError as exc:
            _fail(str(exc))
        except (BrokenPipeError, KeyboardInterrupt):
            sys.exit(ExitCode.ERROR)
        return None

    return wrapper  # type: ignore[return-value]


def parse_steps(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    steps = tuple(s.strip() for s in value.split(",") if s.strip())
    for step in steps:
        if step not in STEPS:
            raise UsageError(f"unknown fold step {step!r}; the steps are: {', '.join(STEPS)}")
    return steps


def fold_options(func: F) -> F:
    """The folding options every command shares, with the same names as the API keywords."""
    steps_help = "; ".join(f"{name}: {text}" for name, text in STEP_HELP.items())
    func = click.option(
        "--skip",
        "skip",
        metavar="STEP[,STEP]",
        help=f"Fold steps to switch off. Steps — {steps_help}.",
    )(func)
    func = click.option(
        "--profile",
        type=click.Choice(sorted(PROFILES)),
        default="default",
        show_default=True,
        help="Named set of fold steps: default folds all; layout keeps the script; none folds nothing.",
    )(func)
    func = click.option(
        "--encoding", default=None, help="Read inputs in this encoding instead of detecting it."
    )(func)
    return func


def warn_if_empty(path: str, text: str) -> None:
    if not text.strip():
        click.echo(f"diffkit: warning: {path} is empty", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diffkit")
def cli() -> None:
    """Find near-duplicate text and explain how the copies differ.

    diffkit folds text for matching (width, whitespace, pinyin annotations, Traditional and
    Simplified script, punctuation, case), so copies that differ only in those still match,
    and reports every position in the ORIGINAL files.

    \b
    Examples:
      diffkit segments report.txt            paragraphs as diffkit sees them
      diffkit dedupe corpus/ --check         exit 1 if anything is repeated
      diffkit compare a.txt b.txt            aligned passages and their differences
      diffkit tui a.txt b.txt                browse it in the terminal

    Exit codes: 0 done and nothing found, 1 differences or duplicates found, 2 error.
    """


@cli.command()
@click.argument("file", type=click.Path(allow_dash=False))
@click.option("--sentences", is_flag=True, help="List sentences instead of paragraphs.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for reading, json for scripts.",
)
@fold_options
@handle_errors
def segments(
    file: str, sentences: bool, fmt: str, profile: str, skip: str | None, encoding: str | None
) -> None:
    """Show the paragraphs (or sentences) of FILE as diffkit sees them.

    Each segment is listed with its line range in the original file, its original text and
    its folded key: the text diffkit matches on. Hard-wrapped lines are re-joined into
    paragraphs; titles, dates, captions and placeholders stay on their own.

    \b
    Examples:
      diffkit segments speech.txt
      diffkit segments speech.txt --sentences --format json
      diffkit segments speech.txt --skip script,punctuation
    """
    doc = load(Path(file), encoding=encoding)
    warn_if_empty(file, doc.text)
    result = segment(doc, profile=profile, skip=parse_steps(skip))
    items = result.segments("sentence" if sentences else "paragraph")
    if fmt == "json":
        payload = {
            "schema": "diffkit.segments/1",
            "path": doc.path,
            "encoding": doc.encoding,
            "profile": result.profile.name,
            "steps": list(result.profile.steps),
            "granularity": "sentence" if sentences else "paragraph",
            "segments": [s.to_dict() for s in items],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False, soft_wrap=True)
    noun = "sentences" if sentences else "paragraphs"
    console.print(
        Text.assemble(
            (doc.path, "bold"),
            f"  {len(items)} {noun}, {doc.encoding}, profile {result.profile.name}",
        )
    )
    for seg in items:
        lines = (
            f"{seg.span.start_line}"
            if seg.span.start_line == seg.span.end_line
            else f"{seg.span.start_line}-{seg.span.end_line}"
        )
        console.print(
            Text.assemble(
                (f"{lines:>9} ", "cyan"), (f"{seg.kind:<7} ", "dim"), seg.text.replace("\n", " ⏎ ")
            )
        )
        if seg.folded != seg.text:
            console.print(Text.assemble(" " * 10, ("folded  ", "dim"), (seg.folded, "dim")))


def parse_categories(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return check_categories(s.strip() for s in value.split(",") if s.strip())


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


def write_output(text: str, output: str | None) -> None:
    """Print, or write to a file through a temporary file and a rename."""
    if output is None:
        click.echo(text)
        return
    atomic_write(Path(output), text)


@cli.command()
@click.argument("a", type=click.Path(allow_dash=False))
@click.argument("b", type=click.Path(allow_dash=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="text for reading, json for scripts and CI, html for a self-contained report to send.",
)
@click.option(
    "--layout",
    type=click.Choice(["side-by-side", "inline"]),
    default="side-by-side",
    show_default=True,
    help="How text output shows a pair.",
)
@click.option(
    "--ignore",
    metavar="CATEGORY[,...]",
    help=f"Edit categories that do not count as differences: {', '.join(CATEGORIES)}.",
)
@click.option(
    "--only",
    metavar="CATEGORY[,...]",
    help="The opposite of --ignore: count only these categories.",
)
@click.option(
    "--min-chars",
    default=20,
    show_default=True,
    help="Pair passages sharing at least this many folded characters.",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Show every pair in text output, not only those with differences.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report to this file."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@fold_options
@handle_errors
def compare(
    a: str,
    b: str,
    fmt: str,
    layout: str,
    ignore: str | None,
    only: str | None,
    min_chars: int,
    show_all: bool,
    output: str | None,
    quiet: bool,
    profile: str,
    skip: str | None,
    encoding: str | None,
) -> None:
    """Align A with B and explain every difference.

    Passages are matched on their folded text in any order: moved, split, repeated and
    contained passages are found, and what has no counterpart is listed as unmatched. Every
    edit has a category: whitespace, punctuation, annotation, width, case, script, regional
    or content. Exit code 0 when no edit of a counted category remains, 1 when one does.

    \b
    Examples:
      diffkit compare speech-trad.txt speech-simp.txt
      diffkit compare a.txt b.txt --ignore script,punctuation,whitespace,annotation
      diffkit compare a.txt b.txt --only content --format json -o report.json
      diffkit compare a.txt b.txt --format html -o report.html
    """
    ignored = parse_categories(ignore)
    if only:
        kept = set(parse_categories(only))
        ignored = tuple(c for c in CATEGORIES if c not in kept)
    with progress_bar(quiet) as progress:
        report = core_compare(
            Path(a),
            Path(b),
            profile=profile,
            skip=parse_steps(skip),
            ignore=ignored,
            min_chars=min_chars,
            encoding=encoding,
            progress=progress,
        )
    if fmt == "json":
        write_output(report.to_json(), output)
    elif fmt == "html":
        write_output(compare_html(report), output)
    else:
        console = (
            Console(highlight=False, file=io.StringIO(), width=120)
            if output
            else Console(highlight=False)
        )
        print_compare(
            console,
            report,
            layout="inline" if layout == "inline" else "side-by-side",
            show_all=show_all,
        )
        if output:
            assert isinstance(console.file, io.StringIO)
            atomic_write(Path(output), console.file.getvalue())
    sys.exit(report.exit_code)


def main() -> None:
    """Entry point of the `diffkit` console script."""
    cli()

"""The `diffkit` command: parse options, call the core, present its results.

No logic lives here beyond turning options into keyword arguments and results into output;
every error the core raises becomes one line on stderr and exit code 2 (130 for ctrl+c,
141 when the reader of the output goes away early).
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, cast

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.segment import Segment
from rich.text import Text

from . import __version__, formats
from .arguments import check as check_option
from .arguments import parse_option
from .clean import check_backup_suffix, write_clean
from .comparison import check_categories
from .comparison import compare as core_compare
from .deduplication import DedupeGranularity, Engine
from .deduplication import dedupe as core_dedupe
from .errors import DiffkitError, ExitCode, FileMissingError, UsageError
from .folding import PROFILES, STEP_HELP, STEPS, fitted, resolve_profile
from .gcpause import gc_paused
from .loading import discover, none_found, read_inputs
from .model import CATEGORIES, Document, SegmentsReport
from .render import printable
from .report import (
    atomic_write,
    plural,
    print_compare,
    print_dedupe,
)
from .segmentation import segment
from .shards import shard_folder, write_shards
from .tables import read_tables

F = TypeVar("F", bound=Callable[..., Any])
TEXT_CLUSTERS = 50
"""How many clusters the text report of dedupe shows."""


def _fail(message: str) -> None:
    click.echo(f"diffkit: error: {printable(message)}", err=True)
    sys.exit(ExitCode.ERROR)


def handle_errors(func: F) -> F:
    """Turn the core's typed errors into one line on stderr and exit code 2; a closed pipe
    and ctrl+c end the command quietly, as shell tools end."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DiffkitError as exc:
            _fail(str(exc))
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(ExitCode.CLOSED)
        except KeyboardInterrupt:
            # Die of the signal itself (status 130), so that a calling shell loop stops too.
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        except OSError as exc:
            # Output that cannot be written (a full disk): one line, as for bad input.
            _quiet_stdout()
            _fail(f"{exc.filename or 'output'}: {exc.strerror or exc}")
        return None

    return wrapper  # type: ignore[return-value]


class _Console(Console):
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


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: Python flushes it once more at exit, into the closed pipe."""
    with contextlib.suppress(OSError, ValueError):  # not a file of its own: a test's capture
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _warn_skipped(exc: DiffkitError) -> None:
    click.echo(f"diffkit: warning: skipped {printable(str(exc))}", err=True)


def _ignore_skipped(exc: DiffkitError) -> None:
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
        help="Named set of fold steps: default folds all; script all but regional wording; "
        "layout keeps the script; none folds nothing.",
    )(func)
    func = click.option(
        "--encoding", default=None, help="Read inputs in this encoding instead of detecting it."
    )(func)
    return func


def glossary_option(func: F) -> F:
    """``--glossary FILE``: terms of the user's own, folded with the shipped glossary's."""
    return click.option(
        "--glossary",
        metavar="FILE",
        default=None,
        help="More terms to fold together and call regional: a UTF-8 file of two tab-separated "
        "columns, the mainland term then its Taiwan or Hong Kong counterpart (added to the "
        "shipped glossary).",
    )(func)


class _Group(click.Group):
    """click's group, with a bad option or argument said in one line, as every other error
    is (click's own usage message takes three): ``diffkit: error: ...``, exit 2."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:
            exc.show()  # no command at all: the help is the answer
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            where = f" (see {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
            _fail(f"{exc.format_message()}{where}")
        except click.ClickException as exc:
            _fail(exc.format_message())
        except click.exceptions.Abort:
            sys.exit(ExitCode.INTERRUPTED)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diffkit")
def cli() -> None:
    """Find near-duplicate text and explain how the copies differ.

    diffkit folds text for matching (width, whitespace, pinyin annotations, Traditional and
    Simplified script, Taiwan and Hong Kong wording, punctuation, case), so copies that differ only in those still match,
    and reports every position in the ORIGINAL files.

    \b
    Examples:
      diffkit segments report.txt            paragraphs as diffkit sees them
      diffkit dedupe corpus/ --check         exit 1 if anything is repeated
      diffkit compare a.txt b.txt            aligned passages and their differences
      diffkit tui a.txt b.txt                browse it in the terminal

    Exit codes: 0 done and nothing found, 1 differences or duplicates found, 2 error,
    130 stopped by ctrl+c, 141 the reader closed the pipe early (| head).
    """


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True, readable=False))
@click.option("--sentences", is_flag=True, help="List sentences instead of paragraphs.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats.names("segments")),
    default="text",
    show_default=True,
    help=formats.summary("segments"),
)
@fold_options
@glossary_option
@handle_errors
def segments(
    file: str,
    sentences: bool,
    fmt: str,
    profile: str,
    skip: str | None,
    encoding: str | None,
    glossary: str | None,
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
    check_option("encoding", encoding)
    require_stdout()
    doc = read_input(file, encoding)
    resolved = fitted(
        resolve_profile(profile, skip=parse_steps(skip), glossary=glossary), (doc.text,)
    )
    result = segment(doc, profile=resolved)
    items = result.segments("sentence" if sentences else "paragraph")
    writer = formats.lookup("segments", fmt).write
    if writer is not None:
        report = SegmentsReport(
            doc.path,
            doc.encoding,
            result.profile.name,
            result.profile.steps,
            "sentence" if sentences else "paragraph",
            items,
        )
        click.echo(writer(report, False))
        return
    console = _Console(highlight=False, soft_wrap=True)
    noun = "sentence" if sentences else "paragraph"
    console.print(
        Text.assemble(
            (doc.path, "bold"),
            f"  {plural(len(items), noun)}, {doc.encoding}, profile {result.profile.name}",
        )
    )
    breaks = str.maketrans({"\r": "\n"})
    for seg in items:
        lines = (
            f"{seg.span.start_line}"
            if seg.span.start_line == seg.span.end_line
            else f"{seg.span.start_line}-{seg.span.end_line}"
        )
        console.print(
            Text.assemble(
                (f"{lines:>9} ", "cyan"),
                (f"{seg.kind:<7} ", "dim"),
                printable(seg.text.replace("\r\n", "\n").translate(breaks)).replace("\n", " ⏎ "),
            )
        )
        if seg.folded != seg.text:
            folded = printable(seg.folded)
            console.print(Text.assemble(" " * 10, ("folded  ", "dim"), (folded, "dim")))


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


def text_console(file: io.StringIO | None = None) -> Console:
    """The console for text reports: the terminal's width, or a wide page when the output
    goes to a pipe or a file, so lines are not cut at 80 columns for grep."""
    console = _Console(highlight=False, file=file)
    if file is not None or not console.is_terminal:
        console = _Console(highlight=False, file=file, width=200)
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
    # A missing folder is made when the report is written; what stands in its way is not.
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(f"{output}: cannot write, {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{output}: cannot write into {folder}: permission denied")
    for given in inputs:
        if given != "-" and Path(given).is_file() and Path(given).resolve() == target:
            raise UsageError(f"{output}: is an input; the report would replace it")


def write_output(text: str | Iterable[str | bytes], output: str | None) -> None:
    """Print, or write to a file through a temporary file and a rename; ``text`` may come
    in pieces (strings, or for a file bytes already UTF-8), written as they are made. Both
    end with a line break, unless there is nothing to write: a JSON Lines file can then be
    joined to another with ``cat``."""
    lines = _ended([text] if isinstance(text, str) else text)
    if output is None:
        for chunk in lines:
            click.echo(chunk, nl=False)
        return
    atomic_write(Path(output), lines)


def _ended(pieces: Iterable[str | bytes]) -> Iterator[str | bytes]:
    last: str | bytes = ""
    for piece in pieces:
        if piece:
            last = piece
            yield piece
    if last:
        yield b"\n" if isinstance(last, bytes) else "\n"


@cli.command()
@click.argument("a", type=click.Path(allow_dash=True, readable=False))
@click.argument("b", type=click.Path(allow_dash=True, readable=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats.names("compare")),
    default="text",
    show_default=True,
    help=formats.summary("compare"),
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
    default="20",
    show_default=True,
    metavar="N",
    help="Pair passages sharing at least this many folded characters.",
)
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Show every pair in text output, not only those with differences.",
)
@click.option(
    "-o",
    "--output",
    "--report",
    "output",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (--report, as in dedupe, works too).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@fold_options
@glossary_option
@handle_errors
def compare(
    a: str,
    b: str,
    fmt: str,
    layout: str,
    ignore: str | None,
    only: str | None,
    min_chars: str,
    show_all: bool,
    output: str | None,
    quiet: bool,
    profile: str,
    skip: str | None,
    encoding: str | None,
    glossary: str | None,
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
    chars = parse_option("min_chars", min_chars)
    check_option("encoding", encoding)
    require_stdout(output)
    check_writable(output, (a, b))
    if a == "-" and b == "-":
        raise UsageError("only one of A and B can be standard input")
    if ignore and only:
        raise UsageError("use --ignore or --only, not both")
    ignored = parse_categories(ignore)
    if only:
        kept = set(parse_categories(only))
        ignored = tuple(c for c in CATEGORIES if c not in kept)
    with progress_bar(quiet) as progress:
        report = core_compare(
            read_input(a, encoding),
            read_input(b, encoding),
            profile=profile,
            skip=parse_steps(skip),
            glossary=glossary,
            ignore=ignored,
            min_chars=chars,
            encoding=encoding,
            progress=progress,
        )
    writer = formats.lookup("compare", fmt).write
    if writer is not None:
        write_output(writer(report, bool(output)), output)
    else:
        console = text_console(io.StringIO() if output else None)
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


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--granularity",
    type=click.Choice(["paragraph", "sentence", "passage"]),
    default="paragraph",
    show_default=True,
    help="paragraph or sentence units; passage: maximal shared stretches across paragraph boundaries.",
)
@click.option(
    "--threshold",
    default="0.8",
    show_default=True,
    metavar="0-1",
    help="Similarity (0-1) two passages need to count as copies.",
)
@click.option(
    "--min-chars",
    metavar="N",
    help="Ignore passages shorter than this many folded characters [default: 20; 50 for passages].",
)
@click.option(
    "--include",
    multiple=True,
    metavar="GLOB",
    help="In directories, only files whose path, name or folder matches (repeatable).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOB",
    help="In directories, skip files whose path, name or folder matches: --exclude drafts "
    "skips drafts/ (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats.names("dedupe")),
    default="text",
    show_default=True,
    help=formats.summary("dedupe"),
)
@click.option(
    "--report",
    "report_file",
    type=click.Path(),
    help="Write the report to this file instead of stdout; with --format jsonl, a folder "
    "(DIR/) gets it in shards, DIR/part-00000.jsonl, ...",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False),
    help="Write a de-duplicated copy of each input into this folder, with a record of what was removed.",
)
@click.option("--in-place", is_flag=True, help="Rewrite the inputs themselves (a backup is kept).")
@click.option(
    "--remove-near",
    is_flag=True,
    help="With --output or --in-place, remove near repeats too, not only repeats whose text "
    "the first occurrence holds (a near repeat's own text is then kept only in the record).",
)
@click.option(
    "--backup-suffix",
    default=".bak",
    show_default=True,
    help="Suffix of the backups --in-place keeps.",
)
@click.option("--check", is_flag=True, help="Exit 1 when duplicates are found (for CI).")
@click.option("--no-diff", is_flag=True, help="Skip each repeat's edits (faster on large corpora).")
@click.option(
    "-j",
    "--workers",
    metavar="N",
    help="Processes that diff the repeats of a large corpus [default: all cores].",
)
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="No progress bar, no warning of a file passed over, no summary of what was removed; "
    "errors still show.",
)
@click.option(
    "--text-column",
    metavar="COL",
    help="Read the inputs as JSON Lines (or Parquet) shards, a document a row: its text in "
    "this column.",
)
@click.option(
    "--id-column",
    metavar="COL",
    help="With --text-column, the column that names each row's document [default: its row number].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where similar pairs are found: this machine, or a Dask cluster "
    "(pip install 'diffkit[dask]'), with the same result.",
)
@click.option(
    "--scheduler",
    metavar="ADDR",
    help="With --engine dask, the scheduler (tcp://HOST:8786) [default: "
    "$DASK_SCHEDULER_ADDRESS, else a local cluster of -j workers].",
)
@click.option(
    "--partitions",
    type=click.IntRange(min=1),
    metavar="N",
    help="With --engine dask, how many parts the keys are cut into [default: one per "
    "200,000 keys, at least one a worker].",
)
@fold_options
@glossary_option
@handle_errors
def dedupe(
    paths: tuple[str, ...],
    granularity: str,
    threshold: str,
    min_chars: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fmt: str,
    report_file: str | None,
    output: str | None,
    in_place: bool,
    remove_near: bool,
    backup_suffix: str,
    check: bool,
    no_diff: bool,
    workers: str | None,
    quiet: bool,
    text_column: str | None,
    id_column: str | None,
    engine: str,
    scheduler: str | None,
    partitions: int | None,
    profile: str,
    skip: str | None,
    encoding: str | None,
    glossary: str | None,
) -> None:
    """Find repeated and near-duplicate passages in files or folders.

    Repeats are found on folded text (script, width, wrapping, annotations, punctuation), so a
    Traditional page clusters with its Simplified twin. Each cluster lists its first
    occurrence and every repeat with its similarity and its differences. Nothing is written
    unless you ask: --output DIR writes clean copies, --in-place rewrites the inputs after a
    backup; both record every removed span so nothing is lost.

    \b
    Examples:
      diffkit dedupe report.txt
      diffkit dedupe corpus/ --include '*.txt' --threshold 0.9 --format json --report dups.json
      diffkit dedupe scraped.txt --granularity passage
      diffkit dedupe pages/ --output clean/
      diffkit dedupe page.txt --check       # exit 1 if anything repeats
    """
    similar = parse_option("threshold", threshold)
    chars = parse_option("min_chars", min_chars)
    processes = parse_option("workers", workers)
    check_option("encoding", encoding)
    require_stdout(report_file)
    if output and in_place:
        raise UsageError("choose one of --output DIR or --in-place")
    if in_place:
        check_backup_suffix(backup_suffix)
    if (output or in_place) and "-" in paths:
        raise UsageError("standard input has no file to clean: --output and --in-place need files")
    warn = _ignore_skipped if quiet else _warn_skipped
    files = discover(list(paths), include=include, exclude=exclude, skipped=warn)
    if not files:
        raise none_found(paths)
    shards = shard_folder(report_file, fmt)
    check_writable(report_file, files)
    if text_column and (output or in_place):
        raise UsageError("rows of shards have no file to clean: --output and --in-place need files")
    if text_column:
        sources = read_tables(files, text_column, id_column)
    else:
        sources = read_inputs(files, named=set(paths), encoding=encoding, skipped=warn)
    if chars is None:
        chars = 50 if granularity == "passage" else 20
    # The text report shows the first clusters only and csv has no edits: diff no more.
    diffs = False if no_diff or fmt == "csv" else (TEXT_CLUSTERS if fmt == "text" else True)
    # The collector stays paused until the report is written: a full collection over its
    # million objects would find nothing to free.
    with gc_paused():
        with progress_bar(quiet) as progress:
            report = core_dedupe(
                sources,
                granularity=cast(DedupeGranularity, granularity),
                threshold=similar,
                min_chars=chars,
                profile=profile,
                skip=parse_steps(skip),
                glossary=glossary,
                diffs=diffs,
                workers=processes,
                progress=progress,
                engine=cast(Engine, engine),
                scheduler=scheduler,
                partitions=partitions,
            )
        writer = formats.lookup("dedupe", fmt).write
        if shards is not None:
            write_shards(report, shards)
        elif writer is not None:
            # A file gets UTF-8 as the encoder makes it; the terminal, text in its encoding.
            write_output(writer(report, bool(report_file)), report_file)
        else:
            console = text_console(io.StringIO() if report_file else None)
            print_dedupe(console, report, limit=TEXT_CLUSTERS)
            if report_file:
                assert isinstance(console.file, io.StringIO)
                atomic_write(Path(report_file), console.file.getvalue())
        if output or in_place:
            cleaned = write_clean(
                report,
                documents=sources,
                output=Path(output) if output else None,
                in_place=in_place,
                backup_suffix=backup_suffix,
                near=remove_near,
            )
            if not quiet:
                click.echo(f"diffkit: {cleaned.summary()}", err=True)
    sys.exit(ExitCode.FOUND if check and report.clusters else ExitCode.OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=False))
@click.option(
    "--ignore",
    metavar="CATEGORY[,...]",
    help="Edit categories hidden at start (toggle them in the app).",
)
@click.option(
    "--threshold",
    default="0.8",
    show_default=True,
    metavar="0-1",
    help="Similarity for duplicates (dedupe mode).",
)
@fold_options
@handle_errors
def tui(
    paths: tuple[str, ...],
    ignore: str | None,
    threshold: str,
    profile: str,
    skip: str | None,
    encoding: str | None,
) -> None:
    """Browse the results in a terminal UI.

    With two files, the comparison: aligned pairs beside a side-by-side view of their
    differences. With one file, several, or a directory, the duplicates found in them:
    clusters, their members, and each member's differences from the first occurrence.
    Press ? in the app for the keys.

    \b
    Examples:
      diffkit tui speech-trad.txt speech-simp.txt
      diffkit tui report.txt
      diffkit tui corpus/ --threshold 0.9
    """
    similar = parse_option("threshold", threshold)
    check_option("encoding", encoding)
    for path in paths:
        if not Path(path).exists():
            raise FileMissingError(path, "no such file or directory")
    ignored = parse_categories(ignore)
    steps = parse_steps(skip)
    # The core never imports textual; only this command loads the app, and only when run.
    run = importlib.import_module("diffkit_tui.app").run

    sys.exit(
        run(
            [Path(p) for p in paths],
            profile=profile,
            skip=steps,
            ignore=ignored,
            threshold=similar,
            encoding=encoding,
        )
    )


_MAIN_PID: list[int] = []


def _terminated(signum: int, frame: object) -> None:
    # The command unwinds as an exit, so that temporary files are removed and workers ended
    # on the way out, as for ctrl+c; the status is the one a shell reports for the signal.
    # A forked worker, which inherits this handler, dies of the signal as it would have.
    if os.getpid() not in _MAIN_PID:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the `diffkit` console script."""
    _MAIN_PID.append(os.getpid())
    signal.signal(signal.SIGTERM, _terminated)
    cli()

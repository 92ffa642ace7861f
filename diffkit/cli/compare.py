"""``diffkit compare``: align two documents and explain every difference."""

from __future__ import annotations

import sys

import click

from .. import formats
from ..arguments import check as check_option, parse_option
from ..comparison import compare as core_compare
from ..errors import UsageError
from ..formats.text import print_compare
from ..model import CATEGORIES
from .exits import handle_errors
from .options import fold_options, glossary_option, parse_categories, parse_steps
from .output import (
    check_writable,
    progress_bar,
    read_input,
    require_stdout,
    write_report,
)


@click.command()
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
# click passes each option as a parameter: the signature and the help are most of its length.
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
    write_report(
        "compare",
        fmt,
        report,
        output,
        lambda console: print_compare(
            console,
            report,
            layout="inline" if layout == "inline" else "side-by-side",
            show_all=show_all,
        ),
    )
    sys.exit(report.exit_code)

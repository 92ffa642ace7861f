"""``diffkit segments``: the paragraphs or sentences of a file as diffkit sees them."""

from __future__ import annotations

import click

from .. import formats
from ..arguments import check as check_option
from ..folding import fitted, resolve_profile
from ..formats.text import print_segments
from ..model import SegmentsReport
from ..segmentation import segment
from .exits import handle_errors
from .options import fold_options, glossary_option, parse_steps
from .output import PrintableConsole, read_input, require_stdout


@click.command()
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
    report = SegmentsReport(
        doc.path,
        doc.encoding,
        result.profile.name,
        result.profile.steps,
        "sentence" if sentences else "paragraph",
        items,
    )
    writer = formats.lookup("segments", fmt).write
    if writer is not None:
        click.echo(writer(report, False))
        return
    print_segments(PrintableConsole(highlight=False, soft_wrap=True), report)

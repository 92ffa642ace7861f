"""``diffkit tui``: open the terminal app, loaded only when this command runs (the core
never imports textual)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from ..arguments import check as check_option, parse_option
from ..deduplication import LINKAGES
from ..errors import UsageError
from ..loading import discover
from ..loading.remote import is_url
from .exits import handle_errors
from .options import fold_options, parse_categories, parse_steps


@click.command()
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
@click.option(
    "--linkage",
    type=click.Choice(LINKAGES),
    default="star",
    show_default=True,
    help="Who joins a cluster (dedupe mode): as in diffkit dedupe --linkage.",
)
@fold_options
@handle_errors
def tui(
    paths: tuple[str, ...],
    ignore: str | None,
    threshold: str,
    linkage: str,
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
        if is_url(path) or not Path(path).exists():
            # the core's own error, as dedupe gives it: unknown protocol, no file matches, ...
            discover([path])
        if is_url(path):
            raise UsageError(f"{path}: the app reads local files, folders and globs, not URLs")
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
            linkage=linkage,
        )
    )

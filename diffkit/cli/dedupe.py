"""``diffkit dedupe``: find repeated and near-duplicate passages, and optionally write
de-duplicated copies."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import cast

import click

from ..arguments import check as check_option, parse_option
from ..clean import check_backup_suffix, check_targets, write_clean
from ..deduplication import (
    DedupeGranularity,
    DedupeReport,
    Engine,
    Linkage,
    dedupe as core_dedupe,
)
from ..errors import ExitCode, InputError, UsageError
from ..formats.text import print_dedupe
from ..formats.writing import check_writable_folder
from ..gcpause import gc_paused
from ..loading import discover, none_found, none_readable, read_inputs
from ..loading.remote import is_url
from ..members import MembersFormat, check_format as check_members, write_members
from ..model import Document
from ..shards import shard_folder, write_shards
from ..tables import read_tables
from .dedupe_options import check_companions, dedupe_options
from .exits import handle_errors
from .options import fold_options, glossary_option, parse_steps
from .output import (
    check_writable,
    ignore_skipped,
    progress_bar,
    require_stdout,
    warn_skipped,
    write_report,
)

TEXT_CLUSTERS = 50
"""How many clusters the text report of dedupe shows."""


@click.command()
@click.argument("paths", nargs=-1, required=True)
@dedupe_options
@fold_options
@glossary_option
@handle_errors
# click passes each option as a parameter: the signature and the help are most of its length.
def dedupe(
    paths: tuple[str, ...],
    granularity: str,
    threshold: str,
    linkage: str,
    min_chars: str | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    fmt: str,
    report_file: str | None,
    members_dir: str | None,
    members_format: str,
    cache_dir: str | None,
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
    """Find repeated and near-duplicate passages in files, folders, globs or URLs.

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
      diffkit dedupe 'corpus/**/*.txt' --no-diff --members table/
      diffkit dedupe pages/ --output clean/
      diffkit dedupe page.txt --check       # exit 1 if anything repeats
    """
    similar = parse_option("threshold", threshold)
    chars = parse_option("min_chars", min_chars)
    processes = parse_option("workers", workers)
    check_option("encoding", encoding)
    require_stdout(report_file)
    check_companions(
        engine, scheduler, partitions, text_column, id_column, members_dir, output, in_place
    )
    if output and in_place:
        raise UsageError("choose one of --output DIR or --in-place")
    if in_place:
        check_backup_suffix(backup_suffix)
    if (output or in_place) and "-" in paths:
        raise UsageError("standard input has no file to clean: --output and --in-place need files")
    if (output or in_place) and any(is_url(p) for p in paths):
        raise UsageError("a URL has no local file to clean: --output and --in-place need files")
    warn = ignore_skipped if quiet else warn_skipped
    left_out: list[InputError] = []
    files = discover(list(paths), include=include, exclude=exclude, skipped=left_out.append)
    for exc in left_out:
        warn(exc)
    if not files:
        raise none_readable(len(left_out)) if left_out else none_found(paths)
    if text_column and (output or in_place):
        raise UsageError("rows of shards have no file to clean: --output and --in-place need files")
    copies = Path(output) if output else None
    if output or in_place:
        check_targets(files, output=copies, in_place=in_place)
    shards = shard_folder(report_file, fmt)
    check_writable(report_file, files)
    if members_dir is not None:
        check_members(members_format)
        check_writable_folder(Path(members_dir).resolve(), f"--members {members_dir}")
    if text_column:
        sources = read_tables(files, text_column, id_column)
    else:
        sources = read_inputs(
            files, named=set(paths), encoding=encoding, skipped=warn, skipped_before=len(left_out)
        )
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
                cache_dir=cache_dir,
                linkage=cast(Linkage, linkage),
            )
        if output or in_place:
            # A file passed over while reading can change the folder the copies are placed from.
            check_targets([d.path for d in report.documents], output=copies, in_place=in_place)
        if shards is not None:
            write_shards(report, shards)
        else:
            write_report(
                "dedupe",
                fmt,
                report,
                report_file,
                lambda console: print_dedupe(console, report, limit=TEXT_CLUSTERS),
            )
        if members_dir is not None:
            write_members(report, Path(members_dir), cast(MembersFormat, members_format))
        if output or in_place:
            dask = (scheduler, processes) if engine == "dask" else None
            summary = _write_copies(report, sources, output, backup_suffix, remove_near, dask)
            if not quiet:
                click.echo(f"diffkit: {summary}", err=True)
    sys.exit(ExitCode.FOUND if check and report.clusters else ExitCode.OK)


def _write_copies(
    report: DedupeReport,
    sources: list[Document],
    output: str | None,
    backup_suffix: str,
    near: bool,
    dask: tuple[str | None, int | None] | None,
) -> str:
    """``--output DIR`` (or, without it, ``--in-place``): the de-duplicated copies, written
    by the Dask workers when ``dask`` names the engine's scheduler and workers, and one line
    saying what was removed."""
    with ExitStack() as stack:
        elsewhere = None
        if dask is not None and output:
            from ..deduplication import on_dask

            client = stack.enter_context(on_dask.connect(*dask))
            elsewhere = partial(on_dask.clean_on, client)
        cleaned = write_clean(
            report,
            documents=sources,
            output=Path(output) if output else None,
            in_place=not output,
            backup_suffix=backup_suffix,
            near=near,
            elsewhere=elsewhere,
        )
    return cleaned.summary()

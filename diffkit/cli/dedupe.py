"""``diffkit dedupe``: find repeated and near-duplicate passages, and optionally write
de-duplicated copies."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import cast

import click
from click.core import ParameterSource

from .. import formats
from ..arguments import check as check_option, parse_option
from ..clean import check_backup_suffix, check_targets, write_clean
from ..deduplication import (
    LINKAGES,
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
    "--linkage",
    type=click.Choice(LINKAGES),
    default="star",
    show_default=True,
    help="Who joins a cluster: star, every member within --threshold of the first occurrence; "
    "single, also a member within --threshold of another member and within 0.15 below it of "
    "the first occurrence (chains of small edits).",
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
    "--members",
    "members_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Also write the members table into this folder, a member a row (document, path, "
    "offsets, lines, cluster, representative, similarity): DIR/members-00000.parquet, ...",
)
@click.option(
    "--members-format",
    type=click.Choice(["parquet", "jsonl"]),
    default="parquet",
    show_default=True,
    help="The members table's format (Parquet needs pip install 'diffkit[parquet]').",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Keep each stage's result here (signatures, similar pairs, components), keyed by the "
    "inputs, options and diffkit's version, so a run stopped midway resumes where it was "
    "(paragraphs and sentences).",
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
    _check_companions(
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


def _check_companions(
    engine: str,
    scheduler: str | None,
    partitions: int | None,
    text_column: str | None,
    id_column: str | None,
    members_dir: str | None,
    output: str | None,
    in_place: bool,
) -> None:
    """An option that acts only beside another is an error without it: a run that silently
    ignored ``--scheduler`` would look like a cluster's run and be a local one."""
    given = click.get_current_context().get_parameter_source
    companions = [
        ("--scheduler", scheduler is not None, "--engine dask", engine == "dask"),
        ("--partitions", partitions is not None, "--engine dask", engine == "dask"),
        ("--id-column", id_column is not None, "--text-column", text_column is not None),
        (
            "--members-format",
            given("members_format") is ParameterSource.COMMANDLINE,
            "--members DIR",
            members_dir is not None,
        ),
        (
            "--remove-near",
            given("remove_near") is ParameterSource.COMMANDLINE,
            "--output DIR or --in-place",
            bool(output or in_place),
        ),
        (
            "--backup-suffix",
            given("backup_suffix") is ParameterSource.COMMANDLINE,
            "--in-place",
            in_place,
        ),
    ]
    for option, used, needed, present in companions:
        if used and not present:
            raise UsageError(f"{option} acts only with {needed}")

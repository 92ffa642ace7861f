"""The options of ``diffkit dedupe`` and the check of those that act only beside another,
kept apart from the command so that its module holds what the command does."""

from __future__ import annotations

import click
from click.core import ParameterSource

from .. import formats
from ..deduplication import LINKAGES
from ..errors import UsageError
from .options import F

_OPTIONS = [
    click.option(
        "--granularity",
        type=click.Choice(["paragraph", "sentence", "passage"]),
        default="paragraph",
        show_default=True,
        help="paragraph or sentence units; passage: maximal shared stretches across paragraph boundaries.",
    ),
    click.option(
        "--threshold",
        default="0.8",
        show_default=True,
        metavar="0-1",
        help="Similarity (0-1) two passages need to count as copies.",
    ),
    click.option(
        "--linkage",
        type=click.Choice(LINKAGES),
        default="star",
        show_default=True,
        help="Who joins a cluster: star, every member within --threshold of the first occurrence; "
        "single, also a member within --threshold of another member and within 0.15 below it of "
        "the first occurrence (chains of small edits).",
    ),
    click.option(
        "--min-chars",
        metavar="N",
        help="Ignore passages shorter than this many folded characters [default: 20; 50 for passages].",
    ),
    click.option(
        "--include",
        multiple=True,
        metavar="GLOB",
        help="In directories, only files whose path, name or folder matches (repeatable).",
    ),
    click.option(
        "--exclude",
        multiple=True,
        metavar="GLOB",
        help="In directories, skip files whose path, name or folder matches: --exclude drafts "
        "skips drafts/ (repeatable).",
    ),
    click.option(
        "--format",
        "fmt",
        type=click.Choice(formats.names("dedupe")),
        default="text",
        show_default=True,
        help=formats.summary("dedupe"),
    ),
    click.option(
        "--report",
        "report_file",
        type=click.Path(),
        help="Write the report to this file instead of stdout; with --format jsonl, a folder "
        "(DIR/) gets it in shards, DIR/part-00000.jsonl, ...",
    ),
    click.option(
        "--members",
        "members_dir",
        type=click.Path(file_okay=False),
        metavar="DIR",
        help="Also write the members table into this folder, a member a row (document, path, "
        "offsets, lines, cluster, representative, similarity): DIR/members-00000.parquet, ...",
    ),
    click.option(
        "--members-format",
        type=click.Choice(["parquet", "jsonl"]),
        default="parquet",
        show_default=True,
        help="The members table's format (Parquet needs pip install 'diffkit[parquet]').",
    ),
    click.option(
        "--cache-dir",
        type=click.Path(file_okay=False),
        metavar="DIR",
        help="Keep each stage's result here (each input's fold, signatures, similar pairs, "
        "components, the edits), keyed by the inputs, options and diffkit's code, so a run "
        "stopped midway resumes where it was (paragraphs and sentences).",
    ),
    click.option(
        "--output",
        type=click.Path(file_okay=False),
        help="Write a de-duplicated copy of each input into this folder, with a record of what was removed.",
    ),
    click.option(
        "--in-place", is_flag=True, help="Rewrite the inputs themselves (a backup is kept)."
    ),
    click.option(
        "--remove-near",
        is_flag=True,
        help="With --output or --in-place, remove near repeats too, not only repeats whose text "
        "the first occurrence holds (a near repeat's own text is then kept only in the record).",
    ),
    click.option(
        "--backup-suffix",
        default=".bak",
        show_default=True,
        help="Suffix of the backups --in-place keeps.",
    ),
    click.option("--check", is_flag=True, help="Exit 1 when duplicates are found (for CI)."),
    click.option(
        "--no-diff", is_flag=True, help="Skip each repeat's edits (faster on large corpora)."
    ),
    click.option(
        "-j",
        "--workers",
        metavar="N",
        help="Processes that diff the repeats of a large corpus [default: all cores].",
    ),
    click.option(
        "-q",
        "--quiet",
        is_flag=True,
        help="No progress bar, no warning of a file passed over, no summary of what was removed; "
        "errors still show.",
    ),
    click.option(
        "--text-column",
        metavar="COL",
        help="Read the inputs as JSON Lines (or Parquet) shards, a document a row: its text in "
        "this column.",
    ),
    click.option(
        "--id-column",
        metavar="COL",
        help="With --text-column, the column that names each row's document [default: its row number].",
    ),
    click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="Where similar pairs are found: this machine, or a Dask cluster "
        "(pip install 'diffkit[dask]'), with the same result.",
    ),
    click.option(
        "--scheduler",
        metavar="ADDR",
        help="With --engine dask, the scheduler (tcp://HOST:8786) [default: "
        "$DASK_SCHEDULER_ADDRESS, else a local cluster of -j workers].",
    ),
    click.option(
        "--partitions",
        type=click.IntRange(min=1),
        metavar="N",
        help="With --engine dask, how many parts the keys are cut into [default: one per "
        "200,000 keys, at least one a worker].",
    ),
]


def dedupe_options(func: F) -> F:
    """Every option of ``diffkit dedupe`` but the folding ones, in the order its help lists them."""
    for option in reversed(_OPTIONS):
        func = option(func)
    return func


def check_companions(
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

"""Sharded reports: a dedupe report's clusters as JSON Lines files of bounded size.

``--format jsonl --report DIR/`` writes ``DIR/part-00000.jsonl``, ``part-00001.jsonl``, ...,
a cluster a line in the schema of ``--format jsonl``, so that a corpus's clusters are never
one file that a reader (or a later engine's writer) must hold whole, and shards can be read
in parallel. Each shard is written through a temporary file and a rename.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeVar

from .errors import UsageError
from .formats.jsonl import dedupe_jsonl_bytes
from .formats.writing import atomic_write

if TYPE_CHECKING:
    from .deduplication import DedupeReport

SHARD_CLUSTERS: Final = 10_000
"""Clusters a shard holds at most."""
_PART: Final = re.compile(r"part-(\d{5,})\.jsonl")
T = TypeVar("T")


def shard_folder(report: str | None, fmt: str) -> Path | None:
    """The folder that ``--report`` names for shards: one ending in a folder separator, or
    an existing folder, with ``--format jsonl``; None for a file or standard output."""
    if report is None or not (report.endswith(("/", os.sep)) or Path(report).is_dir()):
        return None
    if fmt != "jsonl":
        raise UsageError(
            f"{report}: is a folder; only --format jsonl writes a report into one "
            "(part-00000.jsonl, ...)"
        )
    return Path(report)


def shard_name(n: int) -> str:
    return f"part-{n:05d}.jsonl"


def write_shards(
    report: DedupeReport, folder: Path, *, per_shard: int = SHARD_CLUSTERS
) -> list[Path]:
    """Write the report's clusters into ``folder`` (made if missing), ``per_shard`` a file,
    at least one file (empty when nothing repeats); shards a previous run left beyond the
    last one written are removed, so the folder holds this report alone. Returns the paths."""
    return write_parts(folder, _lines(report), per_shard, shard_name, atomic_write, _PART)


def write_parts(
    folder: Path,
    items: Iterator[T],
    per_shard: int,
    name: Callable[[int], str],
    write: Callable[[Path, list[T]], object],
    ours: re.Pattern[str],
) -> list[Path]:
    """Write ``items`` into ``folder`` (made if missing), ``per_shard`` a file, file ``n``
    named ``name(n)`` and written by ``write``, at least one file; the files matching
    ``ours`` that a previous run left and this one did not write are removed, so that the
    folder holds this output alone. Returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    while True:
        part = list(islice(items, per_shard))
        if not part and written:
            break
        path = folder / name(len(written))
        write(path, part)
        written.append(path)
        if len(part) < per_shard:
            break
    for stale in folder.iterdir():
        if ours.fullmatch(stale.name) and stale not in written:
            stale.unlink()
    return written


def _lines(report: DedupeReport) -> Iterator[bytes]:
    """Each cluster's line of ``--format jsonl``, ending in a line break."""
    for chunk in dedupe_jsonl_bytes(report):
        yield (chunk[1:] if chunk.startswith(b"\n") else chunk) + b"\n"

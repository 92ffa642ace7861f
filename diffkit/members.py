"""The members table: a row a cluster member, in shards, for tools that read tables.

A corpus's clusters feed pipelines (drop the repeats, keep the representatives, join with
metadata) that want a table, not nested JSON: ``--members DIR/`` writes
``DIR/members-00000.parquet``, ... (``--members-format jsonl``: ``.jsonl``), each row a member
with its document, its place in the original file, its cluster, whether it is the cluster's
representative and its similarity to it. Rows are made and written a shard at a time, each
through a temporary file and a rename, so the table is never held whole. Parquet needs
pyarrow (``pip install 'diffkit[parquet]'``), the library that pandas, Dask, DuckDB and
Spark read it with; JSON Lines needs nothing.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import orjson

from .errors import UsageError
from .formats.writing import atomic_write, file_mode
from .shards import write_parts

if TYPE_CHECKING:
    from .deduplication import DedupeReport

MembersFormat = Literal["parquet", "jsonl"]
FORMATS: Final = ("parquet", "jsonl")
SHARD_ROWS: Final = 1_000_000
"""Members a shard holds at most."""
COLUMNS: Final = (
    "document",
    "path",
    "start_offset",
    "end_offset",
    "start_line",
    "end_line",
    "cluster",
    "representative",
    "similarity",
)
"""The table's columns: the document's number among the report's documents (input order)
and its path (``SHARD#ID`` for a row of a shard), the member's character offsets (end
exclusive) and lines (end inclusive) in the original file, its cluster's id, whether it is
the representative, and its similarity to it."""
INSTALL: Final = (
    "writing Parquet needs pyarrow: pip install 'diffkit[parquet]' (or --members-format jsonl)"
)
_SHARD: Final = re.compile(r"members-(\d{5,})\.(parquet|jsonl)")

Row = tuple[int, str, int, int, int, int, int, bool, float]


def check_format(fmt: str) -> MembersFormat:
    """``fmt`` if it is a members format that can be written here; Parquet without pyarrow
    is a usage error saying what to install, raised before any work is done."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown members format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt == "parquet":
        _pyarrow()
    return fmt  # type: ignore[return-value]


def rows(report: DedupeReport) -> Iterator[Row]:
    """The table's rows, cluster by cluster, each cluster's members in its order."""
    number: dict[str, int] = {}
    for n, info in enumerate(report.documents):
        number.setdefault(info.path, n)
    for cluster in report.clusters:
        for m in cluster.members:
            s = m.span
            yield (
                number[s.path] if m.document is None else m.document,
                s.path,
                s.start,
                s.end,
                s.start_line,
                s.end_line,
                cluster.id,
                m.representative,
                m.similarity,
            )


def write_members(
    report: DedupeReport,
    folder: Path,
    fmt: MembersFormat = "parquet",
    *,
    per_shard: int = SHARD_ROWS,
) -> list[Path]:
    """Write the members table into ``folder`` (made if missing), ``per_shard`` rows a
    file, at least one file (with no rows when nothing repeats); the shards a previous run
    left are removed, so the folder holds this table alone. Returns the paths."""
    check_format(fmt)
    return write_parts(
        folder,
        rows(report),
        per_shard,
        lambda n: f"members-{n:05d}.{fmt}",
        _write_parquet if fmt == "parquet" else _write_jsonl,
        _SHARD,
    )


def read_members(folder: Path) -> list[dict[str, Any]]:
    """Every row of the members table in ``folder``, in shard order (for checks and tests)."""
    out: list[dict[str, Any]] = []
    for path in sorted(folder.iterdir()):
        if not _SHARD.fullmatch(path.name):
            continue
        if path.suffix == ".parquet":
            out += _pyarrow()[1].read_table(path).to_pylist()
        else:
            out += [orjson.loads(line) for line in path.read_bytes().splitlines()]
    return out


def _write_jsonl(path: Path, part: Iterable[Row]) -> None:
    atomic_write(path, [orjson.dumps(dict(zip(COLUMNS, row, strict=True))) + b"\n" for row in part])


def _write_parquet(path: Path, part: list[Row]) -> None:
    pa, pq = _pyarrow()
    columns = list(zip(*part, strict=True)) if part else [() for _ in COLUMNS]
    types = [
        pa.int64(),
        pa.string(),
        pa.int64(),
        pa.int64(),
        pa.int64(),
        pa.int64(),
        pa.int64(),
        pa.bool_(),
        pa.float64(),
    ]
    table = pa.table(
        [pa.array(list(c), type=t) for c, t in zip(columns, types, strict=True)],
        names=list(COLUMNS),
    )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.chmod(tmp, file_mode(path))  # mkstemp makes files private; a table is a report
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(INSTALL) from None
    return pa, pq

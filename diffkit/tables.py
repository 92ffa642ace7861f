"""Documents from table shards: JSON Lines (or Parquet) files holding one document a row.

Corpora at scale come as shards of rows, not as text files: ``--text-column text`` reads each
row's text as a document named ``SHARD#ID`` (``--id-column``'s value, or the row's number
from 1), in the order of the shards given, then of their rows; a shard may be a URL
(``memory://``, ``s3://``: see :mod:`diffkit.loading.remote`). Parquet needs pyarrow
(``pip install 'diffkit[parquet]'``): without it, a Parquet shard is a one-line error saying so.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import orjson

from .errors import InputError, UsageError
from .loading import from_text
from .loading.remote import is_url, open_url
from .model import Document

JSONL: Final = (".jsonl", ".ndjson", ".json")
PARQUET: Final = (".parquet",)


def read_tables(
    paths: Sequence[str], text_column: str, id_column: str | None = None
) -> list[Document]:
    """The documents of every row of the shards ``paths``, in order; a shard of another
    kind, a row that is no object or lacks the column, or a text that is not a string is an
    error naming the shard and the row."""
    docs: list[Document] = []
    for path in paths:
        suffix = Path(path).suffix.lower()
        if suffix in JSONL:
            rows = _jsonl_rows(path)
        elif suffix in PARQUET:
            rows = _parquet_rows(path, text_column, id_column)
        else:
            raise UsageError(
                f"{path}: --text-column reads JSON Lines (.jsonl, .ndjson) or Parquet shards"
            )
        for number, row in rows:
            docs.append(_document(path, number, row, text_column, id_column))
    return docs


def _document(
    path: str, number: int, row: Any, text_column: str, id_column: str | None
) -> Document:
    where = f"{path}:{number}"
    if not isinstance(row, dict):
        raise InputError(where, f"a row is a JSON object, not {type(row).__name__}")
    text = row.get(text_column)
    if not isinstance(text, str):
        found = "no column" if text_column not in row else "no text in column"
        raise InputError(where, f"{found} {text_column!r}")
    name = number
    if id_column is not None:
        if id_column not in row:
            raise InputError(where, f"no column {id_column!r}")
        name = row[id_column]
    return from_text(text, name=f"{path}#{name}")


def _jsonl_rows(path: str) -> Iterator[tuple[int, Any]]:
    try:
        with open_url(path) if is_url(path) else open(path, "rb") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    yield number, orjson.loads(line)
                except orjson.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}", f"not JSON ({exc})") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None


def _parquet_rows(path: str, text_column: str, id_column: str | None) -> Iterator[tuple[int, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(
            f"{path}: reading Parquet needs pyarrow: pip install 'diffkit[parquet]'"
        ) from None
    columns = [text_column] if id_column is None else [text_column, id_column]
    number = 0
    source = open_url(path) if is_url(path) else path
    try:
        for batch in pq.ParquetFile(source).iter_batches(columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield number, row
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        found = " ".join(str(exc).split())
        raise InputError(path, f"not a Parquet file that can be read ({found})") from None

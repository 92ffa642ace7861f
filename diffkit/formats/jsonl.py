"""The jsonl format of dedupe: one cluster a line, each carrying the schema, so the output
streams and greps."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .json_stream import encode_json_bytes

if TYPE_CHECKING:
    from ..deduplication import DedupeReport


def dedupe_jsonl_chunks(report: DedupeReport) -> Iterator[str]:
    """One cluster a line, each carrying the schema, so the output streams and greps; the
    lines come one at a time, each encoded as it is written."""
    return (line.decode() for line in dedupe_jsonl_bytes(report))


def dedupe_jsonl_bytes(report: DedupeReport) -> Iterator[bytes]:
    """``dedupe_jsonl_chunks`` as UTF-8, for a file."""
    # The line of {"schema": ..., **cluster}: the schema spliced before the cluster's fields.
    head = b'{"schema":' + encode_json_bytes(report.schema) + b","
    for n, c in enumerate(report.clusters):
        line = head + encode_json_bytes(c.to_dict())[1:]
        yield line if n == 0 else b"\n" + line

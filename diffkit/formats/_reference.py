"""Slow, plainly correct versions of the JSON writers' fast paths (orjson, a report streamed
an item at a time, bytes spliced together); the tests check that the two agree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..deduplication import DedupeReport


def dumps_report(data: dict[str, Any]) -> str:
    """A report as JSON in one call of the standard library's encoder."""
    whole = {k: list(v) if isinstance(v, Iterator) else v for k, v in data.items()}
    return json.dumps(whole, ensure_ascii=False)


def dedupe_jsonl(report: DedupeReport) -> list[str]:
    """The lines of dedupe's jsonl format: each cluster's dict, the schema first."""
    return [
        json.dumps({"schema": report.schema, **c.to_dict()}, ensure_ascii=False)
        for c in report.clusters
    ]

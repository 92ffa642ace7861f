"""The csv format of dedupe: one row a member, for spreadsheets and ``sort | uniq``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..deduplication import DedupeReport


def dedupe_csv(report: DedupeReport) -> str:
    """One row a member: spreadsheets and `sort | uniq` pipelines."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        [
            "cluster",
            "size",
            "cluster_similarity",
            "representative",
            "path",
            "start_line",
            "end_line",
            "start_column",
            "end_column",
            "similarity",
            "text",
        ]
    )
    for c in report.clusters:
        for m in c.members:
            writer.writerow(
                [
                    c.id,
                    len(c.members),
                    c.similarity,
                    int(m.representative),
                    m.span.path,
                    m.span.start_line,
                    m.span.end_line,
                    m.span.start_column,
                    m.span.end_column,
                    m.similarity,
                    m.text,
                ]
            )
    return buf.getvalue()

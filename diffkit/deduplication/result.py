"""The result of ``dedupe``: clusters of repeated passages, and how they are written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final, Literal

from ..model import (
    Cluster,
    DocumentInfo,
    dumps_report,
    encode_json,
    report_bytes,
    report_chunks,
)

SCHEMA: Final = "diffkit.dedupe/1"
DedupeGranularity = Literal["paragraph", "sentence", "passage"]
GRANULARITIES: Final = ("paragraph", "sentence", "passage")


@dataclass(frozen=True)
class DedupeReport:
    """Clusters of repeated passages found in one or more documents."""

    schema: str
    documents: tuple[DocumentInfo, ...]
    profile: str
    steps: tuple[str, ...]
    granularity: str
    threshold: float
    min_chars: int
    clusters: tuple[Cluster, ...]

    def __str__(self) -> str:
        names = ", ".join(d.path for d in self.documents[:3]) + (
            " ..." if len(self.documents) > 3 else ""
        )
        return (
            f"DedupeReport({names}: {len(self.clusters)} clusters, {self.duplicates} repeats, "
            f"{self.granularity} granularity, threshold {self.threshold})"
        )

    @property
    def duplicates(self) -> int:
        """Repeats beyond the first occurrence of each cluster."""
        return sum(len(c.members) - 1 for c in self.clusters)

    @property
    def exit_code(self) -> int:
        return 1 if self.clusters else 0

    def to_dict(self) -> dict[str, Any]:
        return self._fields([c.to_dict() for c in self.clusters])

    def json_chunks(self) -> Iterator[str]:
        """``to_json()`` a piece at a time, each cluster encoded only as it is written: what
        the CLI streams to a file, so a large report is never held whole as text."""
        return report_chunks(self._fields(c.to_dict() for c in self.clusters))

    def json_bytes(self) -> Iterator[bytes]:
        """``json_chunks()`` as UTF-8: what a file receives, each cluster encoded straight to
        bytes (a large report's JSON is never decoded only to be encoded again)."""
        return report_bytes(self._fields(c.to_dict() for c in self.clusters))

    def _fields(self, clusters: Iterable[dict[str, Any]]) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "documents": [d.to_dict() for d in self.documents],
            "profile": self.profile,
            "steps": list(self.steps),
            "granularity": self.granularity,
            "threshold": self.threshold,
            "min_chars": self.min_chars,
            "duplicates": self.duplicates,
            "clusters": clusters,
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON with an item a line (``indent=None``: all on one line)."""
        if indent is None:
            return encode_json(self.to_dict())
        return dumps_report(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DedupeReport:
        return cls(
            schema=data["schema"],
            documents=tuple(DocumentInfo.from_dict(d) for d in data["documents"]),
            profile=data["profile"],
            steps=tuple(data["steps"]),
            granularity=data["granularity"],
            threshold=data["threshold"],
            min_chars=data["min_chars"],
            clusters=tuple(Cluster.from_dict(c) for c in data["clusters"]),
        )

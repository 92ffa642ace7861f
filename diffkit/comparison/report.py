"""What `compare` returns: the report of two documents aligned, and the names it checks.

The report is a frozen value with its JSON forms (whole, or a pair at a time for a large
report); the categories a caller may ignore are checked here, where the report counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from ..errors import UsageError
from ..model import (
    CATEGORIES,
    DocumentInfo,
    Pair,
    Segment,
    dumps_report,
    encode_json,
    report_bytes,
    report_chunks,
    segment_from_dict,
)

SCHEMA: Final = "diffkit.compare/1"
Progress = Callable[[str, float], None]
"""Called with a stage name and the fraction done (0..1)."""


class Cancelled(Exception):
    """Raised inside long work when the caller's ``cancel`` callback returns True."""


@dataclass(frozen=True)
class CompareReport:
    """The result of comparing document A with document B."""

    schema: str
    a: DocumentInfo
    b: DocumentInfo
    profile: str
    steps: tuple[str, ...]
    ignore: tuple[str, ...]
    """Categories that do not count as differences (their edits are still listed)."""
    similarity: float
    """How much of both documents is matched, weighted by each pair's similarity (0..1)."""
    coverage_a: float
    coverage_b: float
    pairs: tuple[Pair, ...]
    unmatched_a: tuple[Segment, ...]
    unmatched_b: tuple[Segment, ...]

    def __str__(self) -> str:
        return (
            f"CompareReport({self.a.path} vs {self.b.path}: similarity {self.similarity:.1%}, "
            f"{len(self.pairs)} pairs, {self.differences()} counted differences, "
            f"unmatched A {len(self.unmatched_a)}, B {len(self.unmatched_b)})"
        )

    def counts(self) -> dict[str, int]:
        """Edits per category over all pairs, counted or not."""
        out: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
        for pair in self.pairs:
            for e in pair.edits:
                out[e.category] += 1
        return out

    def differences(self) -> int:
        """Edits of counted categories, plus unmatched passages when content counts."""
        hidden = frozenset(self.ignore)
        n = sum(len(p.counted(hidden)) for p in self.pairs)
        if "content" not in hidden:
            n += len(self.unmatched_a) + len(self.unmatched_b)
        return n

    @property
    def exit_code(self) -> int:
        return 1 if self.differences() else 0

    def to_dict(self) -> dict[str, Any]:
        return self._fields([p.to_dict() for p in self.pairs])

    def _fields(self, pairs: Iterable[dict[str, Any]]) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "profile": self.profile,
            "steps": list(self.steps),
            "ignore": list(self.ignore),
            "similarity": self.similarity,
            "coverage_a": self.coverage_a,
            "coverage_b": self.coverage_b,
            "counts": self.counts(),
            "differences": self.differences(),
            "pairs": pairs,
            "unmatched_a": [s.to_dict() for s in self.unmatched_a],
            "unmatched_b": [s.to_dict() for s in self.unmatched_b],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON with an item a line (``indent=None``: all on one line)."""
        if indent is None:
            return encode_json(self.to_dict())
        # Each pair is made a dict only as it is written: a large report never stands whole
        # in memory as dicts beside its text.
        return dumps_report(self._fields(p.to_dict() for p in self.pairs))

    def json_chunks(self) -> Iterator[str]:
        """``to_json()`` a piece at a time, each pair encoded only as it is written: what the
        CLI streams, so a large report is never held whole as text."""
        return report_chunks(self._fields(p.to_dict() for p in self.pairs))

    def json_bytes(self) -> Iterator[bytes]:
        """``json_chunks()`` as UTF-8, what a file receives."""
        return report_bytes(self._fields(p.to_dict() for p in self.pairs))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CompareReport:
        return cls(
            schema=data["schema"],
            a=DocumentInfo.from_dict(data["a"]),
            b=DocumentInfo.from_dict(data["b"]),
            profile=data["profile"],
            steps=tuple(data["steps"]),
            ignore=tuple(data["ignore"]),
            similarity=data["similarity"],
            coverage_a=data["coverage_a"],
            coverage_b=data["coverage_b"],
            pairs=tuple(Pair.from_dict(p) for p in data["pairs"]),
            unmatched_a=tuple(segment_from_dict(s) for s in data["unmatched_a"]),
            unmatched_b=tuple(segment_from_dict(s) for s in data["unmatched_b"]),
        )


def check_categories(names: Iterable[str]) -> tuple[str, ...]:
    out = tuple(names)
    for name in out:
        if name not in CATEGORIES:
            raise UsageError(
                f"unknown category {name!r}; the categories are: {', '.join(CATEGORIES)}"
            )
    return out

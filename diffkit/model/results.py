"""What the two verbs find: pairs of aligned passages (compare) and clusters of repeats
(dedupe)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .documents import Located, Span
from .edits import Edit, edit_dicts, edit_from_dict

PairKind = Literal["identical", "equivalent", "modified", "a_in_b", "b_in_a", "partial"]
"""identical: same original text; equivalent: same once folded; modified: whole passages with
real changes; a_in_b / b_in_a: one side is contained in a longer passage of the other;
partial: the two overlap in part."""


@dataclass(frozen=True, slots=True)
class Pair:
    """A passage of A aligned with a passage of B, and every difference between them."""

    index: int
    a: Span
    b: Span
    a_text: str
    b_text: str
    kind: PairKind
    similarity: float
    """The Indel similarity of the folded keys (rapidfuzz's normalized Indel similarity, 1.0
    when they are equal)."""
    edits: tuple[Edit, ...]
    moved: bool = False
    """B holds this passage out of A's order: it moved."""
    a_paragraph: int = 0
    b_paragraph: int = 0

    def counted(self, ignore: frozenset[str] = frozenset()) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.category not in ignore)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "similarity": round(self.similarity, 4),
            "moved": self.moved,
            "a": {**self.a.to_dict(), "paragraph": self.a_paragraph, "text": self.a_text},
            "b": {**self.b.to_dict(), "paragraph": self.b_paragraph, "text": self.b_text},
            "edits": [e.to_dict() for e in self.edits],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Pair:
        a, b = Span.from_dict(data["a"]), Span.from_dict(data["b"])
        return cls(
            index=data["index"],
            a=a,
            b=b,
            a_text=data["a"]["text"],
            b_text=data["b"]["text"],
            kind=data["kind"],
            similarity=data["similarity"],
            edits=tuple(edit_from_dict(e, a.start, b.start) for e in data["edits"]),
            moved=data["moved"],
            a_paragraph=data["a"]["paragraph"],
            b_paragraph=data["b"]["paragraph"],
        )


@dataclass(frozen=True, slots=True)
class Member(Located):
    """One occurrence of a repeated passage."""

    span: Span
    text: str
    similarity: float
    """The pair similarity (:func:`diffkit.pair_similarity`) of its folded key and the
    representative's: the Indel similarity, or that of their sentences sorted when that is
    higher (1.0 for the representative itself)."""
    edits: Sequence[Edit] = ()
    """What turns the representative into this member: ``a_*`` offsets point into the
    representative's file, ``b_*`` into this member's. A tuple, or (from ``dedupe``) an
    EditRows, which reads and compares as one."""
    representative: bool = False
    document: int | None = field(default=None, compare=False)
    """The number of its document among the report's (input order; two documents may share
    a path, as two texts given in memory do), or None when read back from JSON."""

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "text": self.text,
            "similarity": self.similarity,
            "representative": self.representative,
            "edits": edit_dicts(self.edits),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], rep_start: int) -> Member:
        span = Span.from_dict(data)
        return cls(
            span=span,
            text=data["text"],
            similarity=data["similarity"],
            edits=tuple(edit_from_dict(e, rep_start, span.start) for e in data["edits"]),
            representative=data["representative"],
        )


@dataclass(frozen=True, slots=True)
class Cluster:
    """A passage and all its repeats; the first occurrence (inputs in the order given, then
    position) is the representative."""

    id: int
    similarity: float
    """The lowest pair similarity of a member to the representative."""
    members: tuple[Member, ...]
    """The representative first, then the repeats in path and position order."""

    @property
    def representative(self) -> Member:
        return self.members[0]

    @property
    def repeats(self) -> tuple[Member, ...]:
        return self.members[1:]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "similarity": self.similarity,
            "size": len(self.members),
            "representative": {
                **self.representative.span.to_dict(),
                "text": self.representative.text,
            },
            "members": [m.to_dict() for m in self.members],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cluster:
        rep_start = data["representative"]["start_offset"]
        return cls(
            id=data["id"],
            similarity=data["similarity"],
            members=tuple(Member.from_dict(m, rep_start) for m in data["members"]),
        )

"""Slow, plainly correct versions of the model's fast paths; the tests check that the two
agree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .documents import Document, Span
from .edits import Category, Edit


def spans(doc: Document, starts: list[int], ends: list[int]) -> list[Span]:
    """:meth:`Document.spans`, one :meth:`Document.span` at a time."""
    return [doc.span(start, end) for start, end in zip(starts, ends, strict=True)]


def edits_of(
    raw: Iterable[Sequence[Any]],
    a: str,
    b: str,
    *,
    a_base: int = 0,
    b_base: int = 0,
    categories: Sequence[Category] | None = None,
) -> tuple[Edit, ...]:
    """:func:`~diffkit.model.edits.edits_of`, through the dataclass's own constructor."""
    out = []
    for a0, a1, b0, b1, category, ambiguous in raw:
        at, bt = a[a0:a1], b[b0:b1]
        out.append(
            Edit(
                "replace" if at and bt else "delete" if at else "insert",
                a0 + a_base,
                a1 + a_base,
                b0 + b_base,
                b1 + b_base,
                at,
                bt,
                category if categories is None else categories[category],
                bool(ambiguous),
            )
        )
    return tuple(out)

"""Edits: one difference between two aligned texts, its category, and the compact rows a
large report keeps until an edit is read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast, overload

from ..vocabulary import EDIT_CATEGORIES

Category = Literal[
    "whitespace", "punctuation", "annotation", "width", "case", "script", "regional", "content"
]
"""Why two sides of an edit differ: the lightest fold that makes them equal, or ``content``."""
CATEGORIES: tuple[Category, ...] = tuple(
    cast(Category, category.name) for category in EDIT_CATEGORIES
)
"""Every category, lightest first (declared in :mod:`diffkit.vocabulary`)."""
EditOp = Literal["insert", "delete", "replace"]


@dataclass(frozen=True, slots=True)
class Edit:
    """One difference between two aligned texts, with offsets into both original documents."""

    op: EditOp
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    """What stands in A (empty for an insertion)."""
    b_text: str
    """What stands in B instead (empty for a deletion)."""
    category: Category
    ambiguous: bool = False
    """A script edit whose conversion is one-to-many (干/乾/幹, 后/後, 发/髮): worth a look."""

    def to_dict(self) -> dict[str, Any]:
        return _edit_dict(
            self.op,
            self.a_text,
            self.b_text,
            self.category,
            self.ambiguous,
            self.a_start,
            self.b_start,
        )


def _edit_dict(
    op: str, a_text: str, b_text: str, category: str, ambiguous: bool, a_offset: int, b_offset: int
) -> dict[str, Any]:
    """An edit as reports write it: ``Edit.to_dict``, and EditRows without Edit objects."""
    return {
        "op": op,
        "a_text": a_text,
        "b_text": b_text,
        "category": category,
        "ambiguous": ambiguous,
        "a_offset": a_offset,
        "b_offset": b_offset,
    }


_SETTERS: tuple[Any, ...] = tuple(vars(Edit)[name].__set__ for name in Edit.__slots__)


def _new_edit(
    op: EditOp,
    a_start: int,
    a_end: int,
    b_start: int,
    b_end: int,
    a_text: str,
    b_text: str,
    category: Category,
    ambiguous: bool,
) -> Edit:
    """``Edit(...)`` without the frozen dataclass's ``__init__``, which sets each field through
    ``object.__setattr__``: the slots' own descriptors set them directly, for the many edits
    of a large report (``_reference.edits_of`` makes the same through the constructor)."""
    edit: Edit = object.__new__(Edit)
    s_op, s_a0, s_a1, s_b0, s_b1, s_at, s_bt, s_cat, s_amb = _SETTERS
    s_op(edit, op)
    s_a0(edit, a_start)
    s_a1(edit, a_end)
    s_b0(edit, b_start)
    s_b1(edit, b_end)
    s_at(edit, a_text)
    s_bt(edit, b_text)
    s_cat(edit, category)
    s_amb(edit, ambiguous)
    return edit


def _op(a: str, b: str) -> EditOp:
    return "replace" if a and b else "delete" if a else "insert"


def edits_of(
    raw: Iterable[Sequence[Any]],
    a: str,
    b: str,
    *,
    a_base: int = 0,
    b_base: int = 0,
    categories: Sequence[Category] | None = None,
) -> tuple[Edit, ...]:
    """Edit objects for raw edits ``(a0, a1, b0, b1, category, ambiguous)`` relative to ``a``
    and ``b``, their offsets shifted by ``a_base``/``b_base``; with ``categories``, each
    category is an index into it."""
    out: list[Edit] = []
    for a0, a1, b0, b1, category, ambiguous in raw:
        at, bt = a[a0:a1], b[b0:b1]
        out.append(
            _new_edit(
                _op(at, bt),
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


class EditRows(Sequence[Edit]):
    """Edits kept as the diff made them, rows ``[a0, a1, b0, b1, category, ambiguous]``
    relative to the two texts (``category`` an index into CATEGORIES), and made into Edit
    objects the first time they are read. A large corpus's report holds half a million
    edits that are mostly only written out, which needs no objects (``to_dicts``). Reads,
    compares and hashes as the tuple of its Edit objects."""

    __slots__ = ("_a", "_a_base", "_b", "_b_base", "_made", "_rows")

    def __init__(
        self, rows: Sequence[Sequence[int]], a: str, b: str, a_base: int, b_base: int
    ) -> None:
        self._rows, self._a, self._b = rows, a, b
        self._a_base, self._b_base = a_base, b_base
        self._made: tuple[Edit, ...] | None = None

    def _edits(self) -> tuple[Edit, ...]:
        if self._made is None:
            self._made = edits_of(
                self._rows,
                self._a,
                self._b,
                a_base=self._a_base,
                b_base=self._b_base,
                categories=CATEGORIES,
            )
        return self._made

    def to_dicts(self) -> list[dict[str, Any]]:
        """``[e.to_dict() for e in self]``, without making the Edit objects."""
        a, b, da, db = self._a, self._b, self._a_base, self._b_base
        out = []
        for a0, a1, b0, b1, category, ambiguous in self._rows:
            at, bt = a[a0:a1], b[b0:b1]
            out.append(
                _edit_dict(
                    _op(at, bt), at, bt, CATEGORIES[category], bool(ambiguous), a0 + da, b0 + db
                )
            )
        return out

    @overload
    def __getitem__(self, index: int) -> Edit: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Edit, ...]: ...
    def __getitem__(self, index: int | slice) -> Edit | tuple[Edit, ...]:
        return self._edits()[index]

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Edit]:
        return iter(self._edits())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EditRows | tuple):
            return self._edits() == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._edits())

    def __repr__(self) -> str:
        return repr(self._edits())


class EditSequence(Sequence[Edit]):
    """A result that reads as the sequence of its ``edits``: iterated, indexed and measured
    as they are (``for e in diffkit.diff(a, b)``)."""

    __slots__ = ()
    edits: Sequence[Edit]

    @overload
    def __getitem__(self, index: int) -> Edit: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Edit]: ...
    def __getitem__(self, index: int | slice) -> Edit | Sequence[Edit]:
        return self.edits[index]

    def __len__(self) -> int:
        return len(self.edits)

    def __iter__(self) -> Iterator[Edit]:
        return iter(self.edits)


def edit_dicts(edits: Sequence[Edit]) -> list[dict[str, Any]]:
    """Each edit's ``to_dict()``; an EditRows makes them without its Edit objects."""
    return edits.to_dicts() if isinstance(edits, EditRows) else [e.to_dict() for e in edits]


def edit_from_dict(data: dict[str, Any], a_base: int, b_base: int) -> Edit:
    a_start, b_start = data["a_offset"], data["b_offset"]
    return Edit(
        data["op"],
        a_start,
        a_start + len(data["a_text"]),
        b_start,
        b_start + len(data["b_text"]),
        data["a_text"],
        data["b_text"],
        data["category"],
        data.get("ambiguous", False),
    )

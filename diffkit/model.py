"""The shared vocabulary of diffkit: documents, positions and segments.

Every stage of the pipeline speaks in these types, and every position in them points into the
original text of a file, never into folded text.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, AnyStr, Literal, cast, overload

import orjson

from .vocabulary import EDIT_CATEGORIES

SegmentKind = Literal["text", "heading", "noise"]
Granularity = Literal["paragraph", "sentence"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's original text.

    Lines and columns are 1-based and count characters; ``end_line``/``end_column`` name the
    last character of the span (inclusive), while ``end`` is an exclusive character offset.
    """

    path: str
    """The document's path, or a name such as ``<a>`` for text given in memory."""
    start: int
    """Character offset of the first character (0-based)."""
    end: int
    """Character offset just past the last character."""
    start_line: int
    start_column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "start_line": self.start_line,
            "start_column": self.start_column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start_offset": self.start,
            "end_offset": self.end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(
            path=data["path"],
            start=data["start_offset"],
            end=data["end_offset"],
            start_line=data["start_line"],
            start_column=data["start_column"],
            end_line=data["end_line"],
            end_column=data["end_column"],
        )

    @property
    def start_offset(self) -> int:
        """``start``, by the name the JSON gives it."""
        return self.start

    @property
    def end_offset(self) -> int:
        """``end``, by the name the JSON gives it."""
        return self.end

    def __str__(self) -> str:
        if self.start_line == self.end_line:
            return f"{self.path}:{self.start_line}"
        return f"{self.path}:{self.start_line}-{self.end_line}"


@dataclass(frozen=True, eq=False)
class Document:
    """A decoded text and where it came from.

    ``text`` is the file's content exactly as decoded (line endings kept), so offsets into it
    are offsets into what the user sees in an editor.
    """

    path: str
    text: str
    encoding: str
    line_starts: tuple[int, ...] = field(repr=False)
    """Offset of the first character of each line; lines end at CRLF, CR or LF only."""

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of the character at ``offset``."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` (``end`` exclusive, ``end > start`` expected)."""
        line, column = self.position(start)
        last_line, last_column = self.position(max(start, end - 1))
        return Span(self.path, start, end, line, column, last_line, last_column)

    def spans(self, starts: list[int], ends: list[int]) -> list[Span]:
        """Many spans at once (``ends`` exclusive), with one vectorised line look-up."""
        import numpy as np

        lines = np.asarray(self.line_starts, dtype=np.int64)
        s = np.asarray(starts, dtype=np.int64)
        e = np.maximum(np.asarray(ends, dtype=np.int64) - 1, s)
        s_line = np.searchsorted(lines, s, side="right") - 1
        e_line = np.searchsorted(lines, e, side="right") - 1
        s_col = s - lines[s_line] + 1
        e_col = e - lines[e_line] + 1
        return [
            Span(self.path, a, b, la + 1, ca, lb + 1, cb)
            for a, b, la, ca, lb, cb in zip(
                starts,
                ends,
                s_line.tolist(),
                s_col.tolist(),
                e_line.tolist(),
                e_col.tolist(),
                strict=True,
            )
        ]

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line ending."""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


class Located:
    """A result with a ``span`` that reads its place by the names the JSON gives it, where
    the span's fields stand beside the result's own."""

    __slots__ = ()
    span: Span

    @property
    def path(self) -> str:
        return self.span.path

    @property
    def start_line(self) -> int:
        return self.span.start_line

    @property
    def start_column(self) -> int:
        return self.span.start_column

    @property
    def end_line(self) -> int:
        return self.span.end_line

    @property
    def end_column(self) -> int:
        return self.span.end_column

    @property
    def start_offset(self) -> int:
        return self.span.start

    @property
    def end_offset(self) -> int:
        return self.span.end


@dataclass(frozen=True, slots=True)
class Segment(Located):
    """A paragraph or sentence: its original text, its folded key and where it lies."""

    index: int
    """Position among the document's segments of the same granularity (0-based)."""
    span: Span
    text: str
    """The original text, exactly as in the file (inner line breaks included)."""
    folded: str
    """The comparison key: the text after folding; never shown as if it were the document."""
    kind: SegmentKind = "text"
    paragraph: int = 0
    """Index of the paragraph this segment belongs to (itself for a paragraph)."""
    folded_start: int = field(default=0, compare=False)
    """Where ``folded`` starts in the document's folded text (internal; not in reports)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "paragraph": self.paragraph,
            **self.span.to_dict(),
            "text": self.text,
            "folded": self.folded,
        }


@dataclass(frozen=True, slots=True)
class SegmentsReport:
    """What ``diffkit segments`` reports: a document's paragraphs or sentences."""

    path: str
    encoding: str
    profile: str
    steps: tuple[str, ...]
    granularity: Granularity
    segments: tuple[Segment, ...]
    schema: str = "diffkit.segments/1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "path": self.path,
            "encoding": self.encoding,
            "profile": self.profile,
            "steps": list(self.steps),
            "granularity": self.granularity,
            "segments": [s.to_dict() for s in self.segments],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


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
    """``Edit(...)`` in half the time, for the half million edits of a large report: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``, while the slots'
    own descriptors set them directly."""
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


PairKind = Literal["identical", "equivalent", "modified", "a_in_b", "b_in_a", "partial"]
"""identical: same original text; equivalent: same once folded; modified: whole passages with
real changes; a_in_b / b_in_a: one side is contained in a longer passage of the other;
partial: the two overlap in part."""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What a report says about one input."""

    path: str
    encoding: str
    lines: int
    chars: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "encoding": self.encoding,
            "lines": self.lines,
            "chars": self.chars,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentInfo:
        return cls(data["path"], data["encoding"], data["lines"], data["chars"])

    @classmethod
    def of(cls, doc: Document) -> DocumentInfo:
        return cls(doc.path, doc.encoding, doc.line_count, len(doc.text))


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


def segment_from_dict(data: dict[str, Any]) -> Segment:
    return Segment(
        index=data["index"],
        span=Span.from_dict(data),
        text=data["text"],
        folded=data["folded"],
        kind=data["kind"],
        paragraph=data["paragraph"],
    )


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
    """Similarity of the folded keys (1.0 when they are equal)."""
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
    """Similarity to the cluster's representative (1.0 for the representative itself)."""
    edits: Sequence[Edit] = ()
    """What turns the representative into this member: ``a_*`` offsets point into the
    representative's file, ``b_*`` into this member's. A tuple, or (from ``dedupe``) an
    EditRows, which reads and compares as one."""
    representative: bool = False

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
    """The lowest similarity of a member to the representative."""
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


def encode_json(value: Any) -> str:
    """``value`` as compact JSON on one line, non-ASCII text as it is: orjson's encoder,
    several times faster than json's on the edits of a large report."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        # Lone surrogates (text given in memory) are not UTF-8; json's encoder keeps them.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode_json_bytes(value: Any) -> bytes:
    """:func:`encode_json` as UTF-8, what a file receives, without decoding orjson's bytes
    only to encode them again; lone surrogates are written as ``\\u`` escapes."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8", "backslashreplace")


def dumps_report(data: dict[str, Any]) -> str:
    """A report as JSON: top-level fields one per line, and each item of a list (a pair, a
    cluster, a segment) on a line of its own. Line-based diffs of two reports then show
    which items changed, and every item goes through one C encoder call: pretty-printing a
    large report with ``indent`` would be many times slower."""
    return "".join(report_chunks(data))


def report_chunks(data: dict[str, Any]) -> Iterator[str]:
    """``dumps_report`` a piece at a time. A value may be an iterator of dicts, encoded only
    as it is written: a large report then never stands whole in memory, as dicts or as text."""
    return _report_pieces(data, encode_json, str)


def report_bytes(data: dict[str, Any]) -> Iterator[bytes]:
    """:func:`report_chunks` as UTF-8, for a file (see :func:`encode_json_bytes`)."""
    return _report_pieces(data, encode_json_bytes, str.encode)


def _report_pieces(
    data: dict[str, Any], encode: Callable[[Any], AnyStr], literal: Callable[[str], AnyStr]
) -> Iterator[AnyStr]:
    yield literal("{")
    items = list(data.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        name = json.dumps(key)
        if isinstance(value, Iterator):
            first = next(value, None)
            if first is None:
                yield literal(f"\n  {name}: []{comma}")
                continue
            yield literal(f"\n  {name}: [\n    ") + encode(first)
            between = literal(",\n    ")
            for v in value:
                yield between + encode(v)
            yield literal(f"\n  ]{comma}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            inner = literal(",\n").join(literal("    ") + encode(v) for v in value)
            yield literal(f"\n  {name}: [\n") + inner + literal(f"\n  ]{comma}")
        else:
            yield literal(f"\n  {name}: ") + encode(value) + literal(comma)
    yield literal("\n}")

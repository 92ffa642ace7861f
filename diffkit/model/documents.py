"""Documents and where things lie in them: spans, segments, what a report says of an input.

Every position points into the original text of a file, never into folded text.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

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


def segment_from_dict(data: dict[str, Any]) -> Segment:
    return Segment(
        index=data["index"],
        span=Span.from_dict(data),
        text=data["text"],
        folded=data["folded"],
        kind=data["kind"],
        paragraph=data["paragraph"],
    )

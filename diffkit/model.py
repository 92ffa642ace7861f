"""The shared vocabulary of diffkit: documents, positions and segments.

Every stage of the pipeline speaks in these types, and every position in them points into the
original text of a file, never into folded text.
"""

from __future__ import annotations

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

    def line(self, number: int) -> str:
        """Line ``number`` (1-based) without its line ending."""
        start = self.line_starts[number - 1]
        end = self.line_starts[number] if number < len(self.line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


@dataclass(frozen=True, slots=True)
class Segment:
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
    folded_start: int = 0
    """Where ``folded`` starts in the document's folded text."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "kind": self.kind,
            "paragraph": self.paragraph,
            **self.span.to_dict(),
            "text": self.text,
            "folded": self.folded,
        }

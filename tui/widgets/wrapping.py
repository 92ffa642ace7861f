"""A document's lines folded at a width in cells, computed on whole arrays at once.

The document view scrolls through documents of tens of thousands of lines and lays them out
again for every width and every switch between documents. Measuring each line with rich's
grapheme-aware ``chop_cells`` took most of a second on a 3 MB file; here every character's
width is read once per document from a table of the distinct characters it holds, running
sums give each line's width, and the lines too wide for a row are cut all together, one row
of every such line per step, so the cost is a few array passes whatever the document holds.

A Latin word (pinyin with its tone marks too, and markup such as ``lang="zh-CN"``) moves whole
to the next row when it fits one, as a reader expects: rows break at spaces outside quotes.
Han text, which has no spaces, may break anywhere. The diff view's rows follow the same rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from rich.cells import get_character_cell_size

from diffkit.model import Document
from diffkit.render import pictured

Offsets = npt.NDArray[np.int64]

WORD_CHARACTERS: Final = "!-~’\u00c0-\u024f\u1e00-\u1eff"
"""The characters of a Latin word, of pinyin (tone marks included) or of markup: any printable
ASCII but the space. A row does not end between two of them while the word fits a row."""
WORD_CHARACTER: Final = re.compile(f"[{WORD_CHARACTERS}]")
QUOTED: Final = re.compile('"[^"\r\n⏎]{0,62}"')
"""A short quoted value (an HTML attribute's, a quotation): its spaces do not end a row."""
WORD: Final = re.compile(f"(?:{QUOTED.pattern}|[{WORD_CHARACTERS}])+|.", re.DOTALL)
"""A word as a row keeps it whole (quoted values with their spaces), or any other character."""


def _cells(ch: str) -> int:
    """The cells ``ch`` takes as the view draws it (a control or zero-width character as
    its picture, a tab as a space: one character for one)."""
    return get_character_cell_size(pictured(ch).replace("\t", " "))


@dataclass(frozen=True, eq=False)
class Measure:
    """A document's characters' running widths: ``cells[i]`` cells precede offset ``i``."""

    cells: Offsets
    line_starts: Offsets
    line_ends: Offsets
    """Where each line's text ends, before its line break."""
    word: npt.NDArray[np.bool_]
    """Whether each character belongs to a Latin word (one more entry, False, at the end)."""
    word_starts: Offsets
    """Where each run of word characters starts, in order."""


_MEASURED: list[tuple[Document, Measure]] = []
"""The documents measured last (the app shows two, or a folder's few at a time)."""


def measured(document: Document) -> Measure:
    """``measure(document)``, kept for the last few documents: the analysis worker measures
    the documents it read, so that the document view opens on them without doing it."""
    for kept, result in _MEASURED:
        if kept is document:
            return result
    result = measure(document)
    _MEASURED.insert(0, (document, result))
    del _MEASURED[8:]
    return result


def measure(document: Document) -> Measure:
    codes = np.frombuffer(document.text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    present = np.flatnonzero(np.bincount(codes, minlength=1))
    table = np.ones(len(present) and int(present[-1]) + 1, dtype=np.uint8)
    in_word = np.zeros(len(table), dtype=np.bool_)
    for code in present.tolist():
        table[code] = _cells(chr(code))
        in_word[code] = WORD_CHARACTER.match(chr(code)) is not None
    word = np.zeros(len(codes) + 1, dtype=np.bool_)
    word[:-1] = in_word[codes]
    for quoted in QUOTED.finditer(document.text):
        word[quoted.start() : quoted.end()] = True
    first_of_word = word[:-1].copy()
    first_of_word[1:] &= ~word[:-2]
    word_starts = np.flatnonzero(first_of_word)
    cells = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(table[codes], dtype=np.int64, out=cells[1:])
    starts = np.asarray(document.line_starts, dtype=np.int64)
    ends = np.append(starts[1:], len(codes)).astype(np.int64)
    padded = np.append(codes, np.uint32(0))  # ends - 1 is -1 for an empty first line
    for _ in range(2):  # a line ends at CRLF, CR or LF
        last = padded[ends - 1]
        ends = np.where((ends > starts) & ((last == 10) | (last == 13)), ends - 1, ends)
    return Measure(cells, starts, ends, word, word_starts.astype(np.int64))


def _before_word(measured: Measure, cut: Offsets, start: Offsets, end: Offsets) -> Offsets:
    """``cut``, moved back to the start of the Latin word it would split when that word
    starts after the row's ``start``."""
    starts = measured.word_starts
    if not len(starts):
        return cut
    split = (cut < end) & measured.word[cut] & measured.word[np.maximum(cut - 1, 0)]
    word_start = starts[np.maximum(np.searchsorted(starts, cut, side="right") - 1, 0)]
    return np.where(split & (word_start > start), word_start, cut)


@dataclass(frozen=True, eq=False)
class Rows:
    """The rows of a document folded at a width, in document order."""

    starts: Offsets
    ends: Offsets
    lines: Offsets
    """1-based line number of each row, 0 where a wrapped line continues."""

    def __len__(self) -> int:
        return len(self.starts)

    def row_at(self, offset: int) -> int:
        """The row holding ``offset`` (the last row starting at or before it)."""
        return max(int(np.searchsorted(self.starts, offset, side="right")) - 1, 0)


def wrap(measured: Measure, width: int) -> Rows:
    """Each line cut where the next character would pass ``width`` cells, or before the Latin
    word that cut would split when the word starts later in the row (a character wider than
    a row gets a row of its own)."""
    cells = measured.cells
    starts, ends = measured.line_starts, measured.line_ends
    numbers = np.arange(1, len(starts) + 1, dtype=np.int64)
    long = np.flatnonzero(cells[ends] - cells[starts] > width)
    cut_at: list[Offsets] = []
    at, end = starts[long], ends[long]
    while len(at):
        reach = np.searchsorted(cells, cells[at] + width, side="right") - 1
        at = np.maximum(_before_word(measured, np.minimum(reach, end), at, end), at + 1)
        more = at < end
        at, end = at[more], end[more]
        cut_at.append(at)
    cuts = np.concatenate(cut_at) if cut_at else np.zeros(0, dtype=np.int64)
    row_starts = np.concatenate([starts, cuts])
    row_lines = np.concatenate([numbers, np.zeros(len(cuts), dtype=np.int64)])
    order = np.argsort(row_starts, kind="stable")
    row_starts, row_lines = row_starts[order], row_lines[order]
    # A row ends where the next one starts, or at its line's end when the next is a new line.
    line_of_row = np.searchsorted(starts, row_starts, side="right") - 1
    row_ends = np.append(row_starts[1:], 0)
    last_of_line = np.append(row_lines[1:] > 0, True)
    row_ends = np.where(last_of_line, ends[line_of_row], row_ends)
    return Rows(row_starts, row_ends, row_lines)

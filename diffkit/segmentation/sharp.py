"""Where text is wrapped to one sharp margin (a program's wrapping, a character at a time),
the margin alone says where a paragraph ends: a line ends its paragraph where the start of the
next would have fitted on it, whatever it ends with.
"""

from __future__ import annotations

from unicodedata import east_asian_width

import numpy as np
import numpy.typing as npt

from .lines import _Table
from .margins import _FRAGMENT_CELLS, _NEIGHBOURS, _WIDEST_MARGIN, _sharp_margins


def _margin_breaks(text: str, t: _Table, breaks: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``breaks`` where text is wrapped to a sharp margin, decided by the margin: a line ends
    its paragraph where the next line's start would have fitted on it, where either line runs
    past the margin (a paragraph a line), or where the next line opens a list item after a
    sentence or is indented 2 deeper than the line before it (a paragraph's first line, `　　`
    or spaces, in text otherwise flush); else it goes on, whatever it ends with. Table rows, code, numbers
    and fragments on a line of their own keep the re-joiner's decisions."""
    n = len(breaks)
    a = np.arange(n)
    b = a + 1
    reach = t.indent + t.cells
    margin = _sharp_margins(reach, t.ends_sentence)[a]
    odd = t.rigid | t.number | (t.cells <= _FRAGMENT_CELLS)
    sharp = (margin > 0) & ~(odd[a] | odd[b])
    wrapped = sharp & (reach[a] <= margin) & (reach[b] <= margin)
    room = np.where(wrapped, margin - reach[a], 0)
    first = np.full(n, _WIDEST_MARGIN, dtype=np.int64)  # at the margin nothing fits
    word = np.zeros(n, dtype=np.bool_)
    for k in np.flatnonzero(wrapped & (room >= 1)).tolist():
        first[k], whole = _next_start(text, int(t.end[k]), int(t.start[k + 1]))
        word[k] = whole > room[k] >= first[k]
    # Where the whole word would not have fitted, it was kept whole, unless the text around
    # cuts Latin words at the margin (a character at a time) more often than it keeps them.
    kept = word & ~_cut_mid_word(text, t, wrapped & (room == 0), word)
    # After a sentence, a Latin word is as likely a paragraph's first: the re-joiner decides.
    kept &= ~(t.ends_sentence[a] & breaks)
    joins = (wrapped & ((first > room) | kept)) | t.continues[b]
    # A space or two a wrapper carried over (` Unix 编程`) indent no paragraph, nor does a
    # mark (`- `) that opens a line mid-sentence open an item.
    deeper = t.indent[b] >= t.indent[a] + t.hang[a] + 2
    # A paragraph of one indented line: the next, as deep, opens one, if the line after it
    # is flush again.
    first_line = np.concatenate(([t.indent[0] >= 2], deeper[:-1]))
    c = np.minimum(a + 2, n)
    alone = first_line & (t.indent[b] == t.indent[a]) & (t.indent[b] >= t.indent[c] + 2)
    indented = deeper | alone
    item = (t.hang[b] > 0) & (t.ends_sentence[a] | t.closes_clause[a] | (t.hang[a] > 0))
    opens = (indented | item) & ~t.continues[b]
    return np.asarray(np.where(sharp, ~joins | opens, breaks), dtype=np.bool_)


def _next_start(text: str, end: int, start: int) -> tuple[int, int]:
    """Cells the line starting at ``start`` needs at the end of the line ending at ``end``
    (spaces after that counted, and the space between two Latin words where there is none):
    for its first character, and for its first word where that is Latin (a wrapper that keeps
    Latin words whole, as browsers and PDF layout do, moves all of it to the next line)."""
    blank = text[end:start].split("\n", 1)[0]
    spaces = len(blank) + blank.count("\u3000")
    # A wrapper drops the space it breaks at (`Makefile` / `文件`, `需要对` / `Unix 编程`).
    lost = int(not spaces and text[end - 1].isascii())
    char = text[start]
    if not char.isascii():
        cells = (2 if east_asian_width(char) in "WF" else 1) + spaces
        return cells, cells + lost
    k, stop = start, min(len(text), start + _WIDEST_MARGIN)
    while k < stop and not text[k].isspace() and east_asian_width(text[k]) not in "WF":
        k += 1
    return 1 + spaces + lost, k - start + max(spaces, 1)


def _cut_mid_word(
    text: str, t: _Table, full: npt.NDArray[np.bool_], kept: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Whether, within ``_NEIGHBOURS`` breaks of each, lines that reach the margin (``full``)
    cut a Latin word (a letter or digit on both sides, nothing between but the line break)
    more often than lines break before a Latin word that would have fitted only in part
    (``kept``): text wrapped a character at a time, as some PDF extraction of Chinese is."""
    cut = np.zeros(len(full), dtype=np.bool_)
    for k in np.flatnonzero(full).tolist():
        end, start = int(t.end[k]), int(t.start[k + 1])
        cut[k] = (
            text[end - 1].isascii()
            and text[end - 1].isalnum()
            and text[start].isascii()
            and text[start].isalnum()
            and not text[end:start].strip("\r\n")
        )
    if not cut.any():
        return cut
    votes = np.concatenate(([0], np.cumsum(cut.astype(np.int64) - kept.astype(np.int64))))
    at = np.arange(len(full))
    lo = np.maximum(at - _NEIGHBOURS, 0)
    hi = np.minimum(at + _NEIGHBOURS + 1, len(full))
    return np.asarray(votes[hi] - votes[lo] > 0, dtype=np.bool_)

"""The wrap width of hard-wrapped text, read from the widths of the lines around each line:
where lines reach one margin, the text is wrapped; where they vary, it is a paragraph or an
item a line.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from .lines import _Table

_WRAP_RADIUS: Final = 8
_ITEM_CELLS: Final = 100
"""Lines this wide (in cells, with their indent) are no short items: a paragraph a line."""
_MARGIN_CELLS: Final = 28
"""The narrowest margin hard-wrapped text is taken to have, in cells (14 Han characters):
short messages of about one width (a catalog's) are no wrapped text."""
_FRAGMENT_CELLS: Final = 2
"""Lines this narrow are fragments (a character or a number PDF extraction put on a line of
its own) and sit among wrapped lines as if at their margin."""
_REGULAR_SHARE: Final = 0.3
"""The share of nearby lines of one width that marks hard-wrapped text."""
_REGION: Final = 32
"""Line breaks on either side that say how a part of a document is laid out."""
_LOOSE_SHARE: Final = 0.6
"""At most this many loose lines (short, ending no sentence) per line at a margin: wrapped
prose ends its paragraphs' short last lines with a sentence; a catalog's short messages end
with none, and a few of them at one width are no margin."""


def _local_widths(cells: npt.NDArray[np.float64], radius: int = 4) -> npt.NDArray[np.float64]:
    """The wrap width around each line: the 75th percentile of the widths of the lines within
    ``radius``, so that one long or short line nearby does not move it."""
    padded = np.concatenate((np.full(radius, np.nan), cells, np.full(radius, np.nan)))
    windows = np.sort(np.lib.stride_tricks.sliding_window_view(padded, 2 * radius + 1), axis=1)
    # np.nanpercentile loops over rows in Python; this is its linear interpolation, vectorised.
    valid = np.count_nonzero(~np.isnan(windows), axis=1)
    pos = 0.75 * (valid - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, valid - 1)
    rows = np.arange(len(windows))
    low, high = windows[rows, lo], windows[rows, hi]
    return np.asarray(low + (pos - lo) * (high - low), dtype=np.float64)


def _regular_widths(t: _Table, at: npt.NDArray[np.int64], near: int = 8) -> npt.NDArray[np.bool_]:
    """Whether each line ``at`` lies among lines of one width: hard-wrapped text, whose lines
    reach a shared margin (at it, or within ``near`` lines of one that is) no narrower than
    ``_MARGIN_CELLS``. Items a line each (catalog messages, list entries) vary in width.
    Fragments (a number PDF extraction put on a line of its own) show a margin too, but only
    within ``_REGION`` lines of wider lines that show one: a menu's one-word labels are no
    fragments of wrapped text."""
    n = len(t.cells)
    if not len(at):
        return np.zeros(0, dtype=np.bool_)
    # Small integers are quick to compare; past 3,000 cells a line is a paragraph whatever.
    cells = np.minimum(t.cells, 3000).astype(np.int16)
    wide = t.cells >= _MARGIN_CELLS
    margins = wide | (t.cells <= _FRAGMENT_CELLS)
    loose = ~(t.ends_sentence | t.number | t.standalone | t.rigid) & (t.cells > _FRAGMENT_CELLS)
    rows = np.flatnonzero(_within(at, near + _REGION, n) & margins)
    shows = np.zeros(n, dtype=np.bool_)
    shows[rows] = _width_share(cells, loose, t.ends_sentence, rows) >= _REGULAR_SHARE
    shows &= wide | _within(np.flatnonzero(shows & wide), _REGION, n)
    return np.asarray(_within(np.flatnonzero(shows), near, n)[at], dtype=np.bool_)


def _within(at: npt.NDArray[np.int64], radius: int, n: int) -> npt.NDArray[np.bool_]:
    """Whether each of ``n`` lines lies within ``radius`` lines of one of ``at``."""
    edges = np.zeros(n + 1, dtype=np.int64)
    np.add.at(edges, np.maximum(at - radius, 0), 1)
    np.add.at(edges, np.minimum(at + radius + 1, n), -1)
    return np.asarray(np.cumsum(edges[:n]) > 0, dtype=np.bool_)


def _width_share(
    cells: npt.NDArray[np.int16],
    loose: npt.NDArray[np.bool_],
    ends: npt.NDArray[np.bool_],
    rows: npt.NDArray[np.int64],
) -> npt.NDArray[np.float64]:
    """For each line of ``rows``, the share of the lines within 16 of it whose width is within
    a tenth of its own; 0 where more than a tenth run past it, up to twice as wide: a margin
    is the widest width of wrapped lines, and a paragraph a line runs far past it. Lines that
    ``ends`` a sentence count only from a fifth past it (a paragraph a line a little wider
    than wrapped text beside it), and not at all from ``_ITEM_CELLS`` (a paragraph a line
    among wrapped text, as concatenated extractions have them). 0 too, where the share reaches
    ``_REGULAR_SHARE``, when ``loose`` lines under four fifths of its width outnumber those
    of its width by more than ``_LOOSE_SHARE``, and where fewer than half the lines of its
    width end no sentence: wrapped lines at a margin are cut mid-sentence, and messages of
    about one width (a catalog's error messages) each end one."""
    radius = 16
    n = len(cells)
    far = np.int16(-10000)  # past either end: no width is like it or a little past it
    padded = np.concatenate((np.full(radius, far), cells, np.full(radius, far)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * radius + 1)[rows]
    width = cells[rows][:, None]
    pad = np.zeros(radius, dtype=np.bool_)
    near = np.maximum(2, width // 10)
    alike = np.count_nonzero(np.abs(windows - width) <= near, axis=1)
    ending = np.lib.stride_tricks.sliding_window_view(
        np.concatenate((pad, ends, pad)), 2 * radius + 1
    )[rows]
    beyond = (windows > width + near) & (windows < 2 * width)
    beyond &= ~ending | (windows > width + width // 5)
    past = np.count_nonzero(beyond, axis=1)
    valid = np.minimum(rows + radius, n - 1) - np.maximum(rows - radius, 0) + 1
    whole = ends & (cells >= _ITEM_CELLS)
    many = np.flatnonzero(past * 10 > valid)
    if len(many) and whole.any():
        parts = np.lib.stride_tricks.sliding_window_view(
            np.concatenate((pad, ~whole, pad)), 2 * radius + 1
        )[rows[many]]
        past[many] = np.count_nonzero(parts & beyond[many], axis=1)
    cut = np.count_nonzero((np.abs(windows - width) <= near) & ~ending, axis=1)
    share = np.where((past * 10 <= valid) & (2 * cut >= alike), alike / valid, 0.0)
    asked = np.flatnonzero(share >= _REGULAR_SHARE)
    if len(asked):
        near = np.lib.stride_tricks.sliding_window_view(
            np.concatenate((pad, loose, pad)), 2 * radius + 1
        )[rows[asked]]
        below = windows[asked] <= (4 * width[asked] - 1) // 5  # under four fifths of it
        short = np.count_nonzero(near & below, axis=1)
        share[asked[short > _LOOSE_SHARE * alike[asked]]] = 0.0
    return np.asarray(share, dtype=np.float64)


def _wrapped_near(t: _Table, widths: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Whether text near each line is hard-wrapped: a line within ``_WRAP_RADIUS`` reaches
    the margin and ends no sentence. Lines of a paragraph each, of like widths, end sentences
    at what looks like a margin too; only this tells them from a sentence that happens to end
    at the margin of wrapped text."""
    cut = (t.cells >= 0.9 * widths) & ~t.ends_sentence & ~t.closes_clause
    seen = np.concatenate(([0], np.cumsum(cut, dtype=np.int64)))
    at = np.arange(len(cut))
    lo = np.maximum(at - _WRAP_RADIUS, 0)
    hi = np.minimum(at + _WRAP_RADIUS + 1, len(cut))
    return np.asarray(seen[hi] - seen[lo] > 0, dtype=np.bool_)


_NEIGHBOURS: Final = 64
"""Lines on either side whose widths say whether text is wrapped to a sharp margin."""
_SHARP_SHARE: Final = 0.7
"""The share of the lines near a margin that must reach it to within a cell (text wrapped by
a program, a character at a time) for the margin alone to say where paragraphs end."""
_WIDEST_MARGIN: Final = 400
_NARROWEST_SHARP: Final = 12
"""The narrowest sharp margin, in cells (6 Han characters): lines wrapped that narrow to one
width (a narrow column, a blank line after each line) are wrapped text all the same."""


def _sharp_margins(
    reach: npt.NDArray[np.int64], ends: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """For each line, the margin of the text around it where that text is wrapped to one
    sharply (0 elsewhere): the width of the nearest line within ``_NEIGHBOURS`` that, with the
    lines a cell short of it, is the width of at least 8 lines and a quarter of those
    around it, and of at least ``_SHARP_SHARE`` of the lines from 8 cells short of it to a
    tenth past it, half of them ending no sentence (lines of one width that each end one are
    paragraphs a line), three in four under ``_MARGIN_CELLS``. There the margin says where a
    paragraph ends; where wrapped lines vary in width (a PDF's justified lines with spaces
    and numbers of their own) it says less.
    Each line is judged by the lines around it alone, so a part of a file is read the same
    wherever it stands."""
    n = len(reach)
    out = np.zeros(n, dtype=np.int64)
    if not n:
        return out
    width = np.minimum(reach, _WIDEST_MARGIN)
    at = np.arange(n, dtype=np.int64)
    keys = np.sort(width * (n + 1) + at)
    cut_keys = np.sort((width * (n + 1) + at)[~ends])
    lo = np.maximum(at - _NEIGHBOURS, 0)
    hi = np.minimum(at + _NEIGHBOURS, n - 1)

    def lines_at(
        w: npt.NDArray[np.int64], rows: npt.NDArray[np.int64], among: npt.NDArray[np.int64] = keys
    ) -> npt.NDArray[np.int64]:
        """How many lines (of ``among``) around each of ``rows`` are ``w`` wide."""
        base = w * (n + 1)
        return np.asarray(
            np.searchsorted(among, base + hi[rows], side="right")
            - np.searchsorted(among, base + lo[rows], side="left"),
            dtype=np.int64,
        )

    rows = np.flatnonzero((width >= _NARROWEST_SHARP) & (width < _WIDEST_MARGIN))
    w = width[rows]
    alike = lines_at(w, rows) + lines_at(w - 1, rows)
    keep = alike >= np.maximum(8, (hi[rows] - lo[rows] + 1) // 4)
    rows, w, alike = rows[keep], w[keep], alike[keep]
    near = np.zeros(len(rows), dtype=np.int64)
    for step in range(-8, _WIDEST_MARGIN // 10 + 1):
        inside = np.flatnonzero(step <= w // 10)
        if not len(inside):
            break
        near[inside] += lines_at(w[inside] + step, rows[inside])
    cut = lines_at(w, rows, cut_keys) + lines_at(w - 1, rows, cut_keys)
    # A margin narrower than a message's width is one only where three in four lines at it
    # are cut mid-sentence, as a narrow column's are: a catalog's short messages are seldom
    # so many within a cell of one width, and many of them end a sentence.
    cuts = (2 * cut >= alike) & ((w >= _MARGIN_CELLS) | (4 * cut >= 3 * alike))
    sharp = rows[(alike >= _SHARP_SHARE * near) & cuts]
    if not len(sharp):
        return out
    # Each line takes the margin of the nearest such line.
    k = np.clip(np.searchsorted(sharp, at), 1, len(sharp)) - 1
    after = np.minimum(k + 1, len(sharp) - 1)
    nearest = np.where(np.abs(sharp[after] - at) < np.abs(sharp[k] - at), sharp[after], sharp[k])
    close = np.abs(nearest - at) <= _NEIGHBOURS
    out[close] = width[nearest[close]]
    return out

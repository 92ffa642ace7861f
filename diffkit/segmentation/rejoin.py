"""Which line breaks end a paragraph: hard-wrapped lines re-joined, titles, items and table
rows kept apart, decided from the shapes of the lines and the wrap width around them.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

from .entries import entry_breaks
from .lines import _line_table, _Table
from .margins import (
    _FRAGMENT_CELLS,
    _ITEM_CELLS,
    _MARGIN_CELLS,
    _REGION,
    _local_widths,
    _regular_widths,
    _wrapped_near,
)
from .sharp import _margin_breaks

_TITLE_CELLS: Final = 48
"""Lines this short (in terminal cells) that open a paragraph and end no sentence are titles."""
_NARROW_CELLS: Final = 80
_WRAPPED_SHARE: Final = 0.2
"""The share of line breaks without a blank line that makes blank lines paragraph breaks."""


def _title_like(
    t: _Table, x: npt.NDArray[np.int64], width: npt.NDArray[np.float64], share: float
) -> npt.NDArray[np.bool_]:
    """Short lines with no clause punctuation: titles, bylines, sub-headlines. Long titles
    stand out only against text far wider than they are (a paragraph a line)."""
    cells = t.cells[x]
    short = ((cells <= _TITLE_CELLS) & (cells < share * width)) | (cells < 0.3 * width)
    return np.asarray(~t.clause_mark[x] & short, dtype=np.bool_)


# Long for its rules, an array each, that together say when a line goes on past its blank
# line: split up, each would be read without the others it overrides.
def _item_breaks(t: _Table, gaps: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """The blank lines that end an item, in a document where blank lines follow nearly every
    line. They say nothing inside hard-wrapped text, in a long line cut mid-sentence, or
    where the next line visibly goes on (a mark first, a number, a mark alone, or the line
    after it where a blank line lies between those two as well: a message's own lines hold
    none); between short lines of varied widths they end one item each (one message a
    paragraph), a line of columns (an option's row) or one narrower than any margin (a title,
    `集中一处，安全保存密码`) does not run on into a long line, a line that ends a sentence
    leaves the next, a tail or not, to the re-joiner, and a long line cut mid-sentence runs on
    past its blank line only into a line with a clause mark or wider than a title (a short
    message after a long one is a message of its own). A line that ends with closed markup
    (`…</label>`, `{ $name }`) is no line a wrapper cut: it runs on into no long line. All
    these cuts but a long line's are a margin's: in a part of a document where no margin
    shows (one message a paragraph, numbers and labels among them), a blank line ends an
    item whatever the lines look like."""
    a = np.arange(len(gaps))
    b = a + 1
    c = np.minimum(a + 2, len(gaps))
    reach = t.indent + t.cells
    # A sentence's tail goes on from a line cut at a margin, which the tail does not run
    # past (a Taiwan-phrased copy a little), not from a short label (`复制` / `已复制！`).
    cut_at = (reach[a] >= _MARGIN_CELLS) & (reach[b] * 5 <= reach[a] * 6)
    # A paragraph a line, cut mid-sentence (text hard-wrapped to a margin past any message).
    long_cut = (
        (reach[a] >= _ITEM_CELLS)
        & ~t.markup_end[a]
        & ~(~t.clause_mark[b] & (t.cells[b] <= _TITLE_CELLS))
    )
    clause_cut = (
        t.clause_mark[a]
        & ~(t.ends_sentence[a] | t.columned[a] | t.markup_end[a])
        & (reach[a] >= _MARGIN_CELLS)
        & (reach[b] >= _ITEM_CELLS)
    )
    goes_on = (
        long_cut
        | clause_cut
        | t.continues[b]
        | (
            (a + 2 <= len(gaps))
            & gaps[np.minimum(b, len(gaps) - 1)]
            & (t.continues[c] | (t.opens_mid_sentence[c] & t.clause_mark[a]))
        )
        | (t.opens_mid_sentence[b] & ~(t.columned[a] | t.ends_sentence[a]) & cut_at)
        | t.number[a]
        | t.number[b]
        | _lost_number(t, b)
        | (t.continues[a] & (t.cells[a] <= 2))
    )
    items = gaps & ~goes_on
    asked = np.flatnonzero(items & ~t.columned[:-1] & (t.opening[a] != t.opening[b]))
    items[asked[_regular_widths(t, asked)]] = False
    # The other reasons to go on past a blank line are a wrapper's cuts at a margin: where no
    # margin shows in the part of the document around the line (messages of varied widths,
    # a catalog), a blank line ends its item. A long line cut mid-sentence, or cut mid-word
    # before a paragraph a line (`…的领` / `导。各位代表…`), goes on wherever it stands.
    cut_paragraph = long_cut | (clause_cut & t.opens_mid_sentence[b])
    # A document of two regions or less shows too few lines to tell a margin missing from one
    # too few lines reach (a notice of 17 lines wrapped at 20 Han characters, 4 at its
    # margin): there the other rules decide.
    if len(gaps) > 2 * _REGION + 1:
        on = np.flatnonzero(gaps & goes_on & ~cut_paragraph)
        items[on[~_regular_widths(t, on, _REGION)]] = True
    return items


def _opens_block(t: _Table, a: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether line a + 1 opens a block of its own by its indentation: indented at least 2,
    and 2 deeper than line a's text (a list item's wrapped lines sit just past its marker), or
    opening a list item of its own. Lines of one indentation (a manual's indented
    paragraphs) are no new block by that alone, nor is a line after one that ends with an
    enumeration comma (a list of names goes on, indented under the first)."""
    b = a + 1
    deeper = (t.indent[b] >= 2) & (t.indent[b] >= t.indent[a] + t.hang[a] + 2)
    deeper &= ~(t.aligned[a] | t.enumerating[a])
    return np.asarray(deeper | (t.hang[b] > 0), dtype=np.bool_)


def _lost_number(t: _Table, x: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """PDF extraction that drops a number leaves one space before the word that followed it."""
    return np.asarray((t.indent[x] == 1) & t.cjk[x] & (t.cells[x] <= 12), dtype=np.bool_)


def _finishes_cut(
    t: _Table, a: npt.NDArray[np.int64], gaps: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """Whether line a + 1, a bracketed note or Latin words alone (`(幻灯片介绍)`, `unstable`),
    ends the sentence of line a, which is cut at the margin: no blank line lies between them
    (``gaps``: items a blank line apart are each one), a ends no sentence or clause, its
    text reaches within a tenth of where most of the 9 lines around it reach (a title wider
    than the text around it does not) and line a + 1 goes on at the column of a's line or of
    its text (past a list marker)."""
    b = a + 1
    out = np.zeros(len(a), dtype=np.bool_)
    asked = np.flatnonzero(
        t.bracketed[b]
        & ~gaps[a]
        & ~(t.standalone[a] | t.rigid[a] | t.ends_sentence[a] | t.closes_clause[a])
        & ((t.indent[b] == t.indent[a]) | (t.indent[b] == t.indent[a] + t.hang[a]))
    )
    if not len(asked):
        return out
    reach = t.indent + t.cells
    at = a[asked]
    rows = np.clip(at[:, None] + np.arange(-4, 5), 0, len(reach) - 1)
    margin = np.percentile(reach[rows], 75, axis=1)
    out[asked] = np.abs(reach[at] - margin) * 10 <= margin
    return out


# Long for its rules, an array each, in the order they decide: one place to read that order.
def _decisions(
    t: _Table, gaps: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """For every break between line i and line i + 1: whether i + 1 continues the paragraph,
    once assuming line i opens its paragraph and once assuming it does not (``gaps``: whether
    a blank line follows line i). The rules apply in order; the first that speaks decides."""
    n = len(t.start)
    a = np.arange(n - 1)
    b = a + 1
    c = np.minimum(a + 2, n - 1)
    has_c = a + 2 < n
    widths = _local_widths(t.cells.astype(np.float64))  # only here: blank lines may decide alone
    w = widths[a]
    cells_a, cells_b = t.cells[a], t.cells[b]
    wrapped = _wrapped_near(t, widths)[a]
    # At the margin: a Han character short of it at most, or up to a fifth past it (a
    # Taiwan-phrased copy of the same lines runs a little wider: 脚本/指令碼).
    at_margin = (cells_a >= np.maximum(0.95 * w, w - 2)) & (cells_a <= 1.2 * w)
    runs_on = (
        (w <= _NARROW_CELLS)
        & (w >= _MARGIN_CELLS)
        & wrapped
        & (cells_a >= 0.95 * w)
        & (~gaps | at_margin)  # before a blank line (blank lines follow every line): at it
        & (cells_b >= 0.8 * w)
        & (t.indent[b] == 0)
        & ~t.heading_start[b]
        & t.clause_mark[b]
    )  # in narrow hard-wrapped text a sentence ending at the margin runs on
    head_tail = (cells_a >= 0.7 * w) & (cells_b < 0.8 * w) & ~t.ends_sentence[b]
    after_number = np.concatenate(([False], t.number[a[1:] - 1])) if n > 1 else np.zeros(0, bool)
    short_tail = (
        (cells_a < 0.5 * w)
        & ~t.clause_mark[a]
        & ~(after_number | (t.indent[b] == 1) | _lost_number(t, a))
    )  # the short tail of a wrapped title, or of a paragraph that lost its final mark
    same_margin = (np.abs(cells_a - cells_b) <= 4) & t.clause_mark[b]
    tail_continues = has_c & (t.continues[c] | t.number[c])
    # A line cut at the margin before a blank line, as blank lines follow every line, goes on
    # into its short tail (`... (幻灯片介` / `绍)`): no sub-headline.
    cut = at_margin & gaps & ~(t.ends_sentence[a] | t.closes_clause[a]) & wrapped
    # A fragment (`%s`, a number) is no sub-headline: it ends the line before it.
    sub_headline = _title_like(t, b, w, 0.5) & ~tail_continues & (cells_b > _FRAGMENT_CELLS)
    common = [
        (
            (t.standalone[a])
            | (t.standalone[b] & ~_finishes_cut(t, a, gaps))
            | t.rigid[a]
            | t.rigid[b],
            False,
        ),
        (t.continues[b], True),
        (t.ends_sentence[a], None),
    ]
    numbers = t.number[a] | t.number[b] | _lost_number(t, b)

    def decide(opens: bool) -> npt.NDArray[np.bool_]:
        conds = [cond for cond, _ in common]
        choices = [np.full(n - 1, v) if v is not None else runs_on for _, v in common]
        # A colon ends a line that opens a paragraph, or a paragraph's short last line before a
        # blank line (`请参考下边的文档：`), though blank lines follow every line.
        short = (cells_a < 0.8 * w) & gaps
        clause = t.closes_clause[a] & (
            True if opens else (t.salutation[a] | t.heading_start[b] | short)
        )
        clause &= gaps | (cells_b > _FRAGMENT_CELLS)  # `...系统中：` / `%s`: a fragment goes on
        conds += [clause, numbers, _opens_block(t, a), t.heading[a]]
        choices += [np.zeros(n - 1, bool), np.ones(n - 1, bool), np.zeros(n - 1, bool), head_tail]
        if opens:
            conds.append(_title_like(t, a, w, 0.8) & ~same_margin)
            choices.append(np.zeros(n - 1, bool))
            default = ~sub_headline | cut
        else:
            conds.append(short_tail)
            choices.append(np.zeros(n - 1, bool))
            default = np.ones(n - 1, bool)
        return np.asarray(np.select(conds, choices, default=default), dtype=np.bool_)

    return decide(True), decide(False)


def _rows(line_starts: npt.NDArray[np.int64], t: _Table) -> npt.NDArray[np.int64]:
    """The 0-based line number of each non-blank line."""
    return np.asarray(np.searchsorted(line_starts, t.start, side="right") - 1, dtype=np.int64)


def _paragraphs(
    text: str, cps: npt.NDArray[np.uint32], line_starts: npt.NDArray[np.int64]
) -> tuple[_Table | None, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The non-blank lines, and the first and last line of each paragraph."""
    t = _line_table(text, cps, line_starts)
    if t is None:
        return None, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    n = len(t.start)
    gaps = np.diff(_rows(line_starts, t)) > 1
    # Where some paragraphs wrap with single line breaks, blank lines are what separates
    # paragraphs; where every line is followed by a blank line (PDF extraction), they say
    # nothing, and where the re-joiner ends more paragraphs at single breaks than there are
    # blank lines (a paragraph a line, one blank line after a title), they are not all that
    # separates paragraphs: the re-joiner decides, and a blank line still ends a paragraph.
    spaced = _spaced(gaps)
    if spaced.all():
        return (t, *_bounds(_spaced_breaks(text, t, gaps) | entry_breaks(text, t)))
    alone = t.standalone | t.rigid
    a = np.arange(n - 1)
    alone = alone[:-1] | (alone[1:] & ~_finishes_cut(t, a, gaps)) | _opens_block(t, a)
    # A paragraph a line cut mid-sentence goes on after a blank line, as where blank lines
    # follow every line.
    cut = (t.indent + t.cells >= _ITEM_CELLS) & ~t.ends_sentence & ~t.closes_clause & ~t.rigid
    breaks = ~((~gaps & ~alone) | (gaps & (t.continues[1:] | (cut[:-1] & ~alone))))
    blank = int(np.count_nonzero(gaps & ~spaced))
    single = int(np.count_nonzero(~gaps & ~spaced))
    if single > blank:  # else the re-joiner cannot end more paragraphs at single breaks
        opens = np.zeros(n - 1, dtype=np.bool_)
        opens[_rejoined(t, gaps)[0][1:] - 1] = True  # by the re-joiner, line i + 1 opens one
        # List items and code lines (a table of contents, a listing) say nothing of that.
        listed = t.rigid | (t.hang > 0)
        if np.count_nonzero(opens & ~gaps & ~spaced & ~(listed[:-1] | listed[1:])) > blank:
            breaks = opens | (gaps & ~t.continues[1:])
    if spaced.any():
        breaks = np.where(spaced, _spaced_breaks(text, t, gaps), breaks)
    return (t, *_bounds(breaks | entry_breaks(text, t)))


def _spaced(gaps: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Whether each line break lies where nearly every line is followed by a blank line (PDF
    extraction, one message a paragraph): where fewer than a fifth of the breaks within
    ``_REGION`` are single, or of the whole document when it is short. Elsewhere blank lines
    separate paragraphs that wrap with single breaks."""
    single = ~gaps
    if np.count_nonzero(single) < max(3, _WRAPPED_SHARE * len(gaps)):
        return np.ones(len(gaps), dtype=np.bool_)
    if len(gaps) <= 2 * _REGION + 1:
        return np.zeros(len(gaps), dtype=np.bool_)
    seen = np.concatenate(([0], np.cumsum(single, dtype=np.int64)))
    at = np.arange(len(gaps))
    lo, hi = np.maximum(at - _REGION, 0), np.minimum(at + _REGION + 1, len(gaps))
    return np.asarray(seen[hi] - seen[lo] < _WRAPPED_SHARE * (hi - lo), dtype=np.bool_)


def _spaced_breaks(text: str, t: _Table, gaps: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Where blank lines follow nearly every line: the re-joiner's breaks, and the blank lines
    that end short items."""
    firsts, _ = _rejoined(t, gaps)
    breaks = _item_breaks(t, gaps)
    breaks[firsts[1:] - 1] = True
    return _margin_breaks(text, t, breaks)


def _bounds(breaks: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The first and last line of each paragraph, from whether each line break ends one."""
    at = np.flatnonzero(breaks)
    return np.append(0, at + 1), np.append(at, len(breaks))


def _rejoined(
    t: _Table, gaps: npt.NDArray[np.bool_]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Paragraphs by the re-joiner's decisions. A paragraph opening at line f ends at f when f
    does not go on, one line later when f is a heading (it runs on into one tail line at most),
    else at the first break after f that the re-joiner does not join: a step per paragraph."""
    n = len(t.start)
    opens, within = _decisions(t, gaps)
    stops = np.append(np.flatnonzero(~within), n - 1)
    next_stop = stops[np.searchsorted(stops, np.arange(n))].tolist()
    opens_list, heading = opens.tolist(), t.heading.tolist()
    firsts: list[int] = []
    lasts: list[int] = []
    first = 0
    while first < n:
        if first == n - 1 or not opens_list[first]:
            last = first
        elif heading[first]:
            last = first + 1
        else:
            last = next_stop[first + 1]
        firsts.append(first)
        lasts.append(last)
        first = last + 1
    return np.asarray(firsts, dtype=np.int64), np.asarray(lasts, dtype=np.int64)

"""The non-blank lines of a document as a table, a column a feature (width in cells, indent,
whether it ends a sentence, opens a list item, is a table border ...), computed for every
line at once: a long document has hundreds of thousands of lines.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from .characters import (
    _BLANK,
    _BRACKETED,
    _CELLS,
    _DATE,
    _DATELINE,
    _FIELD,
    _HAN_BIT,
    _HEADING_START,
    _LATIN_ONLY,
    _LIST_MARK,
    _MARK,
    _MARKUP_AFTER_END,
    _NOTE_AFTER_END,
    _NUMBER,
    _PLACEHOLDER,
    _RIGID,
    _SALUTATION,
    _bmp,
    _classes,
    _feature_tables,
)


class _Table(NamedTuple):
    """The non-blank lines of a document, a column a feature: the re-joiner decides on whole
    columns at once (a long document has hundreds of thousands of lines)."""

    start: npt.NDArray[np.int64]
    """Offsets of each line's first and just past its last non-space character."""
    end: npt.NDArray[np.int64]
    cells: npt.NDArray[np.int64]
    """Width in terminal cells: CJK characters count two, so widths compare across scripts."""
    cjk: npt.NDArray[np.bool_]
    indent: npt.NDArray[np.int64]
    """Leading spaces in cells: deep indentation opens a paragraph."""
    ends_sentence: npt.NDArray[np.bool_]
    closes_clause: npt.NDArray[np.bool_]
    continues: npt.NDArray[np.bool_]
    number: npt.NDArray[np.bool_]
    heading_start: npt.NDArray[np.bool_]
    heading: npt.NDArray[np.bool_]
    clause_mark: npt.NDArray[np.bool_]
    salutation: npt.NDArray[np.bool_]
    standalone: npt.NDArray[np.bool_]
    bracketed: npt.NDArray[np.bool_]
    """Standalone lines in brackets or of Latin words alone (`(幻灯片介绍)`, `unstable`): a
    caption or a name on its own, unless they end a line cut at the margin."""
    opens_mid_sentence: npt.NDArray[np.bool_]
    rigid: npt.NDArray[np.bool_]
    """Table borders and rows, shell prompts, roff requests, markup and code: lines that are
    units of their own and never join prose."""
    hang: npt.NDArray[np.int64]
    """Cells of a list marker opening the line (`* `, `1.2. `, `a. `), 0 for none: the
    item's wrapped lines are indented past it; a line opening with one opens an item."""
    opening: npt.NDArray[np.int64]
    """The line's first two characters, as one number: items of a sorted list (a message
    catalog) open alike (`%s: `, `无法`), wrapped lines of prose hardly ever."""
    enumerating: npt.NDArray[np.bool_]
    """The line ends with an enumeration comma (`、`): its list goes on in the next line."""
    aligned: npt.NDArray[np.bool_]
    """Whether the next line is indented to a column of this one (a word after two spaces):
    the wrapped description of an option in a help text."""
    columned: npt.NDArray[np.bool_]
    """A tab or three spaces inside the line: columns, not wrapped prose."""
    markup_end: npt.NDArray[np.bool_]
    """The line ends with a closing tag or brace (`</a>`, `{ $name }`): a unit of markup
    closed, where a wrapper cutting a long line of prose hardly ever cuts it."""


def _runs(at: npt.NDArray[np.int64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Starts and ends of the runs of consecutive positions in the sorted ``at``."""
    opens = np.flatnonzero(np.diff(at) != 1) + 1
    return at[np.append(0, opens)], at[np.append(opens - 1, len(at) - 1)] + 1


def _solid_bounds(
    blank_at: npt.NDArray[np.int64], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """For each line ``[start, end)``: the offset of its first non-blank character and just past
    its last (``first >= end`` for a blank line), from the runs of blank characters."""
    if not len(blank_at):
        return starts, ends
    run_starts, run_ends = _runs(blank_at)
    k = np.searchsorted(run_starts, starts, side="right") - 1
    inside = (k >= 0) & (run_ends[np.maximum(k, 0)] > starts)
    firsts = np.where(inside, run_ends[np.maximum(k, 0)], starts)
    k = np.searchsorted(run_starts, ends - 1, side="right") - 1
    inside = (k >= 0) & (run_ends[np.maximum(k, 0)] > ends - 1)
    lasts = np.where(inside, run_starts[np.maximum(k, 0)], ends)
    return firsts, lasts


def _line_sums(
    values: npt.NDArray[np.integer[Any]],
    bounds: npt.NDArray[np.int64],
    ufunc: np.ufunc,
    dtype: type[np.integer[Any]] | None = None,
) -> npt.NDArray[np.int64]:
    """``ufunc`` reduced over each ``values[bounds[i]:bounds[i + 1]]``; the bounds ascend and
    the last segment runs to the end of ``values`` (an empty one gives ``values[bound]``).
    ``dtype`` is the accumulator: numpy converts all of ``values`` to it first."""
    out = np.zeros(len(bounds), dtype=np.int64)
    inside = bounds[:-1] if len(bounds) and bounds[-1] == len(values) else bounds
    out[: len(inside)] = ufunc.reduceat(values, inside, dtype=dtype)
    return out


def _line_table(
    text: str, cps: npt.NDArray[np.uint32], line_starts: npt.NDArray[np.int64]
) -> _Table | None:
    bmp = _bmp(cps)
    classes = _classes(cps, bmp)
    line_ends = np.append(line_starts[1:], len(text))
    # Blanks and marks are the sparse classes: one search finds both.
    sparse = np.flatnonzero(classes >= _MARK)
    blank = (classes[sparse] & _BLANK) != 0
    firsts, lasts = _solid_bounds(sparse[blank], line_starts, line_ends)
    nonblank = firsts < line_ends
    if not nonblank.any():
        return None
    starts, firsts, lasts = line_starts[nonblank], firsts[nonblank], lasts[nonblank]
    # Sums over [start, first), [first, last) and [last, next start) of every line at once.
    bounds = np.column_stack((starts, firsts, lasts)).ravel()
    cell_sums = _line_sums(classes & _CELLS, bounds, np.add, np.int32)  # 32 bits, as ever
    han_any = _line_sums(classes, bounds, np.bitwise_or) & _HAN_BIT
    cells = cell_sums[1::3]
    indents = np.where(firsts > starts, cell_sums[0::3], 0)
    cjk = han_any[1::3] > 0
    cjk_document = int(cjk.sum()) * 2 >= len(firsts)
    marks = sparse[(classes[sparse] & _MARK) != 0]
    flags = _features(text, cps, bmp, marks, firsts, lasts, cells, cjk, cjk_document)
    flags += [_aligned(text, classes, firsts, lasts, indents)]
    flags += [_columned(sparse[blank], cps, firsts, lasts)]
    flags += [_feature_tables()["markup_close"][bmp[lasts - 1]]]  # ends in `>` or `}`
    return _Table(firsts, lasts, cells, cjk, indents, *flags)


def _columned(
    blank_at: npt.NDArray[np.int64],
    cps: npt.NDArray[np.uint32],
    firsts: npt.NDArray[np.int64],
    lasts: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """Whether each line has a tab or a run of three spaces inside it: columns (an option and
    its description, a table), which wrapped prose never has."""
    out = np.zeros(len(firsts), dtype=np.bool_)
    if not len(blank_at):
        return out
    run_starts, run_ends = _runs(blank_at)
    inner = np.concatenate((run_starts[run_ends - run_starts >= 3], blank_at[cps[blank_at] == 9]))
    k = np.searchsorted(firsts, inner, side="right") - 1
    line = np.maximum(k, 0)
    out[line[(k >= 0) & (inner > firsts[line]) & (inner < lasts[line])]] = True
    return out


def _aligned(
    text: str,
    classes: npt.NDArray[np.uint8],
    firsts: npt.NDArray[np.int64],
    lasts: npt.NDArray[np.int64],
    indents: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """For each line, whether the next is indented to the column of a word of it that follows
    two spaces (a help text's option and its description) or a label's full-width colon (a
    hanging indent: `提示：光标键…` / `      地在屏幕内…`). Few lines are indented deeper than
    the line before: those are walked one by one."""
    out = np.zeros(len(firsts), dtype=np.bool_)
    deeper = np.flatnonzero(indents[1:] >= indents[:-1] + 2).tolist()
    first_list, last_list, indent_list = firsts.tolist(), lasts.tolist(), indents.tolist()
    for k in deeper:
        column, want = indent_list[k], indent_list[k + 1]
        for at in range(first_list[k], last_list[k]):
            if column == want:
                out[k] = text[at - 2 : at] in ("  ", " \t", "\t\t") or text[at - 1] in "\t：︰"
                break
            if column > want:
                break
            column += int(classes[at] & _CELLS)
    return out


def _core_ends(
    bmp: npt.NDArray[np.uint32],
    firsts: npt.NDArray[np.int64],
    lasts: npt.NDArray[np.int64],
    tries: int = 16,
) -> npt.NDArray[np.int64]:
    """Each line's last character that is not a closing quote, bracket or space (its last
    character if all are): what says whether the line ends a sentence. Closers run short, so
    a few vectorised steps back settle nearly every line; a search over the whole text the
    rest."""
    closer = _feature_tables()["closer"]
    core = lasts - 1
    pos = lasts - 1
    which = np.arange(len(lasts))
    for _ in range(tries):
        which, pos = which[pos >= firsts[which]], pos[pos >= firsts[which]]
        found = ~closer[bmp[pos]]
        core[which[found]] = pos[found]
        which, pos = which[~found], pos[~found] - 1
        if not len(which):
            return core
    plain = np.flatnonzero(~closer[bmp])
    at = np.searchsorted(plain, lasts[which]) - 1
    hit = plain[np.maximum(at, 0)]
    inside = (at >= 0) & (hit >= firsts[which])
    core[which[inside]] = hit[inside]
    return core


# One function: the features share a dozen per-line arrays that parts would each take in.
def _features(
    text: str,
    cps: npt.NDArray[np.uint32],
    bmp: npt.NDArray[np.uint32],
    marks: npt.NDArray[np.int64],
    firsts: npt.NDArray[np.int64],
    lasts: npt.NDArray[np.int64],
    cells: npt.NDArray[np.int64],
    cjk: npt.NDArray[np.bool_],
    cjk_document: bool,
) -> list[npt.NDArray[Any]]:
    """The re-joiner's features for every line at once: table look-ups and counts of the marks
    (given by position), with a regular expression only for the few lines a cheap test picks."""
    t = _feature_tables()
    mark_chars = bmp[marks]
    lo, hi = np.searchsorted(marks, firsts), np.searchsorted(marks, lasts)

    def counts(name: str) -> npt.NDArray[np.int64]:
        seen = np.concatenate(([0], np.cumsum(t[name][mark_chars], dtype=np.int64)))
        return np.asarray(seen[hi] - seen[lo], dtype=np.int64)

    first, last = bmp[firsts], bmp[lasts - 1]
    core = _core_ends(bmp, firsts, lasts)
    core_char = bmp[core]
    before = bmp[np.maximum(core - 1, 0)]
    closes = t["colon"][last]
    second = bmp[np.minimum(firsts + 1, len(bmp) - 1)]
    # `%s`, `%d`, `%1$s` open a message of a catalog; a `%` alone goes on from a number.
    continues = t["continues"][first] & ~((first == ord("%")) & t["format"][second])
    # A doubled mark is a marker or a name (`!! 特别提示`, `::first-line`), no sentence's tail.
    continues &= ~((first == second) & ((first == ord(":")) | (first == ord("!"))))
    clause = counts("clause") > 0
    inside = counts("sentence") > 0
    first_mark = marks[np.minimum(lo, max(len(marks) - 1, 0))] if len(marks) else firsts
    opens_mid = (lo < hi) & (first_mark - firsts <= 3) & t["clause_no_colon"][bmp[first_mark]]
    # A mark in quotes (`多个“!”`) is quoted, not the end of a sentence cut by a break.
    opens_mid &= ~t["opener"][bmp[np.maximum(first_mark - 1, 0)]]
    # A command-line option (`-A, --show-all  ...`) opens a line of help, never a sentence's tail.
    opens_mid &= ~((first == ord("-")) & t["option"][second])
    first_list, last_list = firsts.tolist(), lasts.tolist()

    def matching(mask: npt.NDArray[np.bool_], pattern: re.Pattern[str]) -> npt.NDArray[np.bool_]:
        out = np.zeros(len(firsts), dtype=np.bool_)
        match = pattern.match
        hits = [
            k
            for k in np.flatnonzero(mask).tolist()
            if match(text[first_list[k] : last_list[k]]) is not None
        ]
        out[hits] = True
        return out

    def searching(mask: npt.NDArray[np.bool_], pattern: re.Pattern[str]) -> npt.NDArray[np.bool_]:
        out = np.zeros(len(firsts), dtype=np.bool_)
        search = pattern.search
        hits = [
            k
            for k in np.flatnonzero(mask).tolist()
            if search(text, first_list[k], last_list[k]) is not None
        ]
        out[hits] = True
        return out

    number = matching(t["digit"][first], _NUMBER)
    # A full stop after a digit ends a sentence (`in 2021.`) unless the line is a number.
    ends = t["ends"][core_char] | (t["dot"][core_char] & ~(t["digit"][before] & number))
    ends |= searching(~ends & t["note_close"][last], _NOTE_AFTER_END)
    ends |= searching(~ends & t["markup_close"][last], _MARKUP_AFTER_END)
    heading_start = matching(t["heading_first"][first], _HEADING_START)
    salutation = matching(closes, _SALUTATION)
    short = cells <= 64
    has_dot, has_colon = counts("dot") > 0, counts("colon") > 0
    soft = matching(
        short & np.isin(first, [ord(c) for c in "(（【["]) & (lasts - firsts <= 40), _BRACKETED
    ) | (
        matching(short & ~cjk & (cells <= 40), _LATIN_ONLY)
        if cjk_document
        else np.zeros(len(firsts), bool)
    )
    hard = (
        matching(
            short & (has_dot | (lasts - firsts == 1) | np.isin(first, [ord(c) for c in "-=*_·•"])),
            _PLACEHOLDER,
        )
        | matching(short & (t["digit"][first] | np.isin(first, [0x28, 0xFF08])), _DATE)
        | matching(short & has_colon & (cells <= 48), _FIELD)
        | matching(short & t["digit"][first] & ~clause, _DATELINE)
    )
    # Code by its ends, in lines without Han: a block opened, a brace alone, a `\\` going on.
    code = ~cjk & (t["code_last"][last] | (t["code_first"][first] & (cells <= 2)))
    rigid = matching(t["rigid_first"][first], _RIGID) | code
    enumerating = last == ord("、")
    hard &= ~enumerating  # `作者：%s、%s、` is no field standing alone: its list goes on
    hang = np.zeros(len(firsts), dtype=np.int64)
    for k in np.flatnonzero(t["list_first"][first] & t["list_second"][second] & ~number).tolist():
        m = _LIST_MARK.match(text, first_list[k], last_list[k])
        if m is not None:
            hang[k] = m.end() - m.start()
    return [
        ends,
        closes,
        continues,
        number,
        heading_start,
        heading_start & ~inside,
        clause,
        salutation,
        hard | soft,
        soft & ~hard,
        opens_mid,
        rigid,
        hang,
        (first.astype(np.int64) << 16) | second,
        enumerating,
    ]

"""Cutting a document into paragraphs and sentences that know where they came from.

PDF extraction and scrapers hard-wrap paragraphs mid-sentence, put numbers on lines of their
own and sprinkle captions, dates and placeholders between the text. The paragraph re-joiner
decides, for every pair of consecutive non-blank lines, whether the second continues the
first, from the shape of the two lines and the wrap width around them; it is measured against
hand-labelled line breaks of the samples (tests/data/line_breaks.tsv).

Segments are cut on the original text; their folded keys come from one batched fold, so a
segment's key is exactly what folding its own text alone gives.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt

from .codepoints import to_codepoints, view_codepoints
from .folding import Folded, FoldProfile, fold_spans, resolve_profile
from .gcpause import gc_paused
from .model import Document, Granularity, Segment, SegmentKind

_SPACE: Final = " \t\u00a0\u3000\u2009\u200b\ufeff\f\v"
_CLOSERS: Final = "”’」』）)]\"'》 \u00a0\u3000"
_ENDS: Final = frozenset("。！？!?；;…")
_CONTINUES: Final = frozenset("，,、。．.；;：:！!？?）)》」』”’%％")
_HEADING_FIRST: Final = frozenset("一二三四五六七八九十百(（第0123456789")
_NUMBER: Final = re.compile(r"^[\d０-９][\d０-９.,，．%％]*$")
_PLACEHOLDER: Final = re.compile(
    r"^\S+\.(?:png|jpe?g|gif|bmp|webp|svg|tiff?)$|^[A-Za-z]$|^[-=*_·•]{3,}$", re.IGNORECASE
)
_DATE: Final = re.compile(
    r"^[(（]\s*\d{4}\s*(?:[-./年]\s*\d{1,2}\s*(?:[-./月]\s*\d{1,2}\s*日?)?)?\s*[)）]$"
    r"|^\d{4}\s*[-./年]\s*\d{1,2}\s*(?:[-./月]\s*\d{1,2}\s*日?)?$"
)
_DATELINE: Final = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_FIELD: Final = re.compile(r"^[^，。,.；;！？!?：:]{1,10}[：:]\s*[^，。,；;！？!?：:]{1,24}$")
"""A label and a short value (`联系人：王明`, `Tel: 555`): a form field, never wrapped text."""
_BRACKETED: Final = re.compile(r"^[(（【\[].*[)）】\]]$")
_HEADING_START: Final = re.compile(
    r"^(?:[一二三四五六七八九十百]+\s*[、.．，]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|第[一二三四五六七八九十百\d]+[章节条部分篇]"
    r"|\d+[、.．](?!\d))"
)
_LIST_MARK: Final = re.compile(r"(?:[*+•·‣‐-]|(?:\d{1,3}|[A-Za-z])(?:\.\d{1,3})*[.)])[ \t]+")
_RIGID: Final = re.compile(
    r"[+|][-=+:|]*[+|]$|[-=+:| ]*[-=]{3,}[-=+:| ]*$|\|.*\|$"  # table borders and rows
    r"|(?:\$|#|%|>>>) \S|\.[A-Za-z]{1,2}(?:\s|$)|'\\\"|\\\""  # prompts, roff
    r"|<[!?/]?[A-Za-z][^>]*>.*>$"  # markup
)
_RIGID_FIRST: Final = "+|-=$#%>.'\\<"
_LIST_FIRST: Final = "*+•·‣‐-0123456789" + string.ascii_letters
_NOTE_AFTER_END: Final = re.compile(
    r"[。！？!?.][”’」』\"')]*\s*(?:\^?\[\d{1,3}\]|[(（](?:[^()（）]|[(（][^()（）]*[)）])*[)）])\s*$"
)
"""A footnote mark or a note in brackets after a sentence's end (`…。^[5]`, `…。（译注：…）`)."""
_SALUTATION: Final = re.compile(r"^[^，,。]{1,24}[：:]$")
_LATIN_ONLY: Final = re.compile(r"^[A-Za-z][A-Za-z .,'&-]*$")
_CLAUSE_MARK: Final = re.compile(r"[，,、；;。！？!?：:]")
_SENTENCE_INSIDE: Final = re.compile(r"[。！？!?]")
_TITLE_CELLS: Final = 48
"""Lines this short (in terminal cells) that open a paragraph and end no sentence are titles."""
_NARROW_CELLS: Final = 80
_WRAP_RADIUS: Final = 8
_ITEM_CELLS: Final = 100
"""Lines this wide (in cells, with their indent) are no short items: a paragraph a line."""
_REGULAR_SHARE: Final = 0.3
"""The share of nearby lines of one width that marks hard-wrapped text."""
_REGION: Final = 32
"""Line breaks on either side that say how a part of a document is laid out."""
_WRAPPED_SHARE: Final = 0.2
"""The share of line breaks without a blank line that makes blank lines paragraph breaks."""
_SENTENCE: Final = re.compile(
    r"(?:[。！？!?]+|…+|(?<![\d.])\.(?=\s|$|[”’\"')])|(?<=\d)\.(?=[”’\"')]*[ \t]*(?:\n|$)))"
    r"[”’」』）)\]\"'》]*"
)
"""Sentence ends; a full stop after a digit (``3.5``, ``2.``) ends one only where its line ends."""


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
    aligned: npt.NDArray[np.bool_]
    """Whether the next line is indented to a column of this one (a word after two spaces):
    the wrapped description of an option in a help text."""
    columned: npt.NDArray[np.bool_]
    """A tab or three spaces inside the line: columns, not wrapped prose."""
    """A clause or sentence mark among the first four characters (`导。`, `者标识。`): the tail
    of a sentence cut by a line break."""


_CELLS: Final = 0b111
"""Bits of a character's class byte holding its width in terminal cells (0, 1, 2 or 4)."""
_HAN: Final = 1 << 3
_MARK: Final = 1 << 4
"""Clause, sentence, colon and full-stop marks: counted per line, and sparse."""
_BLANK: Final = 1 << 5
"""The highest bit: marks and blanks are the characters whose class is at least ``_MARK``."""
_MARKS: Final = "，,、；;。！？!?：:."


@cache
def _class_table() -> npt.NDArray[np.uint8]:
    """The class byte of every BMP character: its cell width, and whether it is Han, a mark or
    blank. One table look-up gives all that the line table needs from each character."""
    table = np.ones(0x10000, dtype=np.uint8)
    for c in range(0x10000):
        if unicodedata.east_asian_width(chr(c)) in "WF":
            table[c] = 2
    table[[0x0A, 0x0D]] = 0
    table[0x09] = 4
    table[0x3400:0x4DC0] |= _HAN
    table[0x4E00:0xA000] |= _HAN
    table[0xF900:0xFB00] |= _HAN
    table[[ord(c) for c in _MARKS]] |= _MARK
    table[[ord(c) for c in _SPACE + "\r\n"]] |= _BLANK
    return table


def _bmp(cps: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    """Code points with everything past the BMP as U+FFFF, to index the BMP tables."""
    if not len(cps) or int(cps.max()) <= 0xFFFF:
        return cps
    return np.minimum(cps, 0xFFFF)


def _classes(cps: npt.NDArray[np.uint32], bmp: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    classes = _class_table()[bmp]
    if bmp is not cps:
        classes[cps > 0xFFFF] = 2 | _HAN  # astral: wide, and Han for the scripts that matter
    return classes


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
    han_any = _line_sums(classes, bounds, np.bitwise_or) & _HAN
    cells = cell_sums[1::3]
    indents = np.where(firsts > starts, cell_sums[0::3], 0)
    cjk = han_any[1::3] > 0
    cjk_document = int(cjk.sum()) * 2 >= len(firsts)
    marks = sparse[(classes[sparse] & _MARK) != 0]
    flags = _features(text, cps, bmp, marks, firsts, lasts, cells, cjk, cjk_document)
    flags += [_aligned(text, classes, firsts, lasts, indents)]
    flags += [_columned(sparse[blank], cps, firsts, lasts)]
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
    two spaces (a help text's option and its description). Few lines are indented deeper than
    the line before: those are walked one by one."""
    out = np.zeros(len(firsts), dtype=np.bool_)
    deeper = np.flatnonzero(indents[1:] >= indents[:-1] + 2).tolist()
    first_list, last_list, indent_list = firsts.tolist(), lasts.tolist(), indents.tolist()
    for k in deeper:
        column, want = indent_list[k], indent_list[k + 1]
        for at in range(first_list[k], last_list[k]):
            if column == want:
                out[k] = text[at - 2 : at] in ("  ", " \t", "\t\t") or text[at - 1] == "\t"
                break
            if column > want:
                break
            column += int(classes[at] & _CELLS)
    return out


def _table(chars: str) -> npt.NDArray[np.bool_]:
    table = np.zeros(0x10000, dtype=np.bool_)
    table[[ord(c) for c in chars]] = True
    return table


@cache
def _feature_tables() -> dict[str, npt.NDArray[np.bool_]]:
    return {
        "closer": _table(_CLOSERS),
        "ends": _table("".join(_ENDS)),
        "continues": _table("".join(_CONTINUES)),
        "heading_first": _table("".join(_HEADING_FIRST)),
        "clause": _table("，,、；;。！？!?：:"),
        "clause_no_colon": _table("，,、；;。！？!?"),
        "list_first": _table(_LIST_FIRST),
        "list_second": _table(" \t.)0123456789"),
        "format": _table(string.ascii_letters + string.digits + "$.*-+#'"),
        "note_close": _table("])）"),
        "rigid_first": _table(_RIGID_FIRST),
        "code_last": _table("{\\"),
        "code_first": _table("{}"),
        "sentence": _table("。！？!?"),
        "colon": _table("：:"),
        "digit": _table("0123456789０１２３４５６７８９"),
        "dot": _table("."),
    }


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
    clause = counts("clause") > 0
    inside = counts("sentence") > 0
    first_mark = marks[np.minimum(lo, max(len(marks) - 1, 0))] if len(marks) else firsts
    opens_mid = (lo < hi) & (first_mark - firsts <= 3) & t["clause_no_colon"][bmp[first_mark]]
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
    heading_start = matching(t["heading_first"][first], _HEADING_START)
    salutation = matching(closes, _SALUTATION)
    short = cells <= 64
    has_dot, has_colon = counts("dot") > 0, counts("colon") > 0
    standalone = (
        matching(
            short & (has_dot | (lasts - firsts == 1) | np.isin(first, [ord(c) for c in "-=*_·•"])),
            _PLACEHOLDER,
        )
        | matching(short & (t["digit"][first] | np.isin(first, [0x28, 0xFF08])), _DATE)
        | matching(short & has_colon & (cells <= 48), _FIELD)
        | matching(short & t["digit"][first] & ~clause, _DATELINE)
        | matching(
            short & np.isin(first, [ord(c) for c in "(（【["]) & (lasts - firsts <= 40), _BRACKETED
        )
        | (
            matching(short & ~cjk & (cells <= 40), _LATIN_ONLY)
            if cjk_document
            else np.zeros(len(firsts), bool)
        )
    )
    # Code by its ends, in lines without Han: a block opened, a brace alone, a `\\` going on.
    code = ~cjk & (t["code_last"][last] | (t["code_first"][first] & (cells <= 2)))
    rigid = matching(t["rigid_first"][first], _RIGID) | code
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
        standalone,
        opens_mid,
        rigid,
        hang,
        (first.astype(np.int64) << 16) | second,
    ]


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


def _title_like(
    t: _Table, x: npt.NDArray[np.int64], width: npt.NDArray[np.float64], share: float
) -> npt.NDArray[np.bool_]:
    """Short lines with no clause punctuation: titles, bylines, sub-headlines. Long titles
    stand out only against text far wider than they are (a paragraph a line)."""
    cells = t.cells[x]
    short = ((cells <= _TITLE_CELLS) & (cells < share * width)) | (cells < 0.3 * width)
    return np.asarray(~t.clause_mark[x] & short, dtype=np.bool_)


def _regular_widths(t: _Table, at: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether each line ``at`` lies among lines of one width: hard-wrapped text, whose lines
    reach a shared margin (at it, or within 8 lines of one that is). Items a line each
    (catalog messages, list entries) vary in width."""
    near = 8
    n = len(t.cells)
    if not len(at):
        return np.zeros(0, dtype=np.bool_)
    # Small integers are quick to compare; past 3,000 cells a line is a paragraph whatever.
    cells = np.minimum(t.cells, 3000).astype(np.int16)
    regular = _width_share(cells, at) >= _REGULAR_SHARE
    rest = at[~regular]
    if len(rest):
        marked = np.zeros(n + 2 * near, dtype=np.bool_)
        for step in range(2 * near + 1):
            marked[rest + step] = True
        rows = np.flatnonzero(marked[near : n + near])
        share = np.zeros(n + 2 * near)
        share[rows + near] = _width_share(cells, rows)
        regular[~regular] = (
            share[rest[:, None] + np.arange(2 * near + 1)].max(axis=1) >= _REGULAR_SHARE
        )
    return np.asarray(regular, dtype=np.bool_)


def _width_share(
    cells: npt.NDArray[np.int16], rows: npt.NDArray[np.int64]
) -> npt.NDArray[np.float64]:
    """For each line of ``rows``, the share of the lines within 16 of it whose width is within
    a tenth of its own; 0 where more than a tenth run a little past it (a fifth to twice as
    wide): a margin is the widest width of wrapped lines, and a paragraph a line runs far past
    it."""
    radius = 16
    n = len(cells)
    far = np.int16(-10000)  # past either end: no width is like it or a little past it
    padded = np.concatenate((np.full(radius, far), cells, np.full(radius, far)))
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * radius + 1)[rows]
    width = cells[rows][:, None]
    alike = np.count_nonzero(np.abs(windows - width) <= np.maximum(2, width // 10), axis=1)
    past = np.count_nonzero((windows > width + width // 5) & (windows < 2 * width), axis=1)
    valid = np.minimum(rows + radius, n - 1) - np.maximum(rows - radius, 0) + 1
    return np.asarray(np.where(past * 10 <= valid, alike / valid, 0.0), dtype=np.float64)


def _item_breaks(t: _Table, gaps: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """The blank lines that end an item, in a document where blank lines follow nearly every
    line. They say nothing inside hard-wrapped text, in a long line cut mid-sentence, or
    where the next line visibly goes on (a mark first, a number, a mark alone); between
    short lines of varied widths they end one item each (one message a paragraph)."""
    a = np.arange(len(gaps))
    b = a + 1
    c = np.minimum(a + 2, len(gaps))
    reach = t.indent + t.cells
    goes_on = (
        (reach[a] >= _ITEM_CELLS)
        | (t.clause_mark[a] & ~t.ends_sentence[a] & (reach[b] >= _ITEM_CELLS))
        | t.continues[b]
        | ((a + 2 <= len(gaps)) & (t.continues[c] | (t.opens_mid_sentence[c] & t.clause_mark[a])))
        | t.opens_mid_sentence[b]
        | t.number[a]
        | t.number[b]
        | _lost_number(t, b)
        | (t.continues[a] & (t.cells[a] <= 2))
    )
    items = gaps & ~goes_on
    asked = np.flatnonzero(items & ~t.columned[:-1] & (t.opening[a] != t.opening[b]))
    items[asked[_regular_widths(t, asked)]] = False
    return items


def _opens_block(t: _Table, a: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """Whether line a + 1 opens a block of its own by its indentation: indented at least 2,
    and 2 deeper than line a's text (a list item's wrapped lines sit just past its marker), or
    opening a list item of its own. Lines of one indentation (a manual's indented
    paragraphs) are no new block by that alone."""
    b = a + 1
    deeper = (t.indent[b] >= 2) & (t.indent[b] >= t.indent[a] + t.hang[a] + 2) & ~t.aligned[a]
    return np.asarray(deeper | (t.hang[b] > 0), dtype=np.bool_)


def _lost_number(t: _Table, x: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """PDF extraction that drops a number leaves one space before the word that followed it."""
    return np.asarray((t.indent[x] == 1) & t.cjk[x] & (t.cells[x] <= 12), dtype=np.bool_)


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


def _decisions(t: _Table) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """For every break between line i and line i + 1: whether i + 1 continues the paragraph,
    once assuming line i opens its paragraph and once assuming it does not. The rules apply in
    order; the first that speaks decides."""
    n = len(t.start)
    a = np.arange(n - 1)
    b = a + 1
    c = np.minimum(a + 2, n - 1)
    has_c = a + 2 < n
    widths = _local_widths(t.cells.astype(np.float64))  # only here: blank lines may decide alone
    w = widths[a]
    cells_a, cells_b = t.cells[a], t.cells[b]
    runs_on = (
        (w <= _NARROW_CELLS)
        & _wrapped_near(t, widths)[a]
        & (cells_a >= 0.95 * w)
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
    sub_headline = _title_like(t, b, w, 0.5) & ~tail_continues
    common = [
        (t.standalone[a] | t.standalone[b] | t.rigid[a] | t.rigid[b], False),
        (t.continues[b], True),
        (t.ends_sentence[a], None),
    ]
    numbers = t.number[a] | t.number[b] | _lost_number(t, b)

    def decide(opens: bool) -> npt.NDArray[np.bool_]:
        conds = [cond for cond, _ in common]
        choices = [np.full(n - 1, v) if v is not None else runs_on for _, v in common]
        clause = t.closes_clause[a] & (True if opens else (t.salutation[a] | t.heading_start[b]))
        conds += [clause, numbers, _opens_block(t, a), t.heading[a]]
        choices += [np.zeros(n - 1, bool), np.ones(n - 1, bool), np.zeros(n - 1, bool), head_tail]
        if opens:
            conds.append(_title_like(t, a, w, 0.8) & ~same_margin)
            choices.append(np.zeros(n - 1, bool))
            default = ~sub_headline
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
        return (t, *_bounds(_spaced_breaks(t, gaps)))
    alone = t.standalone | t.rigid
    alone = alone[:-1] | alone[1:] | _opens_block(t, np.arange(n - 1))
    # A paragraph a line cut mid-sentence goes on after a blank line, as where blank lines
    # follow every line.
    cut = (t.indent + t.cells >= _ITEM_CELLS) & ~t.ends_sentence & ~t.closes_clause & ~t.rigid
    breaks = ~((~gaps & ~alone) | (gaps & (t.continues[1:] | (cut[:-1] & ~alone))))
    blank = int(np.count_nonzero(gaps & ~spaced))
    single = int(np.count_nonzero(~gaps & ~spaced))
    if single > blank:  # else the re-joiner cannot end more paragraphs at single breaks
        opens = np.zeros(n - 1, dtype=np.bool_)
        opens[_rejoined(t)[0][1:] - 1] = True  # by the re-joiner, line i + 1 opens one
        # List items and code lines (a table of contents, a listing) say nothing of that.
        listed = t.rigid | (t.hang > 0)
        if np.count_nonzero(opens & ~gaps & ~spaced & ~(listed[:-1] | listed[1:])) > blank:
            breaks = opens | (gaps & ~t.continues[1:])
    if spaced.any():
        breaks = np.where(spaced, _spaced_breaks(t, gaps), breaks)
    return (t, *_bounds(breaks))


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


def _spaced_breaks(t: _Table, gaps: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Where blank lines follow nearly every line: the re-joiner's breaks, and the blank lines
    that end short items."""
    firsts, _ = _rejoined(t)
    breaks = _item_breaks(t, gaps)
    breaks[firsts[1:] - 1] = True
    return breaks


def _bounds(breaks: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The first and last line of each paragraph, from whether each line break ends one."""
    at = np.flatnonzero(breaks)
    return np.append(0, at + 1), np.append(at, len(breaks))


def _rejoined(t: _Table) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Paragraphs by the re-joiner's decisions. A paragraph opening at line f ends at f when f
    does not go on, one line later when f is a heading (it runs on into one tail line at most),
    else at the first break after f that the re-joiner does not join: a step per paragraph."""
    n = len(t.start)
    opens, within = _decisions(t)
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


def paragraph_line_spans(doc: Document) -> list[tuple[int, int]]:
    """The paragraphs as 1-based (first line, last line) of the document."""
    if not doc.text:
        return []
    line_starts = np.asarray(doc.line_starts, dtype=np.int64)
    t, firsts, lasts = _paragraphs(doc.text, view_codepoints(doc.text), line_starts)
    if t is None:
        return []
    rows = _rows(line_starts, t) + 1
    return list(zip(rows[firsts].tolist(), rows[lasts].tolist(), strict=True))


def _kinds(
    t: _Table, firsts: npt.NDArray[np.int64], lasts: npt.NDArray[np.int64]
) -> list[SegmentKind]:
    """Each paragraph's kind: a lone standalone line is noise; a lone line that ends no sentence
    and is short or opens like a heading, or a heading with its one tail line, is a heading."""
    alone = firsts == lasts
    heading_line = ~t.ends_sentence[firsts] & (t.heading_start[firsts] | (t.cells[firsts] <= 60))
    kinds: list[SegmentKind] = np.select(
        [
            alone & t.standalone[firsts],
            alone & heading_line,
            (lasts == firsts + 1) & t.heading[firsts],
        ],
        ["noise", "heading", "heading"],
        default="text",
    ).tolist()
    return kinds


class Pieces(NamedTuple):
    """Where each paragraph lies: original offsets, offsets in the folded text, kinds."""

    starts: list[int]
    ends: list[int]
    folded_starts: list[int]
    folded_ends: list[int]
    kinds: list[SegmentKind]


_NO_PIECES: Final = Pieces([], [], [], [], [])


@dataclass(frozen=True, eq=False)
class Segmented:
    """A document cut into paragraphs, with their folded keys and the offset map behind them.
    The Segment objects are made on first use: a corpus's dedupe reads only the keys and
    offsets (``pieces``), and a million Segments with their spans cost seconds."""

    document: Document
    profile: FoldProfile
    pieces: Pieces
    folded: Folded
    """The paragraphs' folded keys joined by U+2029, with the map back to the document."""

    @cached_property
    def paragraphs(self) -> tuple[Segment, ...]:
        text, key = self.document.text, self.folded.text
        starts, ends, f_starts, f_ends, kinds = self.pieces
        with gc_paused():
            spans = self.document.spans(starts, ends)
            # Positional arguments: index, span, text, folded, kind, paragraph, folded_start.
            return tuple(
                Segment(k, span, text[start:end], key[f0:f1], kind, k, f0)
                for k, (span, start, end, f0, f1, kind) in enumerate(
                    zip(spans, starts, ends, f_starts, f_ends, kinds, strict=True)
                )
            )

    def sentences(self) -> tuple[Segment, ...]:
        """The sentences of every paragraph, in document order."""
        out: list[Segment] = []
        text = self.document.text
        for para in self.paragraphs:
            for start, end in sentence_bounds(para.text, para.span.start):
                i, j = self.folded.folded_range(start, end)
                i = max(i, para.folded_start)
                j = min(j, para.folded_start + len(para.folded))
                if j <= i:
                    continue
                out.append(
                    Segment(
                        index=len(out),
                        span=self.document.span(start, end),
                        text=text[start:end],
                        folded=self.folded.text[i:j],
                        kind=para.kind,
                        paragraph=para.index,
                        folded_start=i,
                    )
                )
        return tuple(out)

    def segments(self, granularity: Granularity = "paragraph") -> tuple[Segment, ...]:
        return self.paragraphs if granularity == "paragraph" else self.sentences()


def sentence_bounds(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentences of one paragraph as ``(start, end)`` offsets, trimmed of spaces and breaks."""
    bounds: list[tuple[int, int]] = []
    prev = 0
    for m in _SENTENCE.finditer(text):
        bounds.append((prev, m.end()))
        prev = m.end()
    bounds.append((prev, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in bounds:
        piece = text[s:e]
        stripped = piece.strip(_SPACE + "\r\n")
        if not stripped:
            continue
        lead = len(piece) - len(piece.lstrip(_SPACE + "\r\n"))
        out.append((offset + s + lead, offset + s + lead + len(stripped)))
    return out


def segment(
    doc: Document,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    processes: int = 1,
) -> Segmented:
    """Cut ``doc`` into paragraphs and fold each of them for matching; a large document's
    fold may be shared among ``processes`` forked processes.

    >>> from diffkit.loading import from_text
    >>> text = "各位代表：\\n\\n我受委托，向大会\\n报告工作。\\n"
    >>> [(p.span.start_line, p.span.end_line) for p in segment(from_text(text)).paragraphs]
    [(1, 1), (3, 4)]
    """
    resolved = resolve_profile(profile, skip=skip)
    empty = np.zeros(0, dtype=np.int64)
    text = doc.text
    if not text:
        return Segmented(doc, resolved, _NO_PIECES, Folded("", empty, empty))
    cps = to_codepoints(text)  # a copy of our own: the fold overwrites it
    table, firsts, lasts = _paragraphs(text, cps, np.asarray(doc.line_starts, dtype=np.int64))
    if table is None or not len(firsts):
        return Segmented(doc, resolved, _NO_PIECES, Folded("", empty, empty))
    starts, ends = table.start[firsts], table.end[lasts]
    folded, cuts = fold_spans(cps, starts, ends, profile=resolved, processes=processes)
    pieces = Pieces(
        starts.tolist(),
        ends.tolist(),
        [0, *(cuts + 1).tolist()],
        [*cuts.tolist(), len(folded.text)],
        _kinds(table, firsts, lasts),
    )
    return Segmented(doc, resolved, pieces, folded)

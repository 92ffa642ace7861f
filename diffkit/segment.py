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
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from .model import Document, Granularity, Segment, SegmentKind
from .normalize import (
    Folded,
    FoldProfile,
    fold_joined,
    resolve_profile,
    to_codepoints,
)

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
    r"^(?:[一二三四五六七八九十百]+\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|第[一二三四五六七八九十百\d]+[章节条部分篇]"
    r"|\d+[、.．](?!\d))"
)
_SALUTATION: Final = re.compile(r"^[^，,。]{1,24}[：:]$")
_LATIN_ONLY: Final = re.compile(r"^[A-Za-z][A-Za-z .,'&-]*$")
_CLAUSE_MARK: Final = re.compile(r"[，,、；;。！？!?：:]")
_SENTENCE_INSIDE: Final = re.compile(r"[。！？!?]")
_TITLE_CELLS: Final = 48
_NARROW_CELLS: Final = 80
_WRAPPED_SHARE: Final = 0.2
"""The share of line breaks without a blank line that makes blank lines paragraph breaks."""
"""Lines this short (in terminal cells) that open a paragraph and end no sentence are titles."""
_SENTENCE: Final = re.compile(
    r"(?:[。！？!?]+|…+|(?<![\d.])\.(?=\s|$|[”’\"')]))[”’」』）)\]\"'》]*"
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
    width: npt.NDArray[np.float64]
    """The wrap width around the line (see :func:`_local_widths`)."""
    ends_sentence: npt.NDArray[np.bool_]
    closes_clause: npt.NDArray[np.bool_]
    continues: npt.NDArray[np.bool_]
    number: npt.NDArray[np.bool_]
    heading_start: npt.NDArray[np.bool_]
    heading: npt.NDArray[np.bool_]
    clause_mark: npt.NDArray[np.bool_]
    salutation: npt.NDArray[np.bool_]
    standalone: npt.NDArray[np.bool_]


@cache
def _cell_tables() -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Cell width of every BMP character, which of them are Han, and which are blank."""
    cells = np.ones(0x10000, dtype=np.int8)
    for c in range(0x10000):
        if unicodedata.east_asian_width(chr(c)) in "WF":
            cells[c] = 2
    cells[[0x0A, 0x0D]] = 0
    cells[0x09] = 4
    han = np.zeros(0x10000, dtype=np.int8)
    han[0x3400:0x4DC0] = 1
    han[0x4E00:0xA000] = 1
    han[0xF900:0xFB00] = 1
    blank = np.zeros(0x10000, dtype=np.bool_)
    blank[[ord(c) for c in _SPACE + "\r\n"]] = True
    return cells, han, blank


def _lines(doc: Document) -> _Table | None:
    text = doc.text
    if not text:
        return None
    cell_table, han_table, blank_table = _cell_tables()
    cps = to_codepoints(text)
    bmp = np.minimum(cps, 0xFFFF)
    astral = cps > 0xFFFF
    cum_cells = np.concatenate(
        ([0], np.cumsum(np.where(astral, 2, cell_table[bmp]), dtype=np.int32))
    )
    cum_han = np.concatenate(([0], np.cumsum(np.where(astral, 1, han_table[bmp]), dtype=np.int32)))
    solid = np.flatnonzero(~blank_table[bmp] | astral)
    line_starts = np.asarray(doc.line_starts, dtype=np.int64)
    line_ends = np.append(line_starts[1:], len(text))
    first_at = np.searchsorted(solid, line_starts)
    last_at = np.searchsorted(solid, line_ends) - 1
    nonblank = last_at >= first_at
    firsts = solid[first_at[nonblank]]
    lasts = solid[last_at[nonblank]] + 1
    cells = cum_cells[lasts] - cum_cells[firsts]
    indents = cum_cells[firsts] - cum_cells[line_starts[nonblank]]
    cjk = cum_han[lasts] > cum_han[firsts]
    widths = _local_widths(cells.astype(np.float64)) if len(cells) else np.zeros(0)
    cjk_document = int(cjk.sum()) * 2 >= len(firsts)
    flags = _features(text, cps, firsts, lasts, cells, cjk, cjk_document)
    if not len(firsts):
        return None
    return _Table(
        firsts, lasts, cells.astype(np.int64), cjk, indents.astype(np.int64), widths, *flags
    )


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
        "sentence": _table("。！？!?"),
        "colon": _table("：:"),
        "digit": _table("0123456789０１２３４５６７８９"),
        "dot": _table("."),
    }


def _features(
    text: str,
    cps: npt.NDArray[np.uint32],
    firsts: npt.NDArray[np.int64],
    lasts: npt.NDArray[np.int64],
    cells: npt.NDArray[np.int64],
    cjk: npt.NDArray[np.bool_],
    cjk_document: bool,
) -> list[npt.NDArray[np.bool_]]:
    """The re-joiner's features for every line at once: table look-ups and prefix sums over
    the code points, with a regular expression only for the few lines a cheap test picks."""
    t = _feature_tables()
    bmp = np.minimum(cps, 0xFFFF)

    def counts(name: str) -> npt.NDArray[np.int64]:
        # Marks are sparse: count them between each line's ends by their positions.
        where = np.flatnonzero(t[name][bmp])
        return np.asarray(
            np.searchsorted(where, lasts) - np.searchsorted(where, firsts), dtype=np.int64
        )

    first, last = bmp[firsts], bmp[lasts - 1]
    plain = np.append(np.flatnonzero(~t["closer"][bmp]), len(cps))  # sentinel: never chosen
    at = np.searchsorted(plain, lasts) - 1
    found = plain[np.maximum(at, 0)]
    core = np.where((at >= 0) & (found >= firsts) & (found < lasts), found, lasts - 1)
    core_char = bmp[core]
    before = bmp[np.maximum(core - 1, 0)]
    ends = t["ends"][core_char] | (t["dot"][core_char] & ~t["digit"][before])
    closes = t["colon"][last]
    continues = t["continues"][first]
    clause = counts("clause") > 0
    inside = counts("sentence") > 0

    def matching(mask: npt.NDArray[np.bool_], pattern: re.Pattern[str]) -> npt.NDArray[np.bool_]:
        out = np.zeros(len(firsts), dtype=np.bool_)
        for k in np.flatnonzero(mask).tolist():
            out[k] = pattern.match(text[firsts[k] : lasts[k]]) is not None
        return out

    number = matching(t["digit"][first], _NUMBER)
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


def _lost_number(t: _Table, x: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
    """PDF extraction that drops a number leaves one space before the word that followed it."""
    return np.asarray((t.indent[x] == 1) & t.cjk[x] & (t.cells[x] <= 12), dtype=np.bool_)


def _decisions(t: _Table) -> tuple[list[bool], list[bool]]:
    """For every break between line i and line i + 1: whether i + 1 continues the paragraph,
    once assuming line i opens its paragraph and once assuming it does not. The rules apply in
    order; the first that speaks decides."""
    n = len(t.start)
    a = np.arange(n - 1)
    b = a + 1
    c = np.minimum(a + 2, n - 1)
    has_c = a + 2 < n
    w = t.width[a]
    cells_a, cells_b = t.cells[a], t.cells[b]
    runs_on = (
        (w <= _NARROW_CELLS)
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
        (t.standalone[a] | t.standalone[b], False),
        (t.continues[b], True),
        (t.ends_sentence[a], None),
    ]
    numbers = t.number[a] | t.number[b] | _lost_number(t, b)

    def decide(opens: bool) -> list[bool]:
        conds = [cond for cond, _ in common]
        choices = [np.full(n - 1, v) if v is not None else runs_on for _, v in common]
        clause = t.closes_clause[a] & (True if opens else (t.salutation[a] | t.heading_start[b]))
        conds += [clause, numbers, t.indent[b] >= 2, t.heading[a]]
        choices += [np.zeros(n - 1, bool), np.ones(n - 1, bool), np.zeros(n - 1, bool), head_tail]
        if opens:
            conds.append(_title_like(t, a, w, 0.8) & ~same_margin)
            choices.append(np.zeros(n - 1, bool))
            default = ~sub_headline
        else:
            conds.append(short_tail)
            choices.append(np.zeros(n - 1, bool))
            default = np.ones(n - 1, bool)
        out: list[bool] = np.select(conds, choices, default=default).astype(bool).tolist()
        return out

    return decide(True), decide(False)


def _rows(doc: Document, t: _Table) -> list[int]:
    """The 0-based line number of each non-blank line."""
    starts = np.asarray(doc.line_starts, dtype=np.int64)
    rows: list[int] = (np.searchsorted(starts, t.start, side="right") - 1).tolist()
    return rows


def paragraph_lines(doc: Document) -> tuple[_Table | None, list[tuple[int, int]]]:
    """The document's non-blank lines, and the paragraphs as (first, last) line indices."""
    t = _lines(doc)
    if t is None:
        return None, []
    n = len(t.start)
    rows = _rows(doc, t)
    gaps = [b - a > 1 for a, b in pairwise(rows)]
    # Where some paragraphs wrap with single line breaks, blank lines are what separates
    # paragraphs; where every line is followed by a blank line (PDF extraction), they say nothing.
    blank_separates = len(gaps) - sum(gaps) >= max(3, _WRAPPED_SHARE * len(gaps))
    if blank_separates:
        alone = (t.standalone[:-1] | t.standalone[1:]).tolist()
        cont = t.continues[1:].tolist()
        joins = [(not g and not s) or (g and c) for g, s, c in zip(gaps, alone, cont, strict=True)]
    else:
        opens, within = _decisions(t)
        heading = t.heading.tolist()
    groups: list[tuple[int, int]] = []
    first = 0
    for i in range(n - 1):
        if blank_separates:
            joined = joins[i]
        elif i > first and heading[first]:
            joined = False  # a heading runs on into one tail line at most
        else:
            joined = opens[i] if i == first else within[i]
        if not joined:
            groups.append((first, i))
            first = i + 1
    groups.append((first, n - 1))
    return t, groups


def paragraph_line_spans(doc: Document) -> list[tuple[int, int]]:
    """The paragraphs as 1-based (first line, last line) of the document."""
    t, groups = paragraph_lines(doc)
    if t is None:
        return []
    rows = _rows(doc, t)
    return [(rows[f] + 1, rows[last] + 1) for f, last in groups]


def _kind(t: _Table, first: int, last: int) -> SegmentKind:
    if first == last:
        if t.standalone[first]:
            return "noise"
        if not t.ends_sentence[first] and (t.heading_start[first] or t.cells[first] <= 60):
            return "heading"
    if last == first + 1 and t.heading[first]:
        return "heading"
    return "text"


@dataclass(frozen=True, eq=False)
class Segmented:
    """A document cut into paragraphs, with their folded keys and the offset map behind them."""

    document: Document
    profile: FoldProfile
    paragraphs: tuple[Segment, ...]
    folded: Folded
    """The paragraphs' folded keys joined by U+2029, with the map back to the document."""

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
    doc: Document, *, profile: str | FoldProfile = "default", skip: Iterable[str] = ()
) -> Segmented:
    """Cut ``doc`` into paragraphs and fold each of them for matching.

    >>> from diffkit.load import from_text
    >>> text = "各位代表：\\n\\n我受委托，向大会\\n报告工作。\\n"
    >>> [(p.span.start_line, p.span.end_line) for p in segment(from_text(text)).paragraphs]
    [(1, 1), (3, 4)]
    """
    resolved = resolve_profile(profile, skip=skip)
    table, groups = paragraph_lines(doc)
    bounds = (
        list(
            zip(
                table.start[[f for f, _ in groups]].tolist(),
                table.end[[last for _, last in groups]].tolist(),
                strict=True,
            )
        )
        if table is not None
        else []
    )
    if table is None or not bounds:
        empty = np.zeros(0, dtype=np.int64)
        return Segmented(doc, resolved, (), Folded("", empty, empty))
    folded, cuts = fold_joined(doc.text, bounds, profile=resolved)
    piece_starts = [0, *(cuts + 1).tolist()]
    piece_ends = [*cuts.tolist(), len(folded.text)]
    spans = doc.spans([b[0] for b in bounds], [b[1] for b in bounds])
    text = doc.text
    paragraphs = tuple(
        Segment(
            index=k,
            span=span,
            text=text[start:end],
            folded=folded.text[f0:f1],
            kind=_kind(table, *group),
            paragraph=k,
            folded_start=f0,
        )
        for k, (group, (start, end), span, f0, f1) in enumerate(
            zip(groups, bounds, spans, piece_starts, piece_ends, strict=True)
        )
    )
    return Segmented(doc, resolved, paragraphs, folded)

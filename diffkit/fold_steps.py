"""The fold steps themselves: width, whitespace, annotation, script and regional wording,
each a function from code points to code points with the map back (``StepResult``), and the
one-to-one tables (script variants, punctuation, case) the chain applies together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Final

import fast_diff_match_patch as fdmp
import numpy as np
import numpy.typing as npt

from .codepoints import (
    _HARD,
    _SEP,
    HAN_CLASS,
    PARAGRAPH_SEPARATOR,
    SENTENCE_END,
    CodePoints,
    IntArray,
    Step,
    StepResult,
    _all_bmp,
    _apply_table,
    _case_table,
    _class_tables,
    _index_dtype,
    _lookup,
    _nfkc_marked,
    _nfkc_tables,
    _opencc,
    _punctuation_table,
    _ranges,
    _splice,
    _variant_table,
    to_codepoints,
    to_text,
    view_codepoints,
)
from .regional import Glossary, glossary_replacements, regional_replacements
from .replacements import composed

# --- the steps ------------------------------------------------------------------------------


def _width(cps: CodePoints) -> StepResult:
    if _all_bmp(cps):
        out = _nfkc_marked()[cps]
        hard = out == _HARD
        if not hard.any():
            return out, None, None
        out[hard] = cps[hard]
    else:
        table, complex_ = _nfkc_tables()
        out = _apply_table(cps, table)
        hard = _lookup(complex_, cps, astral=True)
    original = to_text(cps)
    edits: list[tuple[int, int, str]] = []
    for p in np.flatnonzero(hard).tolist():
        if edits and p < edits[-1][1]:
            continue
        ch = original[p]
        s = p
        if unicodedata.combining(ch):
            if p > 0 and not unicodedata.combining(original[p - 1]):
                s = p - 1
            if edits and s < edits[-1][1]:
                s = edits.pop()[0]
        e = p + 1
        while e < len(original) and unicodedata.combining(original[e]):
            e += 1
        piece = unicodedata.normalize("NFKC", original[s:e])
        if piece != to_text(out[s:e]) or s != p:
            edits.append((s, e, piece))
    return _splice(out, edits)


def _whitespace(cps: CodePoints) -> StepResult:
    at = _space_positions(cps)
    if not len(at):
        return cps, None, None
    # Work on runs of whitespace, not characters: in CJK text they are few and short.
    opens = np.flatnonzero(np.diff(at) != 1) + 1
    run_first = np.concatenate(([0], opens))
    run_starts = at[run_first]
    run_ends = at[np.append(opens - 1, len(at) - 1)] + 1
    drop = _tight_at(cps, run_starts - 1) | _tight_at(cps, run_ends)
    newline = (cps[at] == 0x0A) | (cps[at] == 0x0D)
    only_breaks = np.add.reduceat(newline, run_first) == run_ends - run_starts
    wraps = np.flatnonzero(only_breaks & ~drop)
    left = _bound_kind(cps, run_starts[wraps] - 1, -1)
    right = _bound_kind(cps, run_ends[wraps], 1)
    _sentence_openings(cps, run_starts[wraps], left, right)
    drop[wraps] = (np.maximum(left, right) == 1) & (np.minimum(left, right) != 0)
    kept = ~drop
    gone = np.ones(len(at), dtype=np.bool_)
    gone[run_first[kept]] = False
    keep = np.ones(len(cps), dtype=np.bool_)
    keep[at[gone]] = False
    src = np.arange(len(cps), dtype=_index_dtype(len(cps)))[keep]
    out = cps[keep]
    spaces = np.searchsorted(src, run_starts[kept].astype(src.dtype))  # same type: no copy
    out[spaces] = 0x20
    last = src.copy()
    last[spaces] = run_ends[kept] - 1
    return out, src, last


def _sentence_openings(
    cps: CodePoints, breaks: IntArray, left: npt.NDArray[np.int8], right: npt.NDArray[np.int8]
) -> None:
    """Where walking back from a break meets a space, and past it a sentence's end or the
    text's start, a sentence folded alone starts after that space: the break then counts as
    one at the text's edge (``-1`` in ``left``), so ``。 0⏎0一`` folds its sentence as
    ``0⏎0一`` does. Only breaks whose right side is CJK can change, and they are few."""
    space_table, _ = _class_tables()
    for i in np.flatnonzero((left == 0) & (right == 1)).tolist():
        end = int(breaks[i])
        p = end - 1
        while p >= 0 and not space_table[min(int(cps[p]), 0xFFFF)]:
            p -= 1
        while p >= 0 and space_table[min(int(cps[p]), 0xFFFF)] and cps[p] != _SEP:
            p -= 1
        if p < 0 or cps[p] == _SEP:
            left[i] = -1
            continue
        lo = max(0, p - 40)
        window = "".join(map(chr, cps[lo:end].tolist()))
        if any(m.end() == p + 1 - lo for m in SENTENCE_END.finditer(window)):
            left[i] = -1


def _space_positions(cps: CodePoints) -> IntArray:
    """Where the whitespace is. All of it lies at or below U+3000, which CJK text mostly does
    not: where few characters do, only those are looked up."""
    space_table, _ = _class_tables()
    low = cps <= 0x3000
    if np.count_nonzero(low) * 8 > len(cps):
        return np.flatnonzero(_lookup(space_table, cps, astral=False))
    at = np.flatnonzero(low)
    return at[space_table[cps[at]]]


def _tight_at(cps: CodePoints, pos: IntArray) -> npt.NDArray[np.bool_]:
    """Whether the characters at ``pos`` are tight (see :func:`_class_tables`); positions off
    either end of the text count as tight, as the text's edges do."""
    _, tight_table = _class_tables()
    inside = (pos >= 0) & (pos < len(cps))
    out = np.ones(len(pos), dtype=np.bool_)
    values = cps[pos[inside]]
    out[inside] = tight_table[np.minimum(values, 0xFFFF)] | (
        (values >= 0x20000) & (values < 0x32000)  # astral Han
    )
    return out


def _bound_kind(cps: CodePoints, pos: IntArray, step: int, tries: int = 32) -> npt.NDArray[np.int8]:
    """For each of ``pos``, walking by ``step`` from it, what is met first: a tight character
    (CJK or punctuation) 1, a space 0, the end of the text or a paragraph separator -1.

    A run of line breaks alone that cuts a number or a Latin word standing between CJK text
    (`成立7⏎5周年`) is the wrap of CJK text, which ignores word boundaries, not a space: the
    caller asks this on both sides of the break. Where one side reaches the end of its text,
    the other side decides, so a sentence folded alone (`5⏎0周年`) folds as it did inside its
    paragraph (`。5⏎0周年`). Tokens are short, so a few vectorised steps settle nearly all;
    the rest are looked up among every boundary of the text.
    """
    space_table, tight_table = _class_tables()
    result = np.full(len(pos), -1, dtype=np.int8)
    # Walking back, a sentence's end is where a sentence folded alone would start: it ends
    # the walk as the text's start does (``。0⏎0`` folds its sentence as ``0⏎0`` does).
    ends: tuple[int, ...] = _SENTENCE_ENDS if step < 0 else ()
    which = np.arange(len(pos))
    for _ in range(tries):
        inside = (pos >= 0) & (pos < len(cps))
        which, pos = which[inside], pos[inside]
        if not len(which):
            return result
        tight = _tight_at(cps, pos)
        bound = space_table[np.minimum(cps[pos], 0xFFFF)] | tight
        result[which[bound]] = _kind(cps[pos[bound]], tight[bound], ends)
        which, pos = which[~bound], pos[~bound] + step
    if len(which):
        bounds = np.flatnonzero(
            _lookup(space_table, cps, astral=False) | _lookup(tight_table, cps, astral=False)
        )
        astral_han = np.flatnonzero((cps >= 0x20000) & (cps < 0x32000))
        if len(astral_han):
            bounds = np.union1d(bounds, astral_han)
        if step < 0:
            at = np.searchsorted(bounds, pos, side="right") - 1
            found = at >= 0
        else:
            at = np.searchsorted(bounds, pos, side="left")
            found = at < len(bounds)
        hit = bounds[at[found]]
        result[which[found]] = _kind(cps[hit], _tight_at(cps, hit), ends)
    return result


_SENTENCE_ENDS: Final = tuple(map(ord, "。！？!?…"))


def _kind(
    cps: CodePoints, tight: npt.NDArray[np.bool_], ends: tuple[int, ...] = ()
) -> npt.NDArray[np.int8]:
    stop = cps == _SEP
    if ends:
        stop |= np.isin(cps, ends)
    return np.where(stop, -1, tight.astype(np.int8)).astype(np.int8)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = "a-zü" + _TONED
_GAP = r"[^\S\u2029]"
"""Whitespace inside a reading, less the separator between pieces: a reading cut by one
(its halves in two paragraphs) is no reading to either piece, as it is to each folded alone."""
_ANNOTATION = re.compile(
    # The paren comes first so the regex engine can skip ahead to it; the look-behind then
    # checks that a Han character stands right before it.
    rf"[(（](?<=[{HAN_CLASS}][(（]){_GAP}*(?=[^)）]*[{_TONED}1-5])"
    rf"[{_PINYIN_LETTERS}]{{1,6}}[1-5]?(?:{_GAP}+[{_PINYIN_LETTERS}]{{1,6}}[1-5]?)*{_GAP}*[)）]"
    rf"(?:[(（]{_GAP}*(?=[^)）]*[{_TONED}1-5])"
    rf"[{_PINYIN_LETTERS}]{{1,6}}[1-5]?(?:{_GAP}+[{_PINYIN_LETTERS}]{{1,6}}[1-5]?)*{_GAP}*[)）])*"
)


_LONE_ANNOTATION = re.compile(
    rf"\s*[(（]\s*(?=[^)）]*[{_TONED}1-5])[{_PINYIN_LETTERS}]{{1,6}}[1-5]?"
    rf"(?:\s+[{_PINYIN_LETTERS}]{{1,6}}[1-5]?)*\s*[)）]\s*"
)


def is_annotation(text: str) -> bool:
    """Whether ``text`` is one pinyin reading in parentheses, as the annotation step removes."""
    return _LONE_ANNOTATION.fullmatch(text) is not None


_READING_OPENERS: Final = np.array(
    sorted(
        {ord(c) for c in "abcdefghijklmnopqrstuvwxyzü" + _TONED}
        | {c for c in range(0x3001) if chr(c).isspace()}
    ),
    dtype=np.uint32,
)
"""What may follow the paren of a reading: ``_ANNOTATION``'s letters, or a space before them."""


def _annotation(cps: CodePoints) -> StepResult:
    spans = _annotation_spans(cps)
    if not spans:
        return cps, None, None
    bounds = np.array(spans, dtype=np.int64)
    keep = np.ones(len(cps), dtype=np.bool_)
    keep[_ranges(bounds[:, 0], bounds[:, 1])] = False
    src = np.arange(len(cps), dtype=_index_dtype(len(cps)))[keep]
    return cps[keep], src, src


def _annotation_spans(cps: CodePoints) -> list[tuple[int, int]]:
    """What ``_ANNOTATION.finditer`` finds, trying only where it can start: at a paren right
    after a Han character (a text has few of those, and most of it is never looked at)."""
    parens = np.flatnonzero((cps[1:] == 0x28) | (cps[1:] == 0xFF08)) + 1
    before = cps[parens - 1]
    han = (
        ((before >= 0x3400) & (before <= 0x4DBF))
        | ((before >= 0x4E00) & (before <= 0x9FFF))
        | ((before >= 0xF900) & (before <= 0xFAFF))
    )
    parens = parens[han & (parens + 1 < len(cps))]
    # A reading opens with a pinyin letter or a space (most parens after Han open a date).
    starts = parens[np.isin(cps[parens + 1], _READING_OPENERS)].tolist()
    if not starts:
        return []
    text = to_text(cps)
    match = _ANNOTATION.match
    spans: list[tuple[int, int]] = []
    for start in starts:
        if spans and start < spans[-1][1]:
            continue  # inside the previous match: finditer goes on after it
        found = match(text, start)
        if found is not None:
            spans.append(found.span())
    return spans


@cache
def _convertible() -> npt.NDArray[np.bool_]:
    """Characters OpenCC's hk2s changes on their own: a text without any is left alone."""
    table = np.zeros(0x10000, dtype=np.bool_)
    chars = [chr(c) for c in range(0x2E80, 0x10000) if not 0xD800 <= c < 0xE000]
    for c, d in zip(chars, _opencc().convert("\n".join(chars)).split("\n"), strict=True):
        if c != d:
            table[ord(c)] = True
    return table


def _script(cps: CodePoints) -> StepResult:
    """OpenCC's hk2s; the variant table that completes the step is applied by :func:`_run`."""
    marked = np.flatnonzero(_lookup(_convertible(), cps, astral=True))
    if not len(marked):
        return cps, None, None
    cuts = np.flatnonzero(cps == _SEP)
    hits = np.searchsorted(cuts, marked)
    pieces = hits[np.diff(hits, prepend=-1) != 0]  # hits are sorted: these are the distinct
    if len(cuts) and len(pieces) * 3 < len(cuts) + 1:
        converted = _convert_pieces(cps, cuts, pieces)
        if converted is not None:
            return converted, None, None
    text = to_text(cps)
    converted_text = _opencc().convert(text)
    if len(converted_text) == len(text):
        return view_codepoints(converted_text), None, None
    return _align(text, converted_text)


def _regional(cps: CodePoints, glossary: Glossary) -> StepResult:
    """OpenCC's regional phrase tables, then the glossary, on Simplified text (see
    :mod:`diffkit.regional`); a changed phrase maps onto the whole phrase it replaced."""
    if not len(cps):
        return cps, None, None
    after, replacements = regional_replacements(to_text(cps))
    terms = glossary_replacements(after, glossary)
    if not terms:
        return _splice(cps, replacements)
    return _splice(cps, *composed(after, replacements, terms))


def _convert_pieces(cps: CodePoints, cuts: IntArray, pieces: IntArray) -> CodePoints | None:
    """Convert only the separated pieces holding a convertible character, in one OpenCC call;
    None when a conversion changed a piece's length (the caller then maps the whole text)."""
    starts = np.concatenate(([0], cuts + 1))[pieces]
    ends = np.concatenate((cuts, [len(cps)]))[pieces]
    text = to_text(cps)
    sources = [text[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
    converted = _opencc().convert(PARAGRAPH_SEPARATOR.join(sources))
    results = converted.split(PARAGRAPH_SEPARATOR)
    if len(results) != len(sources) or list(map(len, results)) != (ends - starts).tolist():
        return None
    # Every piece kept its length, so the separators stand where they were put.
    joined_cuts = np.cumsum(ends - starts + 1)[:-1] - 1
    out = cps.copy()
    out[_ranges(starts, ends)] = np.delete(view_codepoints(converted), joined_cuts)
    return out


def _align(before: str, after: str) -> StepResult:
    """Map ``after`` back onto ``before`` when a conversion changed lengths: equal runs map one
    to one, each replaced run maps onto the whole run it replaced."""
    ops = fdmp.diff(before, after, timelimit=0, checklines=False, counts_only=True)
    src_s: list[IntArray] = []
    src_e: list[IntArray] = []
    i = 0
    pending_delete = 0
    for op, n in ops:
        if op == "=":
            idx = np.arange(i, i + n, dtype=np.int64)
            src_s.append(idx)
            src_e.append(idx)
            i += n
            pending_delete = 0
        elif op == "-":
            i += n
            pending_delete = n
        else:
            s = i - pending_delete if pending_delete else max(i - 1, 0) if i else 0
            e = max(i - 1, s)
            src_s.append(np.full(n, s, dtype=np.int64))
            src_e.append(np.full(n, e, dtype=np.int64))
            pending_delete = 0
    empty = np.zeros(0, dtype=np.int64)
    return (
        to_codepoints(after),
        np.concatenate(src_s) if src_s else empty,
        np.concatenate(src_e) if src_e else empty,
    )


def _alone(step: Step) -> Callable[[CodePoints, Glossary], StepResult]:
    """A step that needs no glossary, called as the chain calls every step."""
    return lambda cps, _: step(cps)


_STEP_FUNCTIONS: Final[dict[str, Callable[[CodePoints, Glossary], StepResult]]] = {
    "width": _alone(_width),
    "whitespace": _alone(_whitespace),
    "annotation": _alone(_annotation),
    "script": _alone(_script),
    "regional": _regional,
}
"""The steps that are functions, each given the code points and the profile's glossary."""

_STEP_TABLES: Final[dict[str, Callable[[], npt.NDArray[np.uint32]]]] = {
    "script": _variant_table,
    "punctuation": _punctuation_table,
    "case": _case_table,
}
"""Steps that end in (or are) a one-to-one table: consecutive tables are applied as one."""

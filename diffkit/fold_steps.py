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
    CodePoints,
    IntArray,
    Step,
    StepResult,
    _all_bmp,
    _apply_table,
    _case_table,
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
from .fold_whitespace import _whitespace
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


_READING_OPENERS: Final = sorted(
    {ord(c) for c in "abcdefghijklmnopqrstuvwxyzü" + _TONED}
    | {c for c in range(0x3001) if chr(c).isspace()}
)
"""What may follow the paren of a reading: ``_ANNOTATION``'s letters, or a space before them."""


@cache
def _opens_reading() -> npt.NDArray[np.bool_]:
    """Whether each code point up to the last of ``_READING_OPENERS``, and one past it (which
    stands for every code point above), may open a reading: a lookup, where ``np.isin`` would
    build a table of its own at each call (half a millisecond, a fold of every short text)."""
    table = np.zeros(_READING_OPENERS[-1] + 2, dtype=np.bool_)
    table[_READING_OPENERS] = True
    return table


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
    opens = _opens_reading()
    starts = parens[opens[np.minimum(cps[parens + 1], len(opens) - 1)]].tolist()
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

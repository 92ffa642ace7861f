"""Folding text for matching, with a map from every folded character back to the original.

Folding is a chain of named steps (width, whitespace, annotation, script, punctuation, case).
Each step turns an array of code points into another and says, for every output character,
which input characters it came from; composing those index arrays gives, for every folded
character, the span of the original text it stands for. Folded text is only ever a comparison
key: what users are shown is the original text, found again through the map.

The steps work on numpy arrays of code points so that the common cases (one character to one,
deletions, runs collapsed to one) cost a few vectorised passes, not a Python loop per character.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

import fast_diff_match_patch as fdmp
import numpy as np
import numpy.typing as npt
from opencc_pyo3 import OpenCC

from .errors import UsageError

IntArray = npt.NDArray[np.signedinteger[Any]]
CodePoints = npt.NDArray[np.uint32]

STEPS: Final = ("width", "whitespace", "annotation", "script", "punctuation", "case")
"""Every fold step, in the order they run."""

STEP_HELP: Final = {
    "width": "Unicode NFKC: full-width letters, digits and marks, compatibility forms",
    "whitespace": "drop spaces and line breaks next to CJK text or punctuation, collapse the rest",
    "annotation": "remove pinyin readings after a character: 完成(chéng) -> 完成",
    "script": "Traditional to Simplified (OpenCC hk2s plus a small variant table)",
    "punctuation": 'equivalent marks to one form: ，/, ；/; “”/「」/"" ...',
    "case": "Latin upper case to lower case",
}

PARAGRAPH_SEPARATOR: Final = "\u2029"
"""Separates independently folded pieces inside one folded text; no step crosses it."""
_SEP: Final = 0x2029


@dataclass(frozen=True, slots=True)
class FoldProfile:
    """A named set of fold steps."""

    name: str
    steps: tuple[str, ...]

    def without(self, *skip: str) -> FoldProfile:
        """This profile less the steps named in ``skip``."""
        for step in skip:
            _check_step(step)
        if not skip:
            return self
        kept = tuple(s for s in self.steps if s not in skip)
        return FoldProfile(f"{self.name}-{'-'.join(sorted(skip))}", kept)


PROFILES: Final = {
    "default": FoldProfile("default", STEPS),
    "layout": FoldProfile("layout", ("width", "whitespace", "annotation", "punctuation")),
    "none": FoldProfile("none", ()),
}
"""``default`` folds everything; ``layout`` keeps the script; ``none`` compares text as it is."""
DEFAULT_PROFILE: Final = PROFILES["default"]


def _check_step(step: str) -> None:
    if step not in STEPS:
        raise UsageError(f"unknown fold step {step!r}; the steps are: {', '.join(STEPS)}")


def resolve_profile(
    profile: str | FoldProfile = "default", *, skip: Iterable[str] = ()
) -> FoldProfile:
    """A profile by name (or as given), less the steps in ``skip``."""
    if isinstance(skip, str):
        skip = [skip]
    if isinstance(profile, str):
        if profile not in PROFILES:
            raise UsageError(f"unknown fold profile {profile!r}; try one of: {', '.join(PROFILES)}")
        profile = PROFILES[profile]
    return profile.without(*skip)


@dataclass(frozen=True, eq=False)
class Folded:
    """Folded text and, for each of its characters, the original span it came from."""

    text: str
    starts: IntArray
    """``starts[i]``: offset in the original of the first character folded into ``text[i]``."""
    ends: IntArray
    """``ends[i]``: offset just past the last original character folded into ``text[i]``."""

    def original_range(self, i: int, j: int) -> tuple[int, int]:
        """The original offsets ``[start, end)`` covered by folded characters ``[i, j)``."""
        if j <= i:
            at = (
                int(self.starts[i])
                if i < len(self.starts)
                else int(self.ends[-1])
                if len(self.ends)
                else 0
            )
            return at, at
        return int(self.starts[i]), int(self.ends[j - 1])

    def cut(self, i: int, j: int) -> tuple[int, int, Folded]:
        """Folded characters ``[i, j)`` as a Folded of their own, with offsets relative to the
        original range ``[start, end)`` they cover, less the paragraph separators (the line
        breaks they stand for are whitespace of the original). Returns ``(start, end, cut)``.
        """
        start, end = self.original_range(i, j)
        text = self.text[i:j]
        starts, ends = self.starts[i:j] - start, self.ends[i:j] - start
        if PARAGRAPH_SEPARATOR in text:
            keep = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) != _SEP
            text, starts, ends = text.replace(PARAGRAPH_SEPARATOR, ""), starts[keep], ends[keep]
        return start, end, Folded(text, starts, ends)

    def folded_range(self, start: int, end: int) -> tuple[int, int]:
        """The folded indices ``[i, j)`` whose characters come from original ``[start, end)``."""
        i = int(np.searchsorted(self.starts, start, side="left"))
        j = int(np.searchsorted(self.starts, end, side="left"))
        return i, j


# --- code point helpers -------------------------------------------------------------------


def to_codepoints(text: str) -> CodePoints:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()


def to_text(cps: CodePoints) -> str:
    return cps.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")


# A step maps code points to code points. It returns the output and, for every output
# character, the first and last input index it derives from; ``None`` means "one to one".
StepResult = tuple[CodePoints, IntArray | None, IntArray | None]
Step = Callable[[CodePoints], StepResult]


def _splice(cps: CodePoints, edits: Sequence[tuple[int, int, str]]) -> StepResult:
    """Replace ``cps[s:e]`` by ``text`` for each sorted, non-overlapping edit."""
    if not edits:
        return cps, None, None
    out: list[npt.NDArray[np.uint32]] = []
    src_s: list[IntArray] = []
    src_e: list[IntArray] = []
    prev = 0
    for s, e, text in edits:
        out.append(cps[prev:s])
        keep = np.arange(prev, s, dtype=np.int64)
        src_s.append(keep)
        src_e.append(keep)
        r = to_codepoints(text)
        out.append(r)
        src_s.append(np.full(len(r), s, dtype=np.int64))
        src_e.append(np.full(len(r), e - 1, dtype=np.int64))
        prev = e
    out.append(cps[prev:])
    tail = np.arange(prev, len(cps), dtype=np.int64)
    src_s.append(tail)
    src_e.append(tail)
    return np.concatenate(out), np.concatenate(src_s), np.concatenate(src_e)


def _char_map(mapping: dict[str, str]) -> npt.NDArray[np.uint32]:
    table = np.arange(0x10000, dtype=np.uint32)
    for src, dst in mapping.items():
        table[ord(src)] = ord(dst)
    return table


def _apply_table(cps: CodePoints, table: npt.NDArray[np.uint32]) -> CodePoints:
    bmp = cps < 0x10000
    if bmp.all():
        return table[cps]
    out = cps.copy()
    out[bmp] = table[cps[bmp]]
    return out


# --- tables, built once on first use ---------------------------------------------------------


@cache
def _nfkc_tables() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.bool_]]:
    """One-to-one NFKC mappings of the BMP, and the characters that need the slow path
    (multi-character results and combining marks)."""
    table = np.arange(0x10000, dtype=np.uint32)
    complex_ = np.zeros(0x10000, dtype=np.bool_)
    for c in range(0x10000):
        if 0xD800 <= c < 0xE000:
            continue
        ch = chr(c)
        if unicodedata.combining(ch):
            complex_[c] = True
            continue
        n = unicodedata.normalize("NFKC", ch)
        if n != ch:
            if len(n) == 1:
                table[c] = ord(n)
            else:
                complex_[c] = True
    return table, complex_


@cache
def _class_tables() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """Whitespace (less the separator), and the characters next to which whitespace vanishes:
    CJK scripts, CJK and full-width forms, and punctuation of every script."""
    space = np.zeros(0x10000, dtype=np.bool_)
    tight = np.zeros(0x10000, dtype=np.bool_)
    for c in range(0x10000):
        if 0xD800 <= c < 0xE000:
            continue
        ch = chr(c)
        if ch.isspace() and c != _SEP:
            space[c] = True
        elif unicodedata.category(ch).startswith("P"):
            tight[c] = True
    for lo, hi in (
        (0x1100, 0x11FF),
        (0x2E80, 0x2FDF),
        (0x3000, 0x303F),
        (0x3040, 0x30FF),
        (0x3100, 0x31FF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xA960, 0xA97F),
        (0xAC00, 0xD7AF),
        (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F),
        (0xFF00, 0xFFEF),
    ):
        tight[lo : hi + 1] = True
    tight[_SEP] = True
    space[0x3000] = True
    tight[0x3000] = False
    return space, tight


_PUNCTUATION: Final = {
    **dict.fromkeys("，,､﹐", ","),
    **dict.fromkeys("、﹑", "、"),
    **dict.fromkeys("。｡︒", "。"),
    **dict.fromkeys("．", "."),
    **dict.fromkeys("；;﹔", ";"),
    **dict.fromkeys("：:﹕", ":"),
    **dict.fromkeys("！!﹗", "!"),
    **dict.fromkeys("？?﹖", "?"),
    **dict.fromkeys('“”„‟″「」『』＂〝〞﹁﹂﹃﹄"', '"'),
    **dict.fromkeys("‘’‚‛′＇'", "'"),
    **dict.fromkeys("（(﹙", "("),
    **dict.fromkeys("）)﹚", ")"),
    **dict.fromkeys("［[【〔〖﹝", "["),
    **dict.fromkeys("］]】〕〗﹞", "]"),
    **dict.fromkeys("〈<《﹤＜", "<"),
    **dict.fromkeys("〉>》﹥＞", ">"),
    **dict.fromkeys("—–―‒－─﹣-", "-"),
    **dict.fromkeys("～〜~", "~"),
    **dict.fromkeys("·・•‧･", "·"),
}


@cache
def _punctuation_table() -> npt.NDArray[np.uint32]:
    return _char_map(_PUNCTUATION)


@cache
def _case_table() -> npt.NDArray[np.uint32]:
    table = np.arange(0x10000, dtype=np.uint32)
    for c in range(0x10000):
        if 0xD800 <= c < 0xE000:
            continue
        low = chr(c).lower()
        # Only where lowering is stable under NFKC, so folding stays idempotent.
        if len(low) == 1 and low != chr(c) and unicodedata.normalize("NFKC", low) == low:
            table[c] = ord(low)
    return table


_SCRIPT_VARIANTS: Final = {
    # Forms OpenCC's hk2s leaves apart but which mean the same in running text.
    "妳": "你",
    "鬪": "斗",
    "痺": "痹",
    "睪": "睾",
    "簷": "檐",
    "苧": "苎",
    "敍": "叙",
    "衞": "卫",
    "衹": "只",
    "粧": "妆",
    "糭": "粽",
    "枱": "台",
    "麽": "么",
    "着": "着",
}


@cache
def _variant_table() -> npt.NDArray[np.uint32]:
    return _char_map(_SCRIPT_VARIANTS)


@cache
def _opencc() -> OpenCC:
    return OpenCC("hk2s")


# --- the steps ------------------------------------------------------------------------------


def _width(cps: CodePoints) -> StepResult:
    table, complex_ = _nfkc_tables()
    out = _apply_table(cps, table)
    bmp = cps < 0x10000
    hard = np.zeros(len(cps), dtype=np.bool_)
    hard[bmp] = complex_[cps[bmp]]
    hard |= ~bmp
    if not hard.any():
        return out, None, None
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
    space_table, tight_table = _class_tables()
    bmp = cps < 0x10000
    space = np.zeros(len(cps), dtype=np.bool_)
    space[bmp] = space_table[cps[bmp]]
    if not space.any():
        return cps, None, None
    tight = np.ones(len(cps) + 2, dtype=np.bool_)  # text edges count as tight
    inner = tight[1:-1]
    inner[:] = False
    inner[bmp] = tight_table[cps[bmp]]
    inner[(cps >= 0x20000) & (cps < 0x32000)] = True  # astral Han
    edges = np.diff(np.concatenate(([0], space.view(np.int8), [0])))
    run_starts = np.flatnonzero(edges == 1)
    run_ends = np.flatnonzero(edges == -1)
    drop = tight[run_starts] | tight[run_ends + 1]
    drop |= _broken_token(cps, space, inner, run_starts, run_ends) & ~drop
    keep_starts = run_starts[~drop]
    keep = ~space
    keep[keep_starts] = True
    out = cps.copy()
    out[keep_starts] = 0x20
    last = np.arange(len(cps), dtype=np.int64)
    last[keep_starts] = run_ends[~drop] - 1
    src = np.flatnonzero(keep)
    return out[keep], src, last[keep]


def _broken_token(
    cps: CodePoints,
    space: npt.NDArray[np.bool_],
    tight: npt.NDArray[np.bool_],
    run_starts: IntArray,
    run_ends: IntArray,
) -> npt.NDArray[np.bool_]:
    """Runs of line breaks alone that cut a number or a Latin word standing between CJK text
    (`成立7⏎5周年`): the wrap of CJK text, which ignores word boundaries, not a space."""
    newline = (cps == 0x0A) | (cps == 0x0D)
    only_breaks = (
        np.add.reduceat(newline, run_starts) == (run_ends - run_starts)
        if len(run_starts)
        else np.zeros(0, bool)
    )
    # A token runs from the last space or tight character before the break to the next one
    # after it; the break is a wrap when both of those are tight (or the text's edges).
    bounds = np.flatnonzero(space | tight)
    left_at = np.searchsorted(bounds, run_starts) - 1
    solid = tight & (cps != _SEP)  # text edges and separators do not vouch for CJK around
    left_tight = np.zeros(len(run_starts), dtype=np.bool_)
    has_left = left_at >= 0
    left_tight[has_left] = solid[bounds[left_at[has_left]]]
    right_at = np.searchsorted(bounds, run_ends)
    right_tight = np.zeros(len(run_starts), dtype=np.bool_)
    has_right = right_at < len(bounds)
    right_tight[has_right] = solid[bounds[right_at[has_right]]]
    return np.asarray(only_breaks & left_tight & right_tight, dtype=np.bool_)


_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = "a-zü" + _TONED
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_ANNOTATION = re.compile(
    # The paren comes first so the regex engine can skip ahead to it; the look-behind then
    # checks that a Han character stands right before it.
    rf"[(（](?<=[{_HAN}][(（])\s*(?=[^)）]*[{_TONED}1-5])"
    rf"[{_PINYIN_LETTERS}]{{1,6}}[1-5]?(?:\s+[{_PINYIN_LETTERS}]{{1,6}}[1-5]?)*\s*[)）]"
    rf"(?:[(（]\s*(?=[^)）]*[{_TONED}1-5])"
    rf"[{_PINYIN_LETTERS}]{{1,6}}[1-5]?(?:\s+[{_PINYIN_LETTERS}]{{1,6}}[1-5]?)*\s*[)）])*"
)


_LONE_ANNOTATION = re.compile(
    rf"\s*[(（]\s*(?=[^)）]*[{_TONED}1-5])[{_PINYIN_LETTERS}]{{1,6}}[1-5]?"
    rf"(?:\s+[{_PINYIN_LETTERS}]{{1,6}}[1-5]?)*\s*[)）]\s*"
)


def is_annotation(text: str) -> bool:
    """Whether ``text`` is one pinyin reading in parentheses, as the annotation step removes."""
    return _LONE_ANNOTATION.fullmatch(text) is not None


def _annotation(cps: CodePoints) -> StepResult:
    text = to_text(cps)
    if "(" not in text and "（" not in text:
        return cps, None, None
    spans = [m.span() for m in _ANNOTATION.finditer(text)]
    if not spans:
        return cps, None, None
    bounds = np.array(spans, dtype=np.int64)
    delta = np.zeros(len(cps) + 1, dtype=np.int64)
    np.add.at(delta, bounds[:, 0], 1)
    np.add.at(delta, bounds[:, 1], -1)
    keep = np.flatnonzero(np.cumsum(delta[:-1]) == 0)
    return cps[keep], keep, keep


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
    marked = np.zeros(len(cps), dtype=np.bool_)
    bmp = cps < 0x10000
    marked[bmp] = _convertible()[cps[bmp]]
    marked |= ~bmp
    if not marked.any():
        return _apply_table(cps, _variant_table()), None, None
    cuts = np.flatnonzero(cps == _SEP)
    pieces = np.unique(np.searchsorted(cuts, np.flatnonzero(marked)))
    if len(cuts) and len(pieces) * 3 < len(cuts) + 1:
        converted = _convert_pieces(cps, cuts, pieces)
        if converted is not None:
            return _apply_table(converted, _variant_table()), None, None
    text = to_text(cps)
    converted_text = _opencc().convert(text)
    if len(converted_text) == len(text):
        return _apply_table(to_codepoints(converted_text), _variant_table()), None, None
    out, src_s, src_e = _align(text, converted_text)
    return _apply_table(out, _variant_table()), src_s, src_e


def _convert_pieces(cps: CodePoints, cuts: IntArray, pieces: IntArray) -> CodePoints | None:
    """Convert only the separated pieces holding a convertible character, in one OpenCC call;
    None when a conversion changed a piece's length (the caller then maps the whole text)."""
    starts = np.concatenate(([0], cuts + 1))
    ends = np.concatenate((cuts, [len(cps)]))
    text = to_text(cps)
    bounds = [(int(starts[p]), int(ends[p])) for p in pieces.tolist()]
    sources = [text[s:e] for s, e in bounds]
    results = _opencc().convert(PARAGRAPH_SEPARATOR.join(sources)).split(PARAGRAPH_SEPARATOR)
    if len(results) != len(sources):
        return None
    out = cps.copy()
    for (s, e), source, result in zip(bounds, sources, results, strict=True):
        if len(result) != len(source):
            return None
        if result != source:
            out[s:e] = to_codepoints(result)
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


def _punctuation(cps: CodePoints) -> StepResult:
    return _apply_table(cps, _punctuation_table()), None, None


def _case(cps: CodePoints) -> StepResult:
    return _apply_table(cps, _case_table()), None, None


_STEP_FUNCTIONS: Final[dict[str, Step]] = {
    "width": _width,
    "whitespace": _whitespace,
    "annotation": _annotation,
    "script": _script,
    "punctuation": _punctuation,
    "case": _case,
}


def _run(cps: CodePoints, steps: Sequence[str]) -> tuple[CodePoints, IntArray, IntArray]:
    # 32-bit offsets halve the memory of the maps; texts past 2**31 characters need 64.
    first: IntArray = np.arange(len(cps), dtype=np.int32 if len(cps) < 2**31 - 1 else np.int64)
    last: IntArray = first
    for name in STEPS:
        if name not in steps:
            continue
        cps, src_s, src_e = _STEP_FUNCTIONS[name](cps)
        if src_s is not None and src_e is not None:
            first = first[src_s]
            last = last[src_e]
    return cps, first, last


def fold(text: str, *, profile: str | FoldProfile = "default", skip: Iterable[str] = ()) -> Folded:
    """Fold ``text`` for matching and keep the map back to it.

    >>> fold("完成(chéng)各項議程 ， 勝利閉幕").text
    '完成各项议程,胜利闭幕'
    """
    steps = resolve_profile(profile, skip=skip).steps
    cps = to_codepoints(text.replace(PARAGRAPH_SEPARATOR, " "))
    out, first, last = _run(cps, steps)
    return Folded(to_text(out), first, last + 1)


def fold_joined(
    text: str,
    bounds: Sequence[tuple[int, int]],
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
) -> tuple[Folded, IntArray]:
    """Fold each ``text[start:end]`` on its own, in one pass over the whole text: the folded
    pieces joined by U+2029, and where those separators stand in the folded text.

    ``bounds`` must be sorted and separated by at least one character; what lies between them
    is ignored. Each piece is what folding it alone gives, at the cost of one call.
    """
    steps = resolve_profile(profile, skip=skip).steps
    cps = to_codepoints(text.replace(PARAGRAPH_SEPARATOR, " "))
    starts = np.fromiter((s for s, _ in bounds), dtype=np.int64, count=len(bounds))
    ends = np.fromiter((e for _, e in bounds), dtype=np.int64, count=len(bounds))
    delta = np.zeros(len(cps) + 1, dtype=np.int64)
    np.add.at(delta, starts, -1)
    np.add.at(delta, ends, 1)
    gap = (np.cumsum(delta)[: len(cps)] + 1).astype(np.bool_)
    cps[gap] = 0x20
    cps[ends[:-1]] = _SEP
    out, first, last = _run(cps, steps)
    cuts = np.flatnonzero(out == _SEP)
    if len(cuts) != max(len(bounds) - 1, 0):
        raise AssertionError("fold_joined: separators were lost")  # pragma: no cover
    return Folded(to_text(out), first, last + 1), cuts


def fold_pieces(
    text: str,
    bounds: Sequence[tuple[int, int]],
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
) -> list[Folded]:
    """Fold each ``text[start:end]`` on its own (see :func:`fold_joined`), one result a piece."""
    if not bounds:
        return []
    joined, cuts = fold_joined(text, bounds, profile=profile, skip=skip)
    result: list[Folded] = []
    prev = 0
    for cut in [*cuts.tolist(), len(joined.text)]:
        result.append(Folded(joined.text[prev:cut], joined.starts[prev:cut], joined.ends[prev:cut]))
        prev = cut + 1
    return result


def warm_up() -> None:
    """Build the lookup tables now rather than on the first fold."""
    _nfkc_tables()
    _class_tables()
    _case_table()
    _punctuation_table()
    _variant_table()
    _opencc()
    _convertible()

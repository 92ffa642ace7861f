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

import itertools
import os
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

from . import executor
from .converters import converter
from .errors import UsageError
from .executor import ForkExecutor, shared_array
from .regional import (
    Glossary,
    default_glossary,
    glossary_replacements,
    load_glossary,
    regional_replacements,
)
from .vocabulary import FOLD_STEPS

IntArray = npt.NDArray[np.signedinteger[Any]]
CodePoints = npt.NDArray[np.uint32]

STEPS: Final = tuple(step.name for step in FOLD_STEPS)
"""Every fold step, in the order they run (declared in :mod:`diffkit.vocabulary`)."""

STEP_HELP: Final = {step.name: step.help for step in FOLD_STEPS}

PARAGRAPH_SEPARATOR: Final = "\u2029"
"""Separates independently folded pieces inside one folded text; no step crosses it."""
_SEP: Final = 0x2029


@dataclass(frozen=True, slots=True)
class FoldProfile:
    """A named set of fold steps."""

    name: str
    steps: tuple[str, ...]
    glossary: Glossary | None = None
    """Terms the regional step folds beside OpenCC's tables; None: the glossary diffkit ships."""

    def without(self, *skip: str) -> FoldProfile:
        """This profile less the steps named in ``skip`` (the regional step goes with script:
        it folds wording through Simplified script)."""
        for step in skip:
            _check_step(step)
        if not skip:
            return self
        dropped = set(skip) | ({"regional"} if "script" in skip else set())
        kept = tuple(s for s in self.steps if s not in dropped)
        return FoldProfile(f"{self.name}-{'-'.join(sorted(skip))}", kept, self.glossary)

    def with_glossary(self, glossary: Glossary) -> FoldProfile:
        """This profile with ``glossary``'s terms folded too, after the shipped glossary's."""
        return FoldProfile(self.name, self.steps, self.effective_glossary().merged(glossary))

    def effective_glossary(self) -> Glossary:
        return self.glossary if self.glossary is not None else default_glossary()


PROFILES: Final = {
    "default": FoldProfile("default", STEPS),
    "layout": FoldProfile("layout", ("width", "whitespace", "annotation", "punctuation")),
    "script": FoldProfile("script", tuple(s for s in STEPS if s != "regional")),
    "none": FoldProfile("none", ()),
}
"""``default`` folds everything; ``script`` all but regional wording; ``layout`` keeps the
script; ``none`` compares text as it is."""
DEFAULT_PROFILE: Final = PROFILES["default"]


def _check_step(step: str) -> None:
    if step not in STEPS:
        raise UsageError(f"unknown fold step {step!r}; the steps are: {', '.join(STEPS)}")


def resolve_profile(
    profile: str | FoldProfile = "default",
    *,
    skip: Iterable[str] = (),
    glossary: Glossary | str | os.PathLike[str] | None = None,
) -> FoldProfile:
    """A profile by name (or as given), less the steps in ``skip``, with ``glossary`` (a
    :class:`Glossary` or the path of a two-column TSV file) added to the shipped one."""
    if isinstance(skip, str):
        skip = [skip]
    if isinstance(profile, str):
        if profile not in PROFILES:
            raise UsageError(f"unknown fold profile {profile!r}; try one of: {', '.join(PROFILES)}")
        profile = PROFILES[profile]
    resolved = profile.without(*skip)
    if glossary is not None:
        if not isinstance(glossary, Glossary):
            glossary = load_glossary(glossary)
        resolved = resolved.with_glossary(glossary)
    return resolved


_TRADITIONAL_SHARE: Final = 100
"""A text holds Traditional script when at least one Han character in this many converts."""


def fitted(profile: FoldProfile, texts: Iterable[str]) -> FoldProfile:
    """``profile`` for folding ``texts`` together: without the regional step when none of them
    is in Traditional script. The step folds Taiwan and Hong Kong wording, which comes
    in Traditional script; on Simplified text alone it would cost more than the rest of the
    fold and change nothing that tells the texts apart (both sides fold alike)."""
    if "regional" not in profile.steps:
        return profile
    table = _convertible()
    for text in texts:
        cps = view_codepoints(text)
        converted = int(np.count_nonzero(_lookup(table, cps, astral=False)))
        # A stray Traditional character in Simplified text (著, 於) makes no Taiwan edition.
        if converted and converted * _TRADITIONAL_SHARE >= np.count_nonzero(
            (cps >= 0x3400) & (cps < 0xA000)
        ):
            return profile
    return FoldProfile(
        profile.name, tuple(s for s in profile.steps if s != "regional"), profile.glossary
    )


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
            keep = view_codepoints(text) != _SEP
            text, starts, ends = text.replace(PARAGRAPH_SEPARATOR, ""), starts[keep], ends[keep]
        return start, end, Folded(text, starts, ends)

    def folded_range(self, start: int, end: int) -> tuple[int, int]:
        """The folded indices ``[i, j)`` whose characters come from original ``[start, end)``."""
        return self._search(start), self._search(end)

    def _search(self, offset: int) -> int:
        # A Python int against 32-bit offsets makes numpy copy the whole map to 64 bits first,
        # on every call; as a 32-bit scalar it is a plain binary search.
        at: Any = offset
        if self.starts.dtype == np.int32 and -(2**31) <= offset < 2**31:
            at = np.int32(offset)
        return int(np.searchsorted(self.starts, at, side="left"))


# --- code point helpers -------------------------------------------------------------------


def _index_dtype(n: int) -> type[np.signedinteger[Any]]:
    """32-bit offsets halve the memory of the maps; texts past 2**31 characters need 64."""
    return np.int32 if n < 2**31 - 1 else np.int64


def to_codepoints(text: str) -> CodePoints:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()


def to_text(cps: CodePoints) -> str:
    return cps.astype(np.uint32, copy=False).tobytes().decode("utf-32-le", "surrogatepass")


def view_codepoints(text: str) -> CodePoints:
    """The code points of ``text`` without the copy :func:`to_codepoints` makes: read-only."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


# A step maps code points to code points. It returns the output and, for every output
# character, the first and last input index it derives from; ``None`` means "one to one".
StepResult = tuple[CodePoints, IntArray | None, IntArray | None]
Step = Callable[[CodePoints], StepResult]


def _splice(cps: CodePoints, edits: Sequence[tuple[int, int, str]]) -> StepResult:
    """Replace ``cps[s:e]`` by ``text`` for each sorted, non-overlapping edit: a replacement's
    characters map onto the whole run it replaced, every other character onto itself."""
    if not edits:
        return cps, None, None
    starts = np.fromiter((s for s, _, _ in edits), dtype=np.int64, count=len(edits))
    ends = np.fromiter((e for _, e, _ in edits), dtype=np.int64, count=len(edits))
    sizes = np.fromiter((len(t) for _, _, t in edits), dtype=np.int64, count=len(edits))
    # The output is kept runs and replacements in turn: kept before each edit, then the tail.
    kept = np.append(starts, len(cps)) - np.append(0, ends)
    lengths = np.empty(2 * len(edits) + 1, dtype=np.int64)
    lengths[0::2], lengths[1::2] = kept, sizes
    first = np.empty_like(lengths)
    first[0::2], first[1::2] = np.append(0, ends), starts
    step = np.zeros_like(lengths)
    step[0::2] = 1
    offsets = np.cumsum(lengths) - lengths
    index = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(offsets, lengths)
    src_s = np.repeat(first, lengths) + index * np.repeat(step, lengths)
    last = np.empty_like(lengths)
    last[0::2], last[1::2] = np.append(0, ends), ends - 1
    src_e = np.repeat(last, lengths) + index * np.repeat(step, lengths)
    copied = np.repeat(step.astype(np.bool_), lengths)
    out = np.empty(len(src_s), dtype=np.uint32)
    out[copied] = cps[src_s[copied]]
    out[~copied] = view_codepoints("".join(t for _, _, t in edits))
    return out, src_s, src_e


def _char_map(mapping: dict[str, str]) -> npt.NDArray[np.uint32]:
    table = np.arange(0x10000, dtype=np.uint32)
    for src, dst in mapping.items():
        table[ord(src)] = ord(dst)
    return table


def _all_bmp(cps: CodePoints) -> bool:
    return not len(cps) or int(cps.max()) < 0x10000


def _apply_table(cps: CodePoints, table: npt.NDArray[np.uint32]) -> CodePoints:
    """``table`` applied to the BMP characters; the others stay as they are."""
    if _all_bmp(cps):
        return table[cps]
    bmp = cps < 0x10000
    out = cps.copy()
    out[bmp] = table[cps[bmp]]
    return out


def _lookup(table: npt.NDArray[np.bool_], cps: CodePoints, astral: bool) -> npt.NDArray[np.bool_]:
    """A BMP property table read for every character; ``astral`` for the rest. Text is nearly
    always all BMP, and then this is one pass instead of masking in and out."""
    if _all_bmp(cps):
        return table[cps]
    out = table[np.minimum(cps, 0xFFFF)]
    out[cps > 0xFFFF] = astral
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


_HARD: Final = 0xFFFFFFFF
"""Not a code point: what :func:`_nfkc_marked` gives for characters of the slow path."""


@cache
def _nfkc_marked() -> npt.NDArray[np.uint32]:
    """The one-to-one NFKC table with the slow path's characters marked ``_HARD``: one look-up
    both maps a text and says whether it needs more."""
    table, complex_ = _nfkc_tables()
    marked = table.copy()
    marked[complex_] = _HARD
    return marked


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


def _opencc() -> OpenCC:
    return converter("hk2s")


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
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_GAP = r"[^\S\u2029]"
"""Whitespace inside a reading, less the separator between pieces: a reading cut by one
(its halves in two paragraphs) is no reading to either piece, as it is to each folded alone."""
_ANNOTATION = re.compile(
    # The paren comes first so the regex engine can skip ahead to it; the look-behind then
    # checks that a Han character stands right before it.
    rf"[(（](?<=[{_HAN}][(（]){_GAP}*(?=[^)）]*[{_TONED}1-5])"
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
    starts = parens[han].tolist()
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
    result: StepResult = (cps, None, None)
    if replacements:
        _, src_s, src_e = _splice(cps, replacements)
        result = (to_codepoints(after), src_s, src_e)
    terms = glossary_replacements(after, glossary)
    if not terms:
        return result
    out, g_s, g_e = _splice(result[0], terms)
    assert g_s is not None and g_e is not None
    if result[1] is None or result[2] is None:
        return out, g_s, g_e
    return out, result[1][g_s], result[2][g_e]


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


_STEP_FUNCTIONS: Final[dict[str, Step]] = {
    "width": _width,
    "whitespace": _whitespace,
    "annotation": _annotation,
    "script": _script,
    "regional": lambda cps: _regional(cps, default_glossary()),
}

_STEP_TABLES: Final[dict[str, Callable[[], npt.NDArray[np.uint32]]]] = {
    "script": _variant_table,
    "punctuation": _punctuation_table,
    "case": _case_table,
}
"""Steps that end in (or are) a one-to-one table: consecutive tables are applied as one."""


@cache
def _composed_table(names: tuple[str, ...]) -> npt.NDArray[np.uint32]:
    table = _STEP_TABLES[names[0]]()
    for name in names[1:]:
        table = _STEP_TABLES[name]()[table]  # every table maps the BMP into the BMP
    return table


def _run(
    cps: CodePoints, steps: Sequence[str], glossary: Glossary | None = None
) -> tuple[CodePoints, IntArray, IntArray]:
    """Run ``steps`` in order; the maps start as the identity, built only if no step moves a
    character (most steps keep the length, and the first that does not gives the map)."""
    first: IntArray | None = None
    last: IntArray | None = None
    tables: tuple[str, ...] = ()
    dtype = _index_dtype(len(cps))
    for name in STEPS:
        if name not in steps:
            continue
        if name in _STEP_FUNCTIONS:
            if tables:
                cps, tables = _apply_table(cps, _composed_table(tables)), ()
            if name == "regional":
                cps, src_s, src_e = _regional(cps, glossary or default_glossary())
            else:
                cps, src_s, src_e = _STEP_FUNCTIONS[name](cps)
            if src_s is not None and src_e is not None:
                first, last = _compose(first, last, src_s, src_e, dtype)
        if name in _STEP_TABLES:
            tables += (name,)
    if tables:
        cps = _apply_table(cps, _composed_table(tables))
    if first is None or last is None:
        first = last = np.arange(len(cps), dtype=dtype)
    return cps, first, last


def _compose(
    first: IntArray | None,
    last: IntArray | None,
    src_s: IntArray,
    src_e: IntArray,
    dtype: type[np.signedinteger[Any]],
) -> tuple[IntArray, IntArray]:
    if first is None or last is None:
        return src_s.astype(dtype, copy=False), src_e.astype(dtype, copy=False)
    new_first = first[src_s]
    return new_first, new_first if src_e is src_s and last is first else last[src_e]


def _past(first: IntArray, last: IntArray) -> IntArray:
    """``last + 1``, in place unless ``last`` is ``first`` (the maps are ours alone)."""
    if last is first:
        return last + 1
    last += 1
    return last


def _ranges(starts: IntArray, ends: IntArray) -> IntArray:
    """Every index of ``[starts[k], ends[k])`` for all k, in order (ranges sorted, disjoint)."""
    lengths = ends - starts
    offsets: IntArray = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    offsets += np.arange(len(offsets), dtype=offsets.dtype)
    return offsets


def fold(text: str, *, profile: str | FoldProfile = "default", skip: Iterable[str] = ()) -> Folded:
    """Fold ``text`` for matching and keep the map back to it.

    >>> fold("完成(chéng)各項議程 ， 勝利閉幕").text
    '完成各项议程,胜利闭幕'
    """
    resolved = resolve_profile(profile, skip=skip)
    cps = to_codepoints(text.replace(PARAGRAPH_SEPARATOR, " "))
    out, first, last = _run(cps, resolved.steps, resolved.glossary)
    return Folded(to_text(out), first, _past(first, last))


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
    starts = np.fromiter((s for s, _ in bounds), dtype=np.int64, count=len(bounds))
    ends = np.fromiter((e for _, e in bounds), dtype=np.int64, count=len(bounds))
    return fold_spans(to_codepoints(text), starts, ends, profile=profile, skip=skip)


def fold_spans(
    cps: CodePoints,
    starts: IntArray,
    ends: IntArray,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    processes: int = 1,
) -> tuple[Folded, IntArray]:
    """:func:`fold_joined` for a text already as code points and its pieces as arrays of starts
    and ends: a caller that has both saves converting them again. ``cps`` is overwritten (the
    fold starts from it in place, sparing a copy of the text), so pass code points that are
    no longer needed. With ``processes`` > 1, a large text is cut between pieces and its
    parts are folded side by side in forked processes (see :func:`_run_parts`)."""
    resolved = resolve_profile(profile, skip=skip)
    steps, glossary = resolved.steps, resolved.glossary
    cps[np.flatnonzero(cps == _SEP)] = 0x20
    cps[_ranges(np.append(0, ends), np.append(starts, len(cps)))] = 0x20
    cps[ends[:-1]] = _SEP
    # From the first piece's start to the last one's end only: the text's edges must be
    # edges to the fold, as they are to a piece folded alone (a wrap beside one is judged
    # by the other side), not the spaces that stand for what lies beyond the pieces.
    lo, hi = (int(starts[0]), int(ends[-1])) if len(starts) else (0, 0)
    inner = cps[lo:hi]
    count = executor.processes(processes) if len(inner) >= executor.PARALLEL_MIN_CHARS else 1
    if count > 1:
        out, first, last = _run_parts(inner, ends[:-1] - lo, steps, count, glossary)
    else:
        out, first, last = _run(inner, steps, glossary)
    if lo:
        same = last is first
        if hi > np.iinfo(first.dtype).max:  # the maps were sized for the slice
            first = first.astype(np.int64)
            last = first if same else last.astype(np.int64)
        first += lo
        if not same:
            last += lo
    cuts = np.flatnonzero(out == _SEP)
    if len(cuts) != max(len(starts) - 1, 0):
        raise AssertionError("fold_joined: separators were lost")  # pragma: no cover
    return Folded(to_text(out), first, _past(first, last)), cuts


_OWN_SHARE: Final = 1.1
"""The calling process's part of a parallel fold, against each worker's 1."""
_Parts = tuple[CodePoints, tuple[str, ...], Glossary | None, list[tuple[Any, Any, Any]]]
"""What the workers of ``_run_parts`` share: the prepared code points, the steps, the
glossary and, for each part, shared arrays to write its result into."""


def _run_parts(
    cps: CodePoints,
    separators: IntArray,
    steps: Sequence[str],
    processes: int,
    glossary: Glossary | None = None,
) -> tuple[CodePoints, IntArray, IntArray]:
    """``_run`` of a text whose pieces are separated at ``separators``, in ``processes``
    parts that each begin at a separator: every step treats a separator as the end of a
    text, so the parts fold as they do inside the whole (tests compare the two). The first
    part folds here while forked workers fold the others into shared memory. OpenCC must
    convert on the calling thread for that (``executor.opencc_fork_safe``), or the whole
    folds here."""
    processes = min(processes, len(cps) // (executor.PARALLEL_MIN_CHARS // 2))
    # This process's part a little longer: a worker's part costs it a copy and the first
    # touch of the shared pages it writes (about a tenth more time).
    whole = processes - 1 + _OWN_SHARE
    targets = [int(len(cps) * (_OWN_SHARE + i - 1) / whole) for i in range(1, processes)]
    near = np.searchsorted(separators, targets)
    cuts = separators[np.minimum(near, len(separators) - 1)] if len(separators) else near[:0]
    bounds = [0, *sorted({c for c in cuts.tolist() if 0 < c < len(cps)}), len(cps)]
    if len(bounds) < 3 or not executor.opencc_fork_safe():
        return _run(cps, steps, glossary)
    pieces = list(itertools.pairwise(bounds))
    dtype = _index_dtype(len(cps))
    room = [hi - lo + (hi - lo) // 4 + 64 for lo, hi in pieces[1:]]
    outputs = [
        (shared_array((n,), np.uint32), shared_array((n,), dtype), shared_array((n,), dtype))
        for n in room
    ]
    shared: _Parts = (cps, tuple(steps), glossary, outputs)
    jobs = list(enumerate(pieces[1:]))
    with ForkExecutor(len(pieces) - 1).map(_run_part, jobs, shared) as rest:
        parts = [_run(cps[: bounds[1]], steps, glossary)]
        # One map for both ends, as ``_run`` gives when no step merges characters.
        same = parts[0][1] is parts[0][2]
        for k, result in enumerate(rest):
            if isinstance(result, tuple) and len(result) == 2:
                n, alike = result
                out_k, first_k, last_k = outputs[k]
                parts.append((out_k[:n], first_k[:n], first_k[:n] if alike else last_k[:n]))
                same = same and alike
            else:
                parts.append(result)
                same = same and result[1] is result[2]
    size = sum(len(p[0]) for p in parts)
    out = np.empty(size, dtype=np.uint32)
    first = np.empty(size, dtype=dtype)
    last = first if same else np.empty(size, dtype=dtype)
    at = 0
    for (part_out, part_first, part_last), (lo, _) in zip(parts, pieces, strict=True):
        span = slice(at, at + len(part_out))
        out[span], first[span] = part_out, part_first
        first[span] += lo
        if not same:
            last[span] = part_last
            last[span] += lo
        at += len(part_out)
    return out, first, last


def _run_part(
    shared: _Parts, job: tuple[int, tuple[int, int]]
) -> tuple[int, bool] | tuple[CodePoints, IntArray, IntArray]:
    """Fold one part; write it into its shared arrays and return its length and whether its
    two maps are one, or return it whole when it came out longer than the room it was
    given."""
    cps, steps, glossary, outputs = shared
    k, (lo, hi) = job
    out, first, last = _run(cps[lo:hi].copy(), steps, glossary)
    out_k, first_k, last_k = outputs[k]
    if len(out) > len(out_k):
        return out, first, last
    out_k[: len(out)], first_k[: len(out)] = out, first
    if last is not first:
        last_k[: len(out)] = last
    return len(out), last is first


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
    _nfkc_marked()
    _class_tables()
    _case_table()
    _punctuation_table()
    _variant_table()
    _opencc()
    _convertible()

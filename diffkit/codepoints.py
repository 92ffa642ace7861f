"""Text as arrays of code points, and the tables the fold steps read: built once, on first use.

A fold step works on a numpy array of code points and says where each output character came
from (``StepResult``); the helpers here convert, splice and look up such arrays, so the steps
(``fold_steps``) and the chain (``folding``) share them.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from opencc_pyo3 import OpenCC

from .converters import converter

IntArray = npt.NDArray[np.signedinteger[Any]]
CodePoints = npt.NDArray[np.uint32]

PARAGRAPH_SEPARATOR: Final = "\u2029"
"""Separates independently folded pieces inside one folded text; no step crosses it."""
_SEP: Final = 0x2029

HAN_RANGES: Final = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
"""The Han characters of the BMP, first and last of each block: CJK Unified Ideographs, their
Extension A and the Compatibility Ideographs (Han past the BMP, Extension B on, is not listed:
the tables cover the BMP only)."""
HAN_CLASS: Final = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in HAN_RANGES)
""":data:`HAN_RANGES` as the inside of a regular expression's character class: ``[{HAN_CLASS}]``
matches one Han character."""

SENTENCE_END: Final = re.compile(
    r"(?:[。！？!?]+|…+|(?<![\d.])\.(?=\s|$|[”’\"')])|(?<=\d)\.(?=[”’\"')]*[ \t]*(?:\n|$)))"
    r"[”’」』）)\]\"'》]*"
)
"""Sentence ends; a full stop after a digit (``3.5``, ``2.``) ends one only where its line ends.
Segmentation cuts sentences there, and folding knows where a sentence folded alone starts."""


# --- code point helpers -------------------------------------------------------------------


def _index_dtype(n: int) -> type[np.signedinteger[Any]]:
    """32-bit offsets halve the memory of the maps; texts past 2**31 characters need 64."""
    return np.int32 if n < 2**31 - 1 else np.int64


def to_codepoints(text: str) -> CodePoints:
    """The code points of ``text``, a writable array of its own."""
    if not text:
        return np.zeros(0, dtype=np.uint32)
    # numpy stores a str as its code points, lone surrogates too: one copy of the text, where
    # encoding it to UTF-32 and copying the read-only bytes made two.
    cps: CodePoints = np.array(text, dtype=f"U{len(text)}").reshape(1).view(np.uint32)
    return cps


def to_text(cps: CodePoints) -> str:
    # Decoded from the array's own memory: ``tobytes`` would copy a large text once more.
    whole = np.ascontiguousarray(cps, dtype=np.uint32)
    return codecs.utf_32_le_decode(whole.data, "surrogatepass", True)[0]


def view_codepoints(text: str) -> CodePoints:
    """The code points of ``text`` without the copy :func:`to_codepoints` makes: read-only."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


# A step maps code points to code points. It returns the output and, for every output
# character, the first and last input index it derives from; ``None`` means "one to one".
StepResult = tuple[CodePoints, IntArray | None, IntArray | None]
Step = Callable[[CodePoints], StepResult]


Piece = tuple[int, int, int]
"""``(length, first, last)``: that many characters of a replacement's text, each mapping onto
the original run ``[first, last]``."""


def _splice(
    cps: CodePoints,
    edits: Sequence[tuple[int, int, str]],
    pieces: Sequence[Piece] | None = None,
) -> StepResult:
    """Replace ``cps[s:e]`` by ``text`` for each sorted, non-overlapping edit: a replacement's
    characters map onto the whole run it replaced (or as ``pieces`` say, for the replacements'
    characters in order), every other character onto itself."""
    if not edits:
        return cps, None, None
    starts = np.fromiter((s for s, _, _ in edits), dtype=np.int64, count=len(edits))
    ends = np.fromiter((e for _, e, _ in edits), dtype=np.int64, count=len(edits))
    sizes = np.fromiter((len(t) for _, _, t in edits), dtype=np.int64, count=len(edits))
    # A kept character's source is its output index less what the edits before it added: one
    # running sum over the output, the replacements' few characters written over it after.
    # The sum runs in place in the maps' own width: the text is long and the edits are few.
    grown = np.cumsum(sizes - (ends - starts))
    n_out = len(cps) + int(grown[-1])
    dtype = _index_dtype(max(n_out, len(cps)) + 1)
    src_s = np.ones(n_out, dtype=dtype)
    if n_out:
        src_s[0] = 0
    resume = ends + grown
    inside = resume < n_out
    np.subtract.at(src_s, resume[inside], np.diff(grown, prepend=0)[inside].astype(dtype))
    np.cumsum(src_s, dtype=dtype, out=src_s)
    inside_run = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(sizes) - sizes, sizes
    )
    replaced = np.repeat(resume - sizes, sizes) + inside_run
    if pieces is None:
        firsts, lasts = np.repeat(starts, sizes), np.repeat(ends - 1, sizes)
    else:
        n = np.fromiter((k for k, _, _ in pieces), dtype=np.int64, count=len(pieces))
        firsts = np.repeat(np.fromiter((f for _, f, _ in pieces), np.int64, len(pieces)), n)
        lasts = np.repeat(np.fromiter((t for _, _, t in pieces), np.int64, len(pieces)), n)
    if len(cps):
        # Fancy indexing, not ``take``: numpy's take first casts a whole index array that is
        # not of its native width. The replacements' places are read in range, then written.
        src_s[replaced] = np.minimum(firsts, len(cps) - 1)
        out = cps[src_s]
    else:
        out = np.empty(n_out, dtype=np.uint32)
    out[replaced] = view_codepoints("".join(t for _, _, t in edits))
    src_s[replaced] = firsts
    src_e = src_s.copy()
    src_e[replaced] = lasts
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
        *HAN_RANGES,
        (0xA960, 0xA97F),
        (0xAC00, 0xD7AF),
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


def _ranges(starts: IntArray, ends: IntArray) -> IntArray:
    """Every index of ``[starts[k], ends[k])`` for all k, in order (ranges sorted, disjoint)."""
    lengths = ends - starts
    offsets: IntArray = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    offsets += np.arange(len(offsets), dtype=offsets.dtype)
    return offsets

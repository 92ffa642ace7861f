"""What the re-joiner reads from single characters: the marks that end or continue a sentence,
the patterns of lines that stand alone, and a class byte per character (width, Han, mark,
blank) that one table look-up gives.
"""

from __future__ import annotations

import re
import string
import unicodedata
from functools import cache
from typing import Final

import numpy as np
import numpy.typing as npt

from ..codepoints import HAN_RANGES, SENTENCE_END

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
_FIELD: Final = re.compile(
    r"^[^，。,.；;！？!?：:\"]{1,10}[：:](?!=)\s*[^，。,；;！？!?：:]{1,24}$"
)
"""A label and a short value (`联系人：王明`, `Tel: 555`): a form field, never wrapped text.
A colon inside a quoted string (`msgstr "致命：坏的 tty"`) ends no label, nor does one that
defines (`参数 := <文件名>`: a usage's grammar, a line of its message)."""
_BRACKETED: Final = re.compile(r"^[(（【\[].*[)）】\]]$")
_HEADING_START: Final = re.compile(
    r"^(?:[一二三四五六七八九十百]+\s*[、.．，]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|第[一二三四五六七八九十百\d]+[章节条部分篇]"
    r"|\d+[、.．](?!\d))"
)
_LIST_MARK: Final = re.compile(r"(?:[*+•·‣‐-]|(?:\d{1,3}|[A-Za-z])(?:\.\d{1,3})*[.)])[ \t]+")
_RIGID: Final = re.compile(
    r"[+|][-=+:|]*[+|]$|[-=+:| ]*[-=]{3,}[-=+:| ]*$|\|.*\|$"  # table borders and rows
    r"|(?:\$|#|%|>>>) \S|\.[A-Za-z]{1,2}(?:\s|$)|'\\\"|\\\""  # prompts, roff
    r"|<[!?/]?[A-Za-z][^>]*>(?:.*>)?$"  # markup, a tag alone too (`</credit>`)
)
_RIGID_FIRST: Final = "+|-=$#%>.'\\<"
_LIST_FIRST: Final = "*+•·‣‐-0123456789" + string.ascii_letters
_NOTE_AFTER_END: Final = re.compile(
    r"[。！？!?.][”’」』\"')]*\s*(?:\^?\[\d{1,3}\]|[(（](?:[^()（）]|[(（][^()（）]*[)）])*[)）])\s*$"
)
"""A footnote mark or a note in brackets after a sentence's end (`…。^[5]`, `…。（译注：…）`)."""
_MARKUP_AFTER_END: Final = re.compile(
    r"[。！？!?][”’」』\"')]*(?:\s*(?:<([A-Za-z][\w-]*)\b[^<>]*>[^<>。！？!?]{0,24}</\1>"
    r"|</?[A-Za-z][^<>]*>|\{[^{}]*\}|\}))++\s*$"
)
"""Markup after a sentence's end: closing tags, a link's short label, a placeholder or the
brace that closes a message's variants (`…吗？</a>`, `…。<a>详细了解</a>`, `…。{ learn-more }`,
`…。 }`): what follows the sentence is no text of its own. The repetition is possessive: an
empty element (`<td></td>`) matches as one element or as two tags, and a line that fails
after k of them would otherwise be tried in 2^k ways."""
_SALUTATION: Final = re.compile(r"^[^，,。]{1,24}[：:]$")
_LATIN_ONLY: Final = re.compile(r"^[A-Za-z][A-Za-z .,'&-]*$")
_CLAUSE_MARK: Final = re.compile(r"[，,、；;。！？!?：:]")
_SENTENCE_INSIDE: Final = re.compile(r"[。！？!?]")
_SENTENCE: Final = SENTENCE_END


_CELLS: Final = 0b111
"""Bits of a character's class byte holding its width in terminal cells (0, 1, 2 or 4)."""
_HAN_BIT: Final = 1 << 3
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
    for lo, hi in HAN_RANGES:
        table[lo : hi + 1] |= _HAN_BIT
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
        classes[cps > 0xFFFF] = 2 | _HAN_BIT  # astral: wide, and Han for the scripts that matter
    return classes


def _table(chars: str) -> npt.NDArray[np.bool_]:
    table = np.zeros(0x10000, dtype=np.bool_)
    table[[ord(c) for c in chars]] = True
    return table


@cache
def _feature_tables() -> dict[str, npt.NDArray[np.bool_]]:
    return {
        "closer": _table(_CLOSERS),
        "opener": _table("“‘「『（([\"'《"),
        "ends": _table("".join(_ENDS)),
        "continues": _table("".join(_CONTINUES)),
        "heading_first": _table("".join(_HEADING_FIRST)),
        "clause": _table("，,、；;。！？!?：:"),
        "clause_no_colon": _table("，,、；;。！？!?"),
        "list_first": _table(_LIST_FIRST),
        "list_second": _table(" \t.)0123456789"),
        "format": _table(string.ascii_letters + string.digits + "$.*-+#'"),
        "option": _table(string.ascii_letters + string.digits),
        "note_close": _table("])）"),
        "markup_close": _table(">}"),
        "rigid_first": _table(_RIGID_FIRST),
        "code_last": _table("{\\"),
        "code_first": _table("{}"),
        "sentence": _table("。！？!?"),
        "colon": _table("：:"),
        "digit": _table("0123456789０１２３４５６７８９"),
        "dot": _table("."),
    }

"""Edits made readable once walked: close content edits merged, Latin edits widened to whole
words, a mark and the space it carries one edit.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final

from ..model import Category
from .raw import RawEdit

_LATIN_WORD: Final = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")
_WORD_CHARS: Final = frozenset(chr(c) for c in range(0x250) if _LATIN_WORD.match(chr(c)))


def _widen_to_words(
    a: str, b: str, a0: int, a1: int, b0: int, b1: int
) -> tuple[int, int, int, int]:
    """Latin edits cover whole words: a changed letter inside a word shows the word. Only text
    equal on both sides is taken in, so the edit still turns A into B."""

    def word(text: str, i: int) -> bool:
        return 0 <= i < len(text) and _LATIN_WORD.match(text[i]) is not None

    while (
        a0 > 0
        and b0 > 0
        and a[a0 - 1] == b[b0 - 1]
        and word(a, a0 - 1)
        and (word(a, a0) or word(b, b0))
    ):
        a0, b0 = a0 - 1, b0 - 1
    while (
        a1 < len(a)
        and b1 < len(b)
        and a[a1] == b[b1]
        and word(a, a1)
        and (word(a, a1 - 1) or word(b, b1 - 1))
    ):
        a1, b1 = a1 + 1, b1 + 1
    return a0, a1, b0, b1


def _merge_close_content(raw: list[RawEdit]) -> list[RawEdit]:
    """Content edits one character apart read as one change (致富 -> 富裕, not -致 =富 +裕),
    also when that character differs in script alone (在线 -> 線上)."""
    out: list[RawEdit] = []
    for e in raw:
        if out and e.category == "content":
            last = out[-1]
            if last.category == "content" and e.a0 - last.a1 <= 1 and e.b0 - last.b1 <= 1:
                out[-1] = RawEdit(last.a0, e.a1, last.b0, e.b1, "content", False)
                continue
            if (
                len(out) > 1
                and last.category == "script"
                and last.a1 - last.a0 == 1
                and last.b1 - last.b0 == 1
                and out[-2].category == "content"
                and out[-2].a1 == last.a0
                and out[-2].b1 == last.b0
                and e.a0 == last.a1
                and e.b0 == last.b1
            ):
                first = out[-2]
                out[-2:] = [RawEdit(first.a0, e.a1, first.b0, e.b1, "content", False)]
                continue
        out.append(e)
    return out


def _finish(raw: list[RawEdit], a: str, b: str) -> list[RawEdit]:
    """Close-content merging, then Latin edits widened to words, overlaps merged."""
    widened: list[RawEdit] = []
    size_a = len(a)
    for e in _merge_close_content(raw):
        a0, a1, b0, b1, category, _ = e
        if (category == "content" or category == "regional") and (
            (a0 and a[a0 - 1] in _WORD_CHARS) or (a1 < size_a and a[a1] in _WORD_CHARS)
        ):
            a0, a1, b0, b1 = _widen_to_words(a, b, a0, a1, b0, b1)
            e = RawEdit(a0, a1, b0, b1, category, False)
        if widened and (a0 < widened[-1][1] or b0 < widened[-1][3]):
            # Widening can make neighbours overlap: they become one edit over both.
            last = widened.pop()
            e = RawEdit(last.a0, max(last.a1, a1), last.b0, max(last.b1, b1), "content", False)
        widened.append(e)
    return _marks_with_their_spaces(widened, a, b)


def _trimmed(a: str, b: str, a0: int, a1: int, b0: int, b1: int) -> tuple[int, int, int, int]:
    """``a[a0:a1]`` and ``b[b0:b1]`` without what they share at their start and end, so an
    edit shows only what differs."""
    while a0 < a1 and b0 < b1 and a[a0] == b[b0]:
        a0, b0 = a0 + 1, b0 + 1
    while a1 > a0 and b1 > b0 and a[a1 - 1] == b[b1 - 1]:
        a1, b1 = a1 - 1, b1 - 1
    return a0, a1, b0, b1


_MARK_OR_SPACE: Final = frozenset(("punctuation", "whitespace"))


def _breaks_line(e: RawEdit, a: str, b: str) -> bool:
    return any(c in "\n\r" for c in a[e.a0 : e.a1] + b[e.b0 : e.b1])


def _marks_with_their_spaces(raw: list[RawEdit], a: str, b: str) -> list[RawEdit]:
    """A punctuation edit and a whitespace edit beside it as one punctuation edit, what the
    two sides share trimmed: the space a Latin mark carries is part of its form (``, `` is
    ``，``), and an alignment that pairs a mark with the space beside it reads as a shifted
    mark (``Hello, world`` / ``Hello world`` is a comma dropped, not ``,`` made a space).
    Line breaks stay edits of their own: re-wrapping is a reason apart."""
    marks = _MARK_OR_SPACE
    if not any(
        x[4] in marks and y[4] in marks and x[1] == y[0] and x[3] == y[2] for x, y in pairwise(raw)
    ):
        return raw  # no mark or space beside another: nothing to join
    out: list[RawEdit] = []
    for e in raw:
        last = out[-1] if out else None
        if (
            last is None
            or last.a1 != e.a0
            or last.b1 != e.b0
            or not {last.category, e.category} <= _MARK_OR_SPACE
            or last.category == e.category == "whitespace"
            or any(x.category == "whitespace" and _breaks_line(x, a, b) for x in (last, e))
        ):
            out.append(e)
            continue
        a0, a1, b0, b1 = _trimmed(a, b, last.a0, e.a1, last.b0, e.b1)
        out.pop()
        if a0 == a1 and b0 == b1:
            continue
        spaces = not (a[a0:a1] + b[b0:b1]).strip()
        category: Category = "whitespace" if spaces else "punctuation"
        out.append(RawEdit(a0, a1, b0, b1, category, last.ambiguous or e.ambiguous))
    return out

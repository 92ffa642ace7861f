"""Context a phrase table adds again: the regional fold's guard against doubled characters.

OpenCC's tables hold some phrases whose two sides differ by a character that context supplies:
``s2twp`` makes the mainland 可执行文件 the Taiwan 執行檔, and ``tw2sp`` makes 執行檔 可执行文件
again. A Taiwan text that writes the whole word, 可執行檔, then goes to Taiwan wording unchanged
and comes back as 可可执行文件, while the mainland text it translates comes back as 可执行文件:
every such word would be a difference of content. Where a changed phrase's new text begins
(ends) with the unchanged characters before (after) it, the phrase does not, the Taiwan table
keeps those characters apart from the phrase, and ``tw2sp`` lengthened the phrase by at least
as many, the table added them: they are dropped from the new text. A character the table
substitutes (設定 -> 设置 before 置換) is no echo, however it matches its neighbour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from .codepoints import PARAGRAPH_SEPARATOR
from .converters import converter

Replacement = tuple[int, int, str]
"""``(start, end, text)``: ``before[start:end]`` becomes ``text``."""

_REACH: Final = 3
"""How far an insertion may stand from the phrase whose table added it."""


def without_echoes(
    before: str, replacements: list[Replacement], convert: Callable[[str], str]
) -> list[Replacement]:
    """``replacements`` (sorted, on ``before``) without the characters a table added again
    beside a phrase; ``convert`` is the round trip that made them (a window's own text)."""
    out: list[Replacement] = []
    n = 0
    while n < len(replacements):
        merged = _with_insertion(before, replacements, n, convert)
        if merged is not None:  # an insertion and the phrase after it, as one
            out.append(merged)
            n += 2
            continue
        a0, a1, text = replacements[n]
        if a0 < a1:
            lo = out[-1][1] if out else 0
            text = _trimmed(before, a0, a1, text, lo, _next_start(before, replacements, n))
        out.append((a0, a1, text))
        n += 1
    return out


def _with_insertion(
    before: str, replacements: list[Replacement], n: int, convert: Callable[[str], str]
) -> Replacement | None:
    """Replacement ``n``, an insertion that repeats the text beside it, joined to the next
    phrase as one replacement with the echo dropped, when the window between them converts
    to both and the echo is one (see :func:`_trimmed`); None otherwise."""
    a0, a1, text = replacements[n]
    if a0 != a1 or not text or n + 1 == len(replacements):
        return None
    nxt = replacements[n + 1]
    at, shown = a0, text
    while at < nxt[0] and before[at] == shown[0]:  # the same insertion, placed after its twin
        shown, at = shown[1:] + shown[0], at + 1
    if nxt[0] - at > _REACH or nxt[0] == nxt[1]:
        return None
    whole = shown + before[at : nxt[0]] + nxt[2]
    if convert(before[at : nxt[1]]) != whole:
        return None
    lo = replacements[n - 1][1] if n else 0
    trimmed = _trimmed(before, at, nxt[1], whole, lo, _next_start(before, replacements, n + 1))
    return (at, nxt[1], trimmed) if trimmed != whole else None


def _next_start(before: str, replacements: list[Replacement], n: int) -> int:
    return replacements[n + 1][0] if n + 1 < len(replacements) else len(before)


def _trimmed(before: str, a0: int, a1: int, text: str, lo: int, hi: int) -> str:
    """``text``, the new text of ``before[a0:a1]``, without the unchanged characters of
    ``before[lo:a0]`` or ``before[a1:hi]`` next to it that the table added again."""
    after_twin = bool(text) and a0 > lo and text[0] == before[a0 - 1]
    if not after_twin and not (text and a1 < hi and text[-1] == before[a1]):
        return text  # most phrases: nothing beside them that their text repeats
    phrase = before[a0:a1]
    taiwan = _taiwan(phrase)
    for k in range(min(len(text) - 1, a0 - lo, len(text) - len(taiwan)), 0, -1):
        beside = before[a0 - k : a0]
        echo = text.startswith(beside) and not phrase.startswith(beside)
        if echo and _apart(beside + phrase, _taiwan(beside) + taiwan):
            text = text[k:]
            break
    for k in range(min(len(text) - 1, hi - a1, len(text) - len(taiwan)), 0, -1):
        beside = before[a1 : a1 + k]
        echo = text.endswith(beside) and not phrase.endswith(beside)
        if echo and _apart(phrase + beside, taiwan + _taiwan(beside)):
            text = text[:-k]
            break
    return text


def _apart(window: str, parts: str) -> bool:
    """Whether the Taiwan table reads ``window`` as the pieces ``parts`` joins: the repeated
    characters stay outside the phrase there."""
    return PARAGRAPH_SEPARATOR not in window and _taiwan(window) == parts


def _taiwan(text: str) -> str:
    return converter("s2twp").convert(text)

"""Regional words that a content edit cuts: the diff trims what the two sides share, so
支持 -> 支援 arrives as 持 -> 援; a window of a few characters around the edit tells.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from .conversions import _HAN, _maps_onto
from .raw import RawEdit

_CONTEXT: Final = 2
"""How many characters either side of a content edit may complete a regional phrase that the
edit cuts: the diff trims what the two sides share, so 支持 -> 支援 arrives as 持 -> 援 and
鼠标点击了软件的菜单 -> 滑鼠點選了軟體的選單 as one edit that leaves out the last 单/單."""


_REGIONAL_SIGNS: Final = frozenset(("script", "regional"))


def _may_cut_regional_words(raw: list[RawEdit]) -> bool:
    """Whether a pair's content edits are worth checking in context. Regional wording differs
    between copies of two regions, which nearly always differ in script too; a pair with
    neither script nor regional edits (two Simplified copies, edited) is checked only when it
    has few content edits (支持 -> 支援 alone), its whole regional words having been found
    already."""
    content = 0
    for e in raw:
        if e.category in _REGIONAL_SIGNS:
            return True
        content += e.category == "content"
    return content <= _FEW_CONTENT_EDITS


_FEW_CONTENT_EDITS: Final = 3
_WINDOW_MAX: Final = 12
"""The longest side of a content edit checked in its context: regional words are short, as
in ``_may_be_regional``."""


def _contexts(
    raw: list[RawEdit], a: str, b: str
) -> Iterable[tuple[int, tuple[int, int, int, int]]]:
    """The content edits of a pair that might cut a regional phrase (支持 -> 支援 as 持 -> 援,
    预算法 -> 預演算法 as an inserted 演), each with its window: the edit and up to
    ``_CONTEXT`` Han characters either side that stand one for one on both sides."""
    for k, e in enumerate(raw):
        a0, a1, b0, b1, category = e.a0, e.a1, e.b0, e.b1, e.category
        if category != "content" or a1 - a0 > _WINDOW_MAX or b1 - b0 > _WINDOW_MAX:
            continue
        if not (_HAN.search(a, a0, a1) or _HAN.search(b, b0, b1)):
            continue
        # Most edits have two characters of shared text either side: counted here, without
        # the general walk over neighbouring edits.
        before = raw[k - 1] if k else None
        if (
            a0 >= 2
            and b0 >= 2
            and (before is None or (before.a1 <= a0 - 2 and before.b1 <= b0 - 2))
        ):
            left = 2 if _is_han(a[a0 - 1]) and _is_han(a[a0 - 2]) else int(_is_han(a[a0 - 1]))
        else:
            left = _reach(raw, k, a, b, -1)
        after = raw[k + 1] if k + 1 < len(raw) else None
        if (
            a1 + 2 <= len(a)
            and b1 + 2 <= len(b)
            and (after is None or (after.a0 >= a1 + 2 and after.b0 >= b1 + 2))
        ):
            right = 2 if _is_han(a[a1]) and _is_han(a[a1 + 1]) else int(_is_han(a[a1]))
        else:
            right = _reach(raw, k, a, b, 1)
        if a1 - a0 + left + right and b1 - b0 + left + right:
            yield k, (a0 - left, a1 + right, b0 - left, b1 + right)


def _reach(raw: list[RawEdit], k: int, a: str, b: str, step: int) -> int:
    """How many Han characters (at most ``_CONTEXT``) beside edit ``k``, before it (``step``
    -1) or after it (1), stand one for one on both sides: text the two share, or the inside
    of an edit as long on both sides that changes no word (script, width). Another change,
    or an edit that adds or drops characters, ends the reach."""
    e = raw[k]
    pa, pb = (e.a0, e.b0) if step < 0 else (e.a1, e.b1)
    j = k + step
    n = 0
    while n < _CONTEXT:
        ia, ib = (pa - 1, pb - 1) if step < 0 else (pa, pb)
        if not (0 <= ia < len(a) and 0 <= ib < len(b)):
            break
        if 0 <= j < len(raw):
            x0, x1, y0, y1 = raw[j].a0, raw[j].a1, raw[j].b0, raw[j].b1
            inside = (x1 > ia or y1 > ib) if step < 0 else (x0 <= ia or y0 <= ib)
            if inside and (_is_change(raw[j]) or x1 - x0 != y1 - y0 or ia - x0 != ib - y0):
                break
        if not (_is_han(a[ia]) and _is_han(b[ib])):
            break
        pa, pb, n = pa + step, pb + step, n + 1
        if 0 <= j < len(raw) and (pa <= raw[j].a0 if step < 0 else pa >= raw[j].a1):
            j += step
    return n


def _is_han(c: str) -> bool:
    """What ``_HAN`` matches, for one character, without a regular expression call."""
    # codepoints.HAN_RANGES spelt out: this runs per character of every change.
    return "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def _is_change(e: RawEdit) -> bool:
    return e.category in ("content", "regional")


def _regional_in_context(
    raw: list[RawEdit], a: str, b: str, windows: list[tuple[int, tuple[int, int, int, int]]]
) -> list[RawEdit]:
    """``raw`` with each content edit of ``windows`` (whose window the regional tables map one
    side onto the other) widened to the smallest such window, as a regional edit, never into
    the window taken before it; the script edits it takes in are cut back to what lies
    outside it (they are as long on both sides, see ``_reach``)."""
    wide: dict[int, tuple[int, int, int, int]] = {}
    floor_a = floor_b = 0
    for k, (wa0, wa1, _, _) in windows:
        e = raw[k]
        left_max = min(e.a0 - wa0, e.a0 - floor_a, e.b0 - floor_b)
        right_max = wa1 - e.a1
        # The edit itself first: one merged after the walk was never checked alone.
        for size in range(left_max + right_max + 1):
            hit = next(
                (
                    (e.a0 - lo, e.a1 + (size - lo), e.b0 - lo, e.b1 + (size - lo))
                    for lo in range(max(0, size - right_max), min(size, left_max) + 1)
                    if _maps_onto(a[e.a0 - lo : e.a1 + size - lo], b[e.b0 - lo : e.b1 + size - lo])
                ),
                None,
            )
            if hit is not None:
                wide[k] = hit
                floor_a, floor_b = hit[1], hit[3]
                break
    if not wide:
        return raw
    out: list[RawEdit] = []
    for k, e in enumerate(raw):
        if k in wide:
            a0, a1, b0, b1 = wide[k]
            while out and out[-1].a1 > a0:
                last = out.pop()
                if last.a0 < a0:
                    out.append(last._replace(a1=a0, b1=last.b1 - (last.a1 - a0)))
                    break
            out.append(RawEdit(a0, a1, b0, b1, "regional", False))
            continue
        if out and out[-1].category == "regional" and e.a0 < out[-1].a1:
            if e.a1 <= out[-1].a1:
                continue
            cut = out[-1].a1 - e.a0
            e = e._replace(a0=e.a0 + cut, b0=e.b0 + cut)
        out.append(e)
    return out

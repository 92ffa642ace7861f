"""The raw edits of one pair: diff-match-patch aligns the folded keys, and the walk turns its
operations into edits of the original texts, each with its category.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import fast_diff_match_patch as fdmp

from .. import pieces
from ..folding import Folded
from ..model import Category
from .classification import _marks_only, classify
from .raw import RawEdit
from .runs import _COPY, _SWAP, _Runs
from .tidy import _trimmed

_DIFF_BOUNDARIES: Final = str.maketrans("。！？；：，、", ".!?;:,,")


def _with_boundaries(text: str) -> str:
    """``text`` with full-width sentence marks as ASCII ones, where diff-match-patch's
    semantic clean-up looks for boundaries. Folded keys keep only 。 and 、 of them, which
    two replaces handle faster than a translation table."""
    if any(c in text for c in "！？；：，"):
        return text.translate(_DIFF_BOUNDARIES)
    return text.replace("。", ".").replace("、", ",")


def _aligned(fa: Folded, fb: Folded) -> list[tuple[str, int]]:
    """diff-match-patch's operations on the two keys, as ``(op, length)``."""
    if fa.text == fb.text and fa.text:
        return [("=", len(fa.text))]
    a, b = _with_boundaries(fa.text), _with_boundaries(fb.text)
    if len(a) + len(b) > pieces.LONG:
        return pieces.in_pieces(a, b, _dmp_ops)
    return _dmp_ops(a, b)


def _dmp_ops(a: str, b: str) -> list[tuple[str, int]]:
    ops: list[tuple[str, int]] = fdmp.diff(
        a, b, timelimit=0, checklines=False, counts_only=True, cleanup="Semantic"
    )
    return ops


# One loop with its emitter inside: the walk runs per edit of every pair, and calls cost.
def _walk(
    a: str,
    b: str,
    ops: list[tuple[str, int]],
    runs: _Runs,
    regional: Callable[[str, str], bool],
    judge: Callable[[str, str], tuple[Category, bool]] = classify,
) -> list[RawEdit]:
    """The raw edits of one pair, from its operations and its runs (see _plain_runs), before
    the counterpart check (``counterparts.held_many``) and the tidying (``tidy._finish``);
    ``regional`` tells a regional edit from a content one where the keys differ, ``judge``
    (:func:`classify`) names the difference where they agree."""
    raw: list[RawEdit] = []
    pa = pb = 0

    def emit(a0: int, a1: int, b0: int, b1: int, content: bool) -> None:
        at, bt = a[a0:a1], b[b0:b1]
        if at == bt:
            return
        whole = (a0, a1, b0, b1)
        if at and bt and (at[0] == bt[0] or at[-1] == bt[-1]):
            a0, a1, b0, b1 = _trimmed(a, b, a0, a1, b0, b1)
            at, bt = a[a0:a1], b[b0:b1]
        if content:
            sa, sb = at.strip(), bt.strip()
            if (sa or sb) and _marks_only(sa) and _marks_only(sb):
                category: Category = "punctuation"  # a mark added, dropped or changed
            else:
                category = "regional" if regional(sa, sb) else "content"
            ambiguous = False
        else:
            category, ambiguous = judge(at, bt)
            if category == "script" and (a0, a1, b0, b1) != whole:
                category = judge(a[whole[0] : whole[1]], b[whole[2] : whole[3]])[0]
                category = "regional" if category == "regional" else "script"
            if category == "regional":
                a0, a1, b0, b1 = whole  # the whole phrase the fold mapped: 支持/支援, not 持/援
        if raw:
            last = raw[-1]
            if last.category == category and last.a1 == a0 and last.b1 == b0:
                raw[-1] = RawEdit(last.a0, a1, last.b0, b1, category, last.ambiguous or ambiguous)
                return
        raw.append(RawEdit(a0, a1, b0, b1, category, ambiguous))

    plain, shape, a_ends, b_ends, looks, fa_s, fa_e, fb_s, fb_e = runs
    n_looks, n_ops, size_fa, size_fb = len(looks), len(ops), len(fa_s), len(fb_s)
    ia = ib = 0
    q = 0
    k = 0
    while k < n_ops:
        op, n = ops[k]
        if op == "=":
            # Only the characters that are not plain copies need a look (see _plain_runs).
            while q < n_looks and looks[q] < ia + n:
                t = looks[q]
                q += 1
                u = ib + (t - ia)
                if t > ia and plain[t - 1]:
                    pa, pb = a_ends[t - 1], b_ends[t - 1]
                sa, sb = fa_s[t], fb_s[u]
                if shape[t] == _COPY and sa == pa and sb == pb:
                    # What emit() would find equal: the first character after a change.
                    pa, pb = sa + 1, sb + 1
                    continue
                if shape[t] == _SWAP and sa == pa and sb == pb:
                    # emit() for one character replacing another, without its general cases:
                    # most of a converted copy's characters come this way.
                    category, ambiguous = judge(a[sa], b[sb])
                    last = raw[-1] if raw else None
                    if (
                        last is not None
                        and last.category == category
                        and last.a1 == sa
                        and last.b1 == sb
                    ):
                        raw[-1] = RawEdit(
                            last.a0, sa + 1, last.b0, sb + 1, category, last.ambiguous or ambiguous
                        )
                    else:
                        raw.append(RawEdit(sa, sa + 1, sb, sb + 1, category, ambiguous))
                    pa, pb = sa + 1, sb + 1
                    continue
                ea, eb = fa_e[t], fb_e[u]
                # Folded characters that share original text (a phrase the fold replaced
                # whole: 擴充套件 -> 扩展) are one stretch.
                while q < n_looks and looks[q] < ia + n:
                    t2 = looks[q]
                    u2 = ib + (t2 - ia)
                    if fa_s[t2] >= ea and fb_s[u2] >= eb:
                        break
                    ea, eb = max(ea, fa_e[t2]), max(eb, fb_e[u2])
                    q += 1
                if ea <= pa and eb <= pb:
                    continue
                sa, sb = max(sa, pa), max(sb, pb)
                if sa > pa or sb > pb:
                    emit(pa, sa, pb, sb, content=False)
                ea, eb = max(ea, sa), max(eb, sb)
                emit(sa, ea, sb, eb, content=False)
                pa, pb = ea, eb
            if n and plain[ia + n - 1]:
                pa, pb = a_ends[ia + n - 1], b_ends[ia + n - 1]
            ia += n
            ib += n
            k += 1
            continue
        na = nb = 0
        while k < n_ops:
            change, count = ops[k]
            if change == "=":
                break
            if change == "-":
                na += count
            else:
                nb += count
            k += 1
        # What folding dropped before the change (spaces, a pinyin reading) is its own edit;
        # the change covers only the characters that differ once folded.
        a_first = max(pa, fa_s[ia]) if ia < size_fa else len(a)
        b_first = max(pb, fb_s[ib]) if ib < size_fb else len(b)
        if a_first > pa or b_first > pb:
            emit(pa, a_first, pb, b_first, content=False)
        a_end = max(a_first, fa_e[ia + na - 1]) if na else a_first
        b_end = max(b_first, fb_e[ib + nb - 1]) if nb else b_first
        emit(a_first, a_end, b_first, b_end, content=True)
        pa, pb = a_end, b_end
        ia += na
        ib += nb
    if pa < len(a) or pb < len(b):
        emit(pa, len(a), pb, len(b), content=False)
    return raw

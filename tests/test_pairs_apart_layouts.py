"""Pairs never share text whatever their layout: several pairs holding one stretch, a third
reaching into it, cuts that move a pair into the next paragraph (on the sed catalog's text)."""

from __future__ import annotations

from functools import cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from hypothesis import given, settings, strategies as st

from diffkit.comparison.apart import apart
from diffkit.comparison.candidates import Candidate, Side
from diffkit.loading import load_named
from diffkit.segmentation import segment

DATA = Path(__file__).parent / "data"


@cache
def _sides() -> tuple[Side, Side]:
    a = segment(load_named(DATA / "sed-zh-cn-home-page.po"))
    b = segment(load_named(DATA / "sed-zh-tw-home-page.po"))
    return Side.of(a), Side.of(b)


def _paragraph(s: Side, at: int) -> int:
    return max(int(np.searchsorted(s.starts, at, side="right")) - 1, 0)


def _pair(sa: Side, sb: Side, a: tuple[int, int], b: tuple[int, int], matched: int) -> Candidate:
    return Candidate(
        a_paragraph=_paragraph(sa, a[0]),
        b_paragraph=_paragraph(sb, b[0]),
        a_lo=a[0],
        a_hi=a[1],
        b_lo=b[0],
        b_hi=b[1],
        matched=matched,
        b_last=_paragraph(sb, b[1] - 1),
        core=a,
        b_core=b,
    )


def _assert_apart(pairs: list[Candidate], sa: Side, sb: Side) -> None:
    for lo, hi in (("a_lo", "a_hi"), ("b_lo", "b_hi")):
        spans = sorted({(getattr(c, lo), getattr(c, hi)) for c in pairs})
        for (lo1, hi1), (lo2, hi2) in pairwise(spans):
            assert hi1 <= lo2, f"{(lo1, hi1)} and {(lo2, hi2)} share text"
    for c in pairs:
        assert c.a_lo < c.a_hi and c.b_lo < c.b_hi
        assert c.a_paragraph == _paragraph(sa, c.a_lo)
        assert c.b_paragraph == _paragraph(sb, c.b_lo)
        assert c.b_last == _paragraph(sb, c.b_hi - 1)


def test_a_third_pair_is_cut_against_every_pair_holding_one_stretch() -> None:
    sa, sb = _sides()
    p = int(sa.starts[3])
    held = (p, p + 10)
    first = _pair(sa, sb, held, (0, 10), 10)
    second = _pair(sa, sb, held, (20, 30), 10)
    third = _pair(sa, sb, (p + 5, p + 15), (40, 50), 10)
    out = apart([first, second, third], sa, sb)
    _assert_apart(out, sa, sb)
    # The two pairs of the repeated stretch still hold one stretch, and the third its own.
    assert len(out) == 3
    assert out[0].a_hi == out[1].a_hi == out[2].a_lo


def test_a_pair_cut_into_the_next_paragraph_of_a_is_that_paragraphs() -> None:
    sa, sb = _sides()
    i = next(n for n in range(len(sa.starts) - 1) if sa.ends[n] - sa.starts[n] > 20)
    whole = _pair(sa, sb, (int(sa.starts[i]), int(sa.ends[i])), (0, 30), 30)
    # From the middle of paragraph i to the end of the next: cut on their boundary, it keeps
    # the next paragraph alone, and that is the paragraph it pairs.
    mid = (int(sa.starts[i]) + int(sa.ends[i])) // 2
    reaching = _pair(sa, sb, (mid, int(sa.ends[i + 1])), (40, 80), 20)
    out = sorted(apart([whole, reaching], sa, sb), key=lambda c: c.a_lo)
    _assert_apart(out, sa, sb)
    assert [(c.a_lo, c.a_hi) for c in out] == [
        (int(sa.starts[i]), int(sa.ends[i])),
        (int(sa.starts[i + 1]), int(sa.ends[i + 1])),
    ]
    assert [c.a_paragraph for c in out] == [i, i + 1]


@st.composite
def _layouts(draw: st.DrawFn) -> list[Candidate]:
    sa, sb = _sides()
    # Few distinct stretches, so pairs often hold the very same one or overlap in part; they
    # lie near paragraph boundaries, where cuts fall.
    edge_a = int(sa.starts[min(5, len(sa.starts) - 1)])
    edge_b = int(sb.starts[min(5, len(sb.starts) - 1)])
    span_a = st.tuples(st.integers(0, 12), st.integers(1, 12)).map(
        lambda t: (edge_a - 6 + 2 * t[0], edge_a - 6 + 2 * t[0] + 2 * t[1])
    )
    span_b = st.tuples(st.integers(0, 12), st.integers(1, 12)).map(
        lambda t: (edge_b - 6 + 2 * t[0], edge_b - 6 + 2 * t[0] + 2 * t[1])
    )
    n = draw(st.integers(1, 7))
    return [_pair(sa, sb, draw(span_a), draw(span_b), draw(st.integers(1, 30))) for _ in range(n)]


@settings(max_examples=400, deadline=None)
@given(_layouts())
def test_no_layout_of_pairs_leaves_text_shared(pairs: list[Candidate]) -> None:
    sa, sb = _sides()
    _assert_apart(apart(pairs, sa, sb), sa, sb)

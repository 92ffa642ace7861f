"""Two rounds of replacements composed into one splice give the text and the map that
splicing twice gives, on any edits and on a real Taiwan manual's regional step."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings, strategies as st

from diffkit.codepoints import _splice, to_codepoints, to_text
from diffkit.folding import FoldProfile, fold
from diffkit.regional import (
    Replacement,
    default_glossary,
    glossary_replacements,
    regional_replacements,
)
from diffkit.replacements import composed

from .conftest import ROOT


def _twice(
    text: str, first: list[Replacement], second: list[Replacement]
) -> tuple[list[int], list[int], list[int]]:
    cps = to_codepoints(text)
    out, s, e = _splice(cps, first)
    if s is None or e is None:
        s = e = np.arange(len(cps))
    out2, g_s, g_e = _splice(out.copy(), second)
    if g_s is None or g_e is None:
        return out2.tolist(), s.tolist(), e.tolist()
    return out2.tolist(), s[g_s].tolist(), e[g_e].tolist()


def _applied(text: str, edits: list[Replacement]) -> str:
    parts, at = [], 0
    for start, end, piece in edits:
        parts += [text[at:start], piece]
        at = end
    return "".join([*parts, text[at:]])


@st.composite
def _edits(draw: st.DrawFn, text: str, *, empty_runs: bool) -> list[Replacement]:
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    edits: list[Replacement] = []
    for start, end in zip(points[0::2], points[1::2], strict=False):
        if (start < end or empty_runs) and (not edits or start >= edits[-1][1]):
            if edits and start == edits[-1][1] == end == edits[-1][0]:
                continue  # two insertions at one place are one
            edits.append((start, end, draw(st.text(alphabet="XY文档", max_size=3))))
    return edits


@st.composite
def _rounds(draw: st.DrawFn) -> tuple[str, list[Replacement], list[Replacement]]:
    text = draw(st.text(alphabet="ab文件檔案", max_size=24))
    first = draw(_edits(text, empty_runs=True))
    second = draw(_edits(_applied(text, first), empty_runs=False))
    return text, first, second


@settings(max_examples=400)
@given(_rounds())
def test_composed_rounds_splice_as_the_two_rounds_do(
    case: tuple[str, list[Replacement], list[Replacement]],
) -> None:
    text, first, second = case
    edits, pieces = composed(_applied(text, first), first, second)
    out, s, e = _splice(to_codepoints(text), edits, pieces)
    if s is None or e is None:
        s = e = np.arange(len(out))
    assert (out.tolist(), s.tolist(), e.tolist()) == _twice(text, first, second)


def test_a_real_manuals_phrases_and_terms_splice_once_as_twice() -> None:
    text = (ROOT / "tests/data/debian-reference-1.2.zh-tw.txt").read_text(encoding="utf-8")
    simplified = fold(text, profile=FoldProfile("script", ("script",))).text
    after, replacements = regional_replacements(simplified)
    terms = glossary_replacements(after, default_glossary())
    edits, pieces = composed(after, replacements, terms)
    # Terms inside phrases the tables made (档案 -> 文件 -> 文档) are the case that matters.
    assert len(edits) < len(replacements) + len(terms)
    out, s, e = _splice(to_codepoints(simplified), edits, pieces)
    assert s is not None and e is not None
    assert to_text(out) == _applied(after, terms)
    assert (out.tolist(), s.tolist(), e.tolist()) == _twice(simplified, replacements, terms)

"""Splicing replacements into code points: the fast splice agrees with a character-by-character
reference on any edits, and on the regional step's replacements of a real Taiwan manual."""

from __future__ import annotations

import numpy as np
from hypothesis import given, strategies as st

from diffkit.codepoints import _splice, to_codepoints, to_text
from diffkit.folding import FoldProfile, fold
from diffkit.regional import regional_replacements

from .conftest import ROOT


def _reference(
    cps: list[int], edits: list[tuple[int, int, str]]
) -> tuple[list[int], list[int], list[int]]:
    out: list[int] = []
    first: list[int] = []
    last: list[int] = []
    at = 0
    for start, end, text in edits:
        for i in range(at, start):
            out.append(cps[i])
            first.append(i)
            last.append(i)
        for c in text:
            out.append(ord(c))
            first.append(start)
            last.append(end - 1)
        at = end
    for i in range(at, len(cps)):
        out.append(cps[i])
        first.append(i)
        last.append(i)
    return out, first, last


@st.composite
def _texts_and_edits(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(alphabet="ab文件檔案", max_size=30))
    points = sorted(draw(st.lists(st.integers(0, len(text)), max_size=10)))
    edits: list[tuple[int, int, str]] = []
    for start, end in zip(points[0::2], points[1::2], strict=False):
        edits.append((start, end, draw(st.text(alphabet="XY文", max_size=4))))
    return text, edits


@given(_texts_and_edits())
def test_the_splice_agrees_with_a_character_by_character_reference(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    text, edits = case
    out, first, last = _splice(to_codepoints(text), edits)
    if not edits:
        assert first is None and last is None
        return
    assert first is not None and last is not None
    assert (out.tolist(), first.tolist(), last.tolist()) == _reference(
        [ord(c) for c in text], edits
    )


def test_the_splice_of_a_real_manuals_regional_replacements_matches_the_reference() -> None:
    text = (ROOT / "tests/data/debian-reference-1.2.zh-tw.txt").read_text(encoding="utf-8")
    simplified = fold(text, profile=FoldProfile("script", ("script",))).text
    after, replacements = regional_replacements(simplified)
    assert len(replacements) > 100
    out, first, last = _splice(to_codepoints(simplified), replacements)
    assert to_text(out) == after
    assert first is not None and last is not None
    expected = _reference([ord(c) for c in simplified], replacements)
    assert (out.tolist(), first.tolist(), last.tolist()) == expected
    assert np.all(np.diff(first) >= 0)

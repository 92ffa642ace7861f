"""The regional step's chunks, cut over the whole text at once, are the chunks of each piece
cut alone by a plain scan of its marks."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings, strategies as st

from diffkit.codepoints import PARAGRAPH_SEPARATOR
from diffkit.regional import _CHUNK, _chunk_bounds

from .conftest import ROOT

_CUT = re.compile(r"[。！？；，、\n\u2029]")


def _piece_chunks(text: str) -> list[tuple[int, int]]:
    bounds = [0]
    for m in _CUT.finditer(text):
        if m.group() in "。！？" or m.end() - bounds[-1] >= _CHUNK:
            bounds.append(m.end())
    if bounds[-1] < len(text):
        bounds.append(len(text))
    return [(lo, hi) for lo, hi in itertools.pairwise(bounds) if hi > lo]


def _reference(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    base = 0
    for piece in text.split(PARAGRAPH_SEPARATOR):
        out += [(base + lo, base + hi) for lo, hi in _piece_chunks(piece)]
        base += len(piece) + 1
    return out


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from(["字", "。", "，", "\n", "；", PARAGRAPH_SEPARATOR, "字" * 200, "！"]),
        max_size=40,
    )
)
def test_chunks_of_the_whole_text_are_each_pieces_chunks(parts: list[str]) -> None:
    text = "".join(parts)
    assert _chunk_bounds(text) == _reference(text)


def test_chunks_of_a_real_manual_are_each_pieces_chunks() -> None:
    text = (ROOT / "tests/data/debian-reference-1.2.zh-tw.txt").read_text(encoding="utf-8")
    text = text.replace("\n\n", PARAGRAPH_SEPARATOR)
    assert _chunk_bounds(text) == _reference(text)
    assert any(hi - lo >= _CHUNK for lo, hi in _chunk_bounds(text))


def test_a_long_chunk_is_cut_at_the_first_mark_its_length_past_the_last_cut() -> None:
    for before in (_CHUNK - 2, _CHUNK - 1, _CHUNK):
        text = "字" * before + "，" + "字" * 10 + "、" + "字" * _CHUNK + "。" + PARAGRAPH_SEPARATOR
        assert _chunk_bounds(text) == _reference(text)

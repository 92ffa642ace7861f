"""Paragraphs wrapped by a program to one margin, a blank line after every line (as PDF
extraction leaves them), among paragraphs a line each: where nearly every line near the
margin reaches it to within a cell, the margin alone says where a paragraph ends, whatever
its last line ends with (`[22]`, `(必须)`, a word), and a paragraph a line that ends with no
mark is no sentence going on into the wrapped lines after it. The paragraphs are a real
manual's (tests/data/maint-guide-zh-cn-blocks.txt), at several margins and run lengths,
wrapped as browsers and PDF layout wrap them (Han a character at a time, Latin words whole:
a line short of the margin before `Unix` goes on) and a character at a time throughout (as
some PDF extraction of Chinese leaves them: `Debi` / `an`)."""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

import pytest
from opencc_pyo3 import OpenCC
from rich.cells import cell_len

from diffkit.loading import from_text
from diffkit.segmentation import paragraph_line_spans

BLOCKS = Path(__file__).parent / "data" / "maint-guide-zh-cn-blocks.txt"


_PIECE = re.compile(r"[!-~\u00a0-\u10ff]+|.")
"""A run of Latin letters, digits and marks (a word a layout keeps whole), or one character."""


def _wrapped(text: str, width: int, words: bool = True) -> list[str]:
    """``text`` wrapped to ``width`` cells: a character at a time, or keeping Latin words
    whole (a word wider than the line is cut) and dropping the space a line breaks at."""
    lines = [""]
    if not words:
        for c in text:
            if cell_len(lines[-1] + c) > width:
                lines.append("")
            lines[-1] += c
        return lines
    for piece in _PIECE.findall(text):
        if cell_len(lines[-1] + piece) > width and lines[-1]:
            lines[-1] = lines[-1].rstrip(" ")
            lines.append("")
            if piece == " ":
                continue
        for c in piece if cell_len(piece) > width else [piece]:
            if cell_len(lines[-1] + c) > width:
                lines.append("")
            lines[-1] += c
    return lines


def _mixed(
    blocks: list[str], width: int, seed: int, words: bool = True
) -> tuple[str, list[tuple[int, int]]]:
    """Runs of 3 to 8 blocks a line each, then as many wrapped to ``width``, and so on."""
    rng = random.Random(seed)
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    line, k, wrapped = 1, 0, False
    while k < len(blocks):
        run = blocks[k : k + rng.randint(3, 8)]
        for block in run:
            lines = _wrapped(block, width, words) if wrapped else [block]
            parts.append("\n\n".join(lines))
            spans.append((line, line + 2 * len(lines) - 2))
            line += 2 * len(lines)
        k, wrapped = k + len(run), not wrapped
    return "\n\n".join(parts) + "\n", spans


def _blocks() -> list[str]:
    blocks = BLOCKS.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    assert len(blocks) == 120
    return blocks


@pytest.mark.parametrize("width", [40, 60, 72, 90])
def test_paragraphs_wrapped_to_a_sharp_margin_are_cut_where_they_end(width: int) -> None:
    for seed in (1, 2):
        text, spans = _mixed(_blocks(), width, seed, words=False)
        got = set(paragraph_line_spans(from_text(text)))
        assert len(set(spans) & got) >= 105, (width, seed)  # of 120


@pytest.mark.parametrize("width", [40, 60, 72, 90])
def test_a_line_short_of_the_margin_before_a_latin_word_goes_on(width: int) -> None:
    # The whole word would not have fitted: `... 你的确需要对` / `Unix 编程有所了解`.
    for seed in (1, 2):
        text, spans = _mixed(_blocks(), width, seed)
        got = set(paragraph_line_spans(from_text(text)))
        assert len(set(spans) & got) >= 100, (width, seed)  # of 120


def test_a_taiwan_phrased_copy_is_cut_alike() -> None:
    # s2twp changes words' lengths (文件/檔案 keeps it, 扩展/擴充套件 does not), so some lines
    # of the copy run past the margin or fall short of it.
    blocks = [OpenCC("s2twp").convert(b) for b in _blocks()]
    text, spans = _mixed(blocks, 72, 1, words=False)
    assert len(set(spans) & set(paragraph_line_spans(from_text(text)))) >= 108


def test_a_paragraph_a_line_ending_with_no_mark_does_not_run_into_wrapped_lines() -> None:
    blocks = _blocks()
    text, spans = _mixed(blocks, 72, 1, words=False)
    lines = text.split("\n")
    got = paragraph_line_spans(from_text(text))
    starts = {first for first, _ in got}
    unmarked = [
        after
        for (first, last), (after, _) in pairwise(spans)
        if first == last and lines[last - 1].rstrip()[-1] not in "。：！？；"
    ]
    assert len(unmarked) >= 10
    assert all(after in starts for after in unmarked)


def test_lines_of_one_width_that_each_end_a_sentence_are_a_paragraph_each() -> None:
    # A file of records, or copies of a sentence: one width, but no line is cut mid-sentence.
    lines = [b[:35] + "。" for b in _blocks() if cell_len(b[:35]) == 70] * 3
    assert len(lines) >= 30
    text = "\n\n".join(lines) + "\n"
    got = paragraph_line_spans(from_text(text))
    assert got == [(2 * k + 1, 2 * k + 1) for k in range(len(lines))]

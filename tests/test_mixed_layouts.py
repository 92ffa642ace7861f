"""A file that mixes layouts, as concatenated extractions do: runs of paragraphs a line each
among runs hard-wrapped to one margin with a blank line after every line (PDF extraction),
made of a real manual's paragraphs. A wrapped paragraph's last line that ends its sentence or
a colon (`请参考下边的文档：`) short of the margin, or a paragraph a line wider than the margin,
ends its paragraph, though a blank line follows every line."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from rich.cells import cell_len

from diffkit.loading import from_text
from diffkit.segmentation import paragraph_line_spans

BLOCKS = Path(__file__).parent / "data" / "maint-guide-zh-cn-blocks.txt"


def _wrapped(text: str, width: int = 72) -> list[str]:
    """``text`` cut into lines of at most ``width`` cells, as a PDF's column cuts it."""
    lines = [""]
    for c in text:
        if cell_len(lines[-1] + c) > width:
            lines.append("")
        lines[-1] += c
    return lines


def _mixed(blocks: list[str], run: int) -> tuple[str, list[tuple[int, int]]]:
    """The blocks, ``run`` a line each, then ``run`` wrapped, and so on; each block's lines."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    line = 1
    for k, block in enumerate(blocks):
        lines = _wrapped(block) if (k // run) % 2 else [block]
        parts.append("\n\n".join(lines))
        spans.append((line, line + 2 * len(lines) - 2))
        line += 2 * len(lines)
    return "\n\n".join(parts) + "\n", spans


def test_wrapped_paragraphs_among_paragraphs_a_line_are_not_cut_inside() -> None:
    # The paragraphs a line run past the wrapped lines' margin; they end their sentences and
    # are no sign that the margin is none.
    blocks = BLOCKS.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    assert len(blocks) == 120
    text, spans = _mixed(blocks, 6)
    starts = {first for first, _ in paragraph_line_spans(from_text(text))}
    wrapped = [(first, last) for first, last in spans if last > first]
    cut = [(first, last) for first, last in wrapped if any(first < s <= last for s in starts)]
    assert len(wrapped) >= 50
    assert len(cut) <= 1, cut


def test_a_paragraph_that_ends_its_sentence_or_a_colon_is_not_glued_to_the_next() -> None:
    blocks = BLOCKS.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    for run in (3, 5):
        text, spans = _mixed(blocks, run)
        lines = text.split("\n")
        got = paragraph_line_spans(from_text(text))
        ended = [
            (last, after)
            for (_, last), (after, _) in pairwise(spans)
            if lines[last - 1].rstrip()[-1] in "。：！？"
        ]
        glued = [
            (last, after) for last, after in ended if any(f <= last < after <= e for f, e in got)
        ]
        assert len(ended) >= 60
        assert len(glued) <= 5, [lines[last - 1][-20:] for last, _ in glued]
        assert len(set(spans) & set(got)) >= 85  # of 120 cut exactly

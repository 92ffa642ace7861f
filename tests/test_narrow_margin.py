"""Text hard-wrapped narrower than any message's width, a blank line after every line (a PDF
extraction of a narrow column), is wrapped text all the same: lines of one width cut
mid-sentence show a margin however narrow, and the margin says where each paragraph ends.
Wrapped to 12 Han characters, the closing speech's paragraphs had come apart at nearly every
line (221 paragraphs for 12), as they did in a short file of three of them."""

from __future__ import annotations

from itertools import pairwise
from unicodedata import east_asian_width

import pytest

import diffkit

from .conftest import SAMPLES


def _paragraphs() -> list[str]:
    """The speech's first 12 paragraphs of 40 characters or more, each on a line of its own."""
    segments = diffkit.segments(SAMPLES / "2023-closing-speech-simplified.txt")
    texts = [s.text.replace("\n", "") for s in segments if s.kind == "text"]
    return [t for t in texts if len(t) >= 40][:12]


def _wrapped(paragraph: str, cells: int) -> list[str]:
    """``paragraph`` cut into lines of at most ``cells`` terminal cells, as a wrapper cuts."""
    lines, line, used = [], "", 0
    for char in paragraph:
        width = 2 if east_asian_width(char) in "WF" else 1
        if used + width > cells:
            lines.append(line)
            line, used = "", 0
        line += char
        used += width
    return [*lines, line]


def _cut(paragraphs: list[str], cells: int) -> list[str]:
    lines = [line for p in paragraphs for line in _wrapped(p, cells)]
    segments = diffkit.segments(diffkit.Text("\n\n".join(lines) + "\n"))
    return [s.text.replace("\n", "") for s in segments]


def _expected(paragraphs: list[str], cells: int) -> list[str]:
    """``paragraphs``, but where one's last line is full (the next one's first character
    would not have fitted on it): there nothing tells a paragraph's end from a wrapper's cut,
    and the margin joins the two, in text wrapped wide as narrow."""
    out = [paragraphs[0]]
    for before, p in pairwise(paragraphs):
        if len(_wrapped(_wrapped(before, cells)[-1] + p[0], cells)) > 1:
            out[-1] += p
        else:
            out.append(p)
    return out


@pytest.mark.parametrize("cells", [16, 20, 24, 28, 40])
def test_paragraphs_wrapped_narrow_with_blank_lines_are_rejoined(cells: int) -> None:
    paragraphs = _paragraphs()
    assert len(paragraphs) == 12 and all(len(_wrapped(p, cells)) > 1 for p in paragraphs)
    expected = _expected(paragraphs, cells)
    assert len(expected) >= 10
    assert _cut(paragraphs, cells) == expected


@pytest.mark.parametrize("cells", [16, 24, 40])
def test_a_short_file_wrapped_narrow_is_rejoined_too(cells: int) -> None:
    paragraphs = _paragraphs()
    assert _cut(paragraphs[:3], cells) == _expected(paragraphs[:3], cells)
    assert _cut(paragraphs[-2:], cells) == _expected(paragraphs[-2:], cells)

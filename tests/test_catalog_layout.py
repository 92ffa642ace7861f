"""Real message catalogs written one message a paragraph: every message stays a paragraph of its
own, and a Taiwan-phrased copy of the same lines (OpenCC s2twp) is cut the same way."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffkit.converters import converter
from diffkit.loading import from_text
from diffkit.segmentation import paragraph_line_spans

DATA = Path(__file__).parent / "data"


def _messages(text: str) -> list[tuple[int, int]]:
    """The first and last line of each blank-line-separated message."""
    spans: list[tuple[int, int]] = []
    line = 1
    for block in text.rstrip("\n").split("\n\n"):
        spans.append((line, line + block.count("\n")))
        line += block.count("\n") + 2
    return spans


@pytest.mark.parametrize("name", ["sed-zh-cn.txt", "bash-zh-cn.txt"])
def test_every_message_of_a_catalog_is_one_paragraph(name: str) -> None:
    # Short messages of about one width, and wider ones (bash's builtin synopses), are no
    # hard-wrapped text: few of them share a width, and those that do are no margin, since
    # most lines around them are short and end no sentence, as wrapped prose's last lines do.
    text = (DATA / name).read_text(encoding="utf-8")
    assert paragraph_line_spans(from_text(text)) == _messages(text)


@pytest.mark.parametrize("name", ["sed-zh-cn.txt", "bash-zh-cn.txt"])
def test_a_taiwan_phrased_copy_of_a_catalog_is_cut_alike(name: str) -> None:
    # s2twp makes words longer or shorter (内存/記憶體, 字符/字元) on the same lines.
    text = (DATA / name).read_text(encoding="utf-8")
    copy = converter("s2twp").convert(text)
    assert copy.count("\n") == text.count("\n")
    assert paragraph_line_spans(from_text(copy)) == _messages(text)


def test_a_mark_in_quotes_opening_a_message_does_not_join_it_to_the_one_before() -> None:
    # `多个“!”` opens with a quoted mark, not with the tail of a sentence cut by a break.
    text = (DATA / "sed-zh-cn.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = lines.index("多个“!”") + 1
    assert (at, at) in paragraph_line_spans(from_text(text))

"""A note in brackets or a word of Latin alone on a line (`(幻灯片介绍)`, `unstable`) stands
alone as a caption does, unless it ends a line cut at the margin: then it is the tail of that
line's sentence, as in a manual's wrapped list items."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from diffkit.loading import from_text
from diffkit.segmentation import segment

DATA = Path(__file__).parent / "data"


def _squashed(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("locale", ["cn", "tw"])
def test_every_block_of_a_wrapped_manual_section_lies_in_one_paragraph(locale: str) -> None:
    # The guide's plain text wraps `* Debian: 17 years of Free Software, "do-ocracy", and
    # democracy` at the margin and puts `(幻灯片介绍)` on the next line, under the item's text.
    stem = f"maint-guide-zh-{locale}-section-1.1"
    text = (DATA / f"{stem}.txt").read_text(encoding="utf-8")
    blocks = (DATA / f"{stem}.blocks.txt").read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    paragraphs = [_squashed(p.text) for p in segment(from_text(text)).paragraphs]
    split = [b for b in blocks if not any(_squashed(b) in p for p in paragraphs)]
    assert len(blocks) == 31
    assert split == []


def test_a_bracketed_note_under_a_title_wider_than_the_text_stays_apart() -> None:
    # A resolution's title, wider than the wrapped lines around it, and the note under it.
    text = "\n\n".join(
        [
            "建设名副其实的省域副中心城市和最美地级市而不懈奋斗！",
            "衡阳市第十五届人民代表大会第七次会议 关于衡阳市中级人民法院工作报告的决议",
            "(市十五届人大七次会议通过)",
            "衡阳市第十五届人民代表大会第七次会议取",
            "听和审查了张经伟院长所作的市中级人民法",
            "院工作报告。",
        ]
    )
    found = [p.text for p in segment(from_text(text + "\n")).paragraphs]
    assert "(市十五届人大七次会议通过)" in found

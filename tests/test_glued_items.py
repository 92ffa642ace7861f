"""A pair made whole-paragraph by neighbours or likeness covers only the item of a glued
paragraph (short messages a blank line apart, cut as one) that matches the other side."""

from __future__ import annotations

from pathlib import Path

import diffkit

DATA = Path(__file__).parent / "data"


def test_short_message_pairs_with_its_item_of_a_glued_paragraph() -> None:
    a = (DATA / "firefox-appmenu-zh-cn.txt").read_text(encoding="utf-8")
    b = (DATA / "firefox-appmenu-zh-tw.txt").read_text(encoding="utf-8")
    report = diffkit.compare(a, b)
    pairs = [p for p in report.pairs if p.a_text == "无法更新"]
    assert len(pairs) == 1
    assert pairs[0].b_text == "無法更新"
    # The glued paragraph's other item is not this pair's text: it stays unmatched.
    assert "知道了" not in pairs[0].b_text

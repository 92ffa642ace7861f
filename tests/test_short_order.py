"""Equal short paragraphs (labels, buttons) pair by equality alone only where they keep the
order of the longer pairs, in documents that keep one order."""

from __future__ import annotations

from pathlib import Path

import diffkit

DATA = Path(__file__).parent / "data"


def test_equal_label_pairs_in_order_not_with_an_earlier_lookalike() -> None:
    # B says 設為預設瀏覽器 twice: once for the label below, once far earlier for a
    # question the zh_CN side words in full; only the copy in place is its counterpart.
    a = (DATA / "firefox-customize-zh-cn.txt").read_text(encoding="utf-8")
    b = (DATA / "firefox-customize-zh-tw.txt").read_text(encoding="utf-8")
    report = diffkit.compare(a, b)
    (pair,) = [p for p in report.pairs if p.a_text == "设为默认浏览器"]
    assert pair.b_text == "設為預設瀏覽器"
    assert pair.b.start_line == pair.a.start_line
    assert not pair.moved


def test_shuffled_catalog_keeps_its_equal_short_pairs() -> None:
    # B in reverse order: no order to keep, so equal short messages pair wherever they lie.
    rows = [
        line.split("\t")
        for line in (DATA / "tar-messages-zh.tsv").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    cn, tw = [r[1] for r in rows], [r[2] for r in rows]
    report = diffkit.compare("\n\n".join(cn), "\n\n".join(reversed(tw)))
    paired = {(p.a_text, p.b_text) for p in report.pairs}
    short = [(x, y) for x, y in zip(cn, tw, strict=True) if len(x) < 20]
    assert short
    assert sum((x, y) in paired for x, y in short) >= 0.8 * len(short)

"""In two editions of one document, a pair out of the documents' order needs evidence of a
move: real Firefox strings whose only likeness across the order is a product name, or a label
that reads alike in two places while each copy's counterpart is worded otherwise."""

from __future__ import annotations

from diffkit.comparison import compare
from diffkit.loading import from_text

from .conftest import ROOT
from .test_leftovers import _layout

WINDOWS = ROOT / "tests" / "data" / "firefox-windows-zh.tsv"


def _owner(spans: dict[str, tuple[int, int]], start: int, end: int) -> str | None:
    return next((k for k, (lo, hi) in spans.items() if lo <= start and end <= hi), None)


def test_no_pair_crosses_the_order_on_a_name_or_a_repeated_label_alone() -> None:
    rows = [
        line.split("\t")
        for line in WINDOWS.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    a_text, a_spans = _layout([(k, cn) for k, cn, _ in rows])
    b_text, b_spans = _layout([(k, tw) for k, _, tw in rows])
    report = compare(from_text(a_text, name="zh_CN"), from_text(b_text, name="zh_TW"))
    moved = [p for p in report.pairs if p.moved]
    # "{ -brand-short-name } 主页" beside "您的 { -brand-short-name } 主要用於什麼環境？", and
    # 网址 (login-item-origin-label, 網站網址 in zh_TW) beside 網址 (remote-debugging-url, URL
    # in zh_CN), paired across the order before.
    assert [(p.a_text, p.b_text) for p in moved] == []
    wrong = [
        (p.a_text, p.b_text)
        for p in report.pairs
        if _owner(a_spans, p.a.start, p.a.end) != _owner(b_spans, p.b.start, p.b.end)
        and p.a_text.strip() != p.b_text.strip()
    ]
    assert wrong == []
    assert len(report.pairs) >= 90

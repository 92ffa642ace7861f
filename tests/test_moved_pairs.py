"""In two editions of one document, a pair out of the documents' order needs evidence of a
move: real Firefox strings whose only likeness across the order is a product name, or a label
that reads alike in two places while each copy's counterpart is worded otherwise."""

from __future__ import annotations

from .conftest import ROOT
from .message_tables import compare_rows, owner, read_rows

WINDOWS = ROOT / "tests" / "data" / "firefox-windows-zh.tsv"


def test_no_pair_crosses_the_order_on_a_name_or_a_repeated_label_alone() -> None:
    compared = compare_rows(read_rows(WINDOWS))
    report, a_spans, b_spans = compared.report, compared.a_spans, compared.b_spans
    moved = [p for p in report.pairs if p.moved]
    # "{ -brand-short-name } 主页" beside "您的 { -brand-short-name } 主要用於什麼環境？", and
    # 网址 (login-item-origin-label, 網站網址 in zh_TW) beside 網址 (remote-debugging-url, URL
    # in zh_CN), paired across the order before.
    assert [(p.a_text, p.b_text) for p in moved] == []
    wrong = [
        (p.a_text, p.b_text)
        for p in report.pairs
        if owner(a_spans, p.a.start, p.a.end) != owner(b_spans, p.b.start, p.b.end)
        and p.a_text.strip() != p.b_text.strip()
    ]
    assert wrong == []
    assert len(report.pairs) >= 90

"""A pair that is the only one of both its paragraphs covers them whole: real Firefox strings
translated freely, whose anchors match a phrase or two, and a quotation kept as it is."""

from __future__ import annotations

from diffkit.comparison import compare

from .conftest import ROOT
from .message_tables import compare_rows, read_rows

FREER = ROOT / "tests" / "data" / "firefox-freer-zh.tsv"


def test_freer_translations_pair_whole() -> None:
    compared = compare_rows(read_rows(FREER))
    report, a_spans, b_spans = compared.report, compared.a_spans, compared.b_spans
    whole = {
        k
        for k in a_spans
        for p in report.pairs
        if (p.a.start, p.a.end) == a_spans[k] and (p.b.start, p.b.end) == b_spans[k]
    }
    # Each was paired by a phrase or two alone (partial: "{ -mozilla-vpn-brand-name } 可隐藏
    # 您的浏览活动和位置" with "使用 { -mozilla-vpn-brand-name } 隱藏…"); the rest of both
    # strings was no other pair's text.
    for key in (
        "about-private-browsing-hide-activity-1",
        "turn-on-scheduled-backups-description",
        "restore-page-try-this",
    ):
        assert any(k.endswith(f"|{key}|") for k in whole), key
    assert not [p for p in report.pairs if p.kind == "partial"]


def test_a_quotation_stays_inside_its_paragraph() -> None:
    quoted = "市委将一如既往支持和保障各级人大依法行使职权。"
    a = f"会上，市委书记指出：“{quoted}”与会代表表示赞同。\n"
    b = f"{quoted}\n"
    (pair,) = compare(a, b).pairs
    # Its only pair on both sides, alike enough, but it covers B whole: it stays inside A.
    assert pair.kind == "b_in_a"
    assert pair.a.end < len(a) - 10

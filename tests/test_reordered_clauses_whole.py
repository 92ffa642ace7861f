"""A pair that is the only one of two paragraphs whose clauses come in the other order covers
them whole.

Firefox's certificate errors say { -brand-short-name } 已拦截您对该网站的访问，因为提供给
{ $hostname } 的证书包含无效扩展。 where the Taiwan edition puts the reason first: 由於簽發給
{ $hostname } 的憑證包含無效擴充欄位，{ -brand-short-name } 封鎖了您對此網站的造訪。 The
anchors find the reason, a clause of each; the rest of each paragraph is the other clause,
shared out of order, and no other pair's text.
"""

from __future__ import annotations

from pathlib import Path

import diffkit
from diffkit.comparison.widening import _alike

DATA = Path(__file__).parent / "data"


def test_every_reordered_message_is_paired_whole() -> None:
    report = diffkit.compare(
        DATA / "firefox-cert-errors-zh-cn.txt", DATA / "firefox-cert-errors-zh-tw.txt"
    )
    assert len(report.pairs) == 13
    assert not report.unmatched_a and not report.unmatched_b
    for pair in report.pairs:
        assert pair.a.start_line == pair.b.start_line
        assert pair.kind != "partial", (pair.a_text, pair.b_text)


def test_clauses_out_of_order_are_alike_and_other_messages_are_not() -> None:
    cn = diffkit.fold(
        "{ -brand-short-name } 已拦截您对该网站的访问，因为提供给 { $hostname } 的证书包含无效扩展。"
    ).text
    tw = diffkit.fold(
        "由於簽發給 { $hostname } 的憑證包含無效擴充欄位，{ -brand-short-name } 封鎖了您對此網站的造訪。"
    ).text
    other = diffkit.fold("由於未經安全的簽章演算法進行簽署，無法信任此憑證。").text
    assert _alike(cn, tw)
    assert not _alike(cn, other)

"""Sibling messages the anchors pair with the wrong counterpart are paired again by the
family's whole assignment: Firefox's sync reminders, whose zh_CN texts share most words with
each other (即使您并不经常使用 / 无论您是否经常使用 … { -brand-short-name }), each with its own
counterpart, and the two the anchors passed over paired too."""

from __future__ import annotations

import diffkit

from .conftest import ROOT

DATA = ROOT / "tests" / "data"

# (zh_CN, zh_TW): windows-10-eos-sync-urgency-subtitle-2, -new-device-subtitle-1, -subtitle-2.
COUNTERPARTS = [
    (
        "即使您并不经常使用 { -brand-short-name }，也可通过同步来确保书签和密码安全无虞、随时可用。",
        "就算您沒有天天使用 { -brand-short-name }，同步起來也可以確保書籤與密碼安全，可隨時使用。",
    ),
    (
        "开启同步，以便日后将 { -brand-short-name } 书签、密码、偏好的设置带进新设备。",
        "立即同步，即可將您的 { -brand-short-name } 書籤、密碼與偏好設定資料隨身帶著走。",
    ),
    (
        "无论您是否经常使用 { -brand-short-name }，都可通过同步来保护书签、密码、设置。",
        "不論您多常使用 { -brand-short-name }，同步功能皆可保護您的書籤、密碼與設定。",
    ),
]


def _report() -> diffkit.CompareReport:
    return diffkit.compare(DATA / "firefox-callouts-zh-cn.txt", DATA / "firefox-callouts-zh-tw.txt")


def test_sibling_messages_pair_with_their_own_counterparts() -> None:
    pairs = {p.a_text.strip(): p.b_text.strip() for p in _report().pairs}
    for cn, tw in COUNTERPARTS:
        assert pairs.get(cn) == tw, cn


def test_no_sibling_pairs_with_anothers_counterpart() -> None:
    report = _report()
    counterpart = dict(COUNTERPARTS)
    wrong = [
        (p.a_text.strip(), p.b_text.strip())
        for p in report.pairs
        if p.b_text.strip() in counterpart.values()
        and counterpart.get(p.a_text.strip()) != p.b_text.strip()
    ]
    assert wrong == []
    unmatched_b = {u.text.strip() for u in report.unmatched_b}
    assert unmatched_b.isdisjoint(counterpart.values())

"""Short labels in one place between aligned neighbours pair with the labels there, in order.

Firefox's application menu and add-on notices say 明亮 / 亮色 (the light theme), 详细了解 /
了解更多 (Learn more), 暂时不要 / 現在不要 (Not now): two to four characters sharing half of
them, too short for an anchor and, alone, too little alike to pair anywhere. Between two
aligned strings, with as many strings left on each side, their place says which is which.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def report() -> diffkit.CompareReport:
    return diffkit.compare(DATA / "firefox-appmenu-zh-cn.txt", DATA / "firefox-appmenu-zh-tw.txt")


@pytest.mark.parametrize(
    ("cn", "tw"),
    [("明亮", "亮色"), ("详细了解", "了解更多"), ("暂时不要", "現在不要")],
)
def test_a_short_label_alone_in_its_place_pairs_there(
    report: diffkit.CompareReport, cn: str, tw: str
) -> None:
    (pair,) = [p for p in report.pairs if p.a_text == cn]
    assert pair.b_text == tw
    assert pair.a.start_line == pair.b.start_line
    assert not pair.moved


def test_every_pair_joins_strings_written_at_one_place(report: diffkit.CompareReport) -> None:
    # Both files hold the same strings in the same order, a string a paragraph: a pair whose
    # sides stand on different lines joins strings that are not each other's counterparts.
    assert len(report.pairs) >= 65
    assert all(p.a.start_line == p.b.start_line for p in report.pairs)


def test_two_labels_side_by_side_pair_in_order() -> None:
    # The shortcut editor's buttons 重置 / 重設 and 清空 / 清除 stand together between two
    # aligned strings: two characters each, one of them shared, paired in their order.
    report = diffkit.compare(
        DATA / "firefox-customize-zh-cn.txt", DATA / "firefox-customize-zh-tw.txt"
    )
    paired = {p.a_text: p for p in report.pairs}
    for cn, tw in (("重置", "重設"), ("清空", "清除")):
        assert paired[cn].b_text == tw
        assert paired[cn].a.start_line == paired[cn].b.start_line
    assert all(p.a.start_line == p.b.start_line for p in report.pairs)

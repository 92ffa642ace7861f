"""Freely translated paragraphs alone in their place between aligned neighbours pair there.

Firefox's crash reporter says 您可以向我们发送崩溃报告，以协助我们诊断并修正该问题。 where the
Taiwan edition says 為了協助我們修正相關錯誤，煩請傳回錯誤關閉的資訊報表。: the same message in
other words, sharing a few characters, too little alike to pair anywhere by likeness. Between
two strings aligned in place, one string on each side, of about one length, the place says
which is which; so it does for a run of as many strings on each side (the prompts of the AI
chat menu, a label then its prompt, each rewritten in the other edition).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit
from diffkit.neighbours import gap_pairs

DATA = Path(__file__).parent / "data"


def _compare(name: str) -> diffkit.CompareReport:
    return diffkit.compare(DATA / f"firefox-{name}-zh-cn.txt", DATA / f"firefox-{name}-zh-tw.txt")


@pytest.mark.parametrize(
    ("cn", "tw"),
    [
        ("您可以向我们发送崩溃报告", "為了協助我們修正相關錯誤"),
        ("此应用程序在崩溃后运行", "本程式是為軟體出現錯誤"),
    ],
)
def test_a_free_translation_alone_in_its_place_pairs_there(cn: str, tw: str) -> None:
    report = _compare("crashreporter")
    (pair,) = [p for p in report.pairs if p.a_text.startswith(cn)]
    assert pair.b_text.startswith(tw)
    assert pair.a.start_line == pair.b.start_line
    assert not pair.moved


def test_every_pair_in_the_crash_reporter_joins_one_place() -> None:
    # Both files hold the same strings in one order, a string a paragraph.
    report = _compare("crashreporter")
    assert len(report.pairs) >= 29
    assert all(p.a.start_line == p.b.start_line for p in report.pairs)


def test_a_run_of_rewritten_prompts_pairs_in_place() -> None:
    report = _compare("genai-prompts")
    paired = {p.a_text[:8]: p for p in report.pairs}
    for cn, tw in (
        ("请简要概括所选内容", "請用簡單明瞭的方式"),
        ("请用简短句式和简单", "請用簡短、簡單的語"),
        ("请以所选内容考查我", "請將選擇的這段文字"),
        ("生成摘要", "摘要"),
    ):
        assert paired[cn[:8]].b_text.startswith(tw)
    assert all(p.a.start_line == p.b.start_line for p in report.pairs)


def test_lengths_apart_or_names_that_disagree_do_not_pair_by_place() -> None:
    # One paragraph on each side between two aligned pairs: (0, 0) and (2, 2).
    anchors = [(0, 0, 0), (2, 2, 2)]
    keep, alone = [True, False, True], [True, False, True]
    one = "您可以向我们发送崩溃报告,以协助我们诊断并修正该问题。"
    other = "为了协助我们修正相关错误,烦请返回错误关闭的信息报表。"
    assert gap_pairs(anchors, ["x", one, "y"], ["x", other, "y"], keep, alone) == [(1, 1)]
    longer = other + "本进程是为软件出现错误、自行关闭时返回错误信息之用,不应直接执行。"
    assert gap_pairs(anchors, ["x", one, "y"], ["x", longer, "y"], keep, alone) == []
    named = (
        "由{$hostname}提供的证书不受信任,您不应该继续访问。",
        "{$name}的凭证已过期,无法信任此连线的安全性。",
    )
    assert gap_pairs(anchors, ["x", named[0], "y"], ["x", named[1], "y"], keep, alone) == []


def test_places_are_counted_only_where_every_paragraph_of_the_gap_is_free() -> None:
    # B's gap between the aligned (0, 0) and (3, 4) holds three paragraphs, the first already
    # paired elsewhere (a copy moved there): A's two places are not B's first two.
    anchors = [(0, 0, 0), (3, 4, 4)]
    one = "您可以向我们发送崩溃报告,以协助我们诊断并修正该问题。"
    two = "请描述崩溃发生时您正在做什么,这会帮助我们找出问题。"
    a = ["x", one, two, "y"]
    b = ["x", one, two, "为了协助我们修正相关错误,烦请返回错误关闭的信息报表。", "y"]
    used_a, used_b = [True, False, False, True], [True, True, False, False, True]
    found = gap_pairs(anchors, a, b, used_a, used_b)
    assert not any(used_b[j] for _, j in found), found

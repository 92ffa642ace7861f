"""A character the fold deletes belongs to the span of what it was folded into.

A pair's span runs from its first folded character's original start to its last one's
original end: a deleted character that maps onto nothing is in no pair, no edit and no
unmatched passage when it ends a paragraph. The regional step shortens phrases (使用者名稱 is
用户名: four characters to three): the messages below are real catalog messages whose last
character the fold once dropped so.
"""

from __future__ import annotations

import pytest

import diffkit
from diffkit.folding import fold

# zh_CN / zh_TW msgstrs of one msgid each, from Debian's network-manager 1.42.4-1+deb12u1
# and xfce4-panel 4.18.2-1 (NetworkManager.mo, xfce4-panel.mo; GPL-2.0-or-later).
CATALOG_PAIRS = [
    ("用户名", "使用者名稱"),  # xfce4-panel, NetworkManager: "Username"
    ("PPPoE 用户名", "PPPoE 使用者名稱"),  # NetworkManager: "PPPoE username"
    ("LEAP 验证要求 LEAP 用户名", "LEAP 驗證需要 LEAP 使用者名稱"),  # NetworkManager
]


@pytest.mark.parametrize(("cn", "tw"), CATALOG_PAIRS)
def test_a_phrase_the_regional_step_shortens_maps_onto_the_whole_phrase(cn: str, tw: str) -> None:
    key = fold(tw)
    assert key.text.endswith("用户名") and fold(cn).text.endswith("用户名")
    assert int(key.starts.min()) == 0 and int(key.ends.max()) == len(tw)
    # 用户名's characters each map onto the whole of 使用者名稱, the phrase they replaced.
    at = tw.index("使用者名稱")
    assert key.starts[-3:].tolist() == [at] * 3 and key.ends[-3:].tolist() == [len(tw)] * 3


@pytest.mark.parametrize(("cn", "tw"), CATALOG_PAIRS)
def test_compare_leaves_no_character_of_the_shortened_phrase_out(cn: str, tw: str) -> None:
    report = diffkit.compare(diffkit.Text(cn + "\n"), diffkit.Text(tw + "\n"))
    assert len(report.pairs) == 1 and not report.unmatched_b
    assert (report.pairs[0].b.start, report.pairs[0].b.end) == (0, len(tw))
    at = tw.index("使用者名稱")
    touching = [e for e in report.pairs[0].edits if e.b_end > at]
    assert [(e.a_text, e.b_text, e.category) for e in touching] == [
        ("用户名", "使用者名稱", "regional")
    ]

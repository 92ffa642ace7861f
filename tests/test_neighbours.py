"""Paragraphs left between aligned neighbours pair in order: a real catalog's short messages
in the order both translations keep, and names that translators leave alone keep apart."""

from __future__ import annotations

from diffkit import fold
from diffkit.leftovers import names_clash
from diffkit.neighbours import gap_pairs

from .conftest import ROOT
from .message_tables import compare_rows, read_rows
from .test_leftovers import TAR


def test_a_catalog_in_order_pairs_its_short_messages_by_their_place() -> None:
    compared = compare_rows(read_rows(TAR))
    right = compared.right()
    # Anchors and lone neighbours paired 60 of the 80 messages; each gap aligned in order
    # pairs the short ones too (文件名太长 beside its siblings), all right.
    assert len(right) >= 76
    assert len(right) == len(compared.report.pairs)


def test_untranslated_names_keep_alike_texts_apart() -> None:
    assert names_clash("weeknum_ooo", "weeknum_add")
    assert names_clash("%s:无法打开", "%d:无法打开")
    assert not names_clash("使用{ $engine }搜索", "使用{ $engine }搜寻")
    assert not names_clash("无法打开文件", "无法开启档案")
    # A LibreOffice help page's heading and summary between two aligned paragraphs: the
    # function names differ, so only the summaries pair.
    a = ["函数向导", "weeknum_ooo", "返回给定日期的日历周数。", "语法"]
    b = ["函数向导", "weeknum_add", fold("傳回給定日期的日曆週數。").text, "语法"]
    used = [True, False, False, True]
    assert gap_pairs([(0, 0, 0), (3, 3, 3)], a, b, used, used) == [(2, 2)]


FIREFOX = ROOT / "tests" / "data" / "firefox-messages-zh.tsv"


def test_a_freer_translation_pairs_by_its_place() -> None:
    pairs = compare_rows(read_rows(FIREFOX)).owners()
    # Worded apart (similarity 0.45 once folded), it is left between aligned neighbours with
    # as many paragraphs on each side (详细了解 / 了解更多 beside it, too short to judge).
    assert pairs["turn-off-scheduled-backups-description"] == (
        "turn-off-scheduled-backups-description"
    )
    assert all(a == b for a, b in pairs.items())

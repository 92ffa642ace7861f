"""Paragraphs that anchors and neighbours leave unpaired pair by likeness when unambiguous:
the messages of a real catalog, translated twice and shuffled on one side."""

from __future__ import annotations

import random

from diffkit import fold
from diffkit.leftovers import alike_pairs

from .conftest import ROOT
from .message_tables import compare_tables, read_rows

TAR = ROOT / "tests" / "data" / "tar-messages-zh.tsv"


def test_a_shuffled_catalog_pairs_its_messages_by_likeness() -> None:
    rows = read_rows(TAR)
    assert len(rows) == 80
    shuffled = [(k, tw) for k, _, tw in rows]
    random.Random(7).shuffle(shuffled)
    compared = compare_tables([(k, cn) for k, cn, _ in rows], shuffled)
    right = compared.right()
    # Anchors alone paired 9 of the 80 messages; by each one's clear best match, 57, and as an
    # assignment that no single change comes near (families of alike messages), 70, all right.
    assert len(right) >= 68
    assert len(right) >= 0.97 * len(compared.report.pairs)


def test_only_a_clear_best_match_pairs() -> None:
    keys_a = ["无法打开文件以读取", "无法打开文件以写入", "找不到这个命令的说明"]
    keys_b = ["无法打开文件以查看", "找不到这个命令的帮助说明"]
    # The first two of A are equally close to the first of B: neither pairs with it.
    pairs = alike_pairs(keys_a, keys_b, [False] * 3, [False] * 2)
    assert pairs == [(2, 1)]
    assert alike_pairs(keys_a, keys_b, [False, True, False], [False] * 2) == [(0, 0), (2, 1)]
    assert alike_pairs(["短的"], ["短的吗"], [False], [False]) == []


def test_a_family_of_alike_messages_pairs_as_a_whole() -> None:
    # Three messages of tar's catalogs (tests/data/tar-messages-zh.tsv): each zh_CN message is
    # about as close to every zh_TW one ("%s：...；未傾印"), so none is its counterparts' clear
    # best, but swapping any two counterparts costs more than the margin.
    cn = [
        "%s: 文件是归档文件；未输出",
        "%s: 文件未改变；未输出",
        "%s：文件名太长(不能被分割)；未输出",
    ]
    tw = ["%s：檔案沒有變更；未傾印", "%s：檔名太長 (無法分割)；未傾印", "%s：檔案是封存；未傾印"]
    keys_a, keys_b = [fold(t).text for t in cn], [fold(t).text for t in tw]
    assert alike_pairs(keys_a, keys_b, [False] * 3, [False] * 3) == [(0, 2), (1, 0), (2, 1)]


def test_short_messages_pair_when_alike_enough() -> None:
    keys_a = [fold(t).text for t in ("未知", "文件太大")]
    keys_b = [fold(t).text for t in ("不明", "檔案太大")]
    assert alike_pairs(keys_a, keys_b, [False] * 2, [False] * 2) == [(1, 1)]

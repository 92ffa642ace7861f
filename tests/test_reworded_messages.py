"""Translations that say the same words in another order pair by likeness: real catalog
messages (参数太多 / 太多參數, 无效的用户名 / 使用者名稱無效) shuffled on one side."""

from __future__ import annotations

from diffkit import fold
from diffkit.leftovers import alike_pairs, likeness

from .conftest import ROOT
from .message_tables import compare_tables

REWORDED = ROOT / "tests" / "data" / "catalog-reworded-zh.tsv"


def _rows() -> list[tuple[str, str, str]]:
    lines = REWORDED.read_text(encoding="utf-8").splitlines()
    return [(f"{p}:{k}", cn, tw) for p, k, cn, tw in (x.split("\t") for x in lines if x[0] != "#")]


def test_words_in_another_order_score_as_alike() -> None:
    a, b = fold("参数太多").text, fold("太多參數").text
    # In order, half the characters line up; in any order, all are shared.
    assert likeness([a], [b])[0, 0] == 0.75
    assert likeness([a], [a])[0, 0] == 1.0


def test_reworded_messages_of_a_shuffled_catalog_pair() -> None:
    rows = _rows()
    compared = compare_tables([(k, cn) for k, cn, _ in rows], [(k, tw) for k, _, tw in rows[::-1]])
    right = compared.right()
    # By the similarity of the keys in order, none of the 8 paired; counting the words in
    # any order too, 5, all right.
    assert len(right) == len(compared.report.pairs) >= 5


def test_likeness_keeps_a_family_apart() -> None:
    rows = _rows()
    a = [fold(cn).text for _, cn, _ in rows]
    b = [fold(tw).text for _, _, tw in rows]
    found = alike_pairs(a, b, [False] * len(a), [False] * len(b))
    assert all(i == j for i, j in found)

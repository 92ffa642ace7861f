"""Placeholders and markup weigh one character in dedupe's similarity and min_chars, on real
Firefox strings (tests/data/README.md names their source)."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffkit import Text, dedupe, fold
from diffkit.deduplication import pair_similarity, pair_similarity_of_keys
from diffkit.deduplication.placeholders import weighed

DATA = Path(__file__).parent / "data"
FIREFOX = [
    DATA / f"firefox-{name}-{locale}.txt"
    for name in ("about-dialog", "appmenu", "customize", "callouts")
    for locale in ("zh-cn", "zh-tw")
]


def test_different_messages_sharing_a_placeholder_are_not_alike() -> None:
    # The brand placeable outweighed the Chinese words, which have nothing in common: 0.81.
    assert (
        pair_similarity("{ -brand-short-name } 已是最新", "下載並安裝 { -brand-short-name }") < 0.3
    )


def test_messages_that_share_only_a_placeholder_form_no_cluster() -> None:
    # zh_TW app menu strings: "download the latest X", "your system is incompatible with the
    # latest X", "update X anyway" and "downloading the X update" were one cluster.
    assert dedupe(DATA / "firefox-appmenu-zh-tw.txt").clusters == ()


def test_copies_whose_markup_differs_still_cluster() -> None:
    report = dedupe(DATA / "firefox-about-dialog-zh-tw.txt")
    texts = [[m.text for m in c.members] for c in report.clusters]
    assert len(texts) == 2
    for first, second in texts:
        assert "<label " in first and "<a " in second
        assert first.split("<")[0] == second.split("<")[0]


def test_a_renamed_placeholder_is_one_change() -> None:
    a, b = fold("{ $count } 個檔案已刪除").text, fold("{ $number } 個檔案已刪除").text
    assert len(weighed(a)) == len(weighed(b)) == 7
    assert pair_similarity_of_keys(a, b) == pytest.approx(1 - 1 / 7)
    assert pair_similarity_of_keys(a, a.replace("count", "count ")) < 1.0


@pytest.mark.parametrize(
    ("token", "weight"),
    [
        ("%1$s", 1),
        ("%-10lu", 1),
        ("{$name}", 1),
        ('<a href="x">', 1),
        ("&amp;", 1),
        ("%的", 2),
        ("{$count->", 1),
        ("*[other]", 1),
        ("[file]", 1),
        ("[选项]", 4),
    ],
)
def test_each_token_is_one_character(token: str, weight: int) -> None:
    # Folded keys: no space beside Han text, Latin letters in lower case.
    assert len(weighed(token)) == weight


def test_min_chars_counts_a_placeholder_as_one_character() -> None:
    # Five Chinese characters and a placeable: 28 characters as its key, 6 weighed.
    message = "重启 { -brand-shorter-name } 以更新"
    text = Text(f"{message}\n\n{message}\n")
    assert dedupe(text, min_chars=20).clusters == ()
    assert dedupe(text, min_chars=6).clusters
    assert not dedupe(text, min_chars=7).clusters


def test_the_engine_weighs_placeholders_as_the_local_path_does(client: object) -> None:
    local = dedupe(FIREFOX, min_chars=8)
    assert local.clusters
    there = dedupe(FIREFOX, min_chars=8, engine="dask", scheduler=client)
    assert there.to_json() == local.to_json()

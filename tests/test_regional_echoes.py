"""A phrase whose table adds a character its context already holds folds without doubling it:
可執行檔 is 可执行文件, not 可可执行文件, so a Taiwan manual's 可執行檔 is no edit of content."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit
from diffkit.differences import apply_edits, diff
from diffkit.loading import load

DATA = Path(__file__).parent / "data"


def _excerpts(lines: str) -> tuple[Path, Path]:
    return DATA / f"bash-zh-cn-{lines}.1", DATA / f"bash-zh-tw-{lines}.1"


@pytest.mark.parametrize("lines", ["2846-2881", "4050-4056"])
def test_the_taiwan_manuals_executable_is_no_content_edit(lines: str) -> None:
    cn, tw = _excerpts(lines)
    assert "可執行檔" in tw.read_text(encoding="utf-8")
    report = diffkit.compare(cn, tw)
    contents = [e for p in report.pairs for e in p.edits if e.category == "content"]
    assert not any("可" in e.a_text + e.b_text for e in contents), contents
    for e in (e for p in report.pairs for e in p.edits if "檔" in e.b_text):
        assert e.category == "regional"


def test_the_fold_of_a_taiwan_line_holds_the_word_once_and_maps_back() -> None:
    tw = load(_excerpts("4050-4056")[1]).text
    line = next(x for x in tw.splitlines() if "可執行檔" in x)
    folded = diffkit.fold(line)
    assert "可执行" in folded.text and "可可" not in folded.text
    assert folded.text == diffkit.fold(load(_excerpts("4050-4056")[0]).text.splitlines()[4]).text
    a, b = "最后是可执行文件名进行匹配。", "最後是可執行檔名進行匹配。"
    result = diff(a, b)
    assert apply_edits(a, result.edits) == b
    for e in result.edits:
        assert (e.a_text, e.b_text) == (a[e.a_start : e.a_end], b[e.b_start : e.b_end])
    regional = [e for e in result.edits if e.category == "regional"]
    assert len(regional) == 1 and "文件" in regional[0].a_text and "檔" in regional[0].b_text
    assert "可" not in regional[0].a_text + regional[0].b_text
    assert result.counts()["content"] == 0


def test_a_character_the_table_substitutes_is_kept_though_its_neighbour_matches() -> None:
    # 設定 -> 设置 before 置換, 預設 -> 预设 before 設定: the tables translate these
    # characters, they do not add them; and a garble both sides share stays shared.
    for tw, cn in [("影像映射設定置換", "图像映射设置置换"), ("預設設定", "默认设置")]:
        assert diffkit.fold(tw).text == diffkit.fold(cn).text
        assert len(diffkit.fold(tw).text) == len(cn)
    assert diffkit.fold("進行程式碼檢查").text == diffkit.fold("进行代码检查").text

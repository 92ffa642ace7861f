"""An edit is ``regional`` only where its sides are counterparts in a direction that holds:
the regional fold makes different words one key for matching (OpenCC's 檔案 -> 文件 then the
glossary's 文件 -> 文档; the glossary's 进程/程序 after OpenCC's 程式 -> 程序), and such a
key must not hide a real change from a QA run that ignores regional edits."""

from __future__ import annotations

from pathlib import Path

import diffkit
from diffkit.differences import apply_edits, diff
from diffkit.regional import Glossary

DATA = Path(__file__).parent / "data"


def _messages() -> list[tuple[str, str]]:
    lines = (DATA / "catalog-counterparts-zh.tsv").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if not line.startswith("#")]  # type: ignore[misc]


def _edits(a: str, b: str, category: str) -> list[tuple[str, str]]:
    return [(e.a_text, e.b_text) for e in diff(a, b).edits if e.category == category]


def test_a_document_made_a_file_is_content_though_both_fold_to_one_key() -> None:
    for a, b in _messages()[:2]:
        assert diffkit.fold(a).text.count("文档") == diffkit.fold(b).text.count("文档") == 1
        assert ("文档", "檔案") in _edits(a, b, "content")
        assert not any("文档" in x for x, _ in _edits(a, b, "regional"))
        hidden = diff(a, b, ignore=["script", "regional", "punctuation", "whitespace"])
        assert hidden.edits


def test_help_stays_a_regional_word() -> None:
    a, b = _messages()[2]
    assert ("帮助", "說明") in _edits(a, b, "regional")


def test_a_regional_word_beside_a_real_change_is_cut_from_it() -> None:
    a, b = "请帮助进程的用途", "請說明程式的用途"
    assert diffkit.fold(a).text == diffkit.fold(b).text
    assert _edits(a, b, "regional") == [("帮助", "說明")]
    assert _edits(a, b, "content") == [("进程", "程式")]
    result = diff(a, b)
    assert apply_edits(a, result.edits) == b
    # The very words in their own conversion: no content.
    assert _edits("请说明程序的用途", "請說明程式的用途", "content") == []


def test_words_of_one_glossary_class_are_no_counterparts() -> None:
    # 拦截/封鎖 and 屏蔽/封鎖 make 拦截 and 屏蔽 one key; they are two mainland words.
    assert diffkit.fold("拦截").text == diffkit.fold("屏蔽").text
    assert _edits("拦截", "屏蔽", "content") == [("拦截", "屏蔽")]
    assert _edits("拦截", "封鎖", "regional") == [("拦截", "封鎖")]


def test_a_glossary_of_ones_own_makes_its_terms_counterparts() -> None:
    ours = Glossary((("菜单栏", "選單列"),), "ours")
    assert _edits("打开菜单栏", "開啟選單列", "content") != []
    result = diff("打开菜单栏", "開啟選單列", glossary=ours)
    kept = [e for e in result.edits if e.category != "script"]
    assert kept and all(e.category == "regional" for e in kept)
    assert any("菜单栏" in e.a_text and "選單列" in e.b_text for e in kept)


def test_the_manuals_executable_file_with_its_last_character_folds_whole() -> None:
    # The Taiwan manual writes 可執行檔案, a word OpenCC's tables hold only as 執行檔: the
    # table cuts 可執行檔|案, so the glossary's entry is looked for where the tables leave it.
    cn, tw = DATA / "bash-zh-cn-2846-2881.1", DATA / "bash-zh-tw-2846-2881.1"
    assert "可執行檔案" in tw.read_text(encoding="utf-8")
    report = diffkit.compare(cn, tw)
    edits = [e for p in report.pairs for e in p.edits]
    assert not [e for e in edits if e.category == "content"]
    whole = [e for e in edits if e.b_text == "可執行檔案"]
    assert len(whole) == 3 and all(e.a_text == "可执行文件" for e in whole)
    assert all(e.category == "regional" for e in whole)
    a, b = cn.read_text(encoding="utf-8"), tw.read_text(encoding="utf-8")
    for e in whole:
        assert a[e.a_start : e.a_end] == e.a_text and b[e.b_start : e.b_end] == e.b_text
    line = next(x for x in b.splitlines() if "可執行檔案" in x)
    folded = diffkit.fold(line)
    at = folded.text.index("可执行文件")
    start, end = folded.original_range(at, at + len("可执行文件"))
    assert line[start:end] == "可執行檔案"


def test_dedupe_reads_a_glossary_of_ones_own_as_compare_does(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "打开菜单栏可以看到所有的功能和设置选项，这里有很多内容。\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(
        "開啟選單列可以看到所有的功能和設定選項，這裡有很多內容。\n", encoding="utf-8"
    )
    (tmp_path / "ours.tsv").write_text("菜单栏\t選單列\n", encoding="utf-8")
    inputs = [tmp_path / "a.txt", tmp_path / "b.txt"]

    def edits(**options: object) -> list[tuple[str, str, str]]:
        report = diffkit.dedupe(inputs, workers=1, **options)  # type: ignore[arg-type]
        return [
            (e.category, e.a_text, e.b_text)
            for c in report.clusters
            for m in c.members
            for e in m.edits or ()
        ]

    assert "content" in {category for category, _, _ in edits()}
    ours = edits(glossary=tmp_path / "ours.tsv")
    assert ours and {category for category, _, _ in ours} <= {"script", "regional"}
    assert any(
        category == "regional" and "菜单栏" in x and "選單列" in y for category, x, y in ours
    )

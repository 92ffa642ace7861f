"""Regional wording: Taiwan and Hong Kong phrasing folds to mainland phrasing for matching, and
what differs only so is a ``regional`` edit, never ``content``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from opencc_pyo3 import OpenCC

import diffkit
from diffkit.cli import cli
from diffkit.comparison import compare
from diffkit.differences import apply_edits, diff
from diffkit.folding import fitted, fold, resolve_profile
from diffkit.loading import from_text
from diffkit.regional import default_glossary

from .conftest import NEWS_2023_TRAD, REPORT_2021, SEEDS, SPEECH_2020, SPEECH_2023_SIMP

SIMPLIFIED = [p for p in SEEDS if p != NEWS_2023_TRAD]


@pytest.mark.parametrize(("mainland", "regional"), default_glossary().entries)
def test_every_glossary_entry_folds_together_and_is_a_regional_edit(
    mainland: str, regional: str
) -> None:
    a = f"请在这里{mainland}，然后继续。"
    b = (
        OpenCC("s2twp").convert("请在这里")
        + f"{regional}，"
        + OpenCC("s2twp").convert("然后继续。")
    )
    assert fold(a).text == fold(b).text
    result = diff(a, b)
    assert apply_edits(a, result.edits) == b
    assert result.counts()["content"] == 0
    assert any(e.category == "regional" for e in result.edits)


def test_a_taiwan_phrased_sentence_pairs_with_its_original() -> None:
    # Folding script alone leaves these two with no run of eight characters in common.
    cn = "如果要创建新的文件，请先扩展内存，然后用程序设置默认的命令。"
    tw = OpenCC("s2twp").convert(cn).replace("命令", "指令")
    assert fold(cn, skip=["regional"]).text != fold(tw, skip=["regional"]).text
    report = compare(from_text(cn, name="cn"), from_text(tw, name="tw"))
    assert len(report.pairs) == 1 and report.pairs[0].kind == "equivalent"
    assert report.counts()["content"] == 0
    unfolded = compare(from_text(cn), from_text(tw), skip=["regional"])
    assert not unfolded.pairs or unfolded.counts()["content"] > 0


@pytest.mark.parametrize("config", ["s2twp", "s2hk", "s2t"])
@pytest.mark.parametrize("path", SIMPLIFIED, ids=lambda p: p.name)
def test_a_converted_copy_shows_no_content_edit(path: Path, config: str) -> None:
    text = path.read_text(encoding="utf-8")
    converted = OpenCC(config).convert(text)
    report = compare(from_text(text, name="a"), from_text(converted, name="b"))
    assert report.counts()["content"] == 0
    assert not report.unmatched_a and not report.unmatched_b
    ignored = ["script", "regional", "punctuation", "whitespace"]
    assert compare(from_text(text), from_text(converted), ignore=ignored).exit_code == 0


def test_a_space_beside_a_regional_phrase_is_no_content_edit() -> None:
    cn = "我们需要创建 文件和扩展内存。"
    tw = OpenCC("s2twp").convert(cn)
    ignored = ["script", "regional", "punctuation", "whitespace"]
    assert compare(from_text(cn), from_text(tw), ignore=ignored).exit_code == 0


def test_regional_edits_point_into_the_originals() -> None:
    cn = "请先创建一个文件，再扩展内存。"
    tw = "請先建立一個檔案，再擴充套件記憶體。"
    edits = [e for e in diff(cn, tw).edits if e.category == "regional"]
    assert {(e.a_text, e.b_text) for e in edits} >= {("创建", "建立"), ("文件", "檔案")}
    for e in edits:
        assert cn[e.a_start : e.a_end] == e.a_text and tw[e.b_start : e.b_end] == e.b_text


def test_a_glossary_term_met_across_two_words_is_left_alone() -> None:
    # 品质 stands inside 产品质量 across two words; with 质量/品質 in the glossary, the
    # mainland text must not become 产质量量.
    glossary = diffkit.Glossary((("质量", "品質"),))
    profile = resolve_profile("default", glossary=glossary)
    assert fold("产品质量", profile=profile).text == fold("產品品質", profile=profile).text
    assert fold("产品质量", profile=profile).text == "产品质量"


def test_a_glossary_of_ones_own_from_the_api_and_the_cli(tmp_path: Path) -> None:
    terms = tmp_path / "terms.tsv"
    terms.write_text("# ours\n质量\t品質\n", encoding="utf-8")
    a, b = "产品的质量很好。", "產品的品質很好。"
    assert diff(a, b).counts()["content"] == 1
    assert diff(a, b, glossary=terms).counts()["content"] == 0
    assert diff(a, b, glossary=diffkit.load_glossary(terms)).counts()["regional"] == 1
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    ignore = ["--ignore", "script,regional"]
    args = ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), *ignore]
    assert CliRunner().invoke(cli, args).exit_code == 1
    assert CliRunner().invoke(cli, [*args, "--glossary", str(terms)]).exit_code == 0
    bad = tmp_path / "bad.tsv"
    for line in ("质量 品質\n", "质量\t品質\t品质\n"):  # one column, three
        bad.write_text(line, encoding="utf-8")
        result = CliRunner().invoke(cli, [*args, "--glossary", str(bad)])
        assert result.exit_code == 2 and "bad.tsv: line 1" in result.output


def test_regional_folding_is_left_out_only_where_no_text_is_traditional() -> None:
    profile = resolve_profile("default")
    simplified = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    traditional = NEWS_2023_TRAD.read_text(encoding="utf-8")
    assert "regional" not in fitted(profile, [simplified]).steps
    assert "regional" in fitted(profile, [simplified, traditional]).steps
    assert "regional" not in resolve_profile("default", skip=["script"]).steps
    report = compare(SPEECH_2020, REPORT_2021)
    assert "regional" not in report.steps


@pytest.mark.parametrize(
    ("cn", "tw", "change"),
    [
        ("请创建新文件", "請建立舊檔案", ("新", "舊")),
        ("默认打开文本", "預設關閉文字", ("打开", "關閉")),
        ("支持多个用户", "支援單一使用者", ("多个", "單一")),
        ("点击菜单保存", "按一下功能表刪除", ("保存", "刪除")),
    ],
)
def test_a_real_change_between_regional_words_is_the_only_content(
    cn: str, tw: str, change: tuple[str, str]
) -> None:
    edits = diff(cn, tw).edits
    assert [(e.a_text, e.b_text) for e in edits if e.category == "content"] == [change]
    assert sum(e.category == "regional" for e in edits) >= 1
    assert apply_edits(cn, edits) == tw


@pytest.mark.parametrize("path", SIMPLIFIED, ids=lambda p: p.name)
def test_each_regional_replacement_is_a_phrase_and_they_make_the_conversion(path: Path) -> None:
    from diffkit.regional import regional_replacements

    taiwan = OpenCC("s2twp").convert(path.read_text(encoding="utf-8"))
    text = fold(taiwan, profile=resolve_profile("script")).text
    after, replacements = regional_replacements(text)
    out, at = [], 0
    for start, end, piece in replacements:
        assert at <= start <= end and end - start <= 2 * 3 + 8, (start, end, piece)
        out += [text[at:start], piece]
        at = end
    assert "".join([*out, text[at:]]) == after
    assert len(replacements) > 10


def test_a_glossary_of_the_wrong_type_is_a_usage_error() -> None:
    with pytest.raises(diffkit.UsageError, match="glossary must be"):
        diffkit.diff("文件", "檔案", glossary=3)  # type: ignore[arg-type]
    with pytest.raises(diffkit.InputError, match=r"missing\.tsv"):
        diffkit.compare("文件\n", "檔案\n", glossary="missing.tsv")


def test_dedupe_finds_a_taiwan_phrased_copy_of_each_paragraph() -> None:
    text = REPORT_2021.read_text(encoding="utf-8")
    taiwan = OpenCC("s2twp").convert(text)
    report = diffkit.dedupe([from_text(text, name="cn.txt"), from_text(taiwan, name="tw.txt")])
    crossing = [
        c for c in report.clusters if {m.span.path for m in c.members} == {"cn.txt", "tw.txt"}
    ]
    paragraphs = [s for s in diffkit.segments(text) if len(s.folded) >= 20]
    assert len(crossing) >= 0.95 * len(paragraphs)
    # The Taiwan wording folds away: each copy is an exact repeat once folded.
    assert all(c.similarity == 1.0 for c in crossing)
    unfolded = diffkit.dedupe(
        [from_text(text, name="cn.txt"), from_text(taiwan, name="tw.txt")], skip=["regional"]
    )
    assert any(c.similarity < 1.0 for c in unfolded.clusters)

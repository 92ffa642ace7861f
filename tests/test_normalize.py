"""Folding: each step on real noise from the samples, and the offset map's guarantees."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import given

import diffkit
from diffkit.folding import fold, fold_pieces, resolve_profile

from .conftest import NEWS_2023_TRAD, REPORT_2016
from .strategies import documents


def test_width_folds_full_width_letters_and_digits() -> None:
    assert fold("ＡＢＣ１２３", skip=["case"]).text == "ABC123"


def test_whitespace_around_cjk_vanishes_and_latin_runs_collapse() -> None:
    assert fold("委托， 向大会\n\n报告工作").text == "委托,向大会报告工作"
    assert fold("hello \n\u00a0 world").text == "hello world"


def test_pdf_spaces_of_the_2016_report_all_fold_away() -> None:
    text = REPORT_2016.read_text(encoding="utf-8")
    runs = len(re.findall(r"(?<=[\u4e00-\u9fff，、。]) +|  +(?=[\u4e00-\u9fff])", text))
    assert runs > 900
    folded = fold(text).text
    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", folded)


def test_pinyin_annotations_are_removed_but_real_parentheses_stay() -> None:
    assert fold("完成(chéng)各項").text == "完成各项"
    assert fold("發(fā)表").text == "发表"
    assert fold("(2023年12月27日)").text == "(2023年12月27日)"
    assert fold("(市十六届人大三次会议通过)").text == "(市十六届人大三次会议通过)"
    assert fold("衡阳(hengyang)").text == "衡阳(hengyang)"


def test_all_96_annotations_of_the_traditional_news_are_removed() -> None:
    text = NEWS_2023_TRAD.read_text(encoding="utf-8")
    notes = re.findall(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]", text)
    assert len(notes) == 96
    folded = fold(text, skip=["script"]).text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", folded)


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("著", "着"),
        ("甚麼", "什么"),
        ("乾淨", "干净"),
        ("幹部", "干部"),
        ("後來", "后来"),
        ("頭髮", "头发"),
        ("妳", "你"),
        ("鬪", "斗"),
        ("衆", "众"),
        ("爲", "为"),
        ("裏", "里"),
    ],
)
def test_script_folds_traditional_and_variants_to_simplified(
    traditional: str, simplified: str
) -> None:
    assert fold(traditional).text == fold(simplified).text == simplified


def test_script_does_not_rewrite_words() -> None:
    assert fold("建立", skip=["regional"]).text == "建立"
    assert fold("檔案", skip=["regional"]).text == "档案"


def test_punctuation_marks_fold_to_one_form() -> None:
    assert fold("，；：！？").text == fold(",;:!?").text
    assert fold('“引”「引」"引"').text == '"引""引""引"'


@pytest.mark.parametrize(
    ("step", "text"),
    [
        ("width", "ＡＢ"),
        ("whitespace", "a  b"),
        ("annotation", "發(fā)"),
        ("script", "發"),
        ("punctuation", "「」"),
        ("case", "A"),
    ],
)
def test_each_step_can_be_switched_off_by_name(step: str, text: str) -> None:
    assert fold(text).text != fold(text, skip=[step]).text
    assert fold(text, profile="none").text == text


def test_unknown_step_or_profile_is_a_usage_error() -> None:
    with pytest.raises(diffkit.UsageError, match="unknown fold step"):
        fold("x", skip=["colour"])
    with pytest.raises(diffkit.UsageError, match="unknown fold profile"):
        resolve_profile("loud")


def test_map_points_each_folded_character_at_its_original() -> None:
    text = "完成(chéng)各項 ， 勝利"
    f = fold(text)
    pieces = [text[s:e] for s, e in zip(f.starts, f.ends, strict=True)]
    assert pieces == ["完", "成", "各", "項", "，", "勝", "利"]


def test_fold_pieces_equals_folding_each_piece_alone() -> None:
    text = "發(fā)表\n\n  委托， 向\n大会 \n\nHello World"
    bounds = [(0, 6), (10, 18), (21, 32)]
    together = fold_pieces(text, bounds)
    for (s, e), piece in zip(bounds, together, strict=True):
        alone = fold(text[s:e])
        assert piece.text == alone.text
        assert (piece.starts - s).tolist() == alone.starts.tolist()


@given(documents)
def test_offset_map_is_monotone_and_inside_the_original(text: str) -> None:
    f = fold(text)
    assert len(f.starts) == len(f.ends) == len(f.text)
    if len(f.text):
        assert np.all(np.diff(f.starts) >= 0)
        assert np.all(np.diff(f.ends) >= 0)
        assert np.all(f.starts < f.ends)
        assert f.starts.min() >= 0 and f.ends.max() <= len(text)


@given(documents)
def test_folding_is_idempotent(text: str) -> None:
    once = fold(text).text
    assert fold(once).text == once


@given(documents)
def test_a_folded_character_comes_from_non_space_original_text(text: str) -> None:
    f = fold(text)
    for i, ch in enumerate(f.text):
        if ch != " ":
            assert text[f.starts[i] : f.ends[i]].strip() != ""


def test_a_sentence_folded_alone_folds_as_inside_its_paragraph() -> None:
    # The line break between two digits after a full stop: the sentence that starts there,
    # folded alone, has no CJK text around the break, and neither has it in its paragraph.
    from diffkit.loading import from_text
    from diffkit.segmentation import segment

    for text in ("。0\n0", "好。5\n0周年", "成立7\n5周年。0\n0"):
        for s in segment(from_text(text)).sentences():
            assert fold(s.text).text == s.folded, (text, s.text)

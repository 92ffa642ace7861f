"""compare: alignment across script, wrapping and order, with every difference classified."""

from __future__ import annotations

import multiprocessing
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from opencc_pyo3 import OpenCC

import diffkit
from diffkit.comparison import CompareReport, compare
from diffkit.differences import (
    _CLASSIFIED,
    _FOLDS,
    _FORMS,
    _convert_all,
    _regional,
    apply_edits,
    classify,
    classify_all,
    diff,
    diff_raw_many,
)
from diffkit.folding import fold
from diffkit.loading import Text, from_text

from .conftest import NEWS_2023_TRAD, REPORT_2016, REPORT_2021, SPEECH_2020, SPEECH_2023_SIMP
from .strategies import documents


@pytest.fixture(scope="module")
def speech_report() -> CompareReport:
    return compare(NEWS_2023_TRAD, SPEECH_2023_SIMP)


def _pairs_of(report: CompareReport, a_line: int) -> list[tuple[int, int]]:
    return [(p.b.start_line, p.b.end_line) for p in report.pairs if p.a.start_line == a_line]


def test_every_quoted_paragraph_of_the_news_is_paired(speech_report: CompareReport) -> None:
    for line in (33, 35, 37, 39, 41, 43, 45, 47, 51):
        assert _pairs_of(speech_report, line), line
    assert (23, 25) in _pairs_of(speech_report, 43) and (29, 29) in _pairs_of(speech_report, 43)
    assert {(31, 33), (41, 43)} <= set(_pairs_of(speech_report, 45))
    assert {(35, 37), (45, 47)} <= set(_pairs_of(speech_report, 47))


def test_same_text_once_folded_shows_no_content_edit(speech_report: CompareReport) -> None:
    pair = next(p for p in speech_report.pairs if p.a.start_line == 45 and p.b.start_line == 31)
    assert pair.kind == "equivalent"
    assert not [e for e in pair.edits if e.category == "content"]
    assert {e.category for e in pair.edits} <= {"script", "annotation", "punctuation", "whitespace"}


def test_real_wording_change_is_content(speech_report: CompareReport) -> None:
    pair = next(p for p in speech_report.pairs if p.a.start_line == 47 and p.b.start_line == 35)
    content = [(e.a_text, e.b_text) for e in pair.edits if e.category == "content"]
    assert ("緻富", "富裕") in content


def test_headline_and_placeholders_stay_unmatched(speech_report: CompareReport) -> None:
    lines = {s.span.start_line for s in speech_report.unmatched_a}
    assert {1, 5, 9, 13, 49} <= lines
    paired = {p.a.start_line for p in speech_report.pairs}
    assert not paired & {1, 3, 5, 7, 9, 13}


def test_edits_rebuild_b_and_point_into_the_files(speech_report: CompareReport) -> None:
    a_text = NEWS_2023_TRAD.read_text(encoding="utf-8")
    b_text = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    for pair in speech_report.pairs:
        assert a_text[pair.a.start : pair.a.end] == pair.a_text
        assert b_text[pair.b.start : pair.b.end] == pair.b_text
        assert apply_edits(pair.a_text, pair.edits, a_base=pair.a.start) == pair.b_text
        for e in pair.edits:
            assert a_text[e.a_start : e.a_end] == e.a_text
            assert b_text[e.b_start : e.b_end] == e.b_text


def test_pairs_diffed_together_are_diffed_as_alone(speech_report: CompareReport) -> None:
    texts = [(p.a_text, p.b_text) for p in speech_report.pairs]
    texts += [("", "发展"), ("發展", ""), ("相同", "相同"), ("  ", " "), ("a b", "ab")]
    random.Random(5).shuffle(texts)
    # Neighbours whose offsets happen to line up across the boundary between two pairs.
    texts += [("發", "發展"), ("\n开，", " 开(fā)"), ("发后开", "後"), ("A", "a開發開")]
    texts += [("\n。\n", " 。(fā)开"), ("。開发", "a 展(fā)")]
    pairs = [(a, fold(a), b, fold(b)) for a, b in texts]
    together = diff_raw_many(pairs)
    assert together == [diff_raw_many([p])[0] for p in pairs]
    assert sum(map(len, together)) > len(pairs)


def test_regional_wording_found_on_first_sight_as_when_known() -> None:
    # Taiwan phrasing (s2twp) of the speech: the first pass meets every regional word unknown
    # and converts them in batches; the second finds them all known already.
    twp = OpenCC("s2twp")
    paragraphs = [p for p in SPEECH_2023_SIMP.read_text(encoding="utf-8").split("\n\n") if p]
    pairs = [(p, fold(p), twp.convert(p), fold(twp.convert(p))) for p in paragraphs]
    _regional.cache_clear()
    _FORMS.clear()
    first = diff_raw_many(pairs)
    assert first == diff_raw_many(pairs)
    regional = [
        (a[e[0] : e[1]], b[e[2] : e[3]])
        for (a, _, b, _), raw in zip(pairs, first, strict=True)
        for e in raw
        if e[4] == "regional"
    ]
    assert {("项目", "專案"), ("数据", "資料")} <= set(regional)


@pytest.mark.parametrize(
    "path", [SPEECH_2023_SIMP, SPEECH_2020, REPORT_2021, REPORT_2016], ids=lambda p: p.name
)
def test_taiwan_phrasing_of_a_document_shows_no_content_edit(path: Path) -> None:
    # s2twp changes words (支持 -> 支援, 在线 -> 線上, 算法 -> 演算法): the diff trims what
    # the two sides share or splits a word around a converted character, and each cut word is
    # regional once its neighbours are taken in; no word is a content change.
    text = path.read_text(encoding="utf-8")
    taiwan = OpenCC("s2twp").convert(text)
    result = diff(text, taiwan)
    assert apply_edits(text, result.edits) == taiwan
    assert result.counts()["content"] == 0
    regional = {(e.a_text, e.b_text) for e in result.edits if e.category == "regional"}
    assert all(_regional(a, b) for a, b in regional)
    if path == REPORT_2021:
        assert {
            ("支持", "支援"),
            ("在线", "線上"),
            ("创建", "建立"),
            ("优化", "最佳化"),
        } <= regional


@pytest.mark.parametrize(
    ("a", "b"), [("支持", "支援"), ("我们支持。", "我们支援。"), ("预算法", "预演算法")]
)
def test_a_cut_regional_word_alone_is_regional(a: str, b: str) -> None:
    # No script edit beside it: the word is the only difference the two sides have.
    edits = diff(a, b).edits
    assert [e.category for e in edits] == ["regional"]
    assert apply_edits(a, edits) == b


def test_edit_sides_classified_in_a_batch_as_one_at_a_time() -> None:
    # The batch folds every side in one joined fold a probe; each must fold as if alone.
    text = NEWS_2023_TRAD.read_text(encoding="utf-8")
    simplified = OpenCC("hk2s").convert(text)
    assert len(simplified) == len(text)
    pairs = sorted({(a, b) for a, b in zip(text, simplified, strict=True) if a != b})
    pairs += [(text[i : i + n], simplified[i : i + n]) for n in (2, 7) for i in range(0, 900, 45)]
    pairs += [
        ("(chéng)", ""),
        (" \n", ""),
        ("，", ","),
        ("Ａ", "a"),
        ("１２", "12"),
        ("Word", "word"),
        ("", "\u3000"),
    ]

    def forget() -> None:
        classify.cache_clear()
        _FOLDS.clear()
        _CLASSIFIED.clear()

    forget()
    classify_all(pairs)
    assert len(_FOLDS) > len(pairs)
    batched = [classify(a, b) for a, b in pairs]
    forget()
    alone = [classify(a, b) for a, b in pairs]
    assert batched == alone
    assert {"script", "punctuation", "annotation", "width", "case", "whitespace"} <= {
        c for c, _ in batched
    }


def _convert_in_worker(texts: list[str]) -> list[tuple[str, ...]]:
    _FORMS.clear()
    _convert_all(texts)
    return [_FORMS[t] for t in texts]


def test_batched_conversion_runs_in_a_forked_worker() -> None:
    # A large conversion starts OpenCC's thread pool; a forked child that handed OpenCC a
    # large batch would wait for the pool's threads for ever.
    text = NEWS_2023_TRAD.read_text(encoding="utf-8")
    OpenCC("hk2s").convert(text * 20)
    words = sorted({text[i : i + n] for n in (2, 3, 5) for i in range(0, len(text) - n, 7)})
    words = [w for w in words if "\n" not in w]
    with multiprocessing.get_context("fork").Pool(1) as pool:
        forms = pool.apply_async(_convert_in_worker, (words,)).get(timeout=60)
    converters = [OpenCC(c) for c in ("tw2sp", "hk2s", "s2twp")]
    assert forms == [tuple(cc.convert(w) for cc in converters) for w in words]


@pytest.mark.parametrize("path", [SPEECH_2023_SIMP, SPEECH_2020, REPORT_2016], ids=lambda p: p.name)
def test_document_against_its_traditional_conversion(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = compare(
        from_text(text, name="simp"), from_text(OpenCC("s2t").convert(text), name="trad")
    )
    assert report.similarity >= 0.99
    assert report.counts()["content"] == 0
    assert report.counts()["script"] > 0


def _rewrap(paragraphs: list[str], width: int) -> str:
    flat = [p.replace("\n", "") for p in paragraphs]
    return "\n\n".join("\n".join(p[i : i + width] for i in range(0, len(p), width)) for p in flat)


def test_document_against_itself_rewrapped() -> None:
    text = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    paragraphs = [p.text for p in diffkit.segments(text)]
    for width in (17, 26):
        report = compare(from_text(text, name="a"), from_text(_rewrap(paragraphs, width), name="b"))
        assert report.similarity >= 0.99
        assert report.counts()["content"] == 0
        assert report.counts()["whitespace"] > 0


def test_document_against_itself_rewrapped_and_shuffled() -> None:
    text = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    paragraphs = [p.text for p in diffkit.segments(text)]
    for seed in range(7, 13):
        random.Random(seed).shuffle(paragraphs)
        report = compare(from_text(text, name="a"), from_text(_rewrap(paragraphs, 26), name="b"))
        assert report.similarity >= 0.99
        assert report.counts()["content"] == 0
        assert any(p.moved for p in report.pairs)


def test_ignoring_the_non_content_categories_makes_a_qa_check_pass() -> None:
    text = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    trad = from_text(OpenCC("s2t").convert(text), name="trad")
    assert compare(from_text(text), trad).exit_code == 1
    assert (
        compare(from_text(text), trad, ignore=["script", "punctuation", "whitespace"]).exit_code
        == 0
    )


def test_marks_added_dropped_or_changed_are_punctuation_edits() -> None:
    # Re-punctuated, as an editor or an OCR pass does: full stops inside a paragraph made
    # semicolons, commas dropped, an exclamation mark added after each colon.
    text = REPORT_2021.read_text(encoding="utf-8")
    marked = re.sub("。(?!\n)", "；", text).replace("，", "").replace("：", "：！")
    assert marked.count("\n") == text.count("\n") and marked != text
    report = compare(from_text(text, name="a"), from_text(marked, name="b"))
    counts = report.counts()
    assert counts["content"] == 0 and counts["punctuation"] > 20
    edits = [e for p in report.pairs for e in p.edits]
    assert {(e.a_text, e.b_text) for e in edits} >= {("。", "；"), ("，", ""), ("", "！")}
    assert compare(from_text(text), from_text(marked), ignore=["punctuation"]).exit_code == 0


def test_a_latin_mark_and_its_space_are_one_punctuation_edit() -> None:
    dropped = diffkit.diff("Hello, world", "Hello world").edits
    assert [(e.category, e.a_text, e.b_text) for e in dropped] == [("punctuation", ",", "")]
    # A copy of a real paragraph in ASCII marks, each comma with its space.
    text = next(p.text for p in diffkit.segments(REPORT_2021) if p.text.count("，") >= 3)
    latin = text.replace("，", ", ").replace("。", ".")
    edits = diffkit.diff(text, latin).edits
    assert {e.category for e in edits} == {"punctuation"}
    assert {(e.a_text, e.b_text) for e in edits} == {("，", ", "), ("。", ".")}
    report = compare(from_text(text), from_text(latin), ignore=["punctuation"])
    assert report.exit_code == 0


@settings(max_examples=60)
@given(documents, documents)
def test_edits_turn_a_into_b_and_lie_inside_the_files(a: str, b: str) -> None:
    report = compare(from_text(a, name="a"), from_text(b, name="b"), min_chars=4, k=4)
    for pair in report.pairs:
        assert 0 <= pair.a.start <= pair.a.end <= len(a)
        assert 0 <= pair.b.start <= pair.b.end <= len(b)
        assert apply_edits(pair.a_text, pair.edits, a_base=pair.a.start) == pair.b_text


@settings(max_examples=60)
@given(documents, documents)
def test_diff_of_two_strings_rebuilds_the_second(a: str, b: str) -> None:
    # Text(...): a one-word string such as 一.0 would otherwise be taken for a file's name.
    assert apply_edits(a, diff(Text(a), Text(b)).edits) == b


@settings(max_examples=60)
@given(documents)
def test_compare_with_itself_pairs_every_paragraph_with_itself(text: str) -> None:
    doc = from_text(text, name="a")
    report = compare(doc, doc)
    assert all(not p.edits for p in report.pairs)
    assert report.exit_code == 0
    selves = {(p.a.start, p.b.start) for p in report.pairs}
    for seg in diffkit.segments(doc):
        if seg.folded:
            assert (seg.span.start, seg.span.start) in selves


def test_report_round_trips_through_json(speech_report: CompareReport) -> None:
    import json

    again = CompareReport.from_dict(json.loads(speech_report.to_json()))
    assert again == speech_report

"""compare's alignment on repetitive text: bounded anchors, repeats paired in order, short
passages paired by their neighbours, progress and cancellation inside the stages."""

from __future__ import annotations

import json
import random

import pytest

import diffkit
from diffkit.comparison import Cancelled, CompareReport, compare
from diffkit.folding import fold
from diffkit.loading import from_text
from diffkit.seeds import seed_runs

from .conftest import NEWS_2023_TRAD, ROOT, SPEECH_2020, SPEECH_2023_SIMP

# Section 1.2 of the Debian Reference (debian-reference-zh-cn / -zh-tw 2.100, GPL-2+, by
# Osamu Aoki and its translators), from the packages' plain-text exports: the two editions
# share their line layout, with 注意/提示 headings and ASCII table borders by the dozen.
MANUAL_CN = ROOT / "tests" / "data" / "debian-reference-1.2.zh-cn.txt"
MANUAL_TW = ROOT / "tests" / "data" / "debian-reference-1.2.zh-tw.txt"
HEADINGS = ("注意", "提示")


@pytest.fixture(scope="module")
def manual() -> diffkit.CompareReport:
    return compare(MANUAL_CN, MANUAL_TW)


def test_repeated_headings_pair_with_the_copy_in_the_same_place(
    manual: diffkit.CompareReport,
) -> None:
    a_lines = [s.span.start_line for s in diffkit.segments(MANUAL_CN) if s.text.strip() in HEADINGS]
    paired = {p.a.start_line: p.b.start_line for p in manual.pairs if p.a_text.strip() in HEADINGS}
    assert len(a_lines) >= 10
    # The editions keep one line layout around the headings: each counterpart is on its line.
    assert paired == {line: line for line in a_lines}


def test_no_pair_of_an_unreordered_translation_is_marked_moved(
    manual: diffkit.CompareReport,
) -> None:
    borders = [p for p in manual.pairs if set(p.a_text.strip()) <= set("+-|")]
    assert len(borders) >= 40
    assert not [p for p in manual.pairs if p.moved]
    b_lines = [p.b.start_line for p in sorted(manual.pairs, key=lambda p: p.a.start)]
    assert b_lines == sorted(b_lines)


def test_short_passages_pair_between_aligned_neighbours() -> None:
    # Two years of the same closing speech: the title, the date and the resolutions'
    # captions differ only in their numbers, too short to be found by anchors.
    report = compare(SPEECH_2020, SPEECH_2023_SIMP)
    pairs = {(p.a_text, p.b_text): (p.a.start_line, p.b.start_line) for p in report.pairs}
    assert pairs[
        ("在市十五届人大七次会议闭幕会上的讲话", "在市十六届人大三次会议闭幕会上的讲话")
    ] == (5, 5)
    assert pairs[("(2020年1月10日)", "(2023年12月27日)")] == (9, 9)
    captions = sorted(
        (p.a.start_line, p.b.start_line)
        for p in report.pairs
        if p.a_text == "(市十五届人大七次会议通过)"
    )
    assert captions == [(63, 57), (109, 99), (125, 105), (139, 117)]
    assert not any(p.moved for p in report.pairs if p.a_text.startswith("(市十五届"))


def test_repeated_near_copies_give_anchors_in_order_not_every_pairing() -> None:
    # A real paragraph in 40 near copies on each side (one character changed in each copy,
    # the same on both sides): pairing every copy with every other would give 1,600
    # diagonals; taken in order, the copies pair one to one.
    paragraph = next(p.folded for p in diffkit.segments(SPEECH_2023_SIMP) if len(p.folded) > 80)
    rng = random.Random(3)
    copies = []
    for _ in range(40):
        k = rng.randrange(len(paragraph))
        copies.append(paragraph[:k] + "〇" + paragraph[k + 1 :])
    text = "".join(copies)
    runs = seed_runs(text, text)
    assert len(runs) <= 4 * len(copies)
    assert sum(r.length for r in runs if r.a == r.b) >= 0.9 * len(text)


def test_a_passage_repeated_on_one_side_pairs_with_each_copy() -> None:
    text = fold(SPEECH_2023_SIMP.read_text(encoding="utf-8")).text
    passage = text[1000:1300]
    runs = seed_runs(passage, text[:2000] + passage + text[2000:3000] + passage)
    found = {r.b for r in runs if r.length >= 200}
    assert {1000, 2000, 3300} <= found


def test_progress_moves_inside_the_stages_and_cancel_stops_the_alignment() -> None:
    a = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    b = "\n\n".join(reversed(a.split("\n\n")))
    seen: list[tuple[str, float]] = []
    compare(from_text(a), from_text(b), progress=lambda stage, f: seen.append((stage, f)))
    fractions = [f for _, f in seen]
    assert fractions == sorted(fractions)
    for stage in ("anchors", "align"):
        assert len({f for s, f in seen if s == stage}) >= 2, stage

    stages: list[str] = []

    def cancel() -> bool:
        return "align" in stages

    with pytest.raises(Cancelled):
        compare(from_text(a), from_text(b), progress=lambda s, _: stages.append(s), cancel=cancel)
    assert "diff" not in stages


def test_a_paragraph_cut_elsewhere_on_the_other_side_is_no_content_edit() -> None:
    # The news quotes the speech in paragraphs cut at other places: its paragraph at line 43
    # starts at 一流的志氣, inside the speech's paragraph of lines 27-29. The pair covers what
    # matched, from line 29, not the speech's 要紧紧围绕“办会兴城、立标打 before it.
    report = compare(NEWS_2023_TRAD, SPEECH_2023_SIMP)
    pair = next(p for p in report.pairs if p.a.start_line == 43 and p.b.end_line == 29)
    assert pair.b.start_line == 29 and pair.b_text.startswith("一流的志气")
    assert not [e for e in pair.edits if e.category == "content"]


def test_the_streamed_json_report_is_the_whole_one(manual: diffkit.CompareReport) -> None:
    whole = manual.to_json()
    assert "".join(manual.json_chunks()) == whole
    assert b"".join(manual.json_bytes()) == whole.encode("utf-8")
    assert CompareReport.from_dict(json.loads(whole)).pairs == manual.pairs

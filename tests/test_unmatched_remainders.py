"""Nothing is lost from a comparison: what a pair leaves of its paragraph is unmatched.

Every non-blank character of both inputs that folding keeps lies in a pair's span or in
exactly one unmatched passage's span, never both (two copies of a repeated passage may each
pair with the one counterpart, so pairs may share text on one side). A pair that covers one
sentence of a longer message leaves the other sentence listed as unmatched, with its own
span into the original file.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from diffkit import compare
from diffkit.comparison import CompareReport

DATA = Path(__file__).parent / "data"

# Real zh_CN / zh_TW twins of tests/data (sources in tests/data/README.md).
TWINS = [
    ("firefox-appmenu-zh-cn.txt", "firefox-appmenu-zh-tw.txt"),
    ("firefox-customize-zh-cn.txt", "firefox-customize-zh-tw.txt"),
    ("firefox-callouts-zh-cn.txt", "firefox-callouts-zh-tw.txt"),
    ("firefox-inactive-css-zh-cn.txt", "firefox-inactive-css-zh-tw.txt"),
    ("firefox-logins-zh-cn.txt", "firefox-logins-zh-tw.txt"),
    ("bash-help-repeats-zh-cn.txt", "bash-help-repeats-zh-tw.txt"),
    ("debian-reference-1.2.zh-cn.txt", "debian-reference-1.2.zh-tw.txt"),
    ("maint-guide-zh-cn-section-1.1.txt", "maint-guide-zh-tw-section-1.1.txt"),
    ("util-linux-twins-zh_CN.txt", "util-linux-twins-zh_TW.txt"),
]


def _uncovered_or_twice(report: CompareReport, side: str, text: str) -> list[int]:
    """Offsets of non-blank characters of ``text`` in no pair nor unmatched span, or in an
    unmatched span and another span."""
    paired = [False] * len(text)
    alone = [0] * len(text)
    for p in report.pairs:
        span = getattr(p, side)
        paired[span.start : span.end] = [True] * (span.end - span.start)
    for s in report.unmatched_a if side == "a" else report.unmatched_b:
        for i in range(s.span.start, s.span.end):
            alone[i] += 1
    return [
        i
        for i, c in enumerate(text)
        if not c.isspace() and (paired[i] + alone[i] != 1 if alone[i] else not paired[i])
    ]


def test_the_rest_of_a_partially_paired_message_is_unmatched() -> None:
    # Firefox's crash reporter message in zh_CN and zh_TW: B's first sentence is worded
    # apart, and the pair covers only the sentence the two share.
    a = "崩溃报告已提交。感谢您帮助 { -brand-short-name } 变得更好！\n"
    b = "錯誤報告已送出，感謝您幫忙讓 { -brand-short-name } 變得更好！\n"
    report = compare(a, b)
    assert [s.text for s in report.unmatched_a] == ["崩溃报告已提交。"]
    assert report.unmatched_a[0].span.start == 0
    assert report.differences() > sum(len(p.edits) for p in report.pairs)
    assert not _uncovered_or_twice(report, "a", a) and not _uncovered_or_twice(report, "b", b)


def test_a_sentence_no_pair_covers_in_a_catalog_is_listed_with_its_span() -> None:
    a_path = DATA / "firefox-appmenu-zh-cn.txt"
    report = compare(a_path, DATA / "firefox-appmenu-zh-tw.txt")
    text = a_path.read_text(encoding="utf-8")
    rest = [s for s in report.unmatched_a if s.text.startswith("您可以将其关闭以继续更新")]
    assert len(rest) == 1
    assert text[rest[0].span.start : rest[0].span.end] == rest[0].text
    assert rest[0].span.start_line == 105 and rest[0].span.start_column > 1


def _excerpt(lines: list[str], start: float, size: int) -> str:
    at = int(start * max(len(lines) - size, 0))
    return "".join(lines[at : at + size])


@settings(max_examples=30, deadline=None)
@given(
    twin=st.sampled_from(TWINS),
    start_a=st.floats(0, 1),
    start_b=st.floats(0, 1),
    size_a=st.integers(1, 60),
    size_b=st.integers(1, 60),
)
def test_pairs_and_unmatched_cover_every_character_once(
    twin: tuple[str, str], start_a: float, start_b: float, size_a: int, size_b: int
) -> None:
    lines_a = (DATA / twin[0]).read_text(encoding="utf-8").splitlines(keepends=True)
    lines_b = (DATA / twin[1]).read_text(encoding="utf-8").splitlines(keepends=True)
    a = _excerpt(lines_a, start_a, size_a) + "\n"
    b = _excerpt(lines_b, start_b, size_b) + "\n"
    report = compare(a, b)
    assert _uncovered_or_twice(report, "a", a) == []
    assert _uncovered_or_twice(report, "b", b) == []

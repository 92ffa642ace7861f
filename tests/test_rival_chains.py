"""A run reaching a few characters past a paragraph end of B claims no more of B.

In GNU sed's catalogs, `... INT_MAX"` closes one message and `msgid` opens the next on both
sides, so a run `int_max"msg` crosses B's paragraph boundary; chained with the next message's
`msgstr"正则`, it matched the same stretch of A as the message's own chain, and merged into
it, the pair took B's next message whole: that message was then neither paired nor
unmatched, and its counterpart in A paired with a far look-alike instead.
"""

from __future__ import annotations

from pathlib import Path

import diffkit

DATA = Path(__file__).parent / "data"


def _report() -> tuple[diffkit.CompareReport, list[diffkit.Segment], list[diffkit.Segment]]:
    a, b = DATA / "sed-zh-cn-regex.po", DATA / "sed-zh-tw-regex.po"
    return diffkit.compare(a, b), diffkit.segments(a), diffkit.segments(b)


def test_each_message_pairs_with_its_own_counterpart() -> None:
    report, seg_a, seg_b = _report()
    pairs = {p.a_paragraph: p.b_paragraph for p in report.pairs}
    assert pairs == {n: n for n in range(len(seg_a))}
    assert len(seg_a) == len(seg_b) == 5


def test_no_pair_reaches_into_the_next_message() -> None:
    report, _, seg_b = _report()
    for p in report.pairs:
        own = seg_b[p.b_paragraph].span
        assert own.start_line <= p.b.start_line <= p.b.end_line <= own.end_line, p


def test_every_paragraph_is_paired_or_unmatched() -> None:
    report, seg_a, seg_b = _report()
    on_b = {
        q.index
        for p in report.pairs
        for q in seg_b
        if q.span.start_line <= p.b.end_line and p.b.start_line <= q.span.end_line
    }
    paired_a = {p.a_paragraph for p in report.pairs}
    unmatched_a = {p.index for p in report.unmatched_a}
    unmatched_b = {p.index for p in report.unmatched_b}
    assert {p.index for p in seg_a} == paired_a | unmatched_a
    assert {p.index for p in seg_b} == {p.b_paragraph for p in report.pairs} | unmatched_b
    assert on_b <= {p.b_paragraph for p in report.pairs}

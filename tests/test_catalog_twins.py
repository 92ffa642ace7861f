"""Messages of one catalog that read alike pair with their own counterparts, once each.

util-linux's zh_CN catalog holds messages the older zh_TW one lacks: `Cannot get size of %s`
beside `cannot get size of %s` (one key once folded), `FAILED LOGIN %u FROM ...` beside
`FAILED LOGIN SESSION FROM ...`, and leaves `LOGIN ON %s BY %s` untranslated, so its msgstr
repeats its msgid. zh_TW's one message of each was paired with both of A's, and a run over
a message boundary (`device\\n"` closing one message, `msgstr "` opening the next) paired a
message with another whose placeholders differ. Both catalogs cut the `%s: ...` messages
alike, msgid and msgstr apart, where a blank line parts them: there the msgstr pairs with
its counterpart's msgstr.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

import diffkit

DATA = Path(__file__).parent / "data"
CN = DATA / "util-linux-twins-zh_CN.txt"
TW = DATA / "util-linux-twins-zh_TW.txt"


@pytest.fixture(scope="module")
def report() -> diffkit.CompareReport:
    return diffkit.compare(CN, TW)


def _msgid(text: str) -> str:
    return text.split("\n")[0]


def test_no_two_pairs_share_text(report: diffkit.CompareReport) -> None:
    for side in ("a", "b"):
        spans = sorted(
            (getattr(p, side).start_offset, getattr(p, side).end_offset) for p in report.pairs
        )
        for (_, end), (start, _) in pairwise(spans):
            assert end <= start, side


def test_a_message_of_b_pairs_with_its_own_msgid_not_a_look_alike(
    report: diffkit.CompareReport,
) -> None:
    by_b = {_msgid(p.b_text): _msgid(p.a_text) for p in report.pairs}
    for msgid in (
        'msgid "cannot get size of %s"',
        'msgid "FAILED LOGIN SESSION FROM %s FOR %s, %s"',
        'msgid "LOGIN ON %s BY %s"',
        'msgid "LOGIN ON %s BY %s FROM %s"',
    ):
        assert by_b[msgid] == msgid
    paired_a = {_msgid(p.a_text) for p in report.pairs}
    assert 'msgid "Cannot get size of %s"' not in paired_a
    assert 'msgid "FAILED LOGIN %u FROM %s FOR %s, %s"' not in paired_a


def _cut_alike(path: Path) -> diffkit.Text:
    # A blank line between msgid and msgstr of each `%s: ...` message, on both sides: the
    # layout where both catalogs are cut msgid and msgstr apart.
    text = path.read_text(encoding="utf-8")
    return diffkit.Text(re.sub(r'(msgid "%s: [^\n]*)\nmsgstr', r"\1\n\nmsgstr", text))


def test_messages_cut_alike_pair_msgstr_with_msgstr() -> None:
    a, b = _cut_alike(CN), _cut_alike(TW)
    cut_a = [s for s in diffkit.segments(a) if s.text.startswith('msgstr "%s：')]
    cut_b = [s for s in diffkit.segments(b) if s.text.startswith('msgstr "%s：')]
    assert len(cut_a) >= 2 and len(cut_b) >= 2
    pairs = {p.b_text: p.a_text for p in diffkit.compare(a, b).pairs}
    assert pairs['msgstr "%s：跳過不存在的裝置\\n"'] == 'msgstr "%s：将跳过不存在的设备\\n"'
    assert pairs['msgstr "%s：假設 RTC 使用 UTC …\\n"'] == 'msgstr "%s：将假设 RTC 使用 UTC...\\n"'


def test_whole_messages_pair_with_their_own(report: diffkit.CompareReport) -> None:
    pairs = {p.b_text: p.a_text for p in report.pairs}
    for b_text, a_text in (
        (
            'msgid "%s: skipping nonexistent device\\n"\nmsgstr "%s：跳過不存在的裝置\\n"',
            'msgid "%s: skipping nonexistent device\\n"\nmsgstr "%s：将跳过不存在的设备\\n"',
        ),
        (
            'msgid "%s: assuming RTC uses UTC ...\\n"\nmsgstr "%s：假設 RTC 使用 UTC …\\n"',
            'msgid "%s: assuming RTC uses UTC ...\\n"\nmsgstr "%s：将假设 RTC 使用 UTC...\\n"',
        ),
    ):
        assert pairs[b_text] == a_text


def test_no_moved_pair_holds_other_placeholders(report: diffkit.CompareReport) -> None:
    moved = [p for p in report.pairs if p.moved]
    for p in moved:
        assert ("%s" in p.a_text) == ("%s" in p.b_text), (p.a_text, p.b_text)

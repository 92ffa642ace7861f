"""Random text of the kinds that broke diffkit before: Han text in both scripts, pinyin
readings cut by line breaks, lone surrogates, control, zero-width and bidirectional
characters. Every verb answers without an unexpected exception, every span points at its
own text in the original, and every list of edits turns A into B. Bounded in time: each
property runs a fixed number of examples (the whole file takes well under 30 s)."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings, strategies as st

import diffkit
from diffkit.differences import apply_edits
from diffkit.render import visible

from .strategies import HAN, LATIN, NOTES, PUNCT, SPACE, TRAD

_READINGS = ["fā", "biǎo", "chéng", "guó", "jiāng", "é", "shèng lì", "zhōng"]
_BREAKS = ["\n", "\r\n", "\n\n", "\r", "\u2028", "\u2029"]


@st.composite
def _cut_reading(draw: st.DrawFn) -> str:
    """A Han character and its reading, a line break somewhere inside the parentheses."""
    reading = f"({draw(st.sampled_from(_READINGS))})"
    at = draw(st.integers(1, len(reading) - 1))
    han = draw(st.text(alphabet=HAN + TRAD, min_size=1, max_size=3))
    return han + reading[:at] + draw(st.sampled_from(_BREAKS)) + reading[at:]


_ODD = (
    [chr(c) for c in range(0x20) if c not in (0x0A, 0x0D)]
    + ["\x7f", "\x85", "\x9b", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u202e"]
    + ["\u2060", "\u2066", "\ufeff", "\ufffd", "\x1b[31m", "\x1b]0;t\x07"]
)
_SURROGATES = st.integers(0xD800, 0xDFFF).map(chr)

_piece = st.one_of(
    st.text(alphabet=HAN + TRAD, min_size=1, max_size=10),
    st.text(alphabet=LATIN, min_size=1, max_size=6),
    st.sampled_from(list(PUNCT)),
    st.sampled_from(SPACE + _BREAKS),
    st.sampled_from(NOTES),
    _cut_reading(),
    st.sampled_from(_ODD),
    _SURROGATES,
    st.text(alphabet="𠀀𠀁𡈽𪚥", min_size=1, max_size=2),
)
texts = st.lists(_piece, max_size=30).map("".join)
"""Short documents mixing what broke diffkit with the text it is made for."""

_FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(texts)
@example("𠀀\udc00")
@example("发表讲话(fā\nbiǎo)是重要的工作内容之一。\n")
@example("六(é\ng)和审")
def test_fold_maps_every_character_into_the_original(text: str) -> None:
    folded = diffkit.fold(text)
    assert len(folded.starts) == len(folded.ends) == len(folded.text)
    for i in range(len(folded.text)):
        start, end = int(folded.starts[i]), int(folded.ends[i])
        assert 0 <= start < end <= len(text)
        if i:
            assert start >= folded.starts[i - 1] and end >= folded.ends[i - 1]
    # What a terminal would act on or not show is shown as a mark.
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Cs") for c in visible(text))


@_FAST
@given(texts)
@example("发表讲话(fā\nbiǎo)是重要的工作内容之一。\n")
@example("完成(chéng\n)各项议程。\n\n胜利(shèng\n\nlì)闭幕。\n")
def test_segments_point_at_their_own_text(text: str) -> None:
    doc = diffkit.load(diffkit.Text(text))
    for granularity in ("paragraph", "sentence"):
        for seg in diffkit.segments(doc, granularity=granularity):
            assert seg.text == text[seg.span.start : seg.span.end]
            assert seg.start_line == text.count("\n", 0, seg.span.start) + 1 or "\r" in text


@_SLOW
@given(texts, texts)
@example("发表讲话(fā\nbiǎo)是重要的工作内容之一。\n", "发表讲话是重要的工作内容之一。\n")
@example("文\u200b测\u200c试\ufeff，这是一段文字。\n", "文测试，这是一段文字。\n")
def test_edits_turn_a_into_b(a: str, b: str) -> None:
    result = diffkit.diff(diffkit.Text(a), diffkit.Text(b))
    assert apply_edits(a, list(result)) == b
    report = diffkit.compare(diffkit.Text(a), diffkit.Text(b), min_chars=1)
    for pair in report.pairs:
        assert pair.a_text == a[pair.a.start : pair.a.end]
        assert pair.b_text == b[pair.b.start : pair.b.end]
        assert apply_edits(pair.a_text, pair.edits, a_base=pair.a.start) == pair.b_text
    for seg in report.unmatched_a:
        assert seg.text == a[seg.span.start : seg.span.end]
    assert report.to_json()


@_SLOW
@given(st.lists(texts, min_size=1, max_size=3))
def test_dedupe_members_point_at_their_own_text(docs: list[str]) -> None:
    report = diffkit.dedupe([diffkit.Text(d) for d in docs], min_chars=2, workers=1)
    by_name = dict(zip((d.path for d in report.documents), docs, strict=False))
    for cluster in report.clusters:
        for member in cluster.members:
            source = by_name.get(member.path)
            if source is not None and len(set(by_name)) == len(docs):
                assert member.text == source[member.start_offset : member.end_offset]
    assert report.to_json()

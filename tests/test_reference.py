"""The fast paths of loading, the model and the JSON writers agree with the slow, plainly
correct versions beside them (the ``_reference`` modules)."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

import diffkit
from diffkit.formats import _reference as formats_reference
from diffkit.formats.json_stream import dumps_report, report_bytes, report_chunks
from diffkit.formats.jsonl import dedupe_jsonl_bytes, dedupe_jsonl_chunks
from diffkit.loading import _reference as loading_reference, from_text, line_starts
from diffkit.model import CATEGORIES, EditRows, _reference as model_reference, edits_of

from .conftest import SPEECH_2020, SPEECH_2023_SIMP
from .strategies import documents


@given(documents)
def test_line_starts_agree_with_one_match_a_line(text: str) -> None:
    assert line_starts(text) == loading_reference.line_starts(text)
    assert line_starts(text + "\r") == loading_reference.line_starts(text + "\r")


@given(documents, st.data())
def test_spans_made_at_once_are_the_spans_made_one_by_one(text: str, data: st.DataObject) -> None:
    doc = from_text(text)
    bounds = st.integers(0, len(text))
    pairs = data.draw(st.lists(st.tuples(bounds, bounds), max_size=20))
    starts = [min(s, e) for s, e in pairs]
    ends = [max(s, e) for s, e in pairs]
    assert doc.spans(starts, ends) == model_reference.spans(doc, starts, ends)


@given(documents, documents, st.data())
def test_edits_made_without_the_constructor_are_the_constructors(
    a: str, b: str, data: st.DataObject
) -> None:
    def cut(text: str) -> list[int]:
        return sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2)))

    rows = [
        [*cut(a), *cut(b), data.draw(st.integers(0, len(CATEGORIES) - 1)), data.draw(st.booleans())]
        for _ in range(data.draw(st.integers(0, 8)))
    ]
    fast = edits_of(rows, a, b, a_base=3, b_base=7, categories=CATEGORIES)
    slow = model_reference.edits_of(rows, a, b, a_base=3, b_base=7, categories=CATEGORIES)
    assert fast == slow
    assert EditRows(rows, a, b, 3, 7).to_dicts() == [e.to_dict() for e in slow]


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | documents,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(documents, inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.text(max_size=6),
        _VALUES | st.lists(st.dictionaries(st.text(max_size=6), _VALUES, max_size=3), max_size=4),
        max_size=5,
    )
)
def test_a_report_streamed_an_item_a_line_is_the_json_of_its_dict(data: dict[str, object]) -> None:
    expected = json.loads(formats_reference.dumps_report(data))
    assert json.loads(dumps_report(data)) == expected
    assert json.loads(b"".join(report_bytes(data))) == expected
    streamed = {k: iter(v) if isinstance(v, list) else v for k, v in data.items()}
    assert json.loads("".join(report_chunks(streamed))) == expected


def test_dedupe_jsonl_spliced_is_each_clusters_json() -> None:
    report = diffkit.dedupe([SPEECH_2023_SIMP, SPEECH_2020], workers=1)
    assert report.clusters
    lines = formats_reference.dedupe_jsonl(report)
    assert [json.loads(line) for line in "".join(dedupe_jsonl_chunks(report)).split("\n")] == [
        json.loads(line) for line in lines
    ]
    assert b"".join(dedupe_jsonl_bytes(report)).decode().count("\n") == len(lines) - 1

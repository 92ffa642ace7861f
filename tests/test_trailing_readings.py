"""A pinyin reading that ends a paragraph stays in its pair and is an annotation edit.

The annotation step drops a reading from the key, so it maps onto no folded character; a pair
spans from its first folded character's start to its last one's end, which left a reading at
a paragraph's end outside every pair, edit and unmatched passage. The paragraphs below are the
news edition's own, each cut right after one of its readings.
"""

from __future__ import annotations

import re

import pytest

import diffkit
from diffkit.fold_steps import is_annotation

from .conftest import NEWS_2023_TRAD

_READING = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,12}[)）]")


def _cut_after_readings(limit: int) -> list[str]:
    """News paragraphs cut after their first reading, where one follows a Han character."""
    out = []
    for line in NEWS_2023_TRAD.read_text(encoding="utf-8").splitlines():
        for found in _READING.finditer(line):
            if found.start() > 0 and "\u4e00" <= line[found.start() - 1] <= "\u9fff":
                out.append(line[: found.end()].strip())
                break
        if len(out) == limit:
            break
    return out


CUT = _cut_after_readings(6)


def test_the_news_edition_has_paragraphs_to_cut() -> None:
    assert len(CUT) == 6 and all(is_annotation(_READING.findall(p)[-1]) for p in CUT)


@pytest.mark.parametrize("paragraph", CUT, ids=range(len(CUT)))
def test_a_reading_that_ends_a_paragraph_is_an_annotation_edit(paragraph: str) -> None:
    bare = _READING.sub("", paragraph)
    report = diffkit.compare(diffkit.Text(paragraph + "\n"), diffkit.Text(bare + "\n"))
    assert len(report.pairs) == 1 and not report.unmatched_a
    pair = report.pairs[0]
    assert (pair.a.start, pair.a.end) == (0, len(paragraph))
    last = _READING.findall(paragraph)[-1]
    assert [e.a_text for e in pair.edits if e.category == "annotation"][-1] == last
    assert {e.category for e in pair.edits} == {"annotation"}


def test_whitespace_after_a_pair_stays_outside_it() -> None:
    paragraph = CUT[0]
    report = diffkit.compare(
        diffkit.Text(paragraph + " \u3000 \n"), diffkit.Text(_READING.sub("", paragraph) + "\n")
    )
    assert report.pairs[0].a.end == len(paragraph)

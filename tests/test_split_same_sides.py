"""A regional edit that is no counterpart is cut into a regional word and the real change
beside it; where the cut leaves the same text on both sides (软件/套件 as 软/套 and 件/件,
更改/修改 as 更/修 and 改/改), that text is no edit, and the change alone is counted: real
lines of the New Maintainers' Guide and of util-linux's catalogs (tests/data/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit
from diffkit.differences import apply_edits, diff

ROWS = [
    line.split("\t")
    for line in (Path(__file__).parent / "data" / "split-same-sides-zh.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
]


@pytest.mark.parametrize(("source", "change", "cn", "tw"), ROWS, ids=[row[1] for row in ROWS])
def test_no_edit_has_the_same_text_on_both_sides(
    source: str, change: str, cn: str, tw: str
) -> None:
    edits = diff(diffkit.Text(cn), diffkit.Text(tw)).edits
    assert [e for e in edits if e.a_text == e.b_text] == [], (source, edits)
    assert tuple(change.split("→")) in [
        (e.a_text, e.b_text) for e in edits if e.category == "content"
    ]
    assert apply_edits(cn, edits) == tw

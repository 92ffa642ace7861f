"""Catalog messages a blank line apart are a paragraph each, or parts of one, never joined to
the next, though nothing shows whether a wrapper cut them: where no margin shows in the part
of the document around them, the numbers, labels and unfinished sentences of a catalog
(`8`, `%0 点 5 分`, `…以中心缩放`, `%s;<i>已剪裁</i>`) end at their blank line."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit

DATA = Path(__file__).parent / "data"
EXCERPTS = ["xfce4-panel-clock", "inkscape-status-messages"]


@pytest.mark.parametrize("name", EXCERPTS)
@pytest.mark.parametrize("locale", ["cn", "tw"])
def test_no_paragraph_joins_two_messages(name: str, locale: str) -> None:
    path = DATA / f"{name}-zh-{locale}.txt"
    messages = path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    assert len(messages) == 80
    joined = [p.text for p in diffkit.segments(path) if not any(p.text in m for m in messages)]
    assert joined == []

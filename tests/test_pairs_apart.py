"""Pairs never share text: what one pair holds is no insertion of another."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit

DATA = Path(__file__).parent / "data"

CASES = [
    (
        "libreoffice-help-optionen-01020000-zh-cn.html",
        "libreoffice-help-optionen-01020000-zh-tw.html",
    ),
    ("sed-zh-cn-home-page.po", "sed-zh-tw-home-page.po"),
    ("manpages-zh-bash-zh-cn-1950-1975.1", "manpages-zh-bash-zh-tw-1950-1975.1"),
]


def _shared(report: diffkit.CompareReport, side: str) -> list[tuple[int, int]]:
    """Spans that start inside an earlier pair's span on ``side``."""
    spans = sorted({(getattr(p, side).start, getattr(p, side).end) for p in report.pairs})
    shared, reach = [], -1
    for start, end in spans:
        if start < reach:
            shared.append((start, end))
        reach = max(reach, end)
    return shared


@pytest.mark.parametrize(("a", "b"), CASES, ids=["libreoffice-html", "sed-po", "bash-man"])
@pytest.mark.parametrize("swap", [False, True], ids=["a-b", "b-a"])
def test_pairs_share_no_text(a: str, b: str, swap: bool) -> None:
    if swap:
        a, b = b, a
    report = diffkit.compare(DATA / a, DATA / b)
    assert report.pairs
    assert _shared(report, "a") == []
    assert _shared(report, "b") == []


def test_no_insertion_holds_another_pairs_text() -> None:
    # The page's second <head> line is its own pair: the pair before it ends where it starts.
    report = diffkit.compare(DATA / CASES[0][0], DATA / CASES[0][1])
    inserted = [
        e.b_text for p in report.pairs for e in p.edits if e.category == "content" and e.b_text
    ]
    assert not any("http-equiv" in text for text in inserted)
    meta = [p for p in report.pairs if p.b_text.startswith('<meta http-equiv="Content-Type"')]
    assert len(meta) == 1


def test_message_pairs_end_with_their_message() -> None:
    report = diffkit.compare(DATA / CASES[1][0], DATA / CASES[1][1])
    home = [p for p in report.pairs if "home page" in p.a_text]
    assert len(home) == 1
    assert "expression" not in home[0].b_text


def test_man_page_lines_have_no_content_edit() -> None:
    # The same lines in Simplified and Traditional script: only the overlap was content.
    report = diffkit.compare(DATA / CASES[2][0], DATA / CASES[2][1])
    assert report.counts().get("content", 0) == 0

"""Search hits in the diff view: found once in a pair's original text and marked wherever a
layout puts that text, at any width, in either layout, with any category hidden."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from diffkit_tui import search
from diffkit_tui.analysis import Comparison
from diffkit_tui.diff_rows import SEPARATOR, DiffRows, build_rows
from diffkit_tui.search import HIT_STYLE, find_hits
from diffkit_tui.view_state import NON_CONTENT
from rich.console import Console

import diffkit
from diffkit.model import Pair
from diffkit.profiles import FoldProfile
from diffkit.render import visible

from .conftest import SPEECH_2023_SIMP

CONSOLE = Console(width=200, color_system=None)
QUERIES = ("的", "胜利闭幕", "勝利閉幕", "人民代表大会", "2024", "。")


def marked(rows: DiffRows, side: str) -> str:
    """The characters of one side marked as hits, in the order the rows show them."""
    out = []
    for row in rows.rows:
        at = row.plain.index(SEPARATOR)
        lo, hi = (0, at) if side == "a" else (at + len(SEPARATOR), len(row.plain))
        hit = [False] * len(row.plain)
        for span in row.spans:
            if str(span.style) == HIT_STYLE:
                hit[span.start : span.end] = [True] * (span.end - span.start)
        out.append("".join(ch for n, ch in enumerate(row.plain[lo:hi], lo) if hit[n]))
    return "".join(out)


def expected(text: str, hits: Sequence[tuple[int, int]]) -> str:
    """The original characters the hits cover, shown as the view shows them."""
    covered = [False] * len(text)
    for start, end in hits:
        covered[start:end] = [True] * (end - start)
    runs = re.finditer("1+", "".join("1" if c else "0" for c in covered))
    return "".join(visible(text[m.start() : m.end()]) for m in runs)


@pytest.mark.parametrize("width", [50, 90, 160])
def test_every_hit_is_marked_on_its_own_characters(comparison: Comparison, width: int) -> None:
    profile = comparison.fold_profile
    for query in QUERIES:
        for pair in comparison.report.pairs:
            a_hits = find_hits(pair.a_text, query, profile)
            b_hits = find_hits(pair.b_text, query, profile)
            for hidden in (frozenset(), NON_CONTENT):
                rows = build_rows(
                    pair, width, console=CONSOLE, query=query, profile=profile, hidden=hidden
                )
                assert marked(rows, "a") == expected(pair.a_text, a_hits), (query, pair)
                assert marked(rows, "b") == expected(pair.b_text, b_hits), (query, pair)
                assert rows.hits == len(a_hits) + len(b_hits)
            inline = build_rows(
                pair, width, console=CONSOLE, query=query, profile=profile, layout="inline"
            )
            assert inline.hits >= max(len(a_hits), len(b_hits))
            assert inline.hits <= len(a_hits) + len(b_hits)
    assert find_hits(comparison.report.pairs[0].a_text, "no such words", profile) == ()


def test_a_query_is_found_across_a_line_break_of_wrapped_text() -> None:
    speech = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    paragraph = max(speech.split("\n"), key=len)
    wrapped = "\n".join(paragraph[n : n + 30] for n in range(0, len(paragraph), 30))
    report = diffkit.compare(diffkit.Text(wrapped), diffkit.Text(paragraph))
    profile = FoldProfile(report.profile, report.steps)
    (pair,) = report.pairs
    query = paragraph[27:33]
    rows = build_rows(pair, 80, console=CONSOLE, query=query, profile=profile)
    assert marked(rows, "a") == paragraph[27:30] + "⏎" + paragraph[30:33]
    assert marked(rows, "b") == query
    assert rows.hits == 2


def test_a_search_folds_each_text_once_however_often_it_is_laid_out(
    comparison: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    folded: list[str] = []
    fold = search.fold

    def counting(text: str, *args: object, **kwargs: object) -> object:
        folded.append(text)
        return fold(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "fold", counting)
    search.find_hits.cache_clear()
    pair: Pair = max(comparison.report.pairs, key=lambda p: len(p.a_text))
    profile = comparison.fold_profile
    for width in (60, 90, 120, 160):
        for layout in ("side-by-side", "inline"):
            build_rows(pair, width, console=CONSOLE, query="的", profile=profile, layout=layout)
    texts = [t for t in folded if len(t) > len("的")]
    assert sorted(texts) == sorted([pair.a_text, pair.b_text])

"""Cuts in real manuals and help sources that must not depend on a translation's words or
script: a label's hanging indent goes on (`提示：光标键…` / `      地在屏幕内…`), a doubled mark
opens a line of its own (`!! 特别提示`), a usage line keeps its grammar (`参数 := <文件名>`,
which is no form field however short the translated word), and markup tags alone on a line
(`</credit>`, `<credit type="author">`) are units of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit

DATA = Path(__file__).parent / "data"


def _spans(path: Path) -> list[tuple[int, int]]:
    return [(p.span.start_line, p.span.end_line) for p in diffkit.segments(path)]


def _line(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(k for k, line in enumerate(lines, 1) if line.strip().startswith(text))


@pytest.mark.parametrize(
    ("locale", "tip", "heading", "note"),
    [
        ("cn", "提示：光标键", "第一讲第二节", "!! 特别提示"),
        ("tw", "提示︰光標鍵", "第一講第二節", "!! 特別提示"),
    ],
)
def test_vim_tutor_tips_and_headings(locale: str, tip: str, heading: str, note: str) -> None:
    path = DATA / f"vim-tutor-zh-{locale}-1.1-1.2.txt"
    spans = _spans(path)
    at = _line(path, tip)
    assert (at, at + 1) in spans  # the tip and its indented continuation
    at = _line(path, heading)
    assert (at, at) in spans
    at = _line(path, note)
    assert (at, at) in spans


@pytest.mark.parametrize("locale", ["cn", "tw"])
def test_a_usage_line_keeps_its_grammar(locale: str) -> None:
    path = DATA / f"networkmanager-nmcli-usage-zh-{locale}.txt"
    usage = _line(path, "用法：nmcli connection load")
    owner = next(s for s in _spans(path) if s[0] <= usage <= s[1])
    assert owner[0] == usage
    assert owner[1] > usage  # `参数 := <文件名> …` / `ARGUMENTS := <filename> …` stays with it


def test_tags_alone_on_a_line_are_units_of_their_own() -> None:
    path = DATA / "gnome-help-files-copy-zh-cn.page"
    closing = _line(path, "</credit>")
    spans = _spans(path)
    assert (closing, closing) in spans
    assert (closing + 1, closing + 1) in spans

"""Short messages a blank line apart stay one paragraph each, as the source has them, on both
sides of a localization: a message that ends its sentence before markup or a placeable
(`…吗？</a>`, `…。{ learn-more }`), messages of about one width that each end a sentence,
a short title before a long message, a line that ends with closed markup (`…</label>`)
and a name opening with `::` (`::first-line 伪元素…`) are no lines of hard-wrapped text nor
a sentence's tail."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit

DATA = Path(__file__).parent / "data"
EXCERPTS = ["firefox-inactive-css", "firefox-nss-errors", "firefox-logins", "firefox-about-dialog"]


def _strings(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n\n")


@pytest.mark.parametrize("name", EXCERPTS)
@pytest.mark.parametrize("locale", ["cn", "tw"])
def test_each_string_is_a_paragraph(name: str, locale: str) -> None:
    path = DATA / f"{name}-zh-{locale}.txt"
    paragraphs = [p.text for p in diffkit.segments(path)]
    strings = _strings(path)
    assert len(strings) >= 20
    assert [s for s in strings if s not in paragraphs] == []


def test_markup_after_a_sentence_ends_it() -> None:
    text = "请尝试加入 <strong>display:flex</strong>。{ learn-more }\n\n由于不是弹性容器，对此元素无效。\n"
    assert len(diffkit.segments(text)) == 2
    text = "要转至现有条目吗？</a>\n\n尝试保存该密码时发生错误。\n"
    assert len(diffkit.segments(text)) == 2


@pytest.mark.parametrize("name", EXCERPTS)
def test_both_scripts_are_cut_alike(name: str) -> None:
    cn = [p.span.start_line for p in diffkit.segments(DATA / f"{name}-zh-cn.txt")]
    tw = [p.span.start_line for p in diffkit.segments(DATA / f"{name}-zh-tw.txt")]
    assert cn == tw

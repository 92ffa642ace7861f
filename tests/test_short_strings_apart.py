"""Short strings a blank line apart (a program's messages: `有可用的更新`, then `知道了！`) are
a paragraph each: a string whose mark comes among its first four characters (`知道了！`,
`好的，明白了`) is the tail of a sentence cut by a line break only after a line that reaches
a margin, never after a short label. From Firefox ESR's zh_TW langpack
(tests/data/firefox-appmenu-zh-tw.txt)."""

from __future__ import annotations

from pathlib import Path

from diffkit.loading import from_text
from diffkit.segmentation import paragraph_line_spans

DATA = Path(__file__).parent / "data"


def _blocks(text: str) -> list[tuple[int, int]]:
    """The first and last line of each run of non-blank lines."""
    spans: list[tuple[int, int]] = []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        if spans and spans[-1][1] == n - 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return spans


def test_a_short_exclamation_after_a_label_is_a_string_of_its_own() -> None:
    text = (DATA / "firefox-appmenu-zh-tw.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    got = paragraph_line_spans(from_text(text))
    assert sum(lines[first - 1].strip() == "知道了！" for first, _ in got) == 4
    assert got == _blocks(text)

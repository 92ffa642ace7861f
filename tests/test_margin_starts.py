"""Where text is wrapped to a sharp margin with a blank line after every line (PDF
extraction), what the next line opens with starts a paragraph even after a line that reaches
the margin: an indent (`　　` or spaces, in text otherwise flush) and a list item after a
sentence. And in a message catalog, a msgstr whose quoted text holds a colon is no form
field: each message, msgid and msgstr, is one paragraph. Real text: the New Maintainers'
Guide's paragraphs and util-linux's zh_CN catalog."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from diffkit.loading import from_text
from diffkit.segmentation import paragraph_line_spans

from .test_mixed_layouts import _wrapped

DATA = Path(__file__).parent / "data"


def _blocks() -> list[str]:
    blocks = (DATA / "maint-guide-zh-cn-blocks.txt").read_text(encoding="utf-8")
    return blocks.rstrip("\n").split("\n\n")


def _spaced(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """The lines with a blank line after each, and each paragraph's first and last line."""
    spans, line = [], 1
    for lines in paragraphs:
        spans.append((line, line + 2 * len(lines) - 2))
        line += 2 * len(lines)
    return "\n\n".join("\n\n".join(lines) for lines in paragraphs) + "\n", spans


@pytest.mark.parametrize("indent", ["\u3000\u3000", "    "])
@pytest.mark.parametrize("width", [40, 60, 72, 90])
def test_an_indented_line_opens_a_paragraph_after_one_that_reaches_the_margin(
    indent: str, width: int
) -> None:
    paragraphs = [_wrapped(indent + block, width) for block in _blocks()]
    text, spans = _spaced(paragraphs)
    got = set(paragraph_line_spans(from_text(text)))
    full = [
        s for s, lines in zip(spans, paragraphs, strict=True) if cell_len(lines[-1]) >= width - 1
    ]
    assert full
    assert set(full) <= got
    assert len(set(spans) & got) >= 117  # of 120


def test_a_list_item_opens_a_paragraph_after_a_sentence_that_ends_at_the_margin() -> None:
    width = 40
    items = [s + "。" for b in _blocks() for s in b.split("。") if 8 <= cell_len(s) <= 40]
    paragraphs: list[list[str]] = []
    for k, block in enumerate(_blocks()[:60]):
        lines = _wrapped(block, width)
        # End the paragraph with a sentence whose mark reaches the margin.
        if len(lines) > 2 and cell_len(lines[-2][-1]) == 2 and cell_len(lines[-2]) >= width - 1:
            paragraphs.append([*lines[:-2], lines[-2][:-1] + "。"])
            paragraphs += [["• " + item] for item in items[2 * k : 2 * k + 2]]
        else:
            paragraphs.append(lines)
    text, spans = _spaced(paragraphs)
    assert sum(1 for lines in paragraphs if lines[0].startswith("• ")) >= 16
    got = set(paragraph_line_spans(from_text(text)))
    bullets = [s for s, lines in zip(spans, paragraphs, strict=True) if lines[0].startswith("• ")]
    assert set(bullets) <= got
    ends = {last for _, last in got}
    assert all(first - 2 in ends for first, _ in bullets)


def test_each_message_of_a_catalog_whose_translation_holds_a_colon_is_one_paragraph() -> None:
    # `msgid "FATAL: bad tty"` / `msgstr "致命：坏的 tty"`, `msgid "Password: "` / `msgstr "密码："`
    text = (DATA / "util-linux-zh_CN.po-excerpt.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    messages = [k + 1 for k, line in enumerate(lines) if line.startswith("msgid ")]
    assert len(messages) == 29
    got = paragraph_line_spans(from_text(text))
    for first in messages:
        last = lines.index("", first) if "" in lines[first:] else len(lines)  # before a blank
        comment = lines[first - 2].startswith("#")  # `#, c-format` goes with its message
        assert (first - comment, last) in got, lines[first - 1]

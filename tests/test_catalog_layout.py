"""Real message catalogs written one message a paragraph: every message stays a paragraph of its
own, and a Taiwan-phrased copy of the same lines (OpenCC s2twp) is cut the same way: where
messages of about one width, one-word labels, or messages of several lines sit side by side."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffkit.converters import converter
from diffkit.loading import from_text
from diffkit.segmentation import paragraph_line_spans

DATA = Path(__file__).parent / "data"

EXCERPTS = {
    # Short messages of about one width, and wider ones (bash's builtin synopses), are no
    # hard-wrapped text: few of them share a width, and those that do are no margin, since
    # most lines around them are short and end no sentence, as wrapped prose's last lines do.
    "sed-zh-cn.txt": "sed's whole catalog",
    "bash-zh-cn.txt": "bash's whole catalog",
    # Messages of 27 to 37 cells (寻找匹配的 ")" 时遇到了未预期的 EOF, 条件命令中有未预期的记号 %d):
    # some share a width, but wider ones run just past it, as no margin of wrapped text allows.
    "bash-zh-cn-546-590.txt": "messages of about one width",
    # 清除, 缩进, 对齐 ... and 行: a character alone is a fragment of wrapped text only near lines
    # that show a margin.
    "nano-zh-cn-601-632.txt": "one-word labels",
    # 由 %s，%s，%s，/ %s，... 所写。: a message's second line opening with `%s，` does not
    # carry the message before it on; an option table's last row does not run on into the
    # long message after it.
    "tar-zh-cn-341-400.txt": "messages of several lines",
    # A long message that ends no sentence (... 中的一个共同使用时有用) does not run on past the
    # blank line into a short one with no clause mark (执行 COMMAND).
    "tar-zh-cn-183-192.txt": "a long message before a short one",
}


# Blocks that are lists of entries, a key, spaces and its description at one column (tar's
# backup methods, `none, off	   从不做备份`): an entry a paragraph, as where each ends with 。.
ENTRIES = {"tar-zh-cn-341-400.txt": {(4, 7)}}


def _messages(text: str, name: str) -> list[tuple[int, int]]:
    """The first and last line of each blank-line-separated message, of each entry in a list."""
    spans: list[tuple[int, int]] = []
    line = 1
    for block in text.rstrip("\n").split("\n\n"):
        last = line + block.count("\n")
        entries = (line, last) in ENTRIES.get(name, ()) and all(
            "   " in row for row in block.split("\n")
        )
        spans.extend([(k, k) for k in range(line, last + 1)] if entries else [(line, last)])
        line = last + 2
    return spans


@pytest.mark.parametrize("name", sorted(EXCERPTS), ids=lambda n: EXCERPTS[n])
def test_every_message_of_a_catalog_is_one_paragraph(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert paragraph_line_spans(from_text(text)) == _messages(text, name)


@pytest.mark.parametrize("name", sorted(EXCERPTS), ids=lambda n: EXCERPTS[n])
def test_a_taiwan_phrased_copy_of_a_catalog_is_cut_alike(name: str) -> None:
    # s2twp makes words longer or shorter (内存/記憶體, 字符/字元) on the same lines.
    text = (DATA / name).read_text(encoding="utf-8")
    copy = converter("s2twp").convert(text)
    assert copy.count("\n") == text.count("\n")
    assert paragraph_line_spans(from_text(copy)) == _messages(text, name)


def test_a_mark_in_quotes_opening_a_message_does_not_join_it_to_the_one_before() -> None:
    # `多个“!”` opens with a quoted mark, not with the tail of a sentence cut by a break.
    text = (DATA / "sed-zh-cn.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = lines.index("多个“!”") + 1
    assert (at, at) in paragraph_line_spans(from_text(text))


def test_a_list_of_names_indented_under_its_first_line_stays_one_message() -> None:
    # 作者：%s、%s、%s、 / 　　　%s、%s 和 %s。: the line ends with an enumeration comma, so the
    # deeper line goes on with the list (and `作者：...、` is no field standing alone).
    text = (DATA / "diffutils-zh-cn-170-196.txt").read_text(encoding="utf-8")
    spans = set(paragraph_line_spans(from_text(text)))
    lists = [
        span
        for span, block in zip(_messages(text, ""), text.rstrip("\n").split("\n\n"), strict=True)
        if "、\n\u3000" in block
    ]
    assert len(lists) >= 6
    assert all(span in spans for span in lists)

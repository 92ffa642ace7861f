"""A line of markup after a sentence's end is read in time linear in its length: an HTML table
row of empty cells (`<td></td>`, each matchable as one element or as two tags) once made the
markup-after-end pattern try every split of them."""

from __future__ import annotations

import subprocess
import sys

ROW = (
    "第一段的文字。\n\n<tr><td>是。</td>{cells}<td>这一格的内容超过二十四个字符，"
    "所以它不是链接的短标签，而是一格自己的文字</td></tr>\n\n最后一段。\n"
)


def test_a_row_of_empty_cells_after_a_sentence_segments_at_once() -> None:
    # In a child with a deadline: the exponential pattern took ~1 s at 18 cells and
    # quadrupled every two more, so 28 cells would hang the suite rather than fail it.
    code = (
        "import diffkit, sys\n"
        f"text = {ROW!r}.format(cells='<td></td>' * 28)\n"
        "segments = diffkit.segments(text)\n"
        "print(len(segments), segments[1].text == text.split('\\n\\n')[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["3", "True"]

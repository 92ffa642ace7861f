"""A paragraph repeated in several messages pairs with the copy its neighbours point to.

bash's help says 返回当前子例程调用的上下文。 to open two messages (`Return the context of
the current subroutine call.` and `Returns ...`), each a few paragraphs a blank line apart,
and zh_TW says 回傳目前子呼叫的語境。 in both: the texts cannot tell the copies apart, and
B is in another order. A copy that pairs pairs with the copy of the same message: the one
whose next paragraph pairs with the next paragraph of A's copy. (The second message's copy in A
and the first in B, worded differently past their first line, are still left unmatched.)
"""

from __future__ import annotations

from pathlib import Path

import diffkit

DATA = Path(__file__).parent / "data"
REPEATED = "返回当前子例程调用的上下文。"


def test_a_repeated_paragraph_pairs_with_the_copy_its_neighbours_point_to() -> None:
    report = diffkit.compare(
        DATA / "bash-help-repeats-zh-cn.txt", DATA / "bash-help-repeats-zh-tw.txt"
    )
    pairs = sorted(report.pairs, key=lambda p: p.a.start_line)
    placed = 0
    for n, pair in enumerate(pairs):
        if pair.a_text != REPEATED:
            continue
        assert pair.b_text == "回傳目前子呼叫的語境。"
        after = pairs[n + 1]
        assert after.b.start_line - pair.b.start_line == after.a.start_line - pair.a.start_line
        placed += 1
    assert placed >= 1  # every copy that pairs is checked above; at least one must

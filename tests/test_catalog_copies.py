"""Messages a catalog holds twice, pairing by likeness.

A catalog often gives two msgids one translation (wget's `==> CWD not needed.` and `==> CWD
not required.` are both ==> 不需要 CWD。, in zh_TW both ==> 不需要 CWD (切換路徑)。). With one
side shuffled nothing tells the copies apart, and whichever copy pairs with whichever, the
same texts are compared: the copies pair in order instead of not at all. Copies that are
lines of longer messages (bash's `help echo`, held twice, short and long, both with the line
-n 不要追加换行) pair with the copy in their own message, the one between the same paired
paragraphs, not with a copy a shared heading (选项：) points to.
"""

from __future__ import annotations

import json
import random

from diffkit import fold
from diffkit.leftovers import SHORT, SHORT_THRESHOLD, THRESHOLD, alike_pairs, likeness

from .conftest import ROOT
from .message_tables import compare_tables, read_rows

DATA = ROOT / "tests" / "data"


def test_messages_held_twice_pair_with_copies_of_their_translation() -> None:
    copies = read_rows(DATA / "catalog-copies-zh.tsv")
    rows = read_rows(DATA / "tar-messages-zh.tsv") + copies
    shuffled = [(k, tw) for k, _, tw in rows]
    random.Random(11).shuffle(shuffled)
    compared = compare_tables([(k, cn) for k, cn, _ in rows], shuffled)
    texts = {k: (cn, tw) for k, cn, tw in rows}
    paired = {a: b for a, b in compared.owners().items() if a is not None and b is not None}
    for key, cn, tw in copies:
        if not _alike(cn, tw):
            continue  # 取消缩进 / 移除縮排 (删除缩进 once folded): too short for so little alike
        # Paired, with a message of B whose text is this message's translation.
        assert key in paired, (key, cn)
        assert texts[paired[key]] == (cn, tw), (key, paired[key])
    b_sides = [(p.b.start, p.b.end) for p in compared.report.pairs]
    assert len(set(b_sides)) == len(b_sides)


def _alike(cn: str, tw: str) -> bool:
    """Whether the two are alike enough to pair by likeness alone."""
    x, y = fold(cn).text, fold(tw).text
    least = SHORT_THRESHOLD if min(len(x), len(y)) < SHORT else THRESHOLD
    return bool(likeness([x], [y])[0, 0] >= least)


def test_a_line_of_a_message_held_twice_pairs_between_the_same_paired_lines() -> None:
    data = json.loads((DATA / "bash-echo-help-zh.json").read_text(encoding="utf-8"))
    short, long = data["messages"]

    def lines(text: str, keep: int) -> list[str]:
        return [x.strip() for x in text.split("\n") if x.strip()][:keep]

    # A: the short message, then the long one; B: the long one first, then the short one.
    a = lines(short["zh_CN"], 4) + lines(long["zh_CN"], 5)
    b = lines(long["zh_TW"], 5) + lines(short["zh_TW"], 4)
    assert a[3] == a[7] == "-n\t不要追加换行" and b[3] != b[8]
    keys_a, keys_b = [fold(x).text for x in a], [fold(x).text for x in b]
    # Made before: the descriptions (each once on a side) and -e, each with its own; the
    # headings 选项：, a copy in every message, each with the other message's.
    paired = [(1, 6), (5, 1), (8, 4), (2, 2), (6, 7)]
    used_a = [any(i == x for x, _ in paired) for i in range(len(a))]
    used_b = [any(j == y for _, y in paired) for j in range(len(b))]
    found = alike_pairs(
        keys_a, keys_b, used_a, used_b, a_texts=a, b_texts=b, paired=paired, twice=True
    )
    assert (3, 8) in found and (7, 3) in found

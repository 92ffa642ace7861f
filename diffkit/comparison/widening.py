"""A pair that is the only one of both its paragraphs covers them whole.

Anchors find what two translations share word for word; a freer translation shares a phrase
or two (a product name and the words around it), and the pair they make covers only those.
Where nothing else pairs with either paragraph, the rest of each is no other pair's text: the
two paragraphs are each other's counterparts, worded apart, and the pair covers them whole
when they are as alike as a pair by likeness alone must be, their words in any order.
Paragraphs that hold several blank-line-separated items (short messages glued into one) keep
the pair to what matched: the other items there are not this pair's text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..leftovers import THRESHOLD, any_order
from ..pieces import indel_similarity
from ..segmentation import Segmented
from .candidates import Candidate, Side
from .unpaired import BLANK_LINE


def whole_when_alone(
    chosen: list[Candidate], sa: Segmented, sb: Segmented, side_a: Side, side_b: Side
) -> list[Candidate]:
    """``chosen``, each pair that alone touches its A paragraph and its one B paragraph, and
    covers neither whole, widened to both whole, where the two are as alike as a pair by
    likeness alone must be (``THRESHOLD``) and neither holds blank-line-separated items. A
    pair that covers one paragraph whole inside the other (a quotation) stays as it is."""
    on_a = Counter(c.a_paragraph for c in chosen)
    on_b = Counter(
        j for c in chosen for j in range(c.b_paragraph, max(c.b_last, c.b_paragraph) + 1)
    )
    out: list[Candidate] = []
    for c in chosen:
        i, j = c.a_paragraph, c.b_paragraph
        a0, a1, b0, b1 = side_a.start(i), side_a.end(i), side_b.start(j), side_b.end(j)
        if (
            on_a[i] == 1
            and on_b[j] == 1
            and c.b_last <= j
            and (c.a_lo, c.a_hi) != (a0, a1)
            and (c.b_lo, c.b_hi) != (b0, b1)
            and not BLANK_LINE.search(sa.paragraphs[i].text)
            and not BLANK_LINE.search(sb.paragraphs[j].text)
            and _alike(side_a.text[a0:a1], side_b.text[b0:b1])
        ):
            c = replace(c, a_lo=a0, a_hi=a1, b_lo=b0, b_hi=b1)
        out.append(c)
    return out


def _alike(x: str, y: str) -> bool:
    """Whether two paragraphs are as alike as a pair by likeness alone must be, in order or
    as leftovers.py's likeness counts it, their characters in any order too: a translation
    that puts a sentence's clauses in the other order (因为提供给 { $hostname } 的证书包含无效扩展
    last, 由於簽發給 { $hostname } 的憑證包含無效擴充欄位 first) shares its words out of order."""
    in_order = indel_similarity(x, y)
    if in_order >= THRESHOLD:
        return True
    return (in_order + any_order(x, y)) / 2 >= THRESHOLD

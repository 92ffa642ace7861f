"""Two rounds of replacements as one: the regional step's phrases, then its glossary's terms.

The glossary's terms are found in the text the phrase tables made, and often in a phrase they
made (档案 -> 文件 -> 文档). Splicing the two rounds one after the other costs two passes over
the whole text and a composition of their maps; these are the same edits, and the same map,
in one splice of the original text.
"""

from __future__ import annotations

from collections.abc import Sequence

from .codepoints import Piece
from .regional import Replacement

_Placed = tuple[int, int, int, int]
"""A first-round replacement: where its text stands after it, ``(o0, o1)``, and the original
run it replaced, ``(a0, a1)``."""


def composed(
    after: str, first: Sequence[Replacement], second: Sequence[Replacement]
) -> tuple[list[Replacement], list[Piece]]:
    """``first`` (sorted, on the original text) then ``second`` (sorted, on ``after``, the text
    ``first`` makes) as edits of the original, with the pieces that say where each of their
    characters maps: a character of a second-round term maps from the first original
    character of the term's first to the last of its last, one of a first-round text onto the
    run it replaced (what splicing twice and composing the maps gives)."""
    edits: list[Replacement] = []
    pieces: list[Piece] = []
    grown = 0
    placed: list[_Placed] = []
    for a0, a1, text in first:
        o0 = a0 + grown
        grown += len(text) - (a1 - a0)
        placed.append((o0, o0 + len(text), a0, a1))
    i = j = 0
    shift = 0  # what the first round added before the place reached
    while i < len(placed) or j < len(second):
        # In order of place after the first round, a replacement before a term at its place.
        if j == len(second) or (i < len(placed) and placed[i][0] <= second[j][0]):
            o0, o1, a0, a1 = placed[i]
            if j == len(second) or o1 == o0 or second[j][0] >= o1:  # meets no term
                text = first[i][2]
                edits.append((a0, a1, text))
                pieces.append((len(text), a0, a1 - 1))
                shift = o1 - a1
                i += 1
                continue
        else:
            s2, e2, term = second[j]
            if i == len(placed) or placed[i][0] >= e2:  # meets no replacement
                edits.append((s2 - shift, e2 - shift, term))
                pieces.append((len(term), s2 - shift, e2 - 1 - shift))
                j += 1
                continue
        i, j, shift = _cluster(after, placed, second, (i, j, shift), edits, pieces)
    return edits, pieces


# Long for the one walk over both sorted lists that its closures read: split, each part
# would take the walk's state as arguments.
def _cluster(
    after: str,
    placed: list[_Placed],
    second: Sequence[Replacement],
    at: tuple[int, int, int],
    edits: list[Replacement],
    pieces: list[Piece],
) -> tuple[int, int, int]:
    """The replacements from ``placed[i]`` and the terms from ``second[j]`` that overlap one
    another in a chain, as one edit, where ``at`` is ``(i, j, shift)``; returns the same past
    them."""
    i, j, shift = at
    reps: list[_Placed] = []
    terms: list[Replacement] = []
    rep_end = term_end = -1
    while True:
        take_rep = i < len(placed) and (j == len(second) or placed[i][0] <= second[j][0])
        if take_rep:
            o0, o1, _, _ = placed[i]
            if (reps or terms) and not term_end > o0:
                break
            reps.append(placed[i])
            if o1 > o0:
                rep_end = max(rep_end, o1)
            i += 1
        elif j < len(second):
            s2, e2, _ = second[j]
            if (reps or terms) and not rep_end > s2:
                break
            terms.append(second[j])
            term_end = max(term_end, e2)
            j += 1
        else:
            break
    start = min(reps[0][0], terms[0][0])
    end = max(max(o1 for _, o1, _, _ in reps), terms[-1][1])

    def orig(x: int, last: bool) -> int:
        g = shift
        for o0, o1, a0, a1 in reps:
            if o0 <= x < o1:
                return a1 - 1 if last else a0
            if o1 <= x:
                g = o1 - a1
        return x - g

    parts: list[str] = []

    def rep_parts(x: int, y: int) -> None:
        for o0, o1, a0, a1 in reps:
            lo, hi = max(o0, x), min(o1, y)
            if lo < hi:
                parts.append(after[lo:hi])
                pieces.append((hi - lo, a0, a1 - 1))

    reached = start
    for s2, e2, term in terms:
        rep_parts(reached, s2)
        parts.append(term)
        pieces.append((len(term), orig(s2, False), orig(e2 - 1, True)))
        reached = e2
    rep_parts(reached, end)
    edits.append((orig(start, False), orig(end - 1, True) + 1, "".join(parts)))
    return i, j, reps[-1][1] - reps[-1][3] if reps else shift

"""Families of alike paragraphs near an unpaired one, paired by their whole assignment.

Anchors pair what shares the longest run, and two sibling messages share nearly all of theirs
(为此页面添加书签 beside 为页面添加书签; 即使您并不经常使用 beside 无论您是否经常使用 …): the
anchor stage can give one sibling the other's counterpart, and likeness leaves the two it
passed over unpaired, each with a rival as good. Seen together, the family is plain: around
each unpaired paragraph, the paragraphs near where it belongs on the other side and their
counterparts are one family, assigned anew by likeness. A change stands where it starts or
ends at a paragraph left unpaired, raises the family's total by a margin and keeps the order
of the anchored pairs; siblings that merely swap counterparts, every one paired, keep the
anchors' choice, and documents that keep no order (a shuffled catalog) are left to
leftovers.py.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np

from ..leftovers import MIN_CHARS, THRESHOLD, likeness, names_clash, placeholders
from ..neighbours import ORDERED_SHARE, increasing
from ..segmentation import Segmented
from .candidates import Candidate, whole
from .unpaired import BLANK_LINE

WINDOW: Final = 4
"""Paragraphs on either side of where an unpaired one belongs, by its paired neighbours."""
MARGIN: Final = 0.05
"""How much the family's assignment must gain, in likeness above ``THRESHOLD``, to replace
the pairs it has."""
GAIN: Final = 0.01
"""What a pair adds beyond its likeness's excess: two pairs just alike enough outweigh none."""
MAX_SIDE: Final = 12
"""Families with more paragraphs on a side than this are left as they are."""
_LEAST: Final = 6
"""Folded characters a paragraph needs to join a family: shorter keys are told apart by
their place, not their likeness."""


@dataclass
class _Family:
    rows: set[int]
    cols: set[int]


def reassigned(chosen: list[Candidate], sa: Segmented, sb: Segmented) -> list[Candidate]:
    """``chosen``, with each family of alike paragraphs around an unpaired one assigned by
    likeness where that raises the family's total by ``MARGIN``: the pairs it changes are
    dropped and the new ones added, whole paragraphs each."""
    keys_a = [p.folded for p in sa.paragraphs]
    keys_b = [p.folded for p in sb.paragraphs]
    open_a, open_b = _open(sa, keys_a), _open(sb, keys_b)
    col_of, row_of = _single(chosen, open_a, open_b)
    touched_a = {c.a_paragraph for c in chosen}
    touched_b = {j for c in chosen for j in range(c.b_paragraph, max(c.b_last, c.b_paragraph) + 1)}
    free_a = sorted(open_a - touched_a)
    free_b = sorted(open_b - touched_b)
    if not free_a or not free_b or not col_of:
        return chosen
    # The order is the anchors': a pair neighbours or likeness made in a gap (a title
    # paired by its place) may itself sit one sibling off.
    evidence = sorted((c.a_paragraph, c.b_paragraph) for c in chosen if c.matched or c.exact)
    chain = [evidence[n] for n in increasing([b for _, b in evidence])]
    if len(chain) < ORDERED_SHARE * len(evidence) or not chain:
        # Where the documents keep no order (a shuffled catalog), no place says where an
        # unpaired paragraph belongs: the whole assignment by likeness is leftovers.py's.
        return chosen
    ordered = sorted((c.a_paragraph, c.b_paragraph) for c in chosen)
    by_b = sorted((b, a) for a, b in ordered)
    families = _families(
        free_a, free_b, ordered, by_b, col_of, row_of, set(free_a), set(free_b), keys_a, keys_b
    )
    dropped: set[tuple[int, int]] = set()
    added: list[tuple[int, int]] = []
    for family in families:
        changes = _assigned(family, col_of, keys_a, keys_b)
        # The family's pairs change together: the order is judged without any it drops.
        leaving = {pair for old, _ in changes for pair in old}
        for old, new in changes:
            if not _in_order(chain, leaving, new):
                continue
            dropped |= old
            added += new
    if not added:
        return chosen
    kept = [c for c in chosen if (c.a_paragraph, c.b_paragraph) not in dropped]
    return kept + [whole(sa.paragraphs[i], sb.paragraphs[j], exact=False) for i, j in added]


def _in_order(
    chain: list[tuple[int, int]], old: set[tuple[int, int]], new: list[tuple[int, int]]
) -> bool:
    """Whether each new pair stands between the pairs of ``chain`` (the longest run of
    anchored pairs in both documents' order) that the change keeps: where the documents keep one order, a
    family is assigned anew inside it, never across it (a table border's copies)."""
    kept = [x for x in chain if x not in old]
    for i, j in new:
        at = bisect.bisect_left(kept, (i, -1))
        if (at and kept[at - 1][1] >= j) or (at < len(kept) and kept[at][1] <= j):
            return False
    return True


def _open(seg: Segmented, keys: Sequence[str]) -> set[int]:
    """Paragraphs that may join a family: long enough, found once in their document (which
    copy of a repeat pairs is for its neighbours to say), and holding one item (not several
    short messages glued, a blank line apart: those pair item by item, elsewhere)."""
    count = Counter(keys)
    return {
        n
        for n, p in enumerate(seg.paragraphs)
        if len(keys[n]) >= _LEAST and count[keys[n]] == 1 and not BLANK_LINE.search(p.text)
    }


def _single(
    chosen: list[Candidate], open_a: set[int], open_b: set[int]
) -> tuple[dict[int, int], dict[int, int]]:
    """The pairs that alone touch their paragraph on each side, one paragraph each, rest on
    shared runs (not equal keys) and join paragraphs that may join a family."""
    on_a: dict[int, int] = {}
    on_b: dict[int, int] = {}
    for c in chosen:
        on_a[c.a_paragraph] = on_a.get(c.a_paragraph, 0) + 1
        for j in range(c.b_paragraph, max(c.b_last, c.b_paragraph) + 1):
            on_b[j] = on_b.get(j, 0) + 1
    col_of: dict[int, int] = {}
    for c in chosen:
        i, j = c.a_paragraph, c.b_paragraph
        if (
            c.exact
            or c.b_last > j
            or on_a[i] != 1
            or on_b[j] != 1
            or i not in open_a
            or j not in open_b
        ):
            continue
        col_of[i] = j
    return col_of, {j: i for i, j in col_of.items()}


def _near(at: int, order: list[tuple[int, int]], size: int) -> set[int]:
    """Where a paragraph at ``at`` on one side belongs on the other: ``WINDOW`` paragraphs
    around the counterparts of its paired neighbours before and after it."""
    n = bisect.bisect_left(order, (at, -1))
    out: set[int] = set()
    for _, other in order[max(n - 1, 0) : n + 1]:
        out.update(range(max(other - WINDOW, 0), min(other + WINDOW + 1, size)))
    return out


def _families(
    free_a: list[int],
    free_b: list[int],
    by_a: list[tuple[int, int]],
    by_b: list[tuple[int, int]],
    col_of: dict[int, int],
    row_of: dict[int, int],
    open_a: set[int],
    open_b: set[int],
    keys_a: Sequence[str],
    keys_b: Sequence[str],
) -> list[_Family]:
    """Each unpaired paragraph joined with the alike paragraphs near where it belongs that
    are free or singly paired, and their counterparts; families sharing one are one."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(x: tuple[str, int], y: tuple[str, int]) -> None:
        parent[find(x)] = find(y)

    for i in free_a:
        near = [j for j in _near(i, by_a, len(keys_b)) if j in row_of or j in open_b]
        for j in _alike([keys_a[i]], [keys_b[j] for j in near], near):
            join(("a", i), ("b", j))
            if j in row_of:
                join(("a", row_of[j]), ("b", j))
    for j in free_b:
        near = [i for i in _near(j, by_b, len(keys_a)) if i in col_of or i in open_a]
        for i in _alike([keys_b[j]], [keys_a[i] for i in near], near):
            join(("a", i), ("b", j))
            if i in col_of:
                join(("a", i), ("b", col_of[i]))
    groups: dict[tuple[str, int], _Family] = {}
    for node in list(parent):
        family = groups.setdefault(find(node), _Family(set(), set()))
        (family.rows if node[0] == "a" else family.cols).add(node[1])
    return [f for f in groups.values() if f.rows and f.cols]


def _alike(key: list[str], others: list[str], at: list[int]) -> list[int]:
    if not others:
        return []
    scores = likeness(key, others)[0]
    return [at[n] for n in np.flatnonzero(scores >= THRESHOLD).tolist()]


def _assigned(
    family: _Family, col_of: dict[int, int], keys_a: Sequence[str], keys_b: Sequence[str]
) -> list[tuple[set[tuple[int, int]], list[tuple[int, int]]]]:
    """The changes to the family's pairs, each the pairs it drops and those it makes, where
    the best assignment of its rows to its columns by likeness gains ``MARGIN`` over the
    pairs it holds, chain by chain. Pairs whose placeholders differ or whose untranslated
    names clash are never made."""
    rows, cols = sorted(family.rows), sorted(family.cols)
    held = {(i, col_of[i]) for i in rows if col_of.get(i) in family.cols}
    if not held or len(rows) > MAX_SIDE or len(cols) > MAX_SIDE:
        return []
    x, y = [keys_a[i] for i in rows], [keys_b[j] for j in cols]
    scores = likeness(x, y)
    held_x, held_y = placeholders(x), placeholders(y)
    weight = np.where(scores >= THRESHOLD, scores - THRESHOLD + GAIN, 0.0)
    for m, n in zip(*np.nonzero(weight), strict=True):
        if (
            held_x[m] != held_y[n]
            or names_clash(x[m], y[n])
            or min(len(x[m]), len(y[n])) < MIN_CHARS
        ):
            weight[m, n] = 0.0
    at_row = {i: m for m, i in enumerate(rows)}
    at_col = {j: n for n, j in enumerate(cols)}
    if any(weight[at_row[i], at_col[j]] <= 0 for i, j in held):
        return []
    best = {(rows[m], cols[n]) for m, n in _best_matching(weight.tolist())}
    score = {
        (rows[m], cols[n]): float(weight[m, n]) for m in range(len(rows)) for n in range(len(cols))
    }
    return [
        (old, new)
        for old, new in _paths(held - best, best - held)
        if sum(score[p] for p in new) >= sum(score[p] for p in old) + MARGIN
    ]


def _paths(
    old: set[tuple[int, int]], new: set[tuple[int, int]]
) -> list[tuple[set[tuple[int, int]], list[tuple[int, int]]]]:
    """The changes from the pairs ``old`` to ``new``, cut into chains that start or end at a
    paragraph ``old`` left unpaired: each is the old pairs it drops and the new ones it makes.
    Cycles (siblings that swap counterparts, every one paired before) are left out: there the
    anchors' evidence stands against likeness alone."""
    degree: dict[tuple[str, int], int] = {}
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for i, j in old | new:
        for node in (("a", i), ("b", j)):
            degree[node] = degree.get(node, 0) + 1
        parent[find(("a", i))] = find(("b", j))
    groups: dict[tuple[str, int], tuple[set[tuple[int, int]], list[tuple[int, int]]]] = {}
    for i, j in sorted(old | new):
        group = groups.setdefault(find(("a", i)), (set(), []))
        if (i, j) in old:
            group[0].add((i, j))
        else:
            group[1].append((i, j))
    ends = {find(node) for node, d in degree.items() if d == 1}
    return [group for root, group in groups.items() if root in ends]


def _best_matching(weight: list[list[float]]) -> list[tuple[int, int]]:
    """The one-to-one pairs ``(row, column)`` of positive weight whose total is the highest
    (the Hungarian method on the costs ``-weight``, every row free to stay unpaired)."""
    n, width = len(weight), len(weight[0])
    m = width + n  # a column per row for leaving it unpaired, at no cost
    cost = [[0.0] * (m + 1)] + [[0.0] + [-w for w in row] + [0.0] * n for row in weight]
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        least, used = [float("inf")] * (m + 1), [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], float("inf"), 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0][j] - u[i0] - v[j]
                    if cur < least[j]:
                        least[j], way[j] = cur, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return sorted(
        (owner[j] - 1, j - 1)
        for j in range(1, width + 1)
        if owner[j] and weight[owner[j] - 1][j - 1] > 0
    )

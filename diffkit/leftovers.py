"""Paragraphs left unpaired by alignment, paired by how alike their folded keys are.

Anchors need a run of shared characters, and neighbours need an order; a message catalog
translated twice has neither: its messages are short, worded apart and in any order. What is
still unpaired once both have spoken is compared by similarity and assigned, best score
first and then improved by swaps; a pair stands only where it is unambiguous: alike enough,
and no single change of the assignment (another candidate instead, or two pairs swapping
counterparts) comes within the margin, unless what tells the siblings apart decides it.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Sequence
from typing import Any, Final

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from .untranslated import (
    names_clash as names_clash,
    placeholders as placeholders,
    without_names as without_names,
)

THRESHOLD: Final = 0.5
"""The least likeness of the folded keys (``likeness``) for a pair by likeness alone."""
MARGIN: Final = 0.08
"""How much better than the row's or the column's free candidate a pair must be."""
SWAP_MARGIN: Final = 0.05
"""How much the assignment must lose by a swap of two pairs' counterparts for each to stand:
less than ``MARGIN``, as the assignment is improved by swaps until none raises its total."""
TOLD: Final = 0.5
"""How much the parts that tell two siblings apart (what one has and the other lacks) must
favour a pair to decide a rival the margins leave open: across a swap, their likeness; for a
free rival, the share of the counterpart's own part found in the key."""
MIN_CHARS: Final = 3
"""Folded keys shorter than this are too short to tell apart by likeness."""
SHORT: Final = 6
"""A pair whose shorter key is shorter than this needs ``SHORT_THRESHOLD``: one character
more or less moves a short key's similarity a long way."""
SHORT_THRESHOLD: Final = 0.6
_DENSE_MAX: Final = 20_000_000
"""Past this many key pairs, candidates come from MinHash buckets instead of every pair."""


def _sorted(keys: Sequence[str]) -> list[str]:
    return ["".join(sorted(k)) for k in keys]


def any_order(x: str, y: str) -> float:
    """The Indel similarity of two keys' characters in any order: likeness's second half."""
    return float(Indel.normalized_similarity(*_sorted((x, y))))


def likeness(
    a: Sequence[str], b: Sequence[str], *, workers: int = 1
) -> np.ndarray[Any, np.dtype[np.float32]]:
    """How alike each key of ``a`` is to each of ``b``: the mean of their Indel similarity and
    that of their characters in any order (the Indel similarity of the keys sorted, which
    counts the characters they share). A translation often says the same words in another
    order (参数太多 and 太多参数, 无效的用户名 and 用户名无效), which order alone scores at 0.5,
    no better than a message that shares half its words. ``workers`` as rapidfuzz's: threads
    pay off on one large matrix, not on many small ones."""
    in_order = process.cdist(
        a, b, scorer=Indel.normalized_similarity, dtype=np.float32, workers=workers
    )
    any_order = process.cdist(
        _sorted(a),
        _sorted(b),
        scorer=Indel.normalized_similarity,
        dtype=np.float32,
        workers=workers,
    )
    return np.asarray((in_order + any_order) / 2, dtype=np.float32)


def alike_pairs(
    a_keys: Sequence[str],
    b_keys: Sequence[str],
    used_a: Sequence[bool],
    used_b: Sequence[bool],
    *,
    a_texts: Sequence[str] | None = None,
    b_texts: Sequence[str] | None = None,
    paired: Collection[tuple[int, int]] = (),
    twice: bool = False,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` of unused keys of A and B that are each other's clear best match.
    Keys holding different placeholders are not candidates: a translation keeps them all.
    ``a_texts`` and ``b_texts``, the paragraphs as written, tell copies of one key apart by
    their layout (a help text's option lines that differ only in the spaces aligning them),
    and by ``paired``, the pairs ``(i, j)`` already made: a copy whose neighbours pair with
    the key's neighbours is the one in place (a shell's help says 退出状态：总是成功。 at the
    end of many messages, whose first paragraphs the anchors paired). With ``twice``, what
    the assignment leaves open is assigned again, with the pairs it made as neighbours (the
    other lines of a copy's message), and copies written alike on both sides that nothing
    tells apart then pair in order."""
    left = [i for i, k in enumerate(a_keys) if not used_a[i] and len(k) >= MIN_CHARS]
    right = [j for j, k in enumerate(b_keys) if not used_b[j] and len(k) >= MIN_CHARS]
    if not left or not right:
        return []
    a = [a_keys[i] for i in left]
    b = [b_keys[j] for j in right]
    floor = THRESHOLD - MARGIN  # a weaker candidate cannot spoil a pair's margin
    if len(a) * len(b) <= _DENSE_MAX:
        scores = likeness(a, b, workers=-1)
        rows, cols = np.nonzero(scores >= floor)
        found = list(zip(rows.tolist(), cols.tolist(), scores[rows, cols].tolist(), strict=True))
    else:
        from .deduplication import similar_pairs

        # The buckets propose pairs alike in order; each is scored as the dense path scores.
        found = [
            (
                i,
                j - len(a),
                (score + any_order(a[i], b[j - len(a)])) / 2,
            )
            for i, j, score in similar_pairs([*a, *b], floor)
            if i < len(a) <= j
        ]
    held_a, held_b = placeholders(a), placeholders(b)
    found = [(r, c, s) for r, c, s in found if held_a[r] == held_b[c]]
    texts = None
    if a_texts is not None and b_texts is not None:
        texts = ([a_texts[i] for i in left], [b_texts[j] for j in right])
    placed = _placed(left, right, paired, a_keys, b_keys)
    clear = _Assignment(found, floor, a, b, texts, placed).clear()
    if twice:
        taken_r, taken_c = {r for r, _ in clear}, {c for _, c in clear}
        rest = [(r, c, s) for r, c, s in found if r not in taken_r and c not in taken_c]
        made = [*paired, *((left[r], right[c]) for r, c in clear)]
        placed = _placed(left, right, made, a_keys, b_keys)
        clear += _Assignment(rest, floor, a, b, texts, placed, in_order=True).clear()
    return sorted((left[r], right[c]) for r, c in clear)


def _placed(
    left: Sequence[int],
    right: Sequence[int],
    paired: Collection[tuple[int, int]],
    a_keys: Sequence[str],
    b_keys: Sequence[str],
) -> Callable[[int, int], int]:
    """For rows and columns of the assignment, how many of their paragraphs' nearest paired
    neighbours (the one before, the one after) are paired with each other. A pair of copies
    on both sides is no neighbour: a heading every message repeats (选项：, 選項：) says
    nothing of where a copy belongs, whichever of its copies it was paired with."""
    count_a = Counter(a_keys)
    count_b = Counter(b_keys)
    made = {(i, j) for i, j in paired if count_a[a_keys[i]] == 1 or count_b[b_keys[j]] == 1}
    at_a = sorted({i for i, _ in made})
    at_b = sorted({j for _, j in made})

    def around(at: list[int], x: int) -> tuple[int | None, int | None]:
        k = bisect.bisect_left(at, x)
        after = k + (k < len(at) and at[k] == x)
        return (at[k - 1] if k else None), (at[after] if after < len(at) else None)

    def placed(r: int, c: int) -> int:
        (a0, a1), (b0, b1) = around(at_a, left[r]), around(at_b, right[c])
        return ((a0, b0) in made) + ((a1, b1) in made)

    return placed


def _residuals(x: str, y: str) -> tuple[str, str]:
    """What ``x`` holds that ``y`` lacks, and what ``y`` holds that ``x`` lacks."""
    only_x: list[str] = []
    only_y: list[str] = []
    for op in Indel.opcodes(x, y):
        if op.tag != "equal":
            only_x.append(x[op.src_start : op.src_end])
            only_y.append(y[op.dest_start : op.dest_end])
    return "".join(only_x), "".join(only_y)


def _share(part: str, key: str) -> float:
    """The share of ``part``'s characters found in ``key``: 1 when it is empty."""
    if not part:
        return 1.0
    return sum(ch in key for ch in part) / len(part)


class _Assignment:
    """A one-to-one assignment of rows (keys of A) to columns (keys of B) over the scored
    candidates ``found`` (row, column, score), and which of its pairs are clear.

    A catalog holds families of near-identical messages (选项需要带参数 beside 选项不需要参数):
    each is close to every member of the family on the other side, so none is ahead of its
    second best by the margin, though the assignment is plain. Taken best score first, the
    assignment is then improved by swaps until no swap of two pairs' counterparts raises its
    total; a pair stands when no single change of it (the row's or the column's free
    candidate instead, or a swap with the pair that holds the candidate) comes within its
    margin, or when the parts that tell the siblings apart decide it (新式/老式 beside
    新型/舊型; 写入 WARC 文件 beside 写入临时 WARC 文件, against 寫到 WARC 檔案). Copies
    of one key (a catalog that says --help ... three times, aligned differently) are told apart
    by their texts as written, when given, then by their neighbours (``placed``: the copy whose
    nearest paired paragraphs before or after are paired with the key's); otherwise none of
    them pairs, unless ``in_order`` and the copies are copies on both sides, written alike (a
    message the catalog holds twice, translated the same twice): then they pair in their
    documents' order, since either way round the pairs are the same."""

    def __init__(
        self,
        found: list[tuple[int, int, float]],
        floor: float,
        a: Sequence[str],
        b: Sequence[str],
        texts: tuple[Sequence[str], Sequence[str]] | None,
        placed: Callable[[int, int], int] | None = None,
        in_order: bool = False,
    ) -> None:
        self.a, self.b, self.floor, self.texts, self.placed = a, b, floor, texts, placed
        self.in_order = in_order
        self.score = {(r, c): s for r, c, s in found}
        # Rivals best first: improving swaps are looked for among the better ones only.
        self.rivals_of_row: dict[int, list[int]] = defaultdict(list)
        self.rivals_of_col: dict[int, list[int]] = defaultdict(list)
        self.col_of: dict[int, int] = {}
        self.row_of: dict[int, int] = {}
        self.eligible: set[tuple[int, int]] = set()
        self._layout: dict[tuple[int, int], float] = {}
        for r, c, s in sorted(found, key=lambda t: (-t[2], t[0], t[1])):
            self.rivals_of_row[r].append(c)
            self.rivals_of_col[c].append(r)
            if s < THRESHOLD or (min(len(a[r]), len(b[c])) < SHORT and s < SHORT_THRESHOLD):
                continue
            self.eligible.add((r, c))
            if r not in self.col_of and c not in self.row_of:
                self.col_of[r], self.row_of[c] = c, r
        self._improve()

    def layout(self, r: int, c: int) -> float:
        """What tells copies apart: how alike the texts as written are (0 when not given),
        and how many of their neighbours are paired with each other (a whole point each: a
        copy's place outweighs its spacing)."""
        if (r, c) not in self._layout:
            value = 0.0 if self.placed is None else float(self.placed(r, c))
            if self.texts is not None:
                texts_a, texts_b = self.texts
                value += Indel.normalized_similarity(texts_a[r], texts_b[c])
            self._layout[(r, c)] = value
        return self._layout[(r, c)]

    def _layout_gain(self, r: int, c: int, r2: int, c2: int) -> float:
        """What ``(r, c)`` and ``(r2, c2)`` gain in layout over ``(r, c2)`` and ``(r2, c)``."""
        return self.layout(r, c) + self.layout(r2, c2) - self.layout(r, c2) - self.layout(r2, c)

    def _free_copies(self, r: int, c: int, r2: int, c2: int) -> bool:
        """Whether ``(r, c)`` and ``(r2, c2)`` exchange copies on both sides, written alike
        (a message a catalog holds twice, translated the same twice), which pair in order
        when nothing else tells them apart: either way round, the pairs are the same."""
        if not self.in_order or self.a[r] != self.a[r2] or self.b[c] != self.b[c2]:
            return False
        if self.texts is None:
            return True
        texts_a, texts_b = self.texts
        return texts_a[r] == texts_a[r2] and texts_b[c] == texts_b[c2]

    def _worse_copies(self, r: int, c: int, r2: int, c2: int) -> bool:
        """Whether ``(r, c)`` and ``(r2, c2)``, which exchange copies of one key, are the
        worse way round: laid out less alike than the other way, or, when nothing tells the
        copies apart, crossing each other's order."""
        gain = self._layout_gain(r, c, r2, c2)
        if abs(gain) <= _EPSILON:
            return self._free_copies(r, c, r2, c2) and (r - r2) * (c - c2) < 0
        return gain < 0

    def _swap(self, r: int, c: int, r2: int, c2: int) -> None:
        self.col_of[r], self.col_of[r2], self.row_of[c], self.row_of[c2] = c2, c, r2, r

    def _move(self, r: int, c: int, r2: int, c2: int) -> None:
        """Pair ``(r2, c2)`` instead of ``(r, c)``; one of the two is the same."""
        del self.col_of[r], self.row_of[c]
        self.col_of[r2], self.row_of[c2] = c2, r2

    def _improve(self) -> None:
        """Swap counterparts while a swap raises the total score (or, between copies, the
        layout's), and move a pair to a free copy of its counterpart laid out more alike.
        Each change raises the totals, so the loop ends; the bound keeps it short."""
        a, b, score, eligible = self.a, self.b, self.score, self.eligible
        for _ in range(_PASSES):
            changed = False
            for r in list(self.col_of):
                c = self.col_of[r]
                for c2 in self.rivals_of_row[r]:
                    # A swap that gains with a worse column here gains with a better row
                    # there; it is found from that row.
                    if score[(r, c2)] < score[(r, c)] - _EPSILON:
                        break
                    r2 = self.row_of.get(c2)
                    if c2 == c or (r, c2) not in eligible:
                        continue
                    if r2 is None:
                        if b[c2] == b[c] and self.layout(r, c2) > self.layout(r, c):
                            self._move(r, c, r, c2)
                            changed = True
                            break
                        continue
                    if (r2, c) not in eligible:
                        continue
                    gain = score[(r, c2)] + score[(r2, c)] - score[(r, c)] - score[(r2, c2)]
                    copies = b[c2] == b[c] or a[r2] == a[r]
                    if gain > _EPSILON or (copies and self._worse_copies(r, c, r2, c2)):
                        self._swap(r, c, r2, c2)
                        changed = True
                        break
            for c in list(self.row_of):
                r = self.row_of[c]
                for r2 in self.rivals_of_col[c]:
                    if score[(r2, c)] < score[(r, c)] - _EPSILON:
                        break
                    copy = r2 != r and r2 not in self.col_of and a[r2] == a[r]
                    if copy and (r2, c) in eligible and self.layout(r2, c) > self.layout(r, c):
                        self._move(r, c, r2, c)
                        changed = True
                        break
            if not changed:
                return

    def _cost(self, r: int, c: int, r2: int, c2: int) -> float:
        """What pairing ``(r2, c2)`` instead of ``(r, c)`` loses; when the rival is another
        pair's, the two swap counterparts (a score under the floor is not known and counts
        as the floor)."""
        s, score = self.score[(r, c)], self.score
        if r2 == r and c2 in self.row_of:  # the column c2 is another row's, which takes c
            other = self.row_of[c2]
            return s + score[(other, c2)] - score[(r, c2)] - score.get((other, c), self.floor)
        if c2 == c and r2 in self.col_of:  # the row r2 holds another column, which r takes
            other = self.col_of[r2]
            return s + score[(r2, other)] - score[(r2, c)] - score.get((r, other), self.floor)
        return s - score[(r2, c2)]

    def _swapped(self, r: int, c: int, r2: int, c2: int) -> tuple[int, int] | None:
        """The pair that gives up its counterpart when ``(r2, c2)`` replaces ``(r, c)``, as
        ``(r3, c3)`` with ``(r, c3)`` and ``(r3, c)`` the swap; None when the rival is free."""
        if r2 == r and c2 in self.row_of:
            return self.row_of[c2], c2
        if c2 == c and r2 in self.col_of:
            return r2, self.col_of[r2]
        return None

    def _decided(self, r: int, c: int, r2: int, c2: int) -> bool:
        """Whether ``(r, c)`` wins against the rival ``(r2, c2)``."""
        a, b = self.a, self.b
        other = self._swapped(r, c, r2, c2)
        if other is None and b[c2] == b[c] and a[r2] == a[r]:
            # A free copy of the counterpart: no text decides, only the layout.
            return self.layout(r, c) > self.layout(r2, c2)
        if other is not None and (a[other[0]] == a[r] or b[other[1]] == b[c]):
            # A swap of copies, of the key or of its counterpart, whichever side the rival
            # is on: it compares the same texts either way, so only the layout decides (by
            # more than the rounding of a sum of four equal-and-opposite likenesses).
            gain = self._layout_gain(r, c, *other)
            if abs(gain) <= _EPSILON and self._free_copies(r, c, *other):
                return (r - other[0]) * (c - other[1]) > 0
            return gain > _EPSILON
        if self._cost(r, c, r2, c2) >= (MARGIN if other is None else SWAP_MARGIN):
            return True
        if other is None:
            # A free rival: nothing that only the rival holds is in the key, and most of what
            # only the counterpart holds is (无法写入 WARC 文件 against 寫到 WARC 檔案, beside
            # 写入临时 WARC 文件).
            if r2 == r:
                own, rest = _residuals(b[c], b[c2])
                key = a[r]
            else:
                own, rest = _residuals(a[r], a[r2])
                key = b[c]
            return _share(rest, key) == 0 and _share(own, key) >= TOLD
        r3, c3 = other
        own_a, other_a = _residuals(a[r], a[r3])
        own_b, other_b = _residuals(b[c], b[c3])
        sim = Indel.normalized_similarity
        told = sim(own_a, own_b) + sim(other_a, other_b) - sim(own_a, other_b) - sim(other_a, own_b)
        return told >= TOLD

    def clear(self) -> list[tuple[int, int]]:
        """The pairs of the assignment that win against every rival, sorted."""
        out = [
            (r, c)
            for r, c in self.col_of.items()
            if all(self._decided(r, c, r, c2) for c2 in self.rivals_of_row[r] if c2 != c)
            and all(self._decided(r, c, r2, c) for r2 in self.rivals_of_col[c] if r2 != r)
        ]
        return sorted(out)


_PASSES: Final = 8
_EPSILON: Final = 1e-6

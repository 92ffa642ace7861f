"""Linked groups split into clusters whose members stay close to their representative.

A linked group is what similar pairs connect, and a chain of small edits connects passages
that have little in common (a GPL-2 notice, a GPL-3 one, an LGPL one, an Apache one). Two
rules split it:

- ``star`` (the default): every member is within the threshold of its representative, the
  first occurrence; what none of them takes starts a cluster of its own, in document order;
- ``single``: a member also joins through a member already in that it is within the
  threshold of, when it stays within ``threshold - DRIFT`` of the representative.

A representative is compared with every unit of its group not taken yet while the group's
comparisons number fewer than ``BUDGET`` a unit (with ``single``, every member with every
unit close enough to the representative, ``POOL_BUDGET``); past that, only with the units
whose keys are linked to its own by a verified similar pair. A chain of thousands of small edits is
one group, and comparing each of its representatives with the whole rest would cost the
square of its size; MinHash misses some pairs above the threshold that the chain still
links, which the comparisons within the budget find. Units of one key are alike to every
other unit, so a key joins or stays out whole, and each pair of keys is scored once. A key
a cluster takes leaves the keys a representative or member scans, so every key scanned is
a comparison charged to the budget or dropped for good: a large cluster is not scanned
again by each representative after it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Final, Literal

from .components import Links
from .similarity import _pair_scores
from .units import _Unit

Linkage = Literal["star", "single"]
LINKAGES: Final = ("star", "single")
DRIFT: Final = 0.15
"""With ``single`` linkage, how far below the threshold a member may sit from its
representative when it is within the threshold of another member."""

BUDGET: Final = 32
"""Comparisons a unit of a linked group, past which its representatives are compared only
with the units linked to them: as only keys not taken yet are scanned, and each is charged,
the work stays linear in the group's size."""

POOL_BUDGET: Final = 256
"""With ``single`` linkage, comparisons of members with the units close enough to their
representative, a unit of the group, past which a member is compared with those linked to it
(Debian's licence notices need about 200)."""

_Scores = dict[tuple[int, int], float]


class _Group:
    """One linked group's units by key, the keys linked to each, and the scores of pairs of
    keys, each pair scored once."""

    def __init__(
        self, units: list[_Unit], ordered: list[int], links: Links, place: Callable[[int], int]
    ) -> None:
        self.units = units
        self.key_of = links.key_of
        self.links = links
        self.place = place
        self.by_key: dict[int, list[int]] = {}
        for n in ordered:
            self.by_key.setdefault(int(self.key_of[n]), []).append(n)
        self.left = dict.fromkeys(self.by_key)
        self.taken: set[int] = set()
        self.scores: _Scores = {}
        self.budget = BUDGET * len(ordered)
        self.pool_budget = POOL_BUDGET * len(ordered)

    def near(self, key: int, pool: list[int] | None = None) -> list[int]:
        """The keys to compare with ``key``, none taken: every key of the group (or of
        ``pool``, for a member) while that budget lasts, then the keys linked to it. Taken
        keys leave ``left`` and ``pool`` as they are met, so each key scanned is charged to
        the budget or dropped for good."""
        if pool is None and self.budget > 0:
            found = [k for k in self.left if k != key]
            self.budget -= len(found)
            return found
        if pool is not None and self.pool_budget > 0:
            pool[:] = [k for k in pool if k not in self.taken]
            found = [k for k in pool if k != key]
            self.pool_budget -= len(found)
            return found
        return [k for k in dict.fromkeys(self.links.linked(key)) if k not in self.taken]

    def take(self, keys: list[int]) -> None:
        """Mark ``keys`` as in a cluster: no later representative or member meets them."""
        for k in keys:
            self.taken.add(k)
            self.left.pop(k, None)

    def score(self, pairs: list[tuple[int, int]]) -> None:
        """Score the pairs of keys not scored yet, in one batch."""
        todo = [p for p in dict.fromkeys(pairs) if p not in self.scores]
        if todo:
            first = [self.text(a) for a, _ in todo]
            second = [self.text(b) for _, b in todo]
            self.scores.update(zip(todo, _pair_scores(first, second), strict=True))

    def text(self, key: int) -> str:
        return self.units[self.by_key[key][0]].key

    def first_pairs(self) -> list[tuple[int, int]]:
        """The pairs of the first representative's key and the keys linked to it."""
        rk = next(iter(self.by_key))
        return [(rk, k) for k in self.near(rk)]

    def cluster(self, rep: int, keys: list[int], known: _Scores) -> list[int]:
        """The units of ``keys`` (the representative's own first), the representative first
        and the rest in document order, their scores to it kept in ``known``."""
        rk = int(self.key_of[rep])
        members = [rep]
        for k in keys:
            for n in self.by_key[k]:
                if n != rep:
                    members.append(n)
                    known[(rep, n)] = 1.0 if k == rk else self.scores[(rk, k)]
        return [rep, *sorted(members[1:], key=self.place)]


def _split(
    units: list[_Unit],
    groups: list[list[int]],
    threshold: float,
    place: Callable[[int], int],
    links: Links,
    linkage: Linkage = "star",
) -> tuple[list[list[int]], _Scores]:
    """Every linked group split by ``linkage``; the scores of each representative to its
    members too, by ``(representative, member)``. Groups are taken in document order
    (``place``); the first representatives' scores are found in one batch for all groups."""
    ordered = [sorted(g, key=place) for g in groups]
    big = [_Group(units, g, links, place) for g in ordered if len(g) > 2]
    firsts = [(gr, pair) for gr in big for pair in gr.first_pairs()]
    scores = _pair_scores(
        [gr.text(a) for gr, (a, _) in firsts], [gr.text(b) for gr, (_, b) in firsts]
    )
    for (gr, pair), score in zip(firsts, scores, strict=True):
        gr.scores[pair] = score
    known: _Scores = {}
    out: list[list[int]] = []
    rest = iter(big)
    for g in ordered:
        if len(g) == 2:  # two units joined by an equal key or a similar pair
            out.append(g)
            continue
        group = next(rest)
        if linkage == "single":
            out += _chained(group, threshold, known)
        else:
            out += _stars(group, threshold, known)
    return out, known


def _stars(group: _Group, threshold: float, known: _Scores) -> list[list[int]]:
    """Split a linked group into clusters each of whose members is within ``threshold`` of
    the representative, the first unit no earlier cluster took, among the keys linked to
    the representative's."""
    out: list[list[int]] = []
    for rk, ns in group.by_key.items():  # keys in order of their first unit
        if rk in group.taken:
            continue
        group.take([rk])
        near = group.near(rk)
        group.score([(rk, k) for k in near])
        keys = [rk] + [k for k in near if group.scores[(rk, k)] >= threshold]
        group.take(keys)
        members = group.cluster(ns[0], keys, known)
        if len(members) > 1:
            out.append(members)
    return out


def _chained(group: _Group, threshold: float, known: _Scores) -> list[list[int]]:
    """Split a linked group so that no member drifts far from its representative: a member
    joins when it is within ``threshold`` of the representative, or of a member already in
    and within ``threshold - DRIFT`` of the representative. Within the budget a member is
    compared with every unit that close to the representative, past it with those linked."""
    floor = threshold - DRIFT
    out: list[list[int]] = []
    taken = group.taken
    for rk, ns in group.by_key.items():
        if rk in taken:
            continue
        group.take([rk])
        first = group.near(rk)
        group.score([(rk, y) for y in first])
        pool = [y for y in first if group.scores[(rk, y)] >= floor]
        keys, todo = [rk], deque([rk])
        while todo:
            x = todo.popleft()
            near = first if x == rk else group.near(x, pool)
            group.score([(rk, y) for y in near])
            close = [y for y in near if y not in taken and group.scores[(rk, y)] >= floor]
            if x != rk:
                group.score([(x, y) for y in close if group.scores[(rk, y)] < threshold])
            for y in close:
                if group.scores[(rk, y)] >= threshold or group.scores[(x, y)] >= threshold:
                    group.take([y])
                    keys.append(y)
                    todo.append(y)
        members = group.cluster(ns[0], keys, known)
        if len(members) > 1:
            out.append(members)
    return out

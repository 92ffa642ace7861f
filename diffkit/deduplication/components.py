"""Linked units as groups: connected components of equal keys and similar pairs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .candidates import similar_pairs
from .units import _Unit


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


I64 = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Links:
    """What linked the units: each unit's key number and the similar pairs of keys found
    (rows of ``pairs``). Splitting groups into clusters looks only at these."""

    key_of: I64
    pairs: I64
    _start: I64 = field(init=False, repr=False, compare=False)
    _other: I64 = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        n = int(self.key_of.max()) + 1 if len(self.key_of) else 0
        ends = np.concatenate((self.pairs[:, 0], self.pairs[:, 1]))
        others = np.concatenate((self.pairs[:, 1], self.pairs[:, 0]))
        start = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(ends, minlength=n), out=start[1:])
        object.__setattr__(self, "_start", start)
        object.__setattr__(self, "_other", others[np.argsort(ends, kind="stable")])

    def linked(self, key: int) -> list[int]:
        """The keys paired with ``key``."""
        found: list[int] = self._other[self._start[key] : self._start[key + 1]].tolist()
        return found

    @classmethod
    def of_units(cls, key_of: I64, unit_pairs: I64) -> Links:
        """Links of units paired directly (``unit_pairs``), their keys numbered by
        ``key_of``: the pairs of their keys, equal keys left out."""
        a, b = key_of[unit_pairs[:, 0]], key_of[unit_pairs[:, 1]]
        return cls(key_of, np.stack((a[a != b], b[a != b]), axis=1))


def _unit_clusters(
    units: list[_Unit],
    threshold: float,
    step: Callable[[str, float], None],
    processes: int,
) -> tuple[list[list[int]], Links]:
    """Units linked by an equal key or a similar pair, as groups of at least two in order of
    their first unit, each in unit order, and the links. Keys are numbered in order of
    first use."""
    keys, key_of = numbered_keys(units)
    step("candidates", 0.45)
    pairs = similar_pairs(keys, threshold, processes=processes)
    links = np.array([(i, j) for i, j, _ in pairs], dtype=np.int64).reshape(-1, 2)
    label = components(len(keys), links[:, 0], links[:, 1])
    return linked_groups(label[key_of]), Links(key_of, links)


def numbered_keys(units: list[_Unit]) -> tuple[list[str], npt.NDArray[np.int64]]:
    """The distinct keys in order of first use (an exact repeat takes its first
    occurrence's number), and each unit's key number."""
    numbers: dict[str, int] = {}
    key_of = np.fromiter(
        (numbers.setdefault(u.key, len(numbers)) for u in units), dtype=np.int64, count=len(units)
    )
    return list(numbers), key_of


def linked_groups(label: npt.NDArray[np.int64]) -> list[list[int]]:
    """The units of each component label (``label[unit]``) held by two or more, groups in
    order of their label, each in unit order: with labels the smallest key of a component
    and keys numbered in order of first use, groups come in order of their first unit."""
    order = np.argsort(label, kind="stable")
    cuts = np.flatnonzero(np.diff(label[order])) + 1
    firsts, ends = np.append(0, cuts), np.append(cuts, len(order))
    members = order.tolist()
    return [members[a:b] for a, b in zip(firsts.tolist(), ends.tolist(), strict=True) if b - a > 1]


def components(n: int, a: npt.NDArray[np.int64], b: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """For each of nodes ``0..n-1``, the smallest node of its connected component, edges
    ``a[k]-b[k]``: each round hooks every tree an edge still leaves onto the smaller of the two
    roots, then points every node straight at its root, until no edge joins two trees."""
    parent = np.arange(n, dtype=np.int64)
    while len(a):
        ra, rb = parent[a], parent[b]
        apart = ra != rb
        a, b, ra, rb = a[apart], b[apart], ra[apart], rb[apart]
        np.minimum.at(parent, np.maximum(ra, rb), np.minimum(ra, rb))
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return parent

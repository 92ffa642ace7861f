"""Connected components by star contraction (large-star / small-star), for edges spread over
many machines: each step needs only each node's own neighbours, so it is a map over edges
grouped by node, with one exchange between steps.

- large-star: a node ``u`` links every neighbour larger than itself to the smallest node of
  its neighbourhood (itself included);
- small-star: a node ``u`` links itself and every neighbour smaller than itself to the
  smallest of them.

Repeated in turn until neither changes anything, every component is a star whose centre is
its smallest node (a node with a smaller neighbour has no larger one, and only one smaller):
the same labels as ``components``. Each function takes the edges of the nodes it groups,
as arrays of ``(u, v)`` rows grouped by ``u``, and returns the new edges ``(v, m)``,
``v > m``, and how many nodes changed something.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

I64 = npt.NDArray[np.int64]


def _grouped(u: I64, v: I64) -> tuple[I64, I64, I64, I64]:
    """The distinct rows sorted by ``u`` then ``v``, the start of each ``u``'s run, and
    each row's run number."""
    rows = np.unique(np.stack((u, v), axis=1), axis=0)
    u, v = rows[:, 0], rows[:, 1]
    new = np.concatenate(([True], u[1:] != u[:-1]))
    return u, v, np.flatnonzero(new), np.cumsum(new) - 1


def large_star(u: I64, v: I64) -> tuple[I64, I64, int]:
    """Large-star over directed rows ``u -> v`` (every edge present in both directions)."""
    if not len(u):
        return u, v, 0
    u, v, starts, run = _grouped(u, v)
    smallest = np.minimum(u[starts], np.minimum.reduceat(v, starts))[run]
    up = v > u
    changed = np.unique(u[up & (smallest < u)])
    big, small = v[up], smallest[up]
    return (*_distinct(big, small), len(changed))


def small_star(u: I64, v: I64) -> tuple[I64, I64, int]:
    """Small-star over rows ``u -> v`` with ``v < u`` (each edge once, from its larger end)."""
    if not len(u):
        return u, v, 0
    u, v, starts, run = _grouped(u, v)
    sizes = np.diff(np.append(starts, len(u)))
    smallest = v[starts][run]  # sorted by v within a run: the first is the smallest
    others = v != smallest
    big = np.concatenate((u[starts], v[others]))
    small = np.concatenate((v[starts], smallest[others]))
    return (*_distinct(big, small), int((sizes > 1).sum()))


def _distinct(big: I64, small: I64) -> tuple[I64, I64]:
    if not len(big):
        return big, small
    pairs = np.unique(np.stack((big, small), axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def star_labels(n: int, big: I64, small: I64) -> I64:
    """Each node's label from the converged edges ``big -> small`` (leaf -> centre)."""
    label = np.arange(n, dtype=np.int64)
    label[big] = small
    return label

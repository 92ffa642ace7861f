"""Connected components of the verified pairs on a Dask cluster, by star contraction.

Large-star and small-star steps (:mod:`.stars`, the kernels) alternate over partitions of
the edges routed by node, until neither changes an edge; the labels are the local path's
(each node's smallest linked node).
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np

from .dask_pairs import I64, Scored, column
from .stars import large_star, small_star, star_labels

_STAR_ROUNDS: Final = 200


def contracted(client: Any, n: int, verified: list[Any]) -> I64:
    """The components of the pairs ``verified`` (futures) by star contraction on the
    cluster: only the labels come back."""
    p = max(len(verified), 1)
    routed = [client.submit(_edges_both_ways, part, p) for part in verified]
    for _ in range(_STAR_ROUNDS):
        large = [client.submit(_large_star_part, p, *column(client, routed, q)) for q in range(p)]
        small = [
            client.submit(_small_star_part, p, *[client.submit(_piece, f, q) for f in large])
            for q in range(p)
        ]
        changed = client.gather([client.submit(_changed, f) for f in large + small])
        if not sum(changed):
            ends = client.gather([client.submit(_ends, f) for f in small])
            big = np.concatenate([b for b, _ in ends]) if ends else np.zeros(0, np.int64)
            centre = np.concatenate([s for _, s in ends]) if ends else np.zeros(0, np.int64)
            return star_labels(n, big, centre)
        routed = [client.submit(_routed, f) for f in small]
    raise RuntimeError(f"star contraction did not converge in {_STAR_ROUNDS} rounds")


def pair_ids(found: Scored) -> I64:
    return np.array([(i, j) for i, j, _ in found], dtype=np.int64).reshape(-1, 2)


def _edges_both_ways(found: Scored, dests: int) -> list[tuple[I64, I64]]:
    """The verified pairs as rows ``u -> v`` in both directions, routed by ``u``."""
    pairs = np.array([(i, j) for i, j, _ in found], dtype=np.int64).reshape(-1, 2)
    return _by_owner(
        np.concatenate((pairs[:, 0], pairs[:, 1])),
        np.concatenate((pairs[:, 1], pairs[:, 0])),
        dests,
    )


def _by_owner(u: I64, v: I64, dests: int) -> list[tuple[I64, I64]]:
    owner = u % dests
    return [(u[owner == q], v[owner == q]) for q in range(dests)]


_Star = tuple[list[tuple[I64, I64]], int, tuple[I64, I64]]
"""A star step's result: its edges routed for the next step, how many nodes changed
something, and the edges themselves."""


def _large_star_part(dests: int, *pieces: tuple[I64, I64]) -> _Star:
    u = np.concatenate([x for x, _ in pieces])
    v = np.concatenate([y for _, y in pieces])
    big, small, changed = large_star(u, v)
    return _by_owner(big, small, dests), changed, (big, small)


def _small_star_part(dests: int, *pieces: tuple[I64, I64]) -> _Star:
    u = np.concatenate([x for x, _ in pieces])
    v = np.concatenate([y for _, y in pieces])
    big, small, changed = small_star(u, v)
    both = _by_owner(np.concatenate((big, small)), np.concatenate((small, big)), dests)
    return both, changed, (big, small)


def _piece(result: _Star, q: int) -> tuple[I64, I64]:
    return result[0][q]


def _routed(result: _Star) -> list[tuple[I64, I64]]:
    return result[0]


def _changed(result: _Star) -> int:
    return result[1]


def _ends(result: _Star) -> tuple[I64, I64]:
    return result[2]

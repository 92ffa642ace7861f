"""Linked groups split into clusters whose members stay close to their representative.

A linked group is what similar pairs connect, and a chain of small edits connects passages
that have little in common (a GPL-2 notice, a GPL-3 one, an LGPL one, an Apache one). Two
rules split it:

- ``star`` (the default): every member is within the threshold of its representative, the
  first occurrence; what none of them takes starts a cluster of its own, in document order;
- ``single``: a member also joins through a member already in that it is within the
  threshold of, when it stays within ``threshold - DRIFT`` of the representative.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Literal

from .similarity import _pair_scores, pair_similarity_of_keys
from .units import _Unit

Linkage = Literal["star", "single"]
LINKAGES: Final = ("star", "single")
DRIFT: Final = 0.15
"""With ``single`` linkage, how far below the threshold a member may sit from its
representative when it is within the threshold of another member."""

_Scores = dict[tuple[int, int], float]


def _split(
    units: list[_Unit],
    groups: list[list[int]],
    threshold: float,
    place: Callable[[int], int],
    linkage: Linkage = "star",
) -> tuple[list[list[int]], _Scores]:
    """Every linked group split by ``linkage``, the similarities of each group's first
    representative to its other members scored in one batch for all groups; the scores of
    each representative to the members it was compared with too, by ``(representative,
    member)``. Groups are taken in document order (``place``)."""
    ordered = [sorted(g, key=place) for g in groups]
    pairs = [(g[0], n) for g in ordered if len(g) > 2 for n in g[1:]]
    scores = _pair_scores([units[a].key for a, _ in pairs], [units[b].key for _, b in pairs])
    known = dict(zip(pairs, scores, strict=True))
    out: list[list[int]] = []
    for g in ordered:
        if len(g) == 2:  # two units joined by an equal key or a similar pair
            out.append(g)
        elif linkage == "single":
            out += _chained(units, g, threshold, known)
        else:
            out += _stars(units, g, threshold, known)
    return out, known


def _to_rep(units: list[_Unit], rep: int, rest: list[int], known: _Scores) -> dict[int, float]:
    """The similarity of the representative to each of ``rest``, scored in one batch where
    not known, and kept in ``known``."""
    todo = [n for n in rest if (rep, n) not in known]
    if todo:
        scores = _pair_scores([units[rep].key] * len(todo), [units[n].key for n in todo])
        known.update(((rep, n), s) for n, s in zip(todo, scores, strict=True))
    return {n: known[(rep, n)] for n in rest}


def _stars(
    units: list[_Unit], pending: list[int], threshold: float, known: _Scores
) -> list[list[int]]:
    """Split a linked group (in document order) into clusters each of whose members is
    within ``threshold`` of the representative, the first unit no earlier cluster took."""
    out: list[list[int]] = []
    while len(pending) > 1:
        rep, rest = pending[0], pending[1:]
        to_rep = _to_rep(units, rep, rest, known)
        members = [rep] + [n for n in rest if to_rep[n] >= threshold]
        if len(members) > 1:
            out.append(members)
        taken = set(members)
        pending = [n for n in rest if n not in taken]
    return out


def _chained(
    units: list[_Unit], pending: list[int], threshold: float, known: _Scores
) -> list[list[int]]:
    """Split a linked group (in document order) so that no member drifts far from its
    representative: a member joins when it is within ``threshold`` of the representative, or
    of a member already in and within ``threshold - DRIFT`` of the representative."""
    floor = threshold - DRIFT
    out: list[list[int]] = []
    while pending:
        rep, rest = pending[0], pending[1:]
        members = [rep]
        to_rep = _to_rep(units, rep, rest, known)
        changed = True
        while changed:
            changed = False
            for n in rest:
                if n in members or to_rep[n] < floor:
                    continue
                if to_rep[n] >= threshold or any(
                    pair_similarity_of_keys(units[m].key, units[n].key) >= threshold
                    for m in members[1:]
                ):
                    members.append(n)
                    changed = True
        out.append(members)
        taken = set(members)
        pending = [n for n in rest if n not in taken]
    return [g for g in out if len(g) > 1]

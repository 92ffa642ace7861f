"""Linked groups split into clusters whose members stay close to their representative."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from .similarity import _pair_scores, pair_similarity_of_keys
from .units import _Unit

DRIFT: Final = 0.15
"""How far below the threshold a member may sit from its representative when it is within
the threshold of another member."""


def _split(
    units: list[_Unit],
    groups: list[list[int]],
    threshold: float,
    place: Callable[[int], int],
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Every linked group split by ``_stars``, the similarities of each group's first
    representative to its other members scored in one batch for all groups; those scores
    too, by ``(representative, member)``, for the clusters that keep that representative.
    Groups are taken in document order (``place``)."""
    ordered = [sorted(g, key=place) for g in groups]
    pairs = [(g[0], n) for g in ordered if len(g) > 2 for n in g[1:]]
    scores = _pair_scores([units[a].key for a, _ in pairs], [units[b].key for _, b in pairs])
    out: list[list[int]] = []
    at = 0
    for g in ordered:
        to_first = dict(zip(g[1:], scores[at : at + len(g) - 1], strict=True)) if len(g) > 2 else {}
        at += len(to_first)
        out += _stars(units, g, threshold, to_first)
    return out, dict(zip(pairs, scores, strict=True))


def _stars(
    units: list[_Unit], pending: list[int], threshold: float, to_first: dict[int, float]
) -> list[list[int]]:
    """Split a linked group (in document order) so that no member drifts far from its
    representative: a member joins when it is within ``threshold`` of the representative, or
    of a member already in and within ``threshold - DRIFT`` of the representative. A chain of
    small steps cannot carry unrelated passages into one cluster. ``to_first`` holds the
    similarity of each member to the first."""
    if len(pending) == 2:
        return [pending]
    floor = threshold - DRIFT
    out: list[list[int]] = []
    to_rep = to_first
    while pending:
        rep, rest = pending[0], pending[1:]
        members = [rep]
        if out:  # a later representative: the batch scored the first one only
            to_rep = {n: pair_similarity_of_keys(units[rep].key, units[n].key) for n in rest}
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

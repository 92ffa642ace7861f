"""What kind of pair two passages make, and how it changed, as every shell shows it.

The comparison gives each of its pairs a kind. A repeat in a cluster is shown as a pair of
the first occurrence and the repeat, whose kind is read here from the member the
deduplication made; and the shells colour a pair by how it changed (the same once folded,
changed, moved), by one rule kept here.
"""

from __future__ import annotations

from typing import Final, Literal

from .model import Cluster, Pair, PairKind

Change = Literal["same", "changed", "moved"]

SAME_KINDS: Final = frozenset({"identical", "equivalent"})
"""Kinds of pairs whose two passages are the same once folded."""


def member_kind(cluster: Cluster, n: int) -> PairKind:
    """The kind of the pair that member ``n`` makes with the cluster's first occurrence:
    ``identical`` when the texts are, ``equivalent`` when the folded keys are (similarity
    1.0), else ``modified``."""
    first, member = cluster.representative, cluster.members[n]
    if member.text == first.text:
        return "identical"
    return "equivalent" if member.similarity >= 1.0 else "modified"


def member_pair(cluster: Cluster, n: int) -> Pair:
    """Member ``n`` (``n`` > 0) as a pair of the first occurrence and itself, numbered ``n``."""
    first, member = cluster.representative, cluster.members[n]
    return Pair(
        index=n,
        a=first.span,
        b=member.span,
        a_text=first.text,
        b_text=member.text,
        kind=member_kind(cluster, n),
        similarity=member.similarity,
        edits=tuple(member.edits),
    )


def change_of(pair: Pair) -> Change:
    """How ``pair`` changed: ``moved`` out of order, else ``same`` once folded, or
    ``changed``."""
    if pair.moved:
        return "moved"
    return "same" if pair.kind in SAME_KINDS else "changed"

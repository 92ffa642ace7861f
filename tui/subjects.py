"""What the diff view can show, and the lists the screens offer to choose it from.

A subject is either an aligned pair (the core's ``Pair``) or a passage shown alone: text of
one document with no counterpart, or a cluster's first occurrence. A repeat in a cluster is
shown as a ``Pair`` of the first occurrence and the repeat, built from the core's ``Member``,
so one view renders both modes through ``diffkit.render``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from diffkit.comparison import CompareReport
from diffkit.deduplication import DedupeReport
from diffkit.model import Cluster, Member, Pair, Span
from diffkit.pair_kinds import member_pair

from .search import SearchIndex
from .view_state import ViewState, at_least

Side = Literal["a", "b"]


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage shown alone: text only one document has, or a cluster's first occurrence."""

    side: Side
    span: Span
    text: str
    label: str
    """What the passage is, in a few words ("only in A", "first occurrence")."""
    number: int = 0
    """Its position among the passages of its kind (0-based)."""


Subject = Pair | Passage

KIND_LABEL: Final = {
    "identical": "same",
    "equivalent": "equiv",
    "modified": "mod",
    "a_in_b": "A⊂B",
    "b_in_a": "B⊂A",
    "partial": "part",
}
"""A pair's kind in a list column's few cells; the full kind is in the view's title."""


def subject_key(subject: Subject) -> str:
    """A key naming the subject within its report: a pair's index, ``a3`` for A's fourth
    unmatched passage."""
    if isinstance(subject, Pair):
        return str(subject.index)
    return f"{subject.side}{subject.number}"


def unmatched(report: CompareReport) -> tuple[Passage, ...]:
    only_a = (
        Passage("a", s.span, s.text, "only in A", n) for n, s in enumerate(report.unmatched_a)
    )
    only_b = (
        Passage("b", s.span, s.text, "only in B", n) for n, s in enumerate(report.unmatched_b)
    )
    return (*only_a, *only_b)


def member_subject(cluster: Cluster, n: int) -> Subject:
    """Member ``n`` of a cluster: the first occurrence alone, or a repeat beside it."""
    rep = cluster.representative
    if n == 0:
        return Passage("a", rep.span, rep.text, "first occurrence")
    return member_pair(cluster, n)


def content_edits(item: Pair | Member) -> int:
    """How many of ``item``'s edits are content edits."""
    return sum(e.category == "content" for e in item.edits)


def similarity_of(subject: Subject) -> float:
    return subject.similarity if isinstance(subject, Pair) else 0.0


def comparison_entries(
    report: CompareReport, passages: Sequence[Passage], state: ViewState, search: SearchIndex
) -> list[Subject]:
    """The pairs, then the unmatched passages, as the filter, search and sort leave them."""
    needles = search.needles(state.query)
    hits = search.hits(needles) if needles else frozenset()
    pairs: list[Pair] = [
        p
        for p in report.pairs
        if (not state.min_similarity or at_least(p.similarity, state.min_similarity))
        and (not state.changed_only or content_edits(p))
        and (not needles or str(p.index) in hits)
    ]
    if state.sort == "similarity":
        pairs.sort(key=lambda p: (p.similarity, p.index))
    elif state.sort == "content":
        pairs.sort(key=lambda p: (-content_edits(p), p.index))
    elif state.sort == "b":
        pairs.sort(key=lambda p: (p.b.start, p.index))
    alone = [
        p
        for p in passages
        if state.min_similarity <= 0.0 and (not needles or subject_key(p) in hits)
    ]
    return [*pairs, *alone]


def cluster_entries(report: DedupeReport, state: ViewState, search: SearchIndex) -> list[Cluster]:
    """The clusters the filter and search leave, in the chosen order."""
    needles = search.needles(state.query)
    hits = search.hits(needles) if needles else frozenset()
    clusters = [
        c
        for c in report.clusters
        if at_least(c.similarity, state.min_similarity)
        and (not state.changed_only or any(content_edits(m) for m in c.members))
        and (not needles or str(c.id) in hits)
    ]
    if state.sort == "similarity":
        clusters.sort(key=lambda c: (c.similarity, c.id))
    elif state.sort == "size":
        clusters.sort(key=lambda c: (-len(c.members), c.id))
    return clusters

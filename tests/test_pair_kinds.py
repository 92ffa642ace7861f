"""Pair kinds and changes as the shells show them, read on the samples."""

from __future__ import annotations

import diffkit
from diffkit.folding import fold
from diffkit.pair_kinds import SAME_KINDS, change_of, member_kind, member_pair

from .conftest import NEWS_2023_TRAD, SEEDS, SPEECH_2023_SIMP


def test_a_repeat_is_a_pair_of_its_kind_with_the_first_occurrence() -> None:
    report = diffkit.dedupe(list(SEEDS))
    kinds = set()
    for cluster in report.clusters:
        first = cluster.representative
        for n, member in enumerate(cluster.members[1:], start=1):
            pair = member_pair(cluster, n)
            kinds.add(pair.kind)
            assert pair.kind == member_kind(cluster, n)
            assert (pair.a, pair.b, pair.index) == (first.span, member.span, n)
            assert (pair.kind == "identical") == (member.text == first.text)
            if pair.kind == "equivalent":
                assert fold(member.text).text == fold(first.text).text
            if pair.kind == "modified":
                assert any(e.category == "content" for e in pair.edits) or member.similarity < 1
    assert {"equivalent", "modified"} <= kinds


def test_a_pair_changed_moved_or_stayed_the_same() -> None:
    report = diffkit.compare(NEWS_2023_TRAD, SPEECH_2023_SIMP)
    changes = {p.index: change_of(p) for p in report.pairs}
    assert set(changes.values()) == {"same", "changed", "moved"}
    for p in report.pairs:
        expected = "moved" if p.moved else "same" if p.kind in SAME_KINDS else "changed"
        assert changes[p.index] == expected
        if changes[p.index] == "same":
            assert not any(e.category == "content" for e in p.edits)

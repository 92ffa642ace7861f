"""The counterpart check of a batch of pairs' regional edits fills its caches in one batch a stage
(``counterparts._prepare``) before it judges them one by one: the verdicts must be those the
one-by-one check reaches alone from empty caches, and the batch must spare the calls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import diffkit
from diffkit.differences import counterparts as cp
from diffkit.lru import LRU

DATA = Path(__file__).parent / "data"
PAIRS = [
    ("debian-reference-1.2.zh-cn.txt", "debian-reference-1.2.zh-tw.txt"),
    ("firefox-customize-zh-cn.txt", "firefox-customize-zh-tw.txt"),
    ("firefox-appmenu-zh-cn.txt", "firefox-appmenu-zh-tw.txt"),
]


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Empty counterpart caches, emptied again after."""
    monkeypatch.setattr(cp, "_THROUGH", LRU(cp._TEXTS))
    monkeypatch.setattr(cp, "_DIRECT", LRU(cp._TEXTS))
    cp.counterparts.cache_clear()
    yield
    cp.counterparts.cache_clear()


def _edits(a: str, b: str) -> list[tuple[str, str, str, int, int]]:
    report = diffkit.compare((DATA / a).read_bytes(), (DATA / b).read_bytes())
    return [
        (e.a_text, e.b_text, e.category, e.a_start, e.b_start)
        for p in report.pairs
        for e in p.edits
    ]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_batched_verdicts_are_those_judged_one_by_one(
    cold: None, monkeypatch: pytest.MonkeyPatch, a: str, b: str
) -> None:
    batched = _edits(a, b)
    assert any(c == "regional" for _, _, c, _, _ in batched)
    cp.counterparts.cache_clear()
    monkeypatch.setattr(cp, "_THROUGH", LRU(cp._TEXTS))
    monkeypatch.setattr(cp, "_DIRECT", LRU(cp._TEXTS))
    monkeypatch.setattr(cp, "_prepare", lambda pairs, glossary: None)
    assert _edits(a, b) == batched


def test_a_batch_of_pairs_goes_through_opencc_once(
    cold: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many of a document's pairs, edits and stretches need OpenCC's round trip, one
    call of the round trip serves each batch of pairs the diff stage hands over: judged a
    pair at a time, the Debian Reference excerpt's 22 pairs with edits to judge called it
    42 times, and an edit at a time more."""
    calls: list[int] = []
    prepared: list[int] = []
    judged: list[int] = []
    through, prepare, undecided = cp._through_all, cp._prepare, cp._undecided

    def counted(texts: list[str]) -> list[str]:
        calls.append(len(texts))
        return through(texts)

    def prepared_all(pairs: list[tuple[str, str]], glossary: diffkit.Glossary | None) -> None:
        prepared.append(len(pairs))
        prepare(pairs, glossary)

    def undecided_in(
        raw: list[cp.RawEdit], a: str, b: str, glossary: diffkit.Glossary | None
    ) -> list[tuple[int, int]]:
        groups = undecided(raw, a, b, glossary)
        judged.append(len(groups))
        return groups

    monkeypatch.setattr(cp, "_through_all", counted)
    monkeypatch.setattr(cp, "_prepare", prepared_all)
    monkeypatch.setattr(cp, "_undecided", undecided_in)
    _edits(*PAIRS[0])
    pairs = sum(1 for n in judged if n)
    batches = sum(1 for n in prepared if n)
    assert pairs >= 3
    assert len(calls) <= batches < pairs

"""A regional verdict must not depend on what the bounded caches behind it still hold: a
dropped entry costs a recomputation, never a wrong value. A long run fills them, and a
batch larger than the room left drops its own first entries before they are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from diffkit.differences import counterparts as cp, diff
from diffkit.lru import LRU

DATA = Path(__file__).parent / "data"
IGNORED = ["script", "regional", "punctuation", "whitespace"]


def _document_made_a_file() -> tuple[str, str]:
    """wget's --follow-ftp help line: 文档 (document) made 檔案 (file), a real change."""
    lines = (DATA / "catalog-counterparts-zh.tsv").read_text(encoding="utf-8").splitlines()
    a, b = next(x for x in lines if x.startswith("--follow-ftp")).split("\t")
    return a, b


def _content(a: str, b: str) -> list[tuple[str, str]]:
    return [(e.a_text, e.b_text) for e in diff(a, b).edits if e.category == "content"]


def test_a_real_change_stays_content_once_the_cache_is_full(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, b = _document_made_a_file()
    assert ("文档", "檔案") in _content(a, b)
    monkeypatch.setattr(cp, "_THROUGH", LRU(8))
    cp.counterparts.cache_clear()
    try:
        assert not cp.counterparts("文档中", "檔案中")
        assert ("文档", "檔案") in _content(a, b)
        assert any(e.a_text == "文档" for e in diff(a, b, ignore=IGNORED).edits)
    finally:
        cp.counterparts.cache_clear()


@pytest.mark.parametrize(
    ("cache", "forms"), [("_THROUGH", "_through_opencc"), ("_DIRECT", "_direct_forms")]
)
def test_a_batch_larger_than_the_cache_returns_every_form(
    monkeypatch: pytest.MonkeyPatch, cache: str, forms: str
) -> None:
    a, b = _document_made_a_file()
    texts = [
        t[i:j] for t in (a, b) for i in range(len(t)) for j in range(i + 1, min(len(t), i + 4) + 1)
    ]
    whole = getattr(cp, forms)(texts)
    monkeypatch.setattr(cp, cache, LRU(8))
    assert getattr(cp, forms)(texts) == whole
    assert getattr(cp, forms)(texts) == whole

"""A cache entry's header is read as numbers only: a header that names another dtype (an
edited or damaged file whose sizes still fit) is no entry, never bytes read into Python
objects. And the entries' key covers the Python and Unicode versions the folds read."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import numpy as np
import orjson

from diffkit.deduplication import work_cache


def _rewrite_header(path: Path, dtype: str) -> None:
    data = path.read_bytes()
    size = int.from_bytes(data[4:8], "little")
    header = orjson.loads(data[8 : 8 + size])
    header["arrays"] = [[name, dtype, shape] for name, _, shape in header["arrays"]]
    new = orjson.dumps(header)
    path.write_bytes(data[:4] + len(new).to_bytes(4, "little") + new + data[8 + size :])


def test_an_entry_whose_header_names_objects_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "entry.bin"
    arrays = {"starts": np.arange(6, dtype=np.int64), "ends": np.arange(1, 7, dtype=np.int64)}
    work_cache.save(path, arrays)
    loaded = work_cache.load(path)
    assert loaded is not None and all(np.array_equal(loaded[k], arrays[k]) for k in arrays)
    _rewrite_header(path, "<f8")  # same size, still numbers of another kind
    assert work_cache.load(path) is None
    _rewrite_header(path, "|O")
    assert work_cache.load(path) is None


def test_the_code_digest_covers_the_unicode_tables(monkeypatch) -> None:
    before = work_cache.code_digest()
    work_cache.code_digest.cache_clear()
    monkeypatch.setattr(unicodedata, "unidata_version", "0.0.0")
    try:
        assert work_cache.code_digest() != before
    finally:
        work_cache.code_digest.cache_clear()

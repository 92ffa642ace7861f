"""A dedupe stopped midway resumes from its cache folder: the inputs' folds and the finished
parts of the edits are read there, not made again, and the report is the same byte for
byte; a changed input or option, and a damaged entry, are made again."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from diffkit.comparison import Cancelled
from diffkit.converters import converter
from diffkit.deduplication import bulk_edits, dedupe, work_cache

from .conftest import REPORT_2016, REPORT_2021


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two reports and their Taiwan-phrased copies: some 280 repeated sentences, two parts
    of edits in one process."""
    folder = tmp_path_factory.mktemp("corpus")
    for seed in (REPORT_2021, REPORT_2016):
        text = seed.read_text(encoding="utf-8")
        (folder / seed.name).write_text(text, encoding="utf-8")
        (folder / f"tw-{seed.name}").write_text(converter("s2twp").convert(text), "utf-8")
    return folder


class _Stopped(Exception):
    """A run stopped from inside a stage (a lost machine, a kill)."""


class _Counted:
    """Calls of ``module.name`` counted, the call numbered ``stop_at`` stopping the run."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.calls = 0
        self.stop_at: int | None = None
        real: Callable[..., Any] = getattr(module, name)

        def run(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.stop_at:
                raise _Stopped(name)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, run)

    def taken(self) -> int:
        calls, self.calls = self.calls, 0
        return calls


def _run(corpus: Path, cache: Path | None, **options: Any) -> str:
    return dedupe(corpus, granularity="sentence", workers=1, cache_dir=cache, **options).to_json()


def test_a_stopped_run_resumes_with_the_folds_and_the_edits_it_finished(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _run(corpus, None)
    assert expected.count('"category"') > 1000
    cache = tmp_path / "cache"
    folds = _Counted(monkeypatch, work_cache, "segment")
    edits = _Counted(monkeypatch, bulk_edits, "describe")
    seen: list[str] = []
    with pytest.raises(Cancelled):  # cancelled once every input is folded
        _run(
            corpus,
            cache,
            progress=lambda name, _: seen.append(name),
            cancel=lambda: "units" in seen,
        )
    assert (folds.taken(), edits.taken()) == (4, 0)
    assert len(list((cache / "fold").glob("*.bin"))) == 4
    edits.stop_at = 2  # stopped while the second part of the edits is diffed
    with pytest.raises(_Stopped):
        _run(corpus, cache)
    assert (folds.taken(), edits.taken()) == (0, 2)
    assert len(list((cache / "edits").glob("*.bin"))) == 1
    edits.stop_at = None
    assert _run(corpus, cache) == expected
    assert (folds.taken(), edits.taken()) == (0, 1)  # the part left undone
    assert _run(corpus, cache) == expected
    assert (folds.taken(), edits.taken()) == (0, 0)
    assert _run(corpus, cache, diffs=False) == _run(corpus, None, diffs=False)
    assert (folds.taken(), edits.taken()) == (0, 0)


def test_a_changed_input_or_option_is_folded_and_diffed_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    changed = tmp_path / "corpus"
    shutil.copytree(corpus, changed)
    cache = tmp_path / "cache"
    _run(changed, cache)
    folds = _Counted(monkeypatch, work_cache, "segment")
    edits = _Counted(monkeypatch, bulk_edits, "describe")
    # One input changed: only it is folded again, and only the parts whose pairs changed
    # are diffed again. Its size and time are kept: the key is its text.
    first = sorted(changed.iterdir())[0]
    text, stat = first.read_text(encoding="utf-8"), first.stat()
    first.write_text(text.replace("。", "；", 1), encoding="utf-8")
    assert first.stat().st_size == stat.st_size
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _run(changed, cache) == _run(changed, None)
    assert folds.taken() == 1
    assert edits.taken() > 0
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("常委会\t常務委員會\n", encoding="utf-8")
    for options in ({"skip": ["punctuation"]}, {"glossary": glossary}, {"profile": "layout"}):
        assert _run(changed, cache, **options) == _run(changed, None, **options)
        assert folds.taken() == 4, options


@pytest.mark.parametrize("damage", ["truncated", "another entry", "empty"])
def test_a_damaged_or_misplaced_entry_is_made_again(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    expected = _run(corpus, None)
    cache = tmp_path / "cache"
    assert _run(corpus, cache) == expected
    entries = sorted(cache.glob("fold/*.bin")) + sorted(cache.glob("edits/*.bin"))
    assert len(entries) == 6
    for folder in ("fold", "edits"):
        kept = sorted(cache.glob(f"{folder}/*.bin"))
        whole = [entry.read_bytes() for entry in kept]
        # Each entry cut short, emptied, or replaced by the next one: whole, made for others.
        for n, entry in enumerate(kept):
            if damage == "truncated":
                entry.write_bytes(whole[n][: len(whole[n]) // 2])
            elif damage == "empty":
                entry.write_bytes(b"")
            else:
                entry.write_bytes(whole[(n + 1) % len(whole)])
    folds = _Counted(monkeypatch, work_cache, "segment")
    edits = _Counted(monkeypatch, bulk_edits, "describe")
    assert _run(corpus, cache) == expected
    assert (folds.taken(), edits.taken()) == (4, 2)
    assert all(work_cache.load(entry) is not None for entry in entries)  # made whole again
    assert _run(corpus, cache) == expected
    assert (folds.taken(), edits.taken()) == (0, 0)

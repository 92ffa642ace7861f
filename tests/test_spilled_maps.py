"""A large corpus keeps its offset maps in a file between cutting the units and the edits:
the report is the one the maps held in memory give."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import diffkit
from diffkit.deduplication import units
from diffkit.segmentation import segment

from .conftest import SAMPLES


@pytest.mark.parametrize("workers", [1, 2])
def test_spilled_maps_give_the_same_report(workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    in_memory = b"".join(diffkit.dedupe([SAMPLES], workers=workers).json_bytes())
    spills: list[int] = []
    spilled = units.spilled

    def counted(
        segs: list[diffkit.segmentation.Segmented],
    ) -> list[diffkit.segmentation.Segmented]:
        out = spilled(segs)
        spills.extend(
            not seg.folded.starts.flags.writeable for seg in out if len(seg.folded.starts)
        )
        return out

    monkeypatch.setattr(units, "SPILL_BYTES", 0)
    monkeypatch.setattr(units, "spilled", counted)
    from_file = b"".join(diffkit.dedupe([SAMPLES], workers=workers).json_bytes())
    assert spills and all(spills)
    assert b'"edits"' in from_file
    assert from_file == in_memory


def test_a_corpus_of_many_documents_holds_few_files_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each mapping holds a file descriptor: maps spilled document by document would hold two
    # a document until the edits, and a corpus of a few hundred files would run out of them.
    paragraphs = (SAMPLES / "2023-closing-speech-simplified.txt").read_text(encoding="utf-8")
    blocks = [b for b in paragraphs.split("\n\n") if len(b) > 40][:40]
    for i in range(300):
        (tmp_path / f"{i:03}.txt").write_text(blocks[i % len(blocks)] + "\n", encoding="utf-8")
    monkeypatch.setattr(units, "SPILL_BYTES", 0)
    segs = [segment(diffkit.loading.load(path)) for path in sorted(tmp_path.iterdir())]
    before = len(os.listdir("/proc/self/fd"))
    made, kept = units.cut_units(iter(segs), "paragraph", 20, "spill")
    del segs
    assert made and len(kept) == 300
    assert all(not seg.folded.starts.flags.writeable for seg in kept if len(seg.folded.starts))
    assert len(os.listdir("/proc/self/fd")) - before <= 4

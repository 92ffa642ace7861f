"""A large corpus keeps its offset maps in a file between cutting the units and the edits:
the report is the one the maps held in memory give."""

from __future__ import annotations

import pytest

import diffkit
from diffkit.deduplication import units

from .conftest import SAMPLES


@pytest.mark.parametrize("workers", [1, 2])
def test_spilled_maps_give_the_same_report(workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    in_memory = b"".join(diffkit.dedupe([SAMPLES], workers=workers).json_bytes())
    spills: list[int] = []
    spilled = units.spilled

    def counted(seg: diffkit.segmentation.Segmented) -> diffkit.segmentation.Segmented:
        out = spilled(seg)
        if len(out.folded.starts):
            spills.append(not out.folded.starts.flags.writeable)
        return out

    monkeypatch.setattr(units, "SPILL_BYTES", 0)
    monkeypatch.setattr(units, "spilled", counted)
    from_file = b"".join(diffkit.dedupe([SAMPLES], workers=workers).json_bytes())
    assert spills and all(spills)
    assert b'"edits"' in from_file
    assert from_file == in_memory

"""A long text folds one part at a time, each part beginning at a separator: the result is
the whole text's fold, character for character and map for map."""

from __future__ import annotations

import numpy as np
import pytest

from diffkit.folding import fold_joined, runs
from diffkit.loading import from_text
from diffkit.segmentation import segment

from .conftest import SAMPLES


def _folds(text: str) -> tuple[str, list[int], list[int]]:
    cps_folded = segment(from_text(text)).folded
    return cps_folded.text, cps_folded.starts.tolist(), cps_folded.ends.tolist()


@pytest.mark.parametrize("part", [300, 2000])
def test_the_samples_fold_in_parts_as_they_fold_whole(
    part: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    whole = _folds(text)
    monkeypatch.setattr(runs, "_PART_CHARS", part)
    assert _folds(text) == whole


def test_parts_that_grow_past_their_room_fold_as_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # NFKC makes each of these two characters or more: the folded text outgrows the room.
    pieces = ["㍻元年㎏ ㎡", "說明 ㈱ ﬁ", "第一段", "㍿ ㌔ ㌢"] * 400
    bounds = []
    text = ""
    for piece in pieces:
        bounds.append((len(text), len(text) + len(piece)))
        text += piece + "\n"
    whole, cuts = fold_joined(text, bounds)
    assert len(whole.text) > len(text) * 1.2
    monkeypatch.setattr(runs, "_PART_CHARS", 500)
    parted, parted_cuts = fold_joined(text, bounds)
    assert parted.text == whole.text
    assert np.array_equal(parted.starts, whole.starts)
    assert np.array_equal(parted.ends, whole.ends)
    assert np.array_equal(parted_cuts, cuts)

"""Cutting a corpus's units a document at a time: each segmentation is let go once its units
are cut, so that a corpus's segmentations (a large document's are its largest arrays) are
never all held at once, whatever becomes of the offset maps the edits read."""

from __future__ import annotations

import weakref
from collections.abc import Iterator

import pytest

from diffkit.deduplication.units import cut_units
from diffkit.loading import load_named
from diffkit.model import Document
from diffkit.segmentation import Segmented, segment

from .conftest import SEEDS


@pytest.mark.parametrize("maps", ["keep", "spill", "drop"])
def test_each_segmentation_goes_before_the_next_is_made(maps: str) -> None:
    docs = [load_named(path) for path in SEEDS]
    made: list[weakref.ref[Segmented]] = []

    def made_of(doc: Document) -> Segmented:
        seg = segment(doc)
        made.append(weakref.ref(seg))
        return seg

    def segmented() -> Iterator[Segmented]:
        for doc in docs:
            assert all(ref() is None for ref in made), "a segmentation is still held"
            yield made_of(doc)

    units, kept = cut_units(segmented(), "paragraph", 20, maps)  # type: ignore[arg-type]
    assert len(made) == len(docs) > 1
    assert {u.doc for u in units} == set(range(len(docs)))
    assert len(kept) == (0 if maps == "drop" else len(docs))
    # What the edits read of a kept segmentation: a unit's key with its map, as it was cut.
    for u in units if kept else []:
        folded = u.folded(kept)
        assert folded.text == u.key
        assert (int(folded.starts[0]), int(folded.ends[-1])) == (0, u.end - u.start)

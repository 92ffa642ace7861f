"""bulk_edits: many pairs' edits computed at once and packed are the edits of each pair alone."""

from __future__ import annotations

import pickle
import random

from opencc_pyo3 import OpenCC

from diffkit.deduplication.bulk_edits import describe, unpack
from diffkit.differences import diff_raw_many
from diffkit.folding import fold
from diffkit.model import CATEGORIES, EditRows

from .conftest import SPEECH_2023_SIMP


def _pairs() -> list[tuple[str, str]]:
    """The speech's paragraphs against edited copies of them: Traditional, Taiwan-phrased,
    with a character dropped, a comma made a full stop; some pairs met twice."""
    paragraphs = [p for p in SPEECH_2023_SIMP.read_text(encoding="utf-8").split("\n\n") if p]
    rng = random.Random(3)
    s2t, twp = OpenCC("s2t"), OpenCC("s2twp")
    out: list[tuple[str, str]] = []
    for p in paragraphs[:40]:
        cut = rng.randrange(len(p))
        out += [(p, s2t.convert(p)), (p, twp.convert(p)), (p, p[:cut] + p[cut + 1 :])]
        out.append((p, p.replace("，", "。", 1)))
    out += [*out[:6], (paragraphs[0], paragraphs[0])]
    rng.shuffle(out)
    return out


def test_packed_edits_are_each_pairs_own() -> None:
    texts = _pairs()
    pairs = [(a, fold(a), b, fold(b)) for a, b in texts]
    alone = [[list(edit) for edit in diff_raw_many([p])[0]] for p in pairs]
    parts = [describe(pairs[lo : lo + 37]) for lo in range(0, len(pairs), 37)]
    packed = list(unpack(pickle.loads(pickle.dumps(parts))))
    assert len(packed) == len(pairs)
    read = [[[*r[:4], CATEGORIES[r[4]], bool(r[5])] for r in rows] for rows in packed]
    assert read == alone
    categories = {CATEGORIES[r[4]] for rows in packed for r in rows}
    assert {"script", "regional", "content", "punctuation"} <= categories
    # As a member's edits: the same Edit objects and dicts as rows held in lists.
    for (a, b), rows in zip(texts, packed, strict=True):
        as_lists = [
            [*r[:4], CATEGORIES.index(r[4]), int(r[5])]
            for r in diff_raw_many([(a, fold(a), b, fold(b))])[0]
        ]
        assert EditRows(rows, a, b, 7, 9) == EditRows(as_lists, a, b, 7, 9)
        assert EditRows(rows, a, b, 7, 9).to_dicts() == EditRows(as_lists, a, b, 7, 9).to_dicts()
        assert (not rows) == (a == b or not as_lists)

"""The classified edits between two texts as a result, and the ``diff`` verb that makes one."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .. import pieces
from ..folding import Folded, FoldProfile, fitted, fold, resolve_profile
from ..loading import Source, load
from ..model import CATEGORIES, Edit, EditSequence, edits_of
from ..regional import Glossary
from .batch import diff_raw


@dataclass(frozen=True, slots=True)
class DiffResult(EditSequence):
    """The classified edits between two texts and how similar their folded keys are; it
    reads as the sequence of its edits."""

    edits: tuple[Edit, ...]
    similarity: float
    """1.0 when the folded keys are equal; the normalized Indel similarity otherwise."""

    def counts(self) -> dict[str, int]:
        """Number of edits per category, every category present."""
        out: dict[str, int] = dict.fromkeys(CATEGORIES, 0)
        for e in self.edits:
            out[e.category] += 1
        return out

    def content(self) -> tuple[Edit, ...]:
        return tuple(e for e in self.edits if e.category == "content")


def diff_folded(
    a: str,
    fa: Folded,
    b: str,
    fb: Folded,
    *,
    a_base: int = 0,
    b_base: int = 0,
    glossary: Glossary | None = None,
) -> DiffResult:
    """Edits between original texts ``a`` and ``b`` given their folded keys (with maps relative
    to ``a`` and ``b``); edit offsets are shifted by ``a_base``/``b_base``."""
    edits = edits_of(diff_raw(a, fa, b, fb, glossary), a, b, a_base=a_base, b_base=b_base)
    similarity = 1.0 if fa.text == fb.text else pieces.indel_similarity(fa.text, fb.text)
    return DiffResult(edits, similarity)


def diff(
    a: Source,
    b: Source,
    *,
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    glossary: Glossary | str | os.PathLike[str] | None = None,
    ignore: Iterable[str] = (),
) -> DiffResult:
    """The classified edits that turn text ``a`` into text ``b``.

    Both sides are folded and aligned on their keys; every difference of the originals is an
    edit with a category. Categories in ``ignore`` are left out of the result.

    >>> [(e.a_text, e.b_text) for e in diff("劉正興表示，要帶領群衆致富", "刘正兴表示,要带领群众富裕").edits if e.category == "content"]
    [('致富', '富裕')]
    """
    da, db = load(a, name="<a>"), load(b, name="<b>")
    resolved = fitted(resolve_profile(profile, skip=skip, glossary=glossary), (da.text, db.text))
    result = diff_folded(
        da.text,
        fold(da.text, profile=resolved),
        db.text,
        fold(db.text, profile=resolved),
        glossary=resolved.effective_glossary(),
    )
    return filter_edits(result, ignore)


def filter_edits(result: DiffResult, ignore: Iterable[str]) -> DiffResult:
    hidden = set(ignore)
    if not hidden:
        return result
    return DiffResult(tuple(e for e in result.edits if e.category not in hidden), result.similarity)


def apply_edits(a: str, edits: Sequence[Edit], *, a_base: int = 0) -> str:
    """``a`` with every edit applied: the other side's text, when the edits are complete."""
    out: list[str] = []
    at = 0
    for e in sorted(edits, key=lambda e: (e.a_start, e.a_end)):
        out.append(a[at : e.a_start - a_base])
        out.append(e.b_text)
        at = e.a_end - a_base
    out.append(a[at:])
    return "".join(out)

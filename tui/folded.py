"""A pair as the matcher saw it: both folded keys, with the edits folding leaves.

The core's ``Folded`` maps every folded character back to the original; here that map is
read the other way to place each edit in the folded text. Edits of a category the profile
folds away become empty there (the two keys agree), so edit numbers stay the same in both
views and ``diffkit.render`` draws either one.
"""

from __future__ import annotations

from functools import lru_cache

from diffkit.folding import Folded, FoldProfile, fold
from diffkit.model import Edit, Pair, Span


def folded_away(profile: FoldProfile) -> frozenset[str]:
    """The edit categories that this profile's folding makes vanish."""
    return frozenset(profile.steps)


def folded_pair(pair: Pair, profile: FoldProfile) -> Pair:
    return _folded_pair(pair, profile.name, profile.steps)


@lru_cache(maxsize=256)
def _folded_pair(pair: Pair, name: str, steps: tuple[str, ...]) -> Pair:
    profile = FoldProfile(name, steps)
    fa, fb = fold(pair.a_text, profile=profile), fold(pair.b_text, profile=profile)
    gone = folded_away(profile)
    edits = tuple(_place(e, pair, fa, fb, e.category in gone) for e in pair.edits)
    return Pair(
        index=pair.index,
        a=_span(pair.a, len(fa.text)),
        b=_span(pair.b, len(fb.text)),
        a_text=fa.text,
        b_text=fb.text,
        kind=pair.kind,
        similarity=pair.similarity,
        edits=edits,
        moved=pair.moved,
    )


def _place(edit: Edit, pair: Pair, fa: Folded, fb: Folded, gone: bool) -> Edit:
    a0, a1 = fa.folded_range(edit.a_start - pair.a.start, edit.a_end - pair.a.start)
    b0, b1 = fb.folded_range(edit.b_start - pair.b.start, edit.b_end - pair.b.start)
    if gone:
        a1, b1 = a0, b0
    return Edit(
        edit.op, a0, a1, b0, b1, fa.text[a0:a1], fb.text[b0:b1], edit.category, edit.ambiguous
    )


def _span(span: Span, length: int) -> Span:
    """The span's lines, with offsets into the folded key (which starts at 0)."""
    return Span(
        span.path, 0, length, span.start_line, span.start_column, span.end_line, span.end_column
    )

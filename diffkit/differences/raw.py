"""The edit being built, before Edit objects are made: cheap to grow, to send between
processes and to build on demand.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Category


class RawEdit(NamedTuple):
    """An edit being built, its offsets relative to the two texts: ``a[a0:a1]`` becomes
    ``b[b0:b1]``. Edits grow while neighbours of the same category arrive; Edit objects are
    made once, from these (a tuple: it unpacks and pickles as one)."""

    a0: int
    a1: int
    b0: int
    b1: int
    category: Category
    ambiguous: bool

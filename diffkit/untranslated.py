"""What translators leave as it is in a message (placeholders, identifiers, Latin words):
two messages that hold different ones are no translations of one source, however alike the
rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

_NAMES: Final = re.compile(r"%[-#+ 0-9.*$']*[a-z]|\{\s*\$?[\w-]+\s*\}|[a-z_][a-z0-9_]*")
"""What translators leave as it is: printf and Fluent placeholders, identifiers, Latin words
(keys are case-folded)."""
_PLACEHOLDER: Final = re.compile(r"%(?:\d+\$)?[-#+ 0-9.*']*([hljzt]*[a-z])|\{\s*([$-]?[\w-]+)\s*\}")
"""A printf conversion (its argument number, flags and width aside: a translation may number
and reorder them) or a Fluent placeholder."""


def placeholders(keys: Sequence[str]) -> list[tuple[str, ...]]:
    """Each key's placeholders, sorted: equal for keys that hold the same ones in any order."""
    return [tuple(sorted(x or y for x, y in _PLACEHOLDER.findall(k))) for k in keys]


def without_names(key: str) -> str:
    """``key`` less its untranslated names: what a translator wrote."""
    return _NAMES.sub("", key)


def names_clash(x: str, y: str) -> bool:
    """Whether both keys hold untranslated names (placeholders, identifiers, Latin words) and
    share none: ``WEEKNUM_OOO`` is not ``WEEKNUM_ADD``, ``%s`` not ``%d``, however alike the
    rest. Translations keep such names, so likeness alone must not pair across them."""
    names_x = set(_NAMES.findall(x))
    if not names_x:
        return False
    names_y = set(_NAMES.findall(y))
    return bool(names_y) and names_x.isdisjoint(names_y)

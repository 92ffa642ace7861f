"""Slow, plainly correct versions of loading's fast paths; the tests check that the two agree."""

from __future__ import annotations

import re

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> tuple[int, ...]:
    """Where lines begin: at the start, and after every CRLF, CR or LF."""
    return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))

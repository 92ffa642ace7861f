"""OpenCC converters, one per configuration and process, made so that forked workers can use
them (see :func:`diffkit.executor.opencc_fork_safe`)."""

from __future__ import annotations

import re
from functools import cache

from opencc_pyo3 import OpenCC

from .executor import opencc_fork_safe

_LONE_OR_STAND_IN = re.compile("[\ud800-\udfff\ufffd]")
_STAND_IN = "\ufffd"


class Converter(OpenCC):
    """OpenCC for any str. OpenCC reads UTF-8, which cannot hold a lone surrogate (a str from
    a caller of the API may): each stands aside as U+FFFD, which no table converts, and comes
    back as itself."""

    def convert(self, input_text: str, punctuation: bool = False) -> str:
        try:
            return super().convert(input_text, punctuation)
        except UnicodeEncodeError:
            pass
        marks = _LONE_OR_STAND_IN.findall(input_text)
        stood_in = _LONE_OR_STAND_IN.sub(_STAND_IN, input_text)
        parts = super().convert(stood_in, punctuation).split(_STAND_IN)
        if len(parts) != len(marks) + 1:  # a table took a stand-in: convert around each
            pieces = _LONE_OR_STAND_IN.split(input_text)
            parts = [super(Converter, self).convert(p, punctuation) for p in pieces]
        out = [parts[0]]
        for mark, part in zip(marks, parts[1:], strict=True):
            out += (mark, part)
        return "".join(out)


@cache
def converter(config: str) -> OpenCC:
    """The OpenCC converter for ``config`` (``hk2s``, ``tw2sp``, ...), one per process."""
    opencc_fork_safe()
    return Converter(config)

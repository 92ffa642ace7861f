"""diffkit: find near-duplicate text and explain how the copies differ.

The public API, for QA scripts and other programs. Everything here works on the original
text of the inputs: folding (script, width, whitespace, annotations, punctuation, case) is
only the key passages are matched on.

>>> import diffkit
>>> [p.folded for p in diffkit.segments("發(fā)表講話。\\n")]
['发表讲话。']
"""

from __future__ import annotations

from collections.abc import Iterable

__version__ = "0.1.0"

from .errors import (
    BinaryInputError,
    DecodeError,
    DiffkitError,
    ExitCode,
    FileMissingError,
    InputError,
    InputTooLargeError,
    UsageError,
)
from .load import Source, load
from .model import Document, Granularity, Segment, Span
from .normalize import DEFAULT_PROFILE, PROFILES, STEPS, Folded, FoldProfile, fold
from .segment import Segmented, segment


def segments(
    source: Source,
    *,
    granularity: Granularity = "paragraph",
    profile: str | FoldProfile = "default",
    skip: Iterable[str] = (),
    encoding: str | None = None,
) -> tuple[Segment, ...]:
    """The paragraphs (or sentences) of a document, each with its span and folded key.

    >>> [s.span.start_line for s in segments("标题\\n\\n正文第一句。第二句。\\n")]
    [1, 3]
    """
    doc = load(source, encoding=encoding)
    return segment(doc, profile=profile, skip=skip).segments(granularity)


__all__ = [
    "DEFAULT_PROFILE",
    "PROFILES",
    "STEPS",
    "BinaryInputError",
    "DecodeError",
    "DiffkitError",
    "Document",
    "ExitCode",
    "FileMissingError",
    "FoldProfile",
    "Folded",
    "Granularity",
    "InputError",
    "InputTooLargeError",
    "Segment",
    "Segmented",
    "Source",
    "Span",
    "UsageError",
    "__version__",
    "fold",
    "load",
    "segment",
    "segments",
]

"""diffkit: find near-duplicate text and explain how the copies differ.

The public API, for QA scripts and other programs. Every function takes paths, text or bytes;
every result is a frozen dataclass that compares by value and has ``to_dict()`` and, for
reports, ``to_json()``. Positions always point into the original text of the inputs: folding
(script, width, whitespace, annotations, punctuation, case) is only the key passages are
matched on. The keyword names are the CLI's option names.

>>> import diffkit
>>> [p.folded for p in diffkit.segments("發(fā)表講話。\\n")]
['发表讲话。']
>>> diffkit.compare("市委将一如既往支持人大。", "市委將一如既往支持人大。", ignore=["script"]).exit_code
0
"""

from __future__ import annotations

from collections.abc import Iterable as _Iterable
from importlib import import_module as _import_module
from os import PathLike as _PathLike
from typing import TYPE_CHECKING as _TYPE_CHECKING, Any as _Any

__version__ = "0.1.0"

# Submodules named like their functions must be imported eagerly: importing the submodule
# binds its name on the package, which would shadow a lazily loaded function.
from .arguments import checked as _checked
from .deduplication import DedupeReport, dedupe as _dedupe, pair_similarity as _pair_similarity
from .errors import (
    BinaryInputError,
    DecodeError,
    DiffkitError,
    EmptyInputError,
    ExitCode,
    FileMissingError,
    InputError,
    InputTooLargeError,
    UsageError,
    WorkerError,
)
from .folding import (
    DEFAULT_PROFILE,
    PROFILES,
    STEPS,
    Folded,
    FoldProfile,
    fitted as _fitted,
    fold as _fold,
    resolve_profile as _resolve_profile,
)
from .loading import Source, Text, load as _load
from .model import CATEGORIES, Cluster, Document, Edit, Granularity, Member, Pair, Segment, Span
from .regional import Glossary, load_glossary
from .schemas import schema_for
from .segmentation import Segmented, segment as _segment

# Every function of the API checks what it is given, as the CLI checks its options
# (diffkit.arguments): a wrong type or value is a UsageError saying so.
dedupe = _checked(_dedupe)
fold = _checked(_fold)
load = _checked(_load)
pair_similarity = _checked(_pair_similarity, texts=("a", "b"))
segment = _checked(_segment)

if _TYPE_CHECKING:
    from .comparison import Cancelled, CompareReport, compare
    from .differences import DiffResult, diff
    from .formats.reading import load_report
    from .qa import assert_equivalent, assert_no_duplicates

# Rendering (rich) and compare's stages load on first use, so `import diffkit` stays light
# and a program that only dedupes never loads them.
_LAZY = {
    "assert_equivalent": "qa",
    "assert_no_duplicates": "qa",
    "load_report": "formats.reading",
    "Cancelled": "comparison",
    "CompareReport": "comparison",
    "DiffResult": "differences",
}
_LAZY_CHECKED = {"compare": "comparison", "diff": "differences"}
"""Functions of the API loaded on first use, checked as the eager ones are."""


def __getattr__(name: str) -> _Any:
    if name in _LAZY or name in _LAZY_CHECKED:
        module = _import_module(f".{_LAZY.get(name) or _LAZY_CHECKED[name]}", __name__)
        value = getattr(module, name)
        if name in _LAZY_CHECKED:
            value = _checked(value)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'diffkit' has no attribute {name!r}")


@_checked
def segments(
    source: Source,
    *,
    granularity: Granularity = "paragraph",
    profile: str | FoldProfile = "default",
    skip: _Iterable[str] = (),
    encoding: str | None = None,
    glossary: Glossary | str | _PathLike[str] | None = None,
) -> tuple[Segment, ...]:
    """The paragraphs (or sentences) of a document, each with its span and folded key.

    >>> [s.span.start_line for s in segments("标题\\n\\n正文第一句。第二句。\\n")]
    [1, 3]
    """
    doc = load(source, encoding=encoding)
    resolved = _fitted(_resolve_profile(profile, skip=skip, glossary=glossary), (doc.text,))
    return segment(doc, profile=resolved).segments(granularity)


__all__ = [
    "CATEGORIES",
    "DEFAULT_PROFILE",
    "PROFILES",
    "STEPS",
    "BinaryInputError",
    "Cancelled",
    "Cluster",
    "CompareReport",
    "DecodeError",
    "DedupeReport",
    "DiffResult",
    "DiffkitError",
    "Document",
    "Edit",
    "EmptyInputError",
    "ExitCode",
    "FileMissingError",
    "FoldProfile",
    "Folded",
    "Glossary",
    "Granularity",
    "InputError",
    "InputTooLargeError",
    "Member",
    "Pair",
    "Segment",
    "Segmented",
    "Source",
    "Span",
    "Text",
    "UsageError",
    "WorkerError",
    "__version__",
    "assert_equivalent",
    "assert_no_duplicates",
    "compare",
    "dedupe",
    "diff",
    "fold",
    "load",
    "load_glossary",
    "load_report",
    "pair_similarity",
    "schema_for",
    "segment",
    "segments",
]

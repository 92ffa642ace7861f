"""The one check of the values a caller gives diffkit, for the API and the CLI alike.

A value of the wrong type or out of range is a :class:`UsageError` at the boundary, with the
same message whichever shell passed it (``threshold=1.5`` in a script, ``--threshold 1.5`` on
the command line), not a TypeError from deep inside the work. Checks go by keyword name,
which is the CLI's option name: every public function is wrapped by :func:`checked`, and the
CLI turns its option strings into values with :func:`parse_option`.
"""

from __future__ import annotations

import codecs
import functools
import os
from collections.abc import Callable, Collection, Iterable, Sequence
from numbers import Integral, Real
from typing import Any, Final, ParamSpec, TypeVar

from .errors import UsageError
from .model import Document

P = ParamSpec("P")
R = TypeVar("R")


def _type_name(value: Any) -> str:
    return "None" if value is None else type(value).__name__


def _number(name: str, value: Any, lo: float, hi: float) -> None:
    if isinstance(value, bool) or not isinstance(value, Real) or not lo <= float(value) <= hi:
        raise UsageError(f"{name} must be a number from {lo:g} to {hi:g}, not {value!r}")


def _fraction(name: str, value: Any) -> None:
    _number(name, value, 0, 1)


def _count(name: str, value: Any, least: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, Integral) or value < least:
        raise UsageError(f"{name} must be a whole number of at least {least}, not {value!r}")


def _count_or_none(name: str, value: Any) -> None:
    if value is not None:
        _count(name, value)


def _diffs(name: str, value: Any) -> None:
    if not isinstance(value, bool):
        _count(name, value, least=0)


_SOURCE_TYPES: Final = "a path, text (str), bytes or a Document"


def _source(name: str, value: Any) -> None:
    if not isinstance(value, str | bytes | os.PathLike | Document):
        raise UsageError(f"{name} must be {_SOURCE_TYPES}, not {_type_name(value)}")


def _sources(name: str, value: Any) -> None:
    if isinstance(value, Sequence) and not isinstance(value, str | bytes):
        if not value:
            raise UsageError(f"{name} is empty: give at least one document")
        for i, item in enumerate(value):
            if not isinstance(item, str | bytes | os.PathLike | Document):
                raise UsageError(
                    f"{name} must each be {_SOURCE_TYPES}; item {i} is {_type_name(item)}"
                )
        return
    _source(name, value)


def _text(name: str, value: Any) -> None:
    if not isinstance(value, str):
        hint = (
            " (decode it first, or read it with diffkit.load)" if isinstance(value, bytes) else ""
        )
        raise UsageError(f"{name} must be a str, not {_type_name(value)}{hint}")


def _document(name: str, value: Any) -> None:
    if not isinstance(value, Document):
        raise UsageError(f"{name} must be a Document (diffkit.load(...)), not {_type_name(value)}")


def _names(name: str, value: Any) -> None:
    if isinstance(value, str):
        return
    if isinstance(value, Collection) and not isinstance(value, bytes | dict):
        if all(isinstance(v, str) for v in value):
            return
    elif isinstance(value, Iterable) and not isinstance(value, bytes | dict):
        return  # a generator: looking at it would use it up; its items are checked by name
    raise UsageError(f"{name} must be names (a list of str), not {value!r}")


def _choice(name: str, value: Any) -> None:
    if not isinstance(value, str):
        raise UsageError(f"{name} must be a name (str), not {value!r}")


def _profile(name: str, value: Any) -> None:
    from .folding import FoldProfile

    if not isinstance(value, str | FoldProfile):
        raise UsageError(f"{name} must be a profile name or a FoldProfile, not {value!r}")


def _encoding(name: str, value: Any) -> None:
    if value is None:
        return
    try:
        if isinstance(value, str):
            codecs.lookup(value)
            return
    except LookupError:
        pass
    raise UsageError(f"{name} must be the name of an encoding such as 'gb18030', not {value!r}")


def _callable_or_none(name: str, value: Any) -> None:
    if value is not None and not callable(value):
        raise UsageError(f"{name} must be a function or None, not {_type_name(value)}")


def _glossary(name: str, value: Any) -> None:
    from .regional import Glossary

    if value is not None and not isinstance(value, str | os.PathLike | Glossary):
        raise UsageError(
            f"{name} must be a Glossary, the path of a glossary file or None, not "
            f"{_type_name(value)}"
        )


def _folder_or_none(name: str, value: Any) -> None:
    if value is not None and not isinstance(value, str | os.PathLike):
        raise UsageError(f"{name} must be the path of a folder or None, not {_type_name(value)}")


_CHECKS: Final[dict[str, Callable[[str, Any], None]]] = {
    "a": _source,
    "b": _source,
    "source": _source,
    "sources": _sources,
    "text": _text,
    "doc": _document,
    "threshold": _fraction,
    "min_chars": _count_or_none,
    "workers": _count_or_none,
    "k": _count,
    "diffs": _diffs,
    "granularity": _choice,
    "profile": _profile,
    "skip": _names,
    "ignore": _names,
    "encoding": _encoding,
    "progress": _callable_or_none,
    "cancel": _callable_or_none,
    "glossary": _glossary,
    "cache_dir": _folder_or_none,
    "partitions": _count_or_none,
}


def check(name: str, value: Any) -> None:
    """Raise UsageError when ``value`` is no value for the keyword ``name``."""
    _CHECKS[name](name, value)


def checked(func: Callable[P, R], *, texts: Iterable[str] = ()) -> Callable[P, R]:
    """``func`` with every argument it is given checked by name first, and a call that does
    not fit its signature (a keyword misspelled, an argument missing) a UsageError too. The
    arguments named in ``texts`` must be str, whatever their name says elsewhere."""
    texts = frozenset(texts)

    @functools.cache
    def signature() -> tuple[Any, dict[str, Callable[[str, Any], None]]]:
        # inspect costs a tenth of diffkit's import: read on the first call, not at import.
        import inspect

        found = inspect.signature(func)
        names = [n for n in found.parameters if n in _CHECKS]
        return found, {n: _text if n in texts else _CHECKS[n] for n in names}

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        found, checks = signature()
        try:
            bound = found.bind(*args, **kwargs)
        except TypeError as exc:
            raise UsageError(f"{func.__name__}(): {exc}") from None
        for name, check_one in checks.items():
            if name in bound.arguments:
                check_one(name, bound.arguments[name])
        return func(*args, **kwargs)

    return wrapper


_PARSERS: Final[dict[str, Callable[[str], Any]]] = {
    "threshold": float,
    "min_chars": int,
    "workers": int,
}


def parse_option(name: str, raw: str | None) -> Any:
    """An option's string from the command line as the value the API takes, checked as the
    API checks it: ``--threshold 1.5`` and ``threshold=1.5`` fail with one message."""
    if raw is None:
        return None
    try:
        value = _PARSERS[name](raw.strip())
    except ValueError:
        value = raw
    check(name, value)
    return value

"""What a caller may pass as a document (a path, bytes, text, a Document) and how each
becomes a Document; the inputs of a command, each holding text."""

from __future__ import annotations

import os
import re
import sys
import warnings
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

from ..errors import EmptyInputError, FileMissingError, InputError, UsageError
from ..model import Document
from .decoding import from_bytes_source, from_text
from .remote import is_url, read_url
from .streams import load_path, read_bounded

_PATH_LIKE = re.compile(r"[^\s]*[/\\][^\s]*|[^\s/\\]+\.[A-Za-z0-9]{1,5}")
"""A one-word string with a folder separator or a file extension: meant as a path."""


def looks_like_path(text: str) -> bool:
    """Whether ``text`` is one word with a folder separator or a file extension: a path."""
    return _PATH_LIKE.fullmatch(text) is not None


class Text(str):
    """A str that is text, never a path: ``diffkit.compare(Text("3.14"), Text("3.15"))``.

    A plain one-line str names a file when one exists by that name, and one that looks like
    a path (``a/b.txt``, ``3.14``, ``and/or``) must name one (see :func:`load`): ``Text``
    says which is meant."""

    __slots__ = ()


Source = str | os.PathLike[str] | bytes | Document


def load(source: Source, *, encoding: str | None = None, name: str | None = None) -> Document:
    """Turn a path, bytes, text or Document into a Document.

    A path object (``pathlib.Path``, any ``os.PathLike``) is read as a file, bytes are decoded
    and a :class:`Text` is the text itself. A plain ``str`` is read as a file when it is one
    line naming an existing file; one line that looks like a path (a folder separator or a
    file extension: ``a/b.txt``, ``3.14``) and names no file is a FileMissingError, so that a
    mistyped path fails, as is one line naming a folder; anything else is the text itself.
    Pass ``Path(...)`` or ``Text(...)`` to be explicit. (``dedupe`` also takes folders: see
    :func:`expand_folders`.)

    >>> load("各位代表：\\n").line_count
    2
    """
    if isinstance(source, Document):
        return source
    if isinstance(source, Text):
        return from_text(str(source), name=name or "<text>")
    if isinstance(source, bytes):
        return from_bytes_source(source, name=name or "<bytes>", encoding=encoding)
    if isinstance(source, str) and "\n" not in source and is_url(source):
        return from_bytes_source(read_url(source), name=name or source, encoding=encoding)
    one_line = isinstance(source, str) and "\n" not in source and "\r" not in source
    if isinstance(source, str) and (not one_line or not _is_file(source)):
        if one_line and _is_dir(source):
            raise FileMissingError(source, "is a directory, not a file")  # as the commands say
        if looks_like_path(source):
            # In a QA script a mistyped path must fail, not be compared as the text "a/b.txt".
            raise FileMissingError(
                source, "no such file (pass Path(...) for a file, or text with a line break)"
            )
        return from_text(source, name=name or "<text>")
    return load_path(source, encoding=encoding)


def load_named(source: Source, *, encoding: str | None = None, name: str | None = None) -> Document:
    """:func:`load`, and a file named that is empty or holds nothing but whitespace is an
    :class:`EmptyInputError`, as the commands say (empty text is text; an empty file a folder
    holds is passed over by the folder's scan)."""
    doc = load(source, encoding=encoding, name=name)
    named = isinstance(source, os.PathLike) or (
        isinstance(source, str)
        and not isinstance(source, Text)
        and "\n" not in source
        and "\r" not in source
        and (_is_file(source) or is_url(source))
    )
    return require_text(doc) if named else doc


def none_found(paths: Sequence[str | os.PathLike[str]]) -> UsageError:
    """The error for a scan that found no file, naming where it looked (a folder that is
    empty, holds only hidden files, or cannot be listed)."""
    return UsageError(f"no input files found in {', '.join(str(p) for p in paths)}")


class SkippedInputWarning(UserWarning):
    """A file a folder's scan found that cannot be read as text (binary, undecodable, too
    large): the library leaves it out with this warning, as the commands do with theirs."""


def warn_skipped(exc: InputError, *, stacklevel: int = 1) -> None:
    """Say that a file a scan found is left out, and why (``exc`` names the file), as a
    warning pointing ``stacklevel`` frames above the caller (1: the caller itself)."""
    warnings.warn(f"skipped {exc}", SkippedInputWarning, stacklevel=stacklevel + 1)


def none_readable(left_out: int) -> UsageError:
    """The error for a scan whose every file was left out (``left_out`` of them)."""
    return UsageError(f"no readable input files ({left_out} file{'s' * (left_out != 1)} skipped)")


def require_text(doc: Document) -> Document:
    """``doc``, if it holds text. An input that is empty or nothing but whitespace is bad
    input to the commands and the app: there is nothing to segment, compare or dedupe (the
    library's functions still take empty text)."""
    if not doc.text.strip():
        raise EmptyInputError(doc.path, "is empty: it holds no text" if doc.text else "is empty")
    return doc


def read_inputs(
    files: Sequence[str],
    *,
    named: Collection[str] = (),
    encoding: str | None = None,
    skipped: Callable[[InputError], None] | None = None,
    skipped_before: int = 0,
) -> list[Document]:
    """The documents of ``files`` (``-`` is standard input), each holding text. A file the
    user ``named`` that cannot be read or is empty raises its error; one found in a folder
    is left out and its error handed to ``skipped``, as it happens, since one bad file
    should not stop the scan of the rest. Nothing readable at all is a usage error, counting
    with the files left out here the ``skipped_before`` the scan left out (a link to nothing)."""
    docs: list[Document] = []
    left_out = skipped_before
    for f in files:
        try:
            if f == "-":
                data = read_bounded(sys.stdin.buffer, name="<stdin>")
                doc = from_bytes_source(data, name="<stdin>", encoding=encoding)
            elif is_url(f):
                doc = from_bytes_source(read_url(f), name=f, encoding=encoding)
            else:
                doc = load(Path(f), encoding=encoding)
            docs.append(require_text(doc))
        except InputError as exc:
            if f in named:
                raise
            left_out += 1
            if skipped is not None:
                skipped(exc)
    if not docs:
        raise none_readable(left_out)
    return docs


def _is_dir(candidate: str) -> bool:
    return _path_is(candidate, Path.is_dir)


def _is_file(candidate: str) -> bool:
    return _path_is(candidate, Path.is_file)


def _path_is(candidate: str, test: Callable[[Path], bool]) -> bool:
    """``test`` of ``candidate`` as a path, False for what cannot be one (too long, a NUL)."""
    try:
        return len(candidate) < 4096 and test(Path(candidate))
    except (OSError, ValueError):
        return False

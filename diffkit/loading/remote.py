"""Inputs named by URL (``file://``, ``memory://``, ``s3://``, ...), listed and read through
fsspec, so that a corpus in an object store is read as a folder is.

fsspec comes with the Dask extra; a protocol such as ``s3://`` needs its own package
(``s3fs``), which fsspec names. Either missing is a one-line usage error, never a traceback.
A URL's documents are named by their URL, in the order a folder's files are: sorted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from ..errors import FileMissingError, InputError, InputTooLargeError, UsageError
from .decoding import SNIFF, check_not_binary
from .streams import DEFAULT_MAX_BYTES

_URL: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://\S*")
"""A protocol of two letters at least (a Windows drive, ``C:/``, is no URL), ``://`` and no
space."""
INSTALL: Final = "reading URLs needs fsspec: pip install 'diffkit[dask]'"
GLOB_CHARS: Final = ("*", "?", "[")


def is_url(text: str) -> bool:
    """Whether ``text`` names a URL (``protocol://...``) rather than a local path."""
    return _URL.fullmatch(text) is not None


def filesystem(url: str) -> tuple[Any, str]:
    """fsspec's file system for ``url`` and the path within it; a missing fsspec, an
    unknown protocol or one whose package is missing is a usage error naming the URL."""
    try:
        import fsspec
    except ImportError:
        raise UsageError(f"{url}: {INSTALL}") from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as exc:
        # fsspec's message names the package: "Install s3fs to access S3".
        raise UsageError(f"{url}: {_one_line(exc)}") from None
    except ValueError as exc:
        raise UsageError(f"{url}: {_one_line(exc)}") from None
    return fs, path


def url_files(
    url: str,
    keep: Callable[[tuple[str, ...], tuple[str, ...]], bool] = lambda parts, shown: True,
) -> list[str]:
    """The files a URL names: itself, the files under it (recursively, sorted, hidden ones
    and those ``keep(parts, shown)`` refuses left out) or those its glob matches that
    ``keep`` takes, sorted."""
    fs, path = filesystem(url)
    try:
        if any(c in path for c in GLOB_CHARS):
            # As a shell's glob: a hidden file only when the pattern names it so.
            hidden = path.rsplit("/", 1)[-1].startswith(".")
            matched = []
            for p in fs.glob(path):
                if not fs.isfile(p) or (p.rsplit("/", 1)[-1].startswith(".") and not hidden):
                    continue
                full = _full(fs, url, p)
                if keep(tuple(p.strip("/").split("/")), tuple(full.split("/"))):
                    matched.append(full)
            return sorted(matched)
        if fs.isdir(path):
            found = []
            root = path.rstrip("/")
            for child in sorted(fs.find(path)):
                parts = tuple(child[len(root) :].strip("/").split("/"))
                if any(part.startswith(".") for part in parts):
                    continue
                full = _full(fs, url, child)
                if keep(parts, tuple(full.split("/"))):
                    found.append(full)
            return found
        if fs.isfile(path):
            return [url]
    except OSError as exc:
        raise InputError(url, f"cannot be listed: {_one_line(exc)}") from None
    raise FileMissingError(url, "no such file or directory")


def _full(fs: Any, url: str, path: str) -> str:
    """The URL of ``path`` found on ``fs`` while listing ``url``, spelt as ``url`` is: a file
    system whose paths start at ``/`` (``memory://``) gives ``memory:///corpus/a.txt`` for
    ``memory://corpus/``, which would name a file found in a folder otherwise than the same
    file named alone."""
    full: str = fs.unstrip_protocol(path)
    protocol, given = url.split("://", 1)
    if path.startswith("/") and not given.startswith("/"):
        return f"{protocol}://{path.lstrip('/')}"
    return full


def open_url(url: str) -> Any:
    """The file at ``url``, open for reading bytes (a shard read row by row)."""
    fs, path = filesystem(url)
    try:
        return fs.open(path, "rb")
    except FileNotFoundError:
        raise FileMissingError(url, "no such file") from None
    except OSError as exc:
        raise InputError(url, f"cannot be read: {_one_line(exc)}") from None


def read_url(url: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file at ``url``, refused past ``max_bytes`` or when binary."""
    fs, path = filesystem(url)
    try:
        if fs.isdir(path):
            raise FileMissingError(url, "is a directory, not a file")
        size = fs.size(path) or 0
        if size > max_bytes:
            raise InputTooLargeError(url, f"is {size:,} bytes, over the limit of {max_bytes:,}")
        with fs.open(path, "rb") as f:
            data: bytes = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise FileMissingError(url, "no such file") from None
    except OSError as exc:
        raise InputError(url, f"cannot be read: {_one_line(exc)}") from None
    if len(data) > max_bytes:
        raise InputTooLargeError(url, f"is over the limit of {max_bytes:,} bytes")
    check_not_binary(data[: min(len(data), SNIFF) & ~1], name=url)
    return data


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__

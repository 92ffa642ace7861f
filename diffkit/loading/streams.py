"""Reading a file, a pipe or a device whole, but never without bound: a size limit checked
as the bytes come, binary data refused from its start, a named pipe with no writer refused
after a short wait; every failure a typed error naming the input."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path
from typing import BinaryIO, Final, cast

from ..errors import FileMissingError, InputError, InputTooLargeError
from ..model import Document
from .decoding import SNIFF, check_not_binary, from_bytes_source

DEFAULT_MAX_BYTES: Final = 1024 * 1024 * 1024
"""Inputs larger than this are refused unless the caller raises the limit."""


def load_path(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read and decode a file; every failure is a typed error naming the file."""
    name = os.fspath(path)
    p = Path(name)
    try:
        if not p.exists():
            raise FileMissingError(name, "no such file")
        if p.is_dir():
            raise FileMissingError(name, "is a directory, not a file")
        with _open(name) as f:
            data = read_bounded(f, name=name, max_bytes=max_bytes)
    except PermissionError:
        raise FileMissingError(name, "permission denied") from None
    except IsADirectoryError:
        raise FileMissingError(name, "is a directory, not a file") from None
    except OSError as exc:  # a device that fails reads, a file gone bad on disk
        raise InputError(name, f"cannot be read: {exc.strerror or exc}") from None
    return from_bytes_source(data, name=name, encoding=encoding)


_CHUNK: Final = 1 << 22


_WRITER_WAIT: Final = 1.0
"""How long a named pipe may stand without a writer before it is refused, in seconds: a
writer started beside diffkit opens its end in that time."""


def _open(name: str) -> BinaryIO:
    """``name`` opened for reading without waiting for a writer: opening a named pipe blocks
    until one comes, perhaps never. A pipe that has none within ``_WRITER_WAIT`` is refused."""
    fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileMissingError(name, "is a directory, not a file")
        first = b""
        if stat.S_ISFIFO(info.st_mode):
            first = _first_bytes(fd, name)
        os.set_blocking(fd, True)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    return cast(BinaryIO, _Prefixed(first, f)) if first else f


def _first_bytes(fd: int, name: str) -> bytes:
    """The first bytes of a named pipe, or none when a writer holds it open but has not
    written yet. A read that finds no writer ends at once (end of file), so it is tried
    again until one comes or the wait is over."""
    deadline = time.monotonic() + _WRITER_WAIT
    while True:
        try:
            data = os.read(fd, _CHUNK)
        except BlockingIOError:
            return b""
        if data:
            return data
        if time.monotonic() >= deadline:
            raise InputError(name, "is a named pipe that nothing writes to")
        time.sleep(0.01)


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were read already: those, then the rest of ``f``."""

    def __init__(self, head: bytes, f: BinaryIO) -> None:
        self._head = head
        self._f = f

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            head = self._head if size < 0 else self._head[:size]
            self._head = self._head[len(head) :]
            return head
        return self._f.read(size)

    def close(self) -> None:
        self._f.close()
        super().close()


def read_bounded(f: BinaryIO, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """All of ``f`` (a file, a pipe, a device), refused as soon as it passes ``max_bytes``:
    a device or a pipe has no size to check first, and may never end. A start that looks
    binary is refused before the rest is read (``/dev/zero`` has no end either)."""
    try:
        size = os.fstat(f.fileno()).st_size
    except (OSError, ValueError, io.UnsupportedOperation):
        size = 0
    if size > max_bytes:
        raise InputTooLargeError(name, f"is {size:,} bytes, over the limit of {max_bytes:,}")
    chunks: list[bytes] = []
    total = 0
    want = size + 1 if size else _CHUNK
    while True:
        chunk = f.read(min(want, max_bytes + 1 - total))
        if not chunk:
            break
        if not chunks:
            check_not_binary(chunk[: min(len(chunk), SNIFF) & ~1], name=name)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputTooLargeError(name, f"is over the limit of {max_bytes:,} bytes")
        want = _CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)

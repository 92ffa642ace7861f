"""Bytes to text: encoding detection, line structure and clear errors for bad input.

Detection order is fixed and explicit: a byte-order mark, then strict UTF-8, then
charset-normalizer over the whole file. There is deliberately no blind GB18030 fallback: Big5
bytes decode as GB18030 without an error, into garbage.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
import time
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO, Final, cast

import numpy as np
from charset_normalizer import from_bytes

from .errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    FileMissingError,
    InputError,
    InputTooLargeError,
    UsageError,
)
from .model import Document

DEFAULT_MAX_BYTES: Final = 1024 * 1024 * 1024
"""Inputs larger than this are refused unless the caller raises the limit."""

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED: Final = ("gb18030", "big5", "cp1252", "latin_1")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
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
OWN_OUTPUTS: Final = ("*.removed.json", "*.bak", "*.bak.[0-9]*", "*.removed.json.[0-9]*")
"""What diffkit itself writes next to cleaned files; folder scans pass over it."""


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines begin; only CRLF, CR and LF end a line, as in editors."""
    if text.count("\r") != text.count("\r\n"):  # a lone CR, as old Macs wrote
        return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
    # Every line ends at an LF then: the lengths of the pieces between them, summed in C,
    # instead of a regex match a line.
    lengths = np.fromiter(map(len, text.split("\n")), dtype=np.int64)[:-1] + 1
    return (0, *np.cumsum(lengths).tolist())


def decode(data: bytes, *, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding used)``; raise a typed error if it cannot."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(name, f"cannot be decoded as {encoding}: {exc}") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise DecodeError(
                    name, f"starts with a {codec} byte-order mark but is not {codec}"
                ) from None
    if b"\x00" in data:
        order = utf16_without_bom(data)
        if order is not None:
            try:
                return data.decode(order), order
            except UnicodeDecodeError:
                pass
        check_not_binary(data, name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError(
            name, "is not text in any supported encoding (UTF-8/16, GB18030, Big5, ...)"
        )
    # On short texts several code pages score the same; then the common ones win (a Latin-1
    # file is not Baltic cp1257, GB18030 Chinese is not Korean cp949). A candidate stands for
    # every code page that decodes the bytes to the same text.
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
    for preferred in _PREFERRED:
        if any(preferred in (m.encoding, *m.could_be_from_charset) for m in tied):
            try:
                return data.decode(preferred), preferred
            except UnicodeDecodeError:
                continue
    return str(best), best.encoding


_SNIFF: Final = 1 << 16
"""How much of a stream's start is looked at for NUL bytes before the rest is read."""
_CONTROL: Final = frozenset(("Cc", "Cn", "Co", "Cs"))


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the start of ``data`` reads as text in that byte
    order though no byte-order mark says so (as some Windows tools write it), else None.

    The high byte of every ASCII character (line breaks, spaces, digits) is a NUL; the text is
    no UTF-8 holding a stray NUL (which is binary) unless NULs are a good part of it; it holds
    a space or a line break and few control, unassigned or private characters; and the wrong
    byte order would turn Latin text into characters whose low byte is zero (``a`` into
    U+6100), Chinese text into unassigned ones and broken surrogates."""
    head = data[: min(len(data), _SNIFF) & ~1]
    if not head or len(data) % 2:
        return None
    nuls = head.count(0)
    if nuls * 5 < len(head):
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            return None
        except UnicodeDecodeError:
            pass
    for codec, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        if not head[high::2].count(0):
            continue
        text = head.decode(codec, "replace")
        odd = sum(
            1
            for c in text
            if c in "\ufffd\x00" or (unicodedata.category(c) in _CONTROL and c not in "\t\n\r\f\v")
        )
        low_zero = sum(1 for c in text if ord(c) > 0xFF and not ord(c) & 0xFF)
        spaced = any(c in text for c in " \t\r\n\u3000")
        if spaced and odd <= len(text) // 100 and low_zero <= len(text) * 3 // 10:
            return codec
    return None


def check_not_binary(data: bytes, *, name: str) -> None:
    """Raise BinaryInputError if ``data`` holds a NUL byte and is no UTF-16 or UTF-32 text
    (with a byte-order mark, or UTF-16 without one)."""
    if b"\x00" not in data or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return
    if utf16_without_bom(data) is not None:
        return
    hint = ""
    if len(data) % 2 == 0 and data.count(0) * 8 >= len(data):
        even, odd = data[::2].count(0), data[1::2].count(0)
        if odd > 9 * even or even > 9 * odd:
            order = "le" if odd > even else "be"
            hint = f" (if it is UTF-16 text, try --encoding utf-16-{order})"
    raise BinaryInputError(name, f"looks binary (it contains NUL bytes); not a text file{hint}")


def from_bytes_source(
    data: bytes, *, name: str = "<bytes>", encoding: str | None = None
) -> Document:
    """A Document from raw bytes, detecting the encoding unless one is given."""
    text, used = decode(data, name=name, encoding=encoding)
    return Document(path=name, text=text, encoding=used, line_starts=line_starts(text))


def from_text(text: str, *, name: str = "<text>") -> Document:
    """A Document from text already in memory."""
    return Document(path=name, text=text, encoding="str", line_starts=line_starts(text))


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
            check_not_binary(chunk[: min(len(chunk), _SNIFF) & ~1], name=name)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise InputTooLargeError(name, f"is over the limit of {max_bytes:,} bytes")
        want = _CHUNK
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def load(source: Source, *, encoding: str | None = None, name: str | None = None) -> Document:
    """Turn a path, bytes, text or Document into a Document.

    A path object (``pathlib.Path``, any ``os.PathLike``) is read as a file, bytes are decoded
    and a :class:`Text` is the text itself. A plain ``str`` is read as a file when it is one
    line naming an existing file; one line that looks like a path (a folder separator or a
    file extension: ``a/b.txt``, ``3.14``) and names no file is a FileMissingError, so that a
    mistyped path fails; anything else is the text itself. Pass ``Path(...)`` or
    ``Text(...)`` to be explicit. (``dedupe`` also takes folders: see
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
    if isinstance(source, str) and ("\n" in source or "\r" in source or not _is_file(source)):
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
        and _is_file(source)
    )
    return require_text(doc) if named else doc


def none_found(paths: Sequence[str | os.PathLike[str]]) -> UsageError:
    """The error for a scan that found no file, naming where it looked (a folder that is
    empty, holds only hidden files, or cannot be listed)."""
    return UsageError(f"no input files found in {', '.join(str(p) for p in paths)}")


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
) -> list[Document]:
    """The documents of ``files`` (``-`` is standard input), each holding text. A file the
    user ``named`` that cannot be read or is empty raises its error; one found in a folder
    is left out and its error handed to ``skipped``, as it happens, since one bad file
    should not stop the scan of the rest. Nothing readable at all is a usage error."""
    docs: list[Document] = []
    left_out = 0
    for f in files:
        try:
            if f == "-":
                data = read_bounded(sys.stdin.buffer, name="<stdin>")
                doc = from_bytes_source(data, name="<stdin>", encoding=encoding)
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
        raise UsageError(
            f"no readable input files ({left_out} file{'s' * (left_out != 1)} skipped)"
        )
    return docs


def _is_file(candidate: str) -> bool:
    try:
        return len(candidate) < 4096 and Path(candidate).is_file()
    except (OSError, ValueError):
        return False


def discover(
    paths: Sequence[str | os.PathLike[str]],
    *,
    include: tuple[str, ...] = (),
    exclude: tuple[str, ...] = (),
    skipped: Callable[[InputError], None] | None = None,
) -> list[str]:
    """Files named, and files found under directories named (recursively, sorted), filtered
    by glob patterns on their path relative to the directory, on their name, or on a folder
    they lie in (``--exclude drafts`` leaves out everything under ``drafts/``). ``-`` stands
    for standard input. What a folder holds that is no file to read (a link to nothing, a
    named pipe, a device) is left out and handed to ``skipped``."""
    found: list[str] = []
    for item in paths:
        raw = os.fspath(item)
        if raw == "-":
            found.append(raw)
            continue
        p = Path(raw)
        if not p.exists():
            raise FileMissingError(raw, "no such file or directory")
        if p.is_dir():
            children = sorted(p.rglob("*"))
            backups = _backups_recorded(children)
            for child in children:
                if child in backups:
                    continue
                parts = child.relative_to(p).parts
                if any(part.startswith(".") for part in parts) or child.is_dir():
                    continue
                shown = Path(os.path.normpath(child)).parts
                if include and not _matches(parts, shown, include):
                    continue
                if _matches(parts, shown, (*exclude, *OWN_OUTPUTS)):
                    continue
                if not child.is_file():
                    if skipped is not None:
                        skipped(InputError(str(child), _not_a_file(child)))
                    continue
                found.append(str(child))
        else:
            found.append(raw)
    return found


def _backups_recorded(paths: Iterable[Path]) -> set[Path]:
    """The backups that diffkit's removal records among ``paths`` name: an in-place run
    keeps one beside each file it rewrites, under a suffix the user may choose."""
    out: set[Path] = set()
    for path in paths:
        if not _matches((path.name,), (path.name,), _RECORDS):
            continue
        try:
            with open(path, "rb") as f:
                data = json.loads(f.read(_RECORD_MAX))
        except (OSError, ValueError):
            continue
        name = data.get("backup") if isinstance(data, dict) else None
        if isinstance(name, str) and name and "/" not in name:
            out.add(path.with_name(name))
    return out


_RECORDS: Final = ("*.removed.json", "*.removed.json.[0-9]*")
_RECORD_MAX: Final = 1 << 28


def _not_a_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except OSError:
        return "is a link to nothing" if path.is_symlink() else "cannot be read"
    for test, what in (
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return f"is {what}, not a file"
    return "is not a regular file"


def expand_folders(sources: Sequence[Source]) -> list[Source]:
    """``sources`` with each one that names a folder replaced by the files under it, as
    :func:`discover` finds them for the CLI. A folder is a path object, or a one-line string
    that names an existing folder (``"corpus/"``, ``"."``), as a one-line string naming an
    existing file is that file (:func:`load`)."""
    out: list[Source] = []
    for source in sources:
        if _is_folder(source):
            out += [Path(f) for f in discover([source])]  # type: ignore[list-item]
        else:
            out.append(source)
    return out


def _is_folder(source: Source) -> bool:
    if isinstance(source, str):
        if isinstance(source, Text) or not source or "\n" in source or len(source) >= 4096:
            return False
    elif not isinstance(source, os.PathLike):
        return False
    try:
        return Path(source).is_dir()
    except (OSError, ValueError):
        return False


def _matches(parts: tuple[str, ...], shown: tuple[str, ...], globs: tuple[str, ...]) -> bool:
    """Whether a file matches a glob by its path below the folder scanned (``parts``) or as
    reports show it (``shown``), by its name, or by the path or name of a folder it lies in:
    ``drafts`` and ``drafts/`` match ``corpus/2023/drafts/a.txt`` when ``corpus`` is
    scanned, ``corpus/drafts`` only what lies in ``corpus/drafts/``. ``**/`` matches no folder
    too, as in git."""
    paths = {"/".join(parts[: n + 1]) for n in range(len(parts))}
    paths |= {"/".join(shown[n:m]) for n in range(len(shown)) for m in range(n + 1, len(shown) + 1)}
    patterns = {g.removeprefix("./").rstrip("/") or g for g in globs}
    patterns |= {g[3:] for g in patterns if g.startswith("**/")}
    return any(fnmatch(name, g) for g in patterns for name in paths)

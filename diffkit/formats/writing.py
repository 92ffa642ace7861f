"""The one way diffkit writes a file: to a temporary file in the same folder, then renamed
into place, so a reader never sees half a file and a failure leaves the old one whole."""

from __future__ import annotations

import codecs
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError


def atomic_write(
    path: Path,
    text: str | Iterable[str | bytes],
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> None:
    """Write ``text`` (a string, or its pieces, or pieces already encoded as bytes) to
    ``path`` through a temporary file in the same folder and a rename, so a reader never
    sees half a file and a failure leaves the old file whole; a missing folder is made. A link
    is followed (its
    target is replaced, the link stays), and what is not a regular file (``/dev/null``, a
    named pipe) is written to as it is: a rename would put a plain file in its place.
    Strings are encoded with ``encoding``, their line feeds written as ``newline`` when
    it is given."""
    given, path = path, Path(os.path.realpath(path))
    if path.exists() and not path.is_file() and not path.is_dir():
        try:
            with open(path, "wb") as f:
                _write(f, text, encoding, newline)
        except OSError as exc:
            raise UsageError(f"{given}: cannot write: {exc.strerror}") from None
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a report's folder, as --output makes
    except OSError as exc:
        raise UsageError(
            f"{given}: cannot write, no folder {Path(given).parent} ({exc.strerror})"
        ) from None
    mode = file_mode(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UsageError(f"{given}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            _write(f, text, encoding, newline)
        os.chmod(tmp, mode)  # mkstemp makes files private; the result should look like any file
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a quota: the old file stays whole
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{given}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_mode(path: Path) -> int:
    """The mode a file written at ``path`` should have: the one it has, or what a new file
    gets under the umask (files made by ``mkstemp`` are private until given it)."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _write(
    f: BinaryIO, text: str | Iterable[str | bytes], encoding: str, newline: str | None
) -> None:
    # One incremental encoder for all the pieces: a byte-order mark, if any, comes once.
    encoder = codecs.getincrementalencoder(encoding)()
    utf8 = codecs.lookup(encoding).name == "utf-8"
    wrote = False
    for piece in [text] if isinstance(text, str) else text:
        if isinstance(piece, str):
            f.write(encoder.encode(piece.replace("\n", newline) if newline else piece))
            wrote = True
        elif utf8:
            f.write(piece)
        else:
            raise ValueError(f"UTF-8 bytes given for a file written in {encoding}")
    if wrote:
        f.write(encoder.encode("", final=True))


def check_writable_folder(start: Path, label: str) -> None:
    """Raise UsageError, naming ``label``, unless the nearest existing folder at or above
    ``start`` is one this process can write into: a missing folder is made when the output
    is written, but what stands in its way is not."""
    folder = start
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(f"{label}: cannot write, {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{label}: cannot write into {folder}: permission denied")


def ended(pieces: Iterable[str | bytes]) -> Iterator[str | bytes]:
    """``pieces`` of a report, then a line break unless there was nothing: every shell writes
    a report ending so, and a JSON Lines file can then be joined to another with ``cat``."""
    last: str | bytes = ""
    for piece in pieces:
        if piece:
            last = piece
            yield piece
    if last:
        yield b"\n" if isinstance(last, bytes) else "\n"

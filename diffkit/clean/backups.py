"""Backups of the files a clean run rewrites in place: whole or not at all, under a name no
earlier backup holds, and only of a file that still reads as it did."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Final

from ..errors import DiffkitError, UsageError
from ..loading import decode
from ..model import Document


def _free(path: Path) -> Path:
    """``path``, or ``path.1``, ``path.2``, ... : the first name not taken. A second in-place
    run must not overwrite the backup of the first, or the original would be lost."""
    candidate, n = path, 0
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}.{n}")
    return candidate


def check_backup_suffix(suffix: str) -> None:
    """A backup sits beside its file under the file's name and ``suffix``: a suffix that is
    empty or names another folder would put it somewhere else, or nowhere."""
    if not suffix:
        raise UsageError("the backup suffix is empty: a backup needs a name of its own (.bak)")
    if any(c in suffix for c in "/\\\x00") or suffix.strip(".") == "":
        raise UsageError(
            f"backup suffix {suffix!r}: a suffix is added to the file's name (.bak, .orig), "
            "it cannot name a folder"
        )
    if suffix.endswith(".removed.json"):
        raise UsageError(f"backup suffix {suffix!r} is the name of diffkit's removal records")


def backup(path: Path, suffix: str, data: bytes) -> Path:
    """Keep ``data`` (what ``path`` held when it was read) under the first free name of
    ``path + suffix`` (then ``.1``, ``.2``, ...), whole or not at all: it is written under a
    temporary name and linked into place, which never takes a name another copy holds, so a
    full disk leaves no empty backup in the way of the next."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UsageError(f"{path}: cannot write its backup: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            _write_bytes(f, data)
        shutil.copystat(path, tmp)
        while True:
            target = _free(path.with_name(path.name + suffix))
            try:
                os.link(tmp, target)
                return target
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in _NO_LINKS:
                    raise
                os.rename(tmp, target)  # a file system without hard links
                return target
    except OSError as exc:
        raise UsageError(
            f"{path.with_name(path.name + suffix)}: cannot write the backup: {exc.strerror}"
        ) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


_NO_LINKS: Final = frozenset((errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK))


def _write_bytes(f: BinaryIO, data: bytes) -> None:
    f.write(data)


def _unchanged(path: Path, doc: Document) -> bytes:
    """What ``path`` holds now, if it still reads as ``doc``: a file another program (or
    another run) changed since it was read is not rewritten from the old reading."""
    try:
        data = path.read_bytes()
        same = decode(data, name=str(path), encoding=doc.encoding)[0] == doc.text
    except (OSError, DiffkitError):
        same = False
    if not same:
        raise UsageError(f"{path}: changed since it was read; left as it is (run again)")
    return data

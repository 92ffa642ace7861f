"""Finding the inputs in the folders, globs and URLs named: recursive, sorted, filtered by
globs, passing over hidden files, what is no file to read, and what diffkit itself wrote
(removal records and the backups they name)."""

from __future__ import annotations

import glob
import json
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import Final

from ..errors import FileMissingError, InputError
from .remote import GLOB_CHARS, is_url, url_files
from .sources import Source, Text, looks_like_path

OWN_OUTPUTS: Final = ("*.removed.json", "*.bak", "*.bak.[0-9]*", "*.removed.json.[0-9]*")
"""What diffkit itself writes next to cleaned files; folder scans pass over it."""


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
    for standard input. A glob that names no file (``'corpus/**/*.txt'``) is expanded here,
    sorted, so a shell's limit on arguments does not apply; a URL (``memory://corpus/``,
    ``s3://bucket/corpus/``) is listed through fsspec as a folder is. What a folder holds that
    is no file to read (a link to nothing, a named pipe, a device) is left out and handed to
    ``skipped``."""
    found: list[str] = []
    for item in paths:
        raw = os.fspath(item)
        if raw == "-":
            found.append(raw)
            continue
        if is_url(raw):
            found += url_files(raw, _keeper(include, exclude))
            continue
        p = Path(raw)
        if not p.exists() and any(c in raw for c in GLOB_CHARS):
            found += _globbed(raw, include, exclude, skipped)
            continue
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
    return _once_each(found)


def _once_each(found: list[str]) -> list[str]:
    """``found`` without a file met again (named twice, or by a folder and a glob), at its
    first place: a file read twice would repeat itself whole, and a clean copy of it would
    remove both readings' repeats from the one file."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in found:
        key = raw if raw == "-" or is_url(raw) else os.path.realpath(raw)
        if key not in seen:
            seen.add(key)
            out.append(raw)
    return out


def _globbed(
    pattern: str,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    skipped: Callable[[InputError], None] | None,
) -> list[str]:
    """The files that ``pattern`` matches (``**`` any depth of folders) and those under the
    folders it matches, sorted, filtered as a folder's files are; a pattern matching nothing
    is an error."""
    matched = sorted(glob.glob(pattern, recursive=True))
    if not matched:
        raise FileMissingError(pattern, "no file matches")
    keep = _keeper(include, exclude)
    found: list[str] = []
    for match in matched:
        if Path(match).is_dir():
            found += discover([match], include=include, exclude=exclude, skipped=skipped)
        elif keep(Path(match).parts, Path(os.path.normpath(match)).parts):
            found.append(match)
    return list(dict.fromkeys(found))


def _keeper(
    include: tuple[str, ...], exclude: tuple[str, ...]
) -> Callable[[tuple[str, ...], tuple[str, ...]], bool]:
    """Whether a file found under a folder passes ``include``, ``exclude`` and diffkit's own
    outputs, by its path below the folder (``parts``) or as reports show it (``shown``)."""

    def keep(parts: tuple[str, ...], shown: tuple[str, ...]) -> bool:
        if include and not _matches(parts, shown, include):
            return False
        return not _matches(parts, shown, (*exclude, *OWN_OUTPUTS))

    return keep


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
        if isinstance(source, str) and not isinstance(source, Text) and is_url(source):
            out += url_files(source, _keeper((), ()))
        elif _is_glob(source) or _is_folder(source):
            out += [Path(f) for f in discover([source])]  # type: ignore[list-item]
        else:
            out.append(source)
    return out


def _is_glob(source: Source) -> bool:
    """Whether ``source`` is a one-word string that looks like a path, holds a glob's
    wildcard and names no file: ``"corpus/**/*.txt"``, not ``"why?"`` (text)."""
    if not isinstance(source, str) or isinstance(source, Text):
        return False
    if not looks_like_path(source) or not any(c in source for c in GLOB_CHARS):
        return False
    try:
        return not Path(source).exists()
    except (OSError, ValueError):
        return False


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

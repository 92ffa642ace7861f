"""Writing de-duplicated copies without losing a character.

A copy keeps the first occurrence of every cluster and drops the later repeats whose text it
holds once folded (near repeats only when asked: their own text would be lost); everything
else stays byte for byte. Every removed span is recorded with its offset and text, so adding the
spans back restores the input exactly; in-place rewrites keep a backup and go through a
temporary file and a rename.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final, overload

from .deduplication import DedupeReport
from .errors import DiffkitError, UsageError
from .folding import FoldProfile, fold_pieces
from .formats.text import plural
from .formats.writing import atomic_write, check_writable_folder
from .loading import decode, load_path
from .loading.remote import is_url
from .model import Document, Member


@dataclass(frozen=True, slots=True)
class Removal:
    """A stretch taken out of a file: put ``text`` back at ``offset`` to undo it."""

    offset: int
    text: str
    cluster: int
    start_line: int
    end_line: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "offset": self.offset,
            "text": self.text,
            "cluster": self.cluster,
            "start_line": self.start_line,
            "end_line": self.end_line,
        }


_BLANK: Final = " \t\u3000\u00a0"
"""Spaces that indent a line (a plain-text export indents with no-break spaces too)."""


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """A removed paragraph takes its indentation and the line breaks after it along, so no
    blank hole is left; a passage inside a line is removed alone. The removal ends at the
    last line break: the indentation of the line that follows is the next paragraph's, and
    taking it would leave that paragraph's first line flush left and its others indented."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(_BLANK) == "":
        j = end
        while j < len(text) and text[j] in _BLANK + "\r\n":
            j += 1
        if j == len(text):
            return line_start, j
        last_break = text.rfind("\n", end, j)
        if last_break >= 0:
            return line_start, last_break + 1
    return start, end


def covered(member: Member, kept: Member, steps: Sequence[str]) -> bool:
    """Whether ``member``'s text is in ``kept``'s once both are folded: removing it then
    loses nothing that the kept copy does not say. A near repeat (a sentence changed, one
    added) is not covered: its text exists nowhere else."""
    member_key, kept_key = _keys([member.text, kept.text], steps)
    return member_key in kept_key


def _keys(texts: list[str], steps: Sequence[str]) -> list[str]:
    """Each of ``texts`` folded on its own, all in one pass (a fold call costs far more than
    the few characters of a paragraph)."""
    bounds: list[tuple[int, int]] = []
    at = 0
    for text in texts:
        bounds.append((at, at + len(text)))
        at += len(text) + 1
    folded = fold_pieces("\n".join(texts), bounds, profile=FoldProfile("report", tuple(steps)))
    return [f.text for f in folded]


@dataclass(frozen=True, slots=True)
class Plan:
    """What a clean copy takes out of each file, and what it leaves in and why."""

    spans: dict[str, list[tuple[int, int, int]]]
    """For each file, the (start, end, cluster) spans to remove, merged where they overlap."""
    removed: int
    """Repeats removed whose text the kept copy holds once folded."""
    removed_near: int
    """Near repeats removed (only when asked)."""
    kept_near: int
    """Near repeats left in place: text found nowhere else would be lost."""


def plan(report: DedupeReport, *, near: bool = False) -> Plan:
    """The spans to remove: later repeats whose text the first occurrence holds once folded,
    and, with ``near``, the near repeats as well."""
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    removed = removed_near = kept_near = 0
    texts = list(dict.fromkeys(m.text for c in report.clusters for m in c.members))
    keys = dict(zip(texts, _keys(texts, report.steps), strict=True))
    for cluster in report.clusters:
        kept = keys.get(cluster.representative.text, "")
        for member in cluster.repeats:
            if keys.get(member.text, "") in kept:
                removed += 1
            elif near:
                removed_near += 1
            else:
                kept_near += 1
                continue
            spans[member.span.path].append((member.span.start, member.span.end, cluster.id))
    merged: dict[str, list[tuple[int, int, int]]] = {}
    for path, items in spans.items():
        items.sort()
        out: list[tuple[int, int, int]] = []
        for s, e, c in items:
            if out and s <= out[-1][1]:
                ps, pe, pc = out[-1]
                out[-1] = (ps, max(pe, e), pc)
            else:
                out.append((s, e, c))
        merged[path] = out
    return Plan(merged, removed, removed_near, kept_near)


def removals(report: DedupeReport, *, near: bool = False) -> dict[str, list[tuple[int, int, int]]]:
    """For each file, the (start, end, cluster) spans :func:`plan` removes."""
    return plan(report, near=near).spans


def remove_spans(text: str, spans: list[tuple[int, int, int]]) -> tuple[str, list[Removal]]:
    """``text`` without the spans, and the record that restores it."""
    kept: list[str] = []
    record: list[Removal] = []
    at = 0
    for s, e, cluster in spans:
        s, e = _extend(text, s, e)
        s = max(s, at)
        if e <= s:
            continue
        kept.append(text[at:s])
        record.append(
            Removal(
                s,
                text[s:e],
                cluster,
                text.count("\n", 0, s) + 1,
                text.count("\n", 0, max(s, e - 1)) + 1,
            )
        )
        at = e
    kept.append(text[at:])
    return "".join(kept), record


def restore(cleaned: str, record: list[Removal]) -> str:
    """Put the removed spans back: the original text."""
    out = cleaned
    for r in sorted(record, key=lambda r: r.offset):
        out = out[: r.offset] + r.text + out[r.offset :]
    return out


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


def check_targets(paths: Sequence[str], *, output: Path | None, in_place: bool) -> None:
    """Refuse clean copies of ``paths`` that could not be written, or would be written over
    an input, before anything is read: a run that fails at its end has spent its time, and
    may have written its report, for nothing."""
    if (output is None) == (not in_place):
        raise UsageError("choose one of --output DIR or --in-place")
    for path in paths:
        if path == "-" or path.startswith("<"):
            raise UsageError(f"{path}: standard input or text has no file to clean; use --report")
        if is_url(path):
            raise UsageError(f"{path}: a URL has no local file to clean; use --report")
    read: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in read:
            raise UsageError(
                f"{path}: is read twice; a clean copy would lose what each reading keeps"
            )
        read.add(real)
    if not paths or output is None:
        return
    files = [Path(p) for p in paths]
    check_writable_folder(output.resolve(), f"--output {output}")
    root = _root(files)
    inputs = {f.resolve() for f in files}
    for file in files:
        if _target(file, output, root).resolve() in inputs:
            raise UsageError(f"{file}: --output {output} would overwrite the input; use --in-place")


def _root(paths: Sequence[Path]) -> Path:
    """The folder the copies' places under ``--output`` are taken relative to."""
    return Path(os.path.commonpath([str(p.resolve().parent) for p in paths]))


def _target(path: Path, output: Path, root: Path) -> Path:
    try:
        rel = path.resolve().relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return output / rel


@dataclass(frozen=True, slots=True)
class Cleaned(Sequence[Path]):
    """The files written, in order (it reads as their sequence), and what was removed."""

    written: tuple[Path, ...]
    plan: Plan

    @overload
    def __getitem__(self, index: int) -> Path: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Path]: ...
    def __getitem__(self, index: int | slice) -> Path | Sequence[Path]:
        return self.written[index]

    def __len__(self) -> int:
        return len(self.written)

    def summary(self) -> str:
        """One line: what was written, what was removed and why, what was left in."""
        p = self.plan
        removed = f"removed {plural(p.removed, 'repeat')} whose text the first occurrence holds"
        if p.removed_near:
            removed += f" and {plural(p.removed_near, 'near repeat')} (--remove-near)"
        line = f"wrote {plural(len(self.written), 'de-duplicated file')}: {removed}"
        if p.kept_near:
            line += (
                f"; kept {plural(p.kept_near, 'near repeat')} holding text found nowhere else "
                "(--remove-near removes them too)"
            )
        return line


def _write_cleaned(
    path: Path,
    doc: Document,
    spans: list[tuple[int, int, int]],
    target: Path,
    in_place: bool,
    backup_suffix: str,
) -> bool:
    """Write ``doc`` without ``spans`` to ``target``, and beside it the record of what was
    removed; in place, only when something is removed, after a backup. Whether it wrote."""
    cleaned, record = remove_spans(doc.text, spans)
    encoding = doc.encoding if doc.encoding not in ("str", "ascii") else "utf-8"
    kept: Path | None = None
    if in_place:
        if not record:
            return False
        kept = backup(path, backup_suffix, _unchanged(path, doc))
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, cleaned, encoding=encoding)
    log: dict[str, Any] = {
        "schema": "diffkit.removed/1",
        "source": str(path),
        "encoding": encoding,
        "removed": [r.to_dict() for r in record],
    }
    if kept is not None:
        # Folder scans pass over the backups a record names, whatever their suffix.
        log["backup"] = kept.name
    record_path = target.with_name(target.name + ".removed.json")
    atomic_write(
        _free(record_path) if in_place else record_path,
        json.dumps(log, ensure_ascii=False, indent=2),
    )
    return True


CleanJob = tuple[str, str, str, list[tuple[int, int, int]], str]
"""A copy to write where its input can be read (a Dask worker): the input's path, its
encoding as read, a digest of its text, the spans to remove and the copy's path."""


def text_digest(text: str) -> str:
    """A digest of ``text``: a copy written elsewhere reads its input again, and must find
    the text that was clustered."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def write_job(job: CleanJob) -> bool:
    """Write one de-duplicated copy and its record from its input read again here, refused
    (nothing written) when the input's text is not the one clustered. Whether it wrote."""
    path, encoding, digest, spans, target = job
    doc = load_path(path, encoding=None if encoding == "str" else encoding)
    if text_digest(doc.text) != digest:
        raise UsageError(f"{path}: changed since it was read; left as it is (run again)")
    return _write_cleaned(Path(path), doc, spans, Path(target), False, ".bak")


# Long for its checks, each a line, before the one loop that writes.
def write_clean(
    report: DedupeReport,
    *,
    documents: Sequence[Document] = (),
    output: Path | None = None,
    in_place: bool = False,
    backup_suffix: str = ".bak",
    near: bool = False,
    elsewhere: Callable[[list[CleanJob]], Sequence[bool]] | None = None,
) -> Cleaned:
    """Write de-duplicated copies (to ``output``) or rewrite the inputs (``in_place``, after a
    backup). A later repeat is removed when the first occurrence holds its text once folded;
    a near repeat only with ``near``, since its own text would be lost. Next to each written
    file, ``<name>.removed.json`` records what was taken out. ``documents`` are the inputs
    already decoded; others are read again. ``elsewhere`` writes the copies of ``output``
    where the inputs are (each job by :func:`write_job`, on a Dask worker), the same files.
    Returns the files written and what was removed."""
    check_targets([d.path for d in report.documents], output=output, in_place=in_place)
    if in_place:
        check_backup_suffix(backup_suffix)
    planned = plan(report, near=near)
    plans = planned.spans
    paths = [Path(d.path) for d in report.documents]
    if not paths:
        return Cleaned((), planned)
    root = _root(paths)
    loaded = {d.path: d for d in documents}
    members: dict[str, list[Member]] = defaultdict(list)
    for cluster in report.clusters:
        for member in cluster.members:
            members[member.path].append(member)
    written: list[Path] = []
    jobs: list[CleanJob] = []
    for path, info in zip(paths, report.documents, strict=True):
        doc = loaded.get(str(path)) or load_path(path)
        if len(doc.text) != info.chars or any(
            doc.text[m.start_offset : m.end_offset] != m.text for m in members[str(path)]
        ):
            raise UsageError(f"{path}: changed since it was read; left as it is (run again)")
        target = path if in_place else _target(path, output or Path("."), root)
        if elsewhere is not None and not in_place:
            job = (str(path), doc.encoding, text_digest(doc.text), plans.get(str(path), []))
            jobs.append((*job, str(target)))
        elif _write_cleaned(path, doc, plans.get(str(path), []), target, in_place, backup_suffix):
            written.append(target)
    if jobs and elsewhere is not None:
        done = elsewhere(jobs)
        written += [Path(j[4]) for j, wrote in zip(jobs, done, strict=True) if wrote]
    return Cleaned(tuple(written), planned)

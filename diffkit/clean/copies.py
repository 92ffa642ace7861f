"""Writing the de-duplicated copies and their removal records: here, or where the inputs
can be read (a Dask worker), through a temporary file and a rename."""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from ..deduplication import DedupeReport
from ..errors import UsageError
from ..formats.text import plural
from ..formats.writing import atomic_write, check_writable_folder
from ..loading import load_path
from ..loading.remote import is_url
from ..model import Document, Member
from .backups import _free, _unchanged, backup, check_backup_suffix
from .removals import Plan, plan, remove_spans


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
    untouched: tuple[Path, ...] = ()
    """The inputs nothing was removed from: no record is written for them, and in place
    they are left as they are."""
    in_place: bool = False

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
        # A copy of a file nothing was removed from is written, but was not de-duplicated.
        changed = len(self.written) - (0 if self.in_place else len(self.untouched))
        line = f"wrote {plural(changed, 'de-duplicated file')}: {removed}"
        if p.kept_near:
            line += (
                f"; kept {plural(p.kept_near, 'near repeat')} holding text found nowhere else "
                "(--remove-near removes them too)"
            )
        if self.untouched:
            left = "left as they are" if self.in_place else "copied as they are, with no record"
            line += f"; {plural(len(self.untouched), 'file')} had nothing to remove ({left})"
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
    removed when something was; in place, only when something is removed, after a backup.
    Whether it wrote."""
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
    record_path = target.with_name(target.name + ".removed.json")
    if not record:
        # The copy is its input: a record would list nothing, and one left by an earlier run
        # would put back text this copy never lost.
        record_path.unlink(missing_ok=True)
        return True
    log: dict[str, Any] = {
        "schema": "diffkit.removed/1",
        "source": str(path),
        "encoding": encoding,
        "removed": [r.to_dict() for r in record],
    }
    if kept is not None:
        # Folder scans pass over the backups a record names, whatever their suffix.
        log["backup"] = kept.name
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
    file something was taken out of, ``<name>.removed.json`` records what. ``documents`` are the inputs
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
    untouched = tuple(p for p in paths if not plans.get(str(p)))
    return Cleaned(tuple(written), planned, untouched, in_place)

"""Writing de-duplicated copies without losing a character.

A copy keeps the first occurrence of every cluster and drops the later ones; everything else
stays byte for byte. Every removed span is recorded with its offset and text, so adding the
spans back restores the input exactly; in-place rewrites keep a backup and go through a
temporary file and a rename.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dedupe import DedupeReport
from .errors import UsageError
from .load import load_path
from .model import Document
from .report import atomic_write


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


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """A removed paragraph takes its indentation and the line breaks after it along, so no
    blank hole is left; a passage inside a line is removed alone."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t\u3000\u00a0") == "":
        j = end
        while j < len(text) and text[j] in " \t\u3000\u00a0\r\n":
            j += 1
        if "\n" in text[end:j] or j == len(text):
            return line_start, j if j < len(text) else len(text)
    return start, end


def removals(report: DedupeReport) -> dict[str, list[tuple[int, int, int]]]:
    """For each file, the (start, end, cluster) spans of later repeats, merged where they
    overlap (passages may overlap each other)."""
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for cluster in report.clusters:
        for member in cluster.repeats:
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
    return merged


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


def _target(path: Path, output: Path, root: Path) -> Path:
    try:
        rel = path.resolve().relative_to(root)
    except ValueError:
        rel = Path(path.name)
    return output / rel


def write_clean(
    report: DedupeReport,
    *,
    documents: Sequence[Document] = (),
    output: Path | None = None,
    in_place: bool = False,
    backup_suffix: str = ".bak",
) -> list[Path]:
    """Write de-duplicated copies (to ``output``) or rewrite the inputs (``in_place``, after a
    backup). Next to each written file, ``<name>.removed.json`` records what was taken out.
    ``documents`` are the inputs already decoded; others are read again. Returns the files
    written."""
    if (output is None) == (not in_place):
        raise UsageError("choose one of --output DIR or --in-place")
    plans = removals(report)
    paths = [Path(d.path) for d in report.documents]
    if not paths:
        return []
    root = Path(os.path.commonpath([str(p.resolve().parent) for p in paths]))
    inputs = {p.resolve() for p in paths}
    for path in paths:
        if str(path).startswith("<"):
            raise UsageError(f"{path}: standard input or text has no file to clean; use --report")
        if not in_place and _target(path, output or Path("."), root).resolve() in inputs:
            raise UsageError(f"{path}: --output {output} would overwrite the input; use --in-place")
    loaded = {d.path: d for d in documents}
    written: list[Path] = []
    for path in paths:
        doc = loaded.get(str(path)) or load_path(path)
        cleaned, record = remove_spans(doc.text, plans.get(str(path), []))
        encoding = doc.encoding if doc.encoding not in ("str", "ascii") else "utf-8"
        target = path if in_place else _target(path, output or Path("."), root)
        if in_place:
            if not record:
                continue
            shutil.copy2(path, _free(path.with_name(path.name + backup_suffix)))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, cleaned, encoding=encoding)
        log = {
            "schema": "diffkit.removed/1",
            "source": str(path),
            "encoding": encoding,
            "removed": [r.to_dict() for r in record],
        }
        record_path = target.with_name(target.name + ".removed.json")
        atomic_write(
            _free(record_path) if in_place else record_path,
            json.dumps(log, ensure_ascii=False, indent=2),
        )
        written.append(target)
    return written

"""What a clean copy leaves out: the repeats whose text the first occurrence holds, each
removed span recorded with its offset and text, so that adding the spans back restores the
input exactly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from ..deduplication import DedupeReport
from ..folding import FoldProfile, fold_each
from ..model import Member


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
    return fold_each(texts, profile=FoldProfile("report", tuple(steps)))


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

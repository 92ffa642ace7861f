"""Each verb's output formats, registered once: the CLI's ``--format`` choices and help, and the
writer of every format but the text view (which the CLI prints on a console of its own).
Each format is a module of this package (``text``, ``json_stream``, ``jsonl``, ``csv_rows``,
``html_page``), loaded when it is first written, so that importing the registry stays light;
``writing`` writes a report to disk and ``reading`` loads a saved one.

A writer turns a report into text, or into a stream of chunks for a report too large to hold
twice: bytes when the report goes to a file (UTF-8 as the encoder makes it), text when it
goes to a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Final

from ..errors import UsageError

Writer = Callable[[Any, bool], str | Iterable[str] | Iterable[bytes]]
"""``writer(report, binary)``: the report in this format, as bytes chunks when ``binary``."""


@dataclass(frozen=True, slots=True)
class Format:
    """One output format of one verb."""

    name: str
    help: str
    write: Writer | None = None
    """None for the text view, which the CLI prints on a console."""


def _json(report: Any, binary: bool) -> Iterable[str] | Iterable[bytes]:
    chunks: Iterable[str] | Iterable[bytes] = (
        report.json_bytes() if binary else report.json_chunks()
    )
    return chunks


def _compare_html(report: Any, binary: bool) -> str:
    from .html_page import compare_html

    return compare_html(report)


def _dedupe_jsonl(report: Any, binary: bool) -> Iterable[str] | Iterable[bytes]:
    from .jsonl import dedupe_jsonl_bytes, dedupe_jsonl_chunks

    return dedupe_jsonl_bytes(report) if binary else dedupe_jsonl_chunks(report)


def _dedupe_csv(report: Any, binary: bool) -> str:
    from .csv_rows import dedupe_csv

    return dedupe_csv(report).rstrip("\n")


def _segments_json(report: Any, binary: bool) -> str:
    return str(report.to_json())


TEXT: Final = Format("text", "for reading")

FORMATS: Final[dict[str, tuple[Format, ...]]] = {
    "segments": (TEXT, Format("json", "for scripts (schema diffkit.segments/1)", _segments_json)),
    "compare": (
        TEXT,
        Format("json", "for scripts and CI (schema diffkit.compare/1)", _json),
        Format("html", "a self-contained report to send", _compare_html),
    ),
    "dedupe": (
        TEXT,
        Format("json", "for scripts (schema diffkit.dedupe/1)", _json),
        Format("jsonl", "a cluster a line", _dedupe_jsonl),
        Format("csv", "a member a row", _dedupe_csv),
    ),
}
"""The formats of each verb, the text view first (the default)."""


def names(verb: str) -> list[str]:
    """The format names of ``verb``, as ``--format`` offers them."""
    return [f.name for f in FORMATS[verb]]


def summary(verb: str) -> str:
    """One line of help naming every format of ``verb``."""
    return "; ".join(f"{f.name} {f.help}" for f in FORMATS[verb]) + "."


def lookup(verb: str, name: str) -> Format:
    """The format ``name`` of ``verb``."""
    for found in FORMATS.get(verb, ()):
        if found.name == name:
            return found
    raise UsageError(f"unknown format {name!r} for {verb}; use one of: {', '.join(names(verb))}")

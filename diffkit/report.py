"""The report writers by the names they were first imported by; each lives in
:mod:`diffkit.formats` now (a module a format, the registry in its ``__init__``)."""

from .formats.csv_rows import dedupe_csv
from .formats.html_page import compare_html
from .formats.jsonl import dedupe_jsonl_bytes, dedupe_jsonl_chunks
from .formats.reading import load_report
from .formats.text import (
    compare_summary,
    is_line_ending,
    line_ending_edits,
    plain_output,
    plural,
    print_compare,
    print_dedupe,
    print_segments,
)
from .formats.writing import atomic_write

__all__ = [
    "atomic_write",
    "compare_html",
    "compare_summary",
    "dedupe_csv",
    "dedupe_jsonl_bytes",
    "dedupe_jsonl_chunks",
    "is_line_ending",
    "line_ending_edits",
    "load_report",
    "plain_output",
    "plural",
    "print_compare",
    "print_dedupe",
    "print_segments",
]

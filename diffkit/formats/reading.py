"""Reading a saved JSON report back into the objects that made it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..loading import looks_like_path

if TYPE_CHECKING:
    from ..comparison import CompareReport
    from ..deduplication import DedupeReport


def load_report(
    source: str | bytes | os.PathLike[str] | dict[str, Any],
) -> CompareReport | DedupeReport:
    """A report saved as JSON (a path, JSON text or bytes, or the parsed dict) as the objects
    that made it: ``load_report(p) == report`` for a report written with ``report.to_json()``.

    >>> from diffkit import compare
    >>> report = compare("第一段文字在这里出现。", "第一段文字在這裡出現。")
    >>> load_report(report.to_json()) == report
    True
    """
    from ..comparison import SCHEMA as COMPARE_SCHEMA, CompareReport
    from ..deduplication import SCHEMA as DEDUPE_SCHEMA, DedupeReport
    from ..errors import InputError

    name, data = _parsed(source)
    if not isinstance(data, dict):
        raise InputError(name, f"is not a diffkit report: it is a JSON {type(data).__name__}")
    schema = data.get("schema", "")
    if schema not in (COMPARE_SCHEMA, DEDUPE_SCHEMA):
        if isinstance(schema, str) and schema.startswith(("diffkit.compare/", "diffkit.dedupe/")):
            known = f"{COMPARE_SCHEMA} and {DEDUPE_SCHEMA}"
            raise InputError(name, f"is a {schema} report; this diffkit reads {known}")
        found = f"its schema is {schema!r}" if schema else 'it has no "schema"'
        raise InputError(name, f"is not a diffkit report: {found}")
    if schema.startswith("diffkit.dedupe/") and "clusters" not in data and "members" in data:
        raise InputError(name, _JSON_LINES)
    try:
        if schema.startswith("diffkit.compare/"):
            return CompareReport.from_dict(data)
        return DedupeReport.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(name, f"is not a whole {schema} report ({exc!r})") from None


def _parsed(source: str | bytes | os.PathLike[str] | dict[str, Any]) -> tuple[str, Any]:
    """The name to report errors by, and the JSON value ``source`` holds or names."""
    from ..errors import FileMissingError, InputError

    name = "<report>"
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="replace")
    if isinstance(source, dict):
        return name, source
    text = str(source)
    if not text.lstrip().startswith("{"):
        name = text
        path = Path(source)
        if path.is_dir():
            raise InputError(name, "is a folder, not a report file")
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            if isinstance(source, str) and not looks_like_path(source.strip()):
                # Text that names no file and is no report: say that, not "no such file".
                shown = source.strip().split("\n", 1)[0][:40]
                raise InputError(
                    "<report>",
                    f"is neither a report's JSON (an object, '{{...}}') nor a file: {shown!r}",
                ) from None
            raise FileMissingError(name, exc.strerror or "cannot be read") from None
    try:
        return name, json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            raise InputError(name, _JSON_LINES) from None
        raise InputError(name, f"is not JSON: {exc}") from None


_JSON_LINES: Final = (
    "is a JSON Lines report (one cluster a line, without the documents and options): read "
    "its lines with json.loads, or save the report with --format json to load it whole"
)

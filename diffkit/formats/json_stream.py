"""JSON as diffkit writes it: compact items through orjson, a report's top-level fields one
a line and each item of a list on a line of its own, streamed a piece at a time.

Line-based diffs of two reports then show which items changed, and a large report is
encoded as it is written, never held whole in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, AnyStr

import orjson


def encode_json(value: Any) -> str:
    """``value`` as compact JSON on one line, non-ASCII text as it is. orjson encodes it:
    the edits of a large report are most of what diffkit writes (bench/ has the figures)."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        # Lone surrogates (text given in memory) are not UTF-8; json's encoder keeps them.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def encode_json_bytes(value: Any) -> bytes:
    """:func:`encode_json` as UTF-8, what a file receives, without decoding orjson's bytes
    only to encode them again; lone surrogates are written as ``\\u`` escapes."""
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        return text.encode("utf-8", "backslashreplace")


def dumps_report(data: dict[str, Any]) -> str:
    """A report as JSON: top-level fields one per line, and each item of a list (a pair, a
    cluster, a segment) on a line of its own. Line-based diffs of two reports then show
    which items changed, and every item is one encoder call, where ``indent`` would lay out
    each nested value in Python."""
    return "".join(report_chunks(data))


def report_chunks(data: dict[str, Any]) -> Iterator[str]:
    """``dumps_report`` a piece at a time. A value may be an iterator of dicts, encoded only
    as it is written: a large report then never stands whole in memory, as dicts or as text."""
    return _report_pieces(data, encode_json, str)


def report_bytes(data: dict[str, Any]) -> Iterator[bytes]:
    """:func:`report_chunks` as UTF-8, for a file (see :func:`encode_json_bytes`)."""
    return _report_pieces(data, encode_json_bytes, str.encode)


_END: Any = object()
"""What ``next`` gives at the end of an iterator of items (an item may itself be ``None``)."""


def _report_pieces(
    data: dict[str, Any], encode: Callable[[Any], AnyStr], literal: Callable[[str], AnyStr]
) -> Iterator[AnyStr]:
    yield literal("{")
    items = list(data.items())
    for n, (key, value) in enumerate(items):
        comma = "," if n < len(items) - 1 else ""
        name = json.dumps(key)
        if isinstance(value, Iterator):
            first = next(value, _END)
            if first is _END:
                yield literal(f"\n  {name}: []{comma}")
                continue
            yield literal(f"\n  {name}: [\n    ") + encode(first)
            between = literal(",\n    ")
            for v in value:
                yield between + encode(v)
            yield literal(f"\n  ]{comma}")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            inner = literal(",\n").join(literal("    ") + encode(v) for v in value)
            yield literal(f"\n  {name}: [\n") + inner + literal(f"\n  ]{comma}")
        else:
            yield literal(f"\n  {name}: ") + encode(value) + literal(comma)
    yield literal("\n}")

"""The JSON schemas of diffkit's reports, shipped with the package so CI can validate against
the very version a report names in its ``schema`` field."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..errors import UsageError

VERSIONS = {
    "diffkit.compare/1": "compare-1.json",
    "diffkit.dedupe/1": "dedupe-1.json",
    "diffkit.segments/1": "segments-1.json",
}


def schema_for(name: str) -> dict[str, Any]:
    """The JSON schema of a report version.

    >>> schema_for("diffkit.compare/1")["title"]
    'diffkit compare report, version 1'
    """
    if name not in VERSIONS:
        raise UsageError(f"unknown report schema {name!r}; known: {', '.join(VERSIONS)}")
    text = resources.files(__package__).joinpath(VERSIONS[name]).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data

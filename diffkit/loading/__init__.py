"""Loading: bytes to text and inputs to documents, with a clear error for every bad input.

``decoding`` turns bytes into text (encoding detection, binary refused, line structure),
``streams`` reads a file, pipe or device whole within a size limit, ``sources`` makes a
Document of whatever a caller passes (a path, bytes, text) and ``discovery`` finds the inputs
in the folders named.
"""

from .decoding import (
    check_not_binary,
    decode,
    from_bytes_source,
    from_text,
    line_starts,
    utf16_without_bom,
)
from .discovery import OWN_OUTPUTS, discover, expand_folders
from .sources import (
    SkippedInputWarning,
    Source,
    Text,
    load,
    load_named,
    looks_like_path,
    none_found,
    none_readable,
    read_inputs,
    require_text,
    warn_skipped,
)
from .streams import DEFAULT_MAX_BYTES, load_path, read_bounded

__all__ = [
    "DEFAULT_MAX_BYTES",
    "OWN_OUTPUTS",
    "SkippedInputWarning",
    "Source",
    "Text",
    "check_not_binary",
    "decode",
    "discover",
    "expand_folders",
    "from_bytes_source",
    "from_text",
    "line_starts",
    "load",
    "load_named",
    "load_path",
    "looks_like_path",
    "none_found",
    "none_readable",
    "read_bounded",
    "read_inputs",
    "require_text",
    "utf16_without_bom",
    "warn_skipped",
]

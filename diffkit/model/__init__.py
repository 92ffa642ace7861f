"""The shared vocabulary of diffkit: documents, positions, segments, edits and results.

Every stage of the pipeline speaks in these types, and every position in them points into the
original text of a file, never into folded text. The types are frozen dataclasses; how they
are written out (JSON, text, HTML) is in :mod:`diffkit.formats`.
"""

# The JSON writers lived here before they had a module of their own; what imports them from
# here still finds them.
from ..formats.json_stream import (
    dumps_report,
    encode_json,
    encode_json_bytes,
    report_bytes,
    report_chunks,
)
from .documents import (
    Document,
    DocumentInfo,
    Granularity,
    Located,
    Segment,
    SegmentKind,
    SegmentsReport,
    Span,
    segment_from_dict,
)
from .edits import (
    CATEGORIES,
    Category,
    Edit,
    EditOp,
    EditRows,
    EditSequence,
    edit_dicts,
    edit_from_dict,
    edits_of,
)
from .results import Cluster, Member, Pair, PairKind

__all__ = [
    "CATEGORIES",
    "Category",
    "Cluster",
    "Document",
    "DocumentInfo",
    "Edit",
    "EditOp",
    "EditRows",
    "EditSequence",
    "Granularity",
    "Located",
    "Member",
    "Pair",
    "PairKind",
    "Segment",
    "SegmentKind",
    "SegmentsReport",
    "Span",
    "dumps_report",
    "edit_dicts",
    "edit_from_dict",
    "edits_of",
    "encode_json",
    "encode_json_bytes",
    "report_bytes",
    "report_chunks",
    "segment_from_dict",
]

"""`compare`: align two documents across script, wrapping and order, and explain every difference.

Both documents are segmented and folded; shared k-grams of the folded texts are the anchors
(seeds.py: those rare in both pair every copy, repeated ones only the copy their context points
to, so the work grows with the input, not with its repetition); anchors on one diagonal merge
into runs and runs chain into aligned passages, in any order, so moved, split, repeated and
contained passages are all found (candidates.py). A pair resting on repeats alone stands only
where it keeps the order of the others (selection.py); repeated and short paragraphs left over
pair between aligned neighbours, and what is still unpaired by likeness (unpaired.py); a family
of alike paragraphs around one still unpaired is assigned anew by likeness where that gains
(families.py: the anchors can give one sibling message the other's counterpart). Each
aligned pair is widened to whole paragraphs or sentences (but not into what a neighbouring pair
matched), diffed with every edit classified, and marked as moved when B holds it out of A's
order (pipeline.py). Whatever has no counterpart is listed as unmatched.
"""

from typing import TYPE_CHECKING, Any

from .report import SCHEMA, Cancelled, CompareReport, Progress, check_categories

if TYPE_CHECKING:
    from .pipeline import compare


def __getattr__(name: str) -> Any:
    # The pipeline loads on first use: dedupe reads this package's report types alone.
    if name == "compare":
        from .pipeline import compare

        globals()["compare"] = compare
        return compare
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["SCHEMA", "Cancelled", "CompareReport", "Progress", "check_categories", "compare"]

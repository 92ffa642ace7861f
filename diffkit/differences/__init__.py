"""Differences inside a matched pair: character edits for Han, word edits for Latin, each with
the reason it exists.

The two sides are aligned on their folded keys (fold before aligning, never after), so a
Traditional copy lines up with its Simplified original character for character. Where the keys
agree, the original texts may still differ; each such difference is an edit named after the
lightest fold that makes its sides equal (whitespace, punctuation, annotation, width, case,
script). Where the keys disagree, the edit is ``content``; ``regional`` when OpenCC's
regional phrase tables map one side onto the other (文件/檔案, 默认/預設); ``punctuation`` when
both sides are marks alone (a comma added, ``。`` made ``，``).
"""

from .batch import diff_raw as diff_raw, diff_raw_many as diff_raw_many
from .classification import (
    _CLASSIFIED as _CLASSIFIED,
    _FOLDS as _FOLDS,
    _PAIRS as _PAIRS,
    _TEXTS as _TEXTS,
    _marks_only as _marks_only,
    classify as classify,
    classify_all as classify_all,
)
from .conversions import (
    _FORMS as _FORMS,
    _convert_all as _convert_all,
    _regional as _regional,
    warm_up as warm_up,
)
from .result import (
    DiffResult as DiffResult,
    apply_edits as apply_edits,
    diff as diff,
    diff_folded as diff_folded,
    filter_edits as filter_edits,
)

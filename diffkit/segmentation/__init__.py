"""Cutting a document into paragraphs and sentences that know where they came from.

PDF extraction and scrapers hard-wrap paragraphs mid-sentence, put numbers on lines of their
own and sprinkle captions, dates and placeholders between the text. The paragraph re-joiner
decides, for every pair of consecutive non-blank lines, whether the second continues the
first, from the shape of the two lines and the wrap width around them; it is measured against
hand-labelled line breaks of the samples (tests/data/line_breaks.tsv).

Segments are cut on the original text; their folded keys come from one batched fold, so a
segment's key is exactly what folding its own text alone gives.
"""

from .segmented import (
    Pieces as Pieces,
    Segmented as Segmented,
    paragraph_line_spans as paragraph_line_spans,
    segment as segment,
    sentence_bounds as sentence_bounds,
)

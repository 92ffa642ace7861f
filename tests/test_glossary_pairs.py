"""The shipped glossary's terms as real translations use them: each pair of
tests/data/glossary-pairs-zh.tsv is a zh_CN message and its zh_TW counterpart, from Debian's
catalogs, Firefox ESR's strings or LibreOffice's help, in which the term is translated so."""

from __future__ import annotations

from pathlib import Path

import pytest

import diffkit
from diffkit.differences import diff
from diffkit.regional import default_glossary

PAIRS = [
    line.split("\t")
    for line in (Path(__file__).parent / "data" / "glossary-pairs-zh.tsv")
    .read_text(encoding="utf-8")
    .splitlines()
]


@pytest.mark.parametrize(
    ("mainland", "regional", "source", "cn", "tw"), PAIRS, ids=[row[0] for row in PAIRS]
)
def test_a_glossary_term_in_a_real_pair_is_a_regional_edit(
    mainland: str, regional: str, source: str, cn: str, tw: str
) -> None:
    assert (mainland, regional) in default_glossary().entries
    at = cn.index(mainland)
    edits = diff(diffkit.Text(cn), diffkit.Text(tw)).edits
    touching = [e for e in edits if e.a_start < at + len(mainland) and e.a_end > at]
    assert touching and all(e.category == "regional" for e in touching), (source, edits)

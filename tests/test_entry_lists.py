"""A list of entries laid out in two columns is an entry a paragraph, whatever its script.

aptitude's key-binding help puts a key, spaces and its description on each line; the
Simplified help ends every description with 。, the Traditional one (in Big5) does not, and
the same layout must give the same paragraphs.
"""

from __future__ import annotations

import re
from pathlib import Path

from diffkit import compare, segment
from diffkit.loading import load

DATA = Path(__file__).parent / "data"
KEY = re.compile(r'^  (?:"[^"]+"|Enter|Control-\w|Up 或 "k"|Down 或 "j"|上键 或 "k"|下键 或 "j"):')


def _entries(path: Path) -> list[list[str]]:
    """Each paragraph that holds a key line, as its lines."""
    doc = segment(load(path))
    out = []
    for p in doc.paragraphs:
        lines = p.text.split("\n")
        if any(KEY.match(" " * (p.span.start_column - 1) + line) for line in lines[:1]):
            out.append(lines)
    return out


def test_each_key_line_of_a_help_without_full_stops_is_a_paragraph() -> None:
    text = load(DATA / "aptitude-help-zh_TW.txt").text
    keys = [line for line in text.splitlines() if KEY.match(line)]
    entries = _entries(DATA / "aptitude-help-zh_TW.txt")
    assert len(keys) >= 30
    assert [e[0].strip() for e in entries] == [k.strip() for k in keys]
    # A description wrapped onto lines indented to its column stays with its key.
    wrapped = [e for e in entries if len(e) > 1]
    assert [e[0].split()[0] for e in wrapped] == ['"M":', '"/":']
    assert all(line.startswith(" " * 16) for e in wrapped for line in e[1:])


def test_the_same_layout_gives_the_same_entries_in_either_script() -> None:
    cn = {e[0].split(":")[0].strip(): len(e) for e in _entries(DATA / "aptitude-help-zh_CN.txt")}
    tw = {e[0].split(":")[0].strip(): len(e) for e in _entries(DATA / "aptitude-help-zh_TW.txt")}
    shared = set(cn) & set(tw)
    assert len(shared) >= 25
    assert all(tw[k] == 1 for k in shared if cn[k] == 1 and k not in ('"M"',))


def test_entries_of_the_two_helps_pair_one_to_one() -> None:
    report = compare(DATA / "aptitude-help-zh_CN.txt", DATA / "aptitude-help-zh_TW.txt")
    keys_b = [p.b_text.split(":")[0].strip() for p in report.pairs]
    assert keys_b.count('"q"') == 1 and keys_b.count('"?"') == 1
    assert len(report.unmatched_b) <= 5
    assert len(report.pairs) >= 45

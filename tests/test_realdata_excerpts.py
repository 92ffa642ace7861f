"""The real-data excerpts under tests/data load and are parallel, so tests can rely on them.

These check the data, not diffkit: that each pair of files holds counterparts in the same order
(the same msgids; the same number of blocks and the same section numbers), which is what makes
them ground truth for behaviour tests.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

DATA = Path(__file__).parent / "data"
LOCALES = ("zh_CN", "zh_TW")
GUIDE = ("maint-guide-zh-cn", "maint-guide-zh-tw")


def _han(text: str) -> int:
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff")


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


@pytest.fixture(scope="module")
def catalogs() -> dict[str, polib.POFile]:
    return {loc: polib.pofile(str(DATA / f"grep-{loc}.po-excerpt.txt")) for loc in LOCALES}


def test_catalog_excerpts_name_their_source(catalogs: dict[str, polib.POFile]) -> None:
    for locale, po in catalogs.items():
        assert "grep 3.8-5" in po.header
        assert "GPL-3.0-or-later" in po.header
        assert po.metadata["Language"] == locale


def test_catalog_excerpts_hold_the_same_messages_in_order(
    catalogs: dict[str, polib.POFile],
) -> None:
    cn, tw = catalogs["zh_CN"], catalogs["zh_TW"]
    assert 30 <= len(cn) <= 60
    assert [e.msgid for e in cn] == [e.msgid for e in tw]
    assert len({e.msgid for e in cn}) == len(cn)
    for a, b in zip(cn, tw, strict=True):
        assert a.msgstr.strip() and b.msgstr.strip()
        assert a.msgstr != a.msgid or _han(a.msgstr) == 0


def test_catalog_excerpts_are_in_their_script(catalogs: dict[str, polib.POFile]) -> None:
    cn = "".join(e.msgstr for e in catalogs["zh_CN"])
    tw = "".join(e.msgstr for e in catalogs["zh_TW"])
    # 个/個 and 为/為 tell the scripts apart in any run of Chinese of this size.
    assert "个" in cn and "個" not in cn
    assert "個" in tw and "个" not in tw


def test_guide_blocks_are_parallel() -> None:
    cn, tw = (
        _paragraphs((DATA / f"{g}-section-1.1.blocks.txt").read_text(encoding="utf-8"))
        for g in GUIDE
    )
    assert len(cn) == len(tw) >= 20
    assert cn[0].startswith("1.1. Debian") and tw[0].startswith("1.1. Debian")
    for a, b in zip(cn, tw, strict=True):
        # Counterparts name the same Latin words (roles, titles, program names).
        assert set(re.findall(r"[A-Za-z]{4,}", a)) == set(re.findall(r"[A-Za-z]{4,}", b))


def test_guide_plain_text_sections_are_parallel() -> None:
    cn, tw = ((DATA / f"{g}-section-1.1.txt").read_text(encoding="utf-8") for g in GUIDE)
    assert re.match(r"1\.1\.\u00a0Debian", cn) and re.match(r"1\.1\. Debian", tw)
    bullets = [re.findall(r"^ *([*+]) ", text, flags=re.MULTILINE) for text in (cn, tw)]
    assert bullets[0] == bullets[1] and len(bullets[0]) >= 15
    assert len(_paragraphs(cn)) == len(_paragraphs(tw))
    # Hard-wrapped and indented under the heading (zh_CN indents some lines with no-break
    # spaces mixed with spaces, as the file ships).
    for text in (cn, tw):
        lines = [line for line in text.splitlines()[1:] if line.strip()]
        assert all(line[:4].isspace() for line in lines)
        assert max(len(line) for line in lines) <= 80

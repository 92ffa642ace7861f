"""A clean copy keeps the layout of what it keeps: each remaining paragraph keeps its
indentation and its lines, and cleaning the copy again removes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import diffkit
from diffkit.clean import Removal, restore, write_clean

DATA = Path(__file__).parent / "data"

# The guide's "asking for help" list in zh_CN and zh_TW: the zh_TW items are the zh_CN ones
# once folded and go, the closing paragraph is worded apart and stays.
ASKING = ("maint-guide-zh-cn-asking.txt", "maint-guide-zh-tw-asking.txt")
REFERENCE = ("debian-reference-1.2.zh-cn.txt", "debian-reference-1.2.zh-tw.txt")


def _copies(tmp_path: Path, names: tuple[str, ...]) -> list[Path]:
    for name in names:
        shutil.copy(DATA / name, tmp_path / name)
    return [tmp_path / name for name in names]


def test_a_paragraph_after_a_removed_one_keeps_its_indentation(tmp_path: Path) -> None:
    files = _copies(tmp_path, ASKING)
    original = files[1].read_text(encoding="utf-8")
    cleaned = write_clean(diffkit.dedupe(files), in_place=True)
    assert cleaned.plan.removed > 0 and files[1] in cleaned
    text = files[1].read_text(encoding="utf-8")
    original_lines = set(original.splitlines())
    assert all(line in original_lines for line in text.splitlines())
    # The guide indents some first lines with no-break spaces.
    closing = (
        "\xa0\xa0\xa0 如果你付出了一定的努力並且提問得當，那麼有經驗的 Debian 開發者會\n"
        "    很樂意幫助你。\n"
    )
    assert closing in original and closing in text
    record = json.loads(Path(f"{files[1]}.removed.json").read_text(encoding="utf-8"))
    assert restore(text, [Removal(**r) for r in record["removed"]]) == original


@pytest.mark.parametrize("names", [ASKING, REFERENCE], ids=["guide", "reference"])
def test_cleaning_a_clean_copy_again_removes_nothing(
    tmp_path: Path, names: tuple[str, ...]
) -> None:
    files = _copies(tmp_path, names)
    first = write_clean(diffkit.dedupe(files), in_place=True)
    assert first.plan.removed > 0
    after = [f.read_bytes() for f in files]
    second = write_clean(diffkit.dedupe(files), in_place=True)
    assert len(second) == 0 and second.plan.removed == 0
    assert second.plan.kept_near == first.plan.kept_near
    assert [f.read_bytes() for f in files] == after

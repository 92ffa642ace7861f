"""Maps of a fold whose regional step inserts characters into text an earlier step shortened.

OpenCC's round trip can add a character that replaces nothing (执行文件 comes back as
可执行文件案): it maps to the empty run where it stands. At an end of a text the whitespace
step has shortened (a line break folded away), that run must still be read from the original
text's offsets.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from diffkit.folding import fold

DATA = Path(__file__).parent / "data"
EXCERPTS = ("bash-man-zh-cn-322-323.txt", "bash-man-zh-tw-322-323.txt")


@pytest.mark.parametrize("name", EXCERPTS)
def test_every_folded_character_maps_inside_the_original(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    second = text.index("\n") + 1
    # The whole sentence, and its second line after the break alone and after a space too.
    for piece, line in ((text, second), (text[second - 1 :], 1), (" " + text[second - 1 :], 2)):
        folded = fold(piece)
        starts, ends = folded.starts, folded.ends
        assert len(starts) == len(ends) == len(folded.text) > 0
        assert (starts >= 0).all() and (ends <= len(piece)).all()
        assert (starts <= ends).all() and (np.diff(starts) >= 0).all()
        # What the second line folds to maps onto the second line, to its last character.
        on_line = folded.folded_range(line, len(piece))[0]
        assert folded.text[on_line:].startswith("启动的时候")
        assert (starts[on_line:] >= line).all() and int(ends[-1]) == len(piece.rstrip("\n"))

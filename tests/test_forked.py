"""Work done in forked processes: OpenCC conversions and the fold of a large document.

Each case runs in a fresh interpreter, as the CLI does, so that no earlier test has made
OpenCC's thread pool first; a timeout turns a worker waiting for ever into a failure.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import NEWS_2023_TRAD, SEEDS

_CONVERT = """
import multiprocessing, sys
from diffkit.converters import converter
from diffkit.executor import opencc_fork_safe as fork_safe
from diffkit.folding import fold

text = open(sys.argv[1], encoding="utf-8").read() * 40
whole = fold(text).text  # a whole document through hk2s, in this process
assert fork_safe()

def convert(part):
    return converter("hk2s").convert(part)

with multiprocessing.get_context("fork").Pool(2) as pool:
    parts = pool.map_async(convert, [text[: len(text) // 2], text[len(text) // 2 :]])
    assert "".join(parts.get(timeout=60)) == converter("hk2s").convert(text)
print(len(text))
"""

_FOLD = """
import sys
import numpy as np
import diffkit.folding
from diffkit.executor import opencc_fork_safe as fork_safe
from diffkit.loading import from_text
from diffkit.segmentation import segment

forked = []
run_parts = diffkit.folding._run_parts
def counted(*args):
    forked.append(len(args[0]))
    return run_parts(*args)
diffkit.folding._run_parts = counted

seeds = [open(p, encoding="utf-8").read() for p in sys.argv[1:]]
text = "\\n\\n".join(seeds * (4_200_000 // sum(map(len, seeds)) + 1))
doc = from_text(text)
for profile in ("default", "layout"):
    alone, shared = segment(doc, profile=profile), segment(doc, profile=profile, processes=2)
    assert shared.folded.text == alone.folded.text
    assert np.array_equal(shared.folded.starts, alone.folded.starts)
    assert np.array_equal(shared.folded.ends, alone.folded.ends)
    assert [p.folded for p in shared.paragraphs] == [p.folded for p in alone.paragraphs]
# The fold of each profile went to parts: all the text from the first paragraph to the last.
whole = alone.paragraphs[-1].span.end - alone.paragraphs[0].span.start
assert fork_safe() and forked == [whole] * 2, (forked, whole)
print(len(text), len(alone.paragraphs))
"""


def _run(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_forked_workers_convert_whole_documents() -> None:
    # Were OpenCC's thread pool made with more than one thread, the workers would wait on it.
    assert int(_run(_CONVERT, str(NEWS_2023_TRAD))) > 100_000


def test_a_large_document_folds_in_parts_as_it_folds_whole() -> None:
    chars, paragraphs = map(int, _run(_FOLD, *map(str, SEEDS)).split())
    assert chars > 4_000_000
    assert paragraphs > 10_000

"""OpenCC in forked workers: diffkit's converters convert on the calling thread."""

from __future__ import annotations

import subprocess
import sys

from .conftest import NEWS_2023_TRAD

_CHILD = """
import multiprocessing, sys
from diffkit.converters import converter, fork_safe
from diffkit.normalize import fold

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


def test_forked_workers_convert_whole_documents() -> None:
    # Were OpenCC's thread pool made with more than one thread, the workers would wait on it
    # for ever: the timeout turns that into a failure.
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(NEWS_2023_TRAD)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 100_000

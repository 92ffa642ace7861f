"""How diffkit cuts real message catalogs and mixed layouts into paragraphs.

    python bench/realdata_layout.py [PROGRAM ...]

For each program's gettext catalogs (the benchmark's, and coreutils, dpkg and apt held out),
written one message a paragraph as bench/realdata.py writes them: how many messages share a
paragraph with another (zh_CN in the catalog's order, zh_TW shuffled with the benchmark's
seed), and how many paragraph starts a Taiwan-phrased copy of the same lines (OpenCC s2twp)
has on one side only. Then a file of mixed layouts made of the New Maintainers' Guide's
paragraphs (runs of 3 to 8 a line each, then as many wrapped to 72 cells with a blank line
after every line, as PDF extraction leaves them; a fifth repeated later in the other layout):
how many paragraphs are cut exactly, and how many repeats ``diffkit.dedupe`` puts in one
cluster with their first occurrence.
"""

from __future__ import annotations

import random
import re
import sys
from bisect import bisect_right

from opencc_pyo3 import OpenCC
from realdata_fetch import CATALOG_PROGRAMS
from realdata_sources import SHUFFLE_SEED, Side, _maint_guide, catalog_items, catalog_path, write
from rich.cells import cell_len

import diffkit
from diffkit.loading import from_text
from diffkit.segmentation import paragraph_line_spans

HELD_OUT = ("coreutils", "dpkg", "apt")


def _line_starts(text: str) -> list[int]:
    return [0] + [n + 1 for n, c in enumerate(text) if c == "\n"]


def glued(side: Side) -> int:
    """Messages whose lines share a paragraph with another message's."""
    starts = _line_starts(side.text)
    firsts = [first for first, _ in paragraph_line_spans(from_text(side.text))]
    owners: dict[int, int] = {}
    spans = []
    for block in side.blocks:
        lo = bisect_right(firsts, bisect_right(starts, block.start)) - 1
        hi = bisect_right(firsts, bisect_right(starts, block.end - 1)) - 1
        spans.append((lo, hi))
        for p in range(lo, hi + 1):
            owners[p] = owners.get(p, 0) + 1
    return sum(any(owners[p] > 1 for p in range(lo, hi + 1)) for lo, hi in spans)


def cut_differently(text: str) -> int:
    """Paragraph starts found in ``text`` or its s2twp copy only."""
    copy = OpenCC("s2twp").convert(text)
    a = {first for first, _ in paragraph_line_spans(from_text(text))}
    b = {first for first, _ in paragraph_line_spans(from_text(copy))}
    return len(a ^ b)


def catalogs(programs: list[str]) -> None:
    print("program  messages  glued zh_CN / zh_TW shuffled  s2twp starts on one side only")
    for program in programs:
        cn = catalog_items(catalog_path(program, "zh_CN"))
        tw = catalog_items(catalog_path(program, "zh_TW"))
        random.Random(SHUFFLE_SEED).shuffle(tw)
        side = write("zh_CN", cn)
        print(
            f"{program:9}{len(cn):8}  {glued(side):6} / {glued(write('zh_TW', tw)):<6}"
            f"{'':20}{cut_differently(side.text)}"
        )


def _wrapped(text: str, width: int = 72) -> list[str]:
    lines = [""]
    for c in text:
        if cell_len(lines[-1] + c) > width:
            lines.append("")
        lines[-1] += c
    return lines


def mixed_layouts(count: int = 600) -> None:
    blocks = [t for _, t in _maint_guide("maint-guide-zh-cn", "zh-cn") if len(t) >= 40]
    blocks = [t for t in blocks if "\n" not in t][:count]
    rng = random.Random(5)
    repeated = set(rng.sample(range(len(blocks)), len(blocks) // 5))
    order: list[tuple[str, bool]] = []
    wrapped, k = False, 0
    while k < len(blocks):
        run = blocks[k : k + rng.randint(3, 8)]
        order += [(t, wrapped) for t in run]
        k, wrapped = k + len(run), not wrapped
    order += [(order[n][0], not order[n][1]) for n in sorted(repeated)]
    spans, parts, line = [], [], 1
    for t, w in order:
        lines = _wrapped(t) if w else [t]
        parts.append("\n\n".join(lines))
        spans.append((line, line + 2 * len(lines) - 2))
        line += 2 * len(lines)
    text = "\n\n".join(parts) + "\n"
    exact = len(set(spans) & set(paragraph_line_spans(from_text(text))))
    squash = re.compile(r"\s+")
    members = [
        [squash.sub("", m.text) for m in cluster.members]
        for cluster in diffkit.dedupe([diffkit.Text(text)]).clusters
    ]
    found = 0
    for n in sorted(repeated):
        key = squash.sub("", order[n][0])
        found += any(sum(key in m for m in ms) >= 2 for ms in members)
    print(
        f"mixed layouts: {len(order)} paragraphs, {exact} cut exactly; "
        f"{found} of {len(repeated)} repeats in one cluster with their first occurrence"
    )


if __name__ == "__main__":
    catalogs(sys.argv[1:] or [*CATALOG_PROGRAMS, *HELD_OUT])
    mixed_layouts()

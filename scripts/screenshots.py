"""Save SVG screenshots of `diffkit tui`'s main screens for the README.

Runs the app headless at 120x40 on the samples, waits for the analysis, presses a few keys
so each screen shows something worth seeing, and writes:

    comparison.svg   the 2023 news (Traditional) against the speech (Simplified)
    duplicates.svg   the repeated passages of the 2023 speech
    document.svg     the news with every aligned passage marked

    python scripts/screenshots.py                 # into docs/screenshots/
    python scripts/screenshots.py --out /tmp/shots

Every viewer must show the columns as the terminal does: the SVG keeps its runs of spaces
(``xml:space="preserve"``; some renderers, rsvg among them, collapse them otherwise) and
names monospace fonts with Han glyphs after Fira Code, which has none.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Sequence
from pathlib import Path

from diffkit_tui.app import DiffkitApp

ROOT = Path(__file__).resolve().parent.parent
FONTS = (
    '"Fira Code", "Noto Sans Mono CJK SC", "Sarasa Mono SC", "Source Han Mono SC", '
    '"Microsoft YaHei Mono", "PingFang SC", monospace'
)
"""The font stack of the text: Fira Code for Latin, then monospace fonts with Han glyphs."""
NEWS = Path("samples/2023-closing-speech-news-traditional.txt")
SPEECH = Path("samples/2023-closing-speech-simplified.txt")
SHOTS: tuple[tuple[str, tuple[Path, ...], tuple[str, ...]], ...] = (
    ("comparison.svg", (NEWS, SPEECH), ("j", "j", "n", "n")),
    ("duplicates.svg", (SPEECH,), ("j", "j", "j")),
    ("document.svg", (NEWS, SPEECH), ("j", "j", "d")),
)


async def shoot(name: str, paths: Sequence[Path], keys: Sequence[str], out: Path) -> Path:
    app = DiffkitApp(list(paths))
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        written = Path(app.save_screenshot(name, str(out)))
    written.write_text(portable(written.read_text(encoding="utf-8")), encoding="utf-8")
    return written


def portable(svg: str) -> str:
    """``svg`` with its spaces kept and a font stack that holds Han characters."""
    svg = svg.replace("<svg ", '<svg xml:space="preserve" ', 1)
    return svg.replace("font-family: Fira Code, monospace;", f"font-family: {FONTS};")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # Relative paths, as a user types them, so the screenshots name no local folder.
    os.chdir(ROOT)
    for name, paths, keys in SHOTS:
        print(asyncio.run(shoot(name, paths, keys, out)))


if __name__ == "__main__":
    main()

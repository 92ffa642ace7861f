"""Save SVG screenshots of `diffkit tui`'s main screens for the README, each with a PNG.

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

Beside each SVG a PNG (NAME.png), for viewers that show no SVG or lack the fonts: drawn by
CairoSVG (``pip install cairosvg``: it needs only the Cairo library, which most systems have)
or, without it, by ``rsvg-convert`` (Debian's librsvg2-bin); with neither, the PNG is left
out and the script says so.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from diffkit_tui.app import DiffkitApp

ROOT = Path(__file__).resolve().parent.parent
HAN_FONTS = (
    "Noto Sans Mono CJK SC",
    "Sarasa Mono SC",
    "Source Han Mono SC",
    "WenQuanYi Micro Hei Mono",
    "Microsoft YaHei Mono",
    "PingFang SC",
)
"""Monospace fonts with Han glyphs, in the order a viewer should try them."""
FONTS = '"Fira Code", ' + ", ".join(f'"{f}"' for f in HAN_FONTS) + ", monospace"
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


def to_png(svg: Path) -> Path | None:
    """Draw ``svg`` as a PNG beside it; None when no converter is installed."""
    png = svg.with_suffix(".png")
    try:
        import cairosvg  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        converter = shutil.which("rsvg-convert")
        if converter is None:
            return None
        subprocess.run([converter, "--output", str(png), str(svg)], check=True)
        return png
    # CairoSVG draws with the first family of a stack only: name one this system has.
    text = svg.read_text(encoding="utf-8")
    font = next((f for f in HAN_FONTS if f in _families()), None)
    if font is not None:
        text = text.replace(f"font-family: {FONTS};", f'font-family: "{font}", monospace;')
        text = _with_fallbacks(text, font)
    cairosvg.svg2png(bytestring=text.encode("utf-8"), write_to=str(png))
    return png


def _with_fallbacks(svg: str, font: str) -> str:
    """``svg`` with each character ``font`` lacks (⏎, which the Han fonts miss) drawn in a
    font that has it: CairoSVG falls back to no other font and would draw an empty box."""
    fallbacks: dict[str, str] = {}
    for ch in sorted({c for c in svg if ord(c) > 0x7F}):
        if _families(f"{font}:charset={ord(ch):x}"):
            continue
        having = sorted(_families(f":spacing=mono:charset={ord(ch):x}"))
        if having:
            fallbacks[ch] = having[0]
    for ch, family in fallbacks.items():
        svg = svg.replace(ch, f'<tspan style="font-family: &quot;{family}&quot;">{ch}</tspan>')
    return svg


def _families(pattern: str = ":") -> set[str]:
    """The font families fontconfig knows here that match ``pattern`` (none without
    fc-list)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return set()
    listed = subprocess.run([fc_list, pattern, "family"], capture_output=True, text=True).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    # Relative paths, as a user types them, so the screenshots name no local folder.
    os.chdir(ROOT)
    for name, paths, keys in SHOTS:
        svg = asyncio.run(shoot(name, paths, keys, out))
        png = to_png(svg)
        print(svg, png or "(no PNG: pip install cairosvg, or install rsvg-convert)")


if __name__ == "__main__":
    main()

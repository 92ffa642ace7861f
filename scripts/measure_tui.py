"""How fast `diffkit tui` answers on large inputs: first paint, analysis, key latency.

Builds two ~1 MB documents from the samples (Traditional and Simplified texts, repeated),
runs the app headless at 120x40 and prints:
- first paint: from creating the app to the first frame on screen (the progress bar);
- result: until the analysis is done and its first pair is on screen;
- key latency per key: from the key press to the end of the first frame painted after it,
  and to the end of the last one before the app is idle again (a key may take several
  frames, e.g. opening the document view). Textual paints at most 60 frames a second, so
  this includes up to ~17 ms of waiting for the next frame.

    python scripts/measure_tui.py                    # comparison of two ~1 MB documents
    python scripts/measure_tui.py --size 3500000     # ~3.5 MB each: about 4,000 pairs
    python scripts/measure_tui.py --small            # the 2023 sample pair
    python scripts/measure_tui.py --small --rounds 5 # the keys five times over: medians per key
    python scripts/measure_tui.py --search 的         # list and diff keys with a search active

The machine's load moves single presses twofold: compare versions by the per-key medians of
several rounds, run by turns.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from diffkit_tui.app import DiffkitApp
from diffkit_tui.screens.compare import CompareScreen
from textual.screen import Screen

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
KEYS = (
    *("j", "j", "k", "n", "n", "N", "v", "v", "s", "s", "c", "c", "f", "f"),
    *("m", "m", "m", "m", "o", "o", "o", "slash", "1", "2", "enter", "slash", "ctrl+u", "enter"),
    *("C", "n", "n", "C", "t", "t", "u", "u", "z", "z", "left_square_bracket"),
    *("right_square_bracket", "o", "o", "o", "o"),
    *("d", "pagedown", "pagedown", "pageup", "j", "j", "enter", "tab", "pagedown", "tab"),
    "escape",
)
"""Keys pressed in turn: list and diff keys, a search, then the document view (paging,
counterparts, both documents) and back."""
SEARCH_KEYS = (
    *("j", "j", "k", "n", "n", "N", "v", "v", "s", "s", "c", "c", "t", "t", "z", "z"),
    *("left_square_bracket", "right_square_bracket", "f", "f"),
)
"""Keys pressed with a search active (``--search``): each lays the diff out again."""


def build_documents(folder: Path, target: int = 1_000_000) -> tuple[Path, Path]:
    """Two documents of about ``target`` bytes each, related the way real copies are."""
    trad = (SAMPLES / "2023-closing-speech-news-traditional.txt").read_text(encoding="utf-8")
    simp = (SAMPLES / "2023-closing-speech-simplified.txt").read_text(encoding="utf-8")
    others = [
        (SAMPLES / name).read_text(encoding="utf-8")
        for name in (
            "2021-standing-committee-report.txt",
            "2016-standing-committee-report-pdf.txt",
            "2020-closing-speech-and-resolutions-wrapped.txt",
        )
    ]
    a_text = b_text = ""
    n = 0
    while len(a_text.encode()) < target:
        a_text += f"第{n}部分\n\n" + trad + others[n % 3]
        n += 1
    n = 0
    while len(b_text.encode()) < target:
        b_text += f"第{n}部分\n\n" + simp + others[(n + 1) % 3].replace("。", "；", 5)
        n += 1
    a, b = folder / "big-a.txt", folder / "big-b.txt"
    a.write_text(a_text, encoding="utf-8")
    b.write_text(b_text, encoding="utf-8")
    return a, b


class Frames:
    """Times at which frames finished painting."""

    def __init__(self) -> None:
        self.times: list[float] = []
        for name in ("_compositor_refresh", "_refresh_layout"):
            original: Callable[..., Any] = getattr(Screen, name)
            setattr(Screen, name, self._wrap(original))

    def _wrap(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def painted(screen: Screen[Any], *args: Any, **kwargs: Any) -> Any:
            result = original(screen, *args, **kwargs)
            self.times.append(time.perf_counter())
            return result

        return painted

    def after(self, start: float) -> float | None:
        """Until the first frame painted after ``start``."""
        later = [t for t in self.times if t >= start]
        return min(later) - start if later else None

    def settled(self, start: float) -> float | None:
        """Until the last frame painted after ``start`` (the app is idle again now)."""
        later = [t for t in self.times if t >= start]
        return max(later) - start if later else None


async def measure(
    a: Path, b: Path, rounds: int = 1, keys: tuple[str, ...] = KEYS, search: str = ""
) -> None:
    frames = Frames()
    start = time.perf_counter()
    app = DiffkitApp([a, b])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = frames.after(start)
        await app.workers.wait_for_complete()
        await pilot.pause()
        done = time.perf_counter() - start
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.result is not None
        pairs = len(screen.result.report.pairs)
        print(f"inputs: {a.stat().st_size:,} and {b.stat().st_size:,} bytes; {pairs} pairs")
        print(f"first paint: {first * 1000:.0f} ms" if first else "first paint: not seen")
        print(f"result on screen: {done:.2f} s")
        if search:
            await pilot.press("slash", *search, "enter")
            await pilot.pause()
            print(f"search active: “{screen.state.query}”")
        latencies: dict[str, list[tuple[float, float]]] = {}
        for key in keys * rounds:
            await pilot.pause(0.05)
            t0 = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            first_frame, last_frame = frames.after(t0), frames.settled(t0)
            if first_frame is not None and last_frame is not None:
                latencies.setdefault(key, []).append((first_frame * 1000, last_frame * 1000))
        for key, values in latencies.items():
            if rounds == 1:
                shown = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in values)
                print(f"  key {key:7} first/last frame: {shown} ms")
            else:
                first_median = statistics.median(a for a, _ in values)
                last_median = statistics.median(b for _, b in values)
                print(
                    f"  key {key:7} median of {len(values)}: first frame {first_median:.0f} ms,"
                    f" settled {last_median:.0f} ms"
                )
        firsts = [a for values in latencies.values() for a, _ in values]
        lasts = [b for values in latencies.values() for _, b in values]
        print(
            f"key latency over {len(firsts)} presses: first frame median "
            f"{statistics.median(firsts):.0f} ms, max {max(firsts):.0f} ms; "
            f"settled median {statistics.median(lasts):.0f} ms, max {max(lasts):.0f} ms"
        )
        if rounds > 1:
            worst_first = max(statistics.median(a for a, _ in v) for v in latencies.values())
            worst_last = max(statistics.median(b for _, b in v) for v in latencies.values())
            print(
                f"slowest key by its median: first frame {worst_first:.0f} ms, "
                f"settled {worst_last:.0f} ms"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="measure on the 2023 sample pair")
    parser.add_argument(
        "--size",
        type=int,
        default=1_000_000,
        help="bytes of each built document (1 MB: ~1,500 pairs)",
    )
    parser.add_argument("--rounds", type=int, default=1, help="press the keys this many times")
    parser.add_argument(
        "--keys", help="comma-separated keys to press instead (Textual's names: tab, escape)"
    )
    parser.add_argument(
        "--search", default="", help="type this search first and keep it (list and diff keys)"
    )
    args = parser.parse_args()
    keys = tuple(args.keys.split(",")) if args.keys else SEARCH_KEYS if args.search else KEYS
    if args.small:
        asyncio.run(
            measure(
                SAMPLES / "2023-closing-speech-news-traditional.txt",
                SAMPLES / "2023-closing-speech-simplified.txt",
                args.rounds,
                keys,
                args.search,
            )
        )
        return
    with tempfile.TemporaryDirectory() as folder:
        documents = build_documents(Path(folder), args.size)
        asyncio.run(measure(*documents, args.rounds, keys, args.search))


if __name__ == "__main__":
    main()

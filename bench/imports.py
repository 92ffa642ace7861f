"""Start-up cost: how long `import diffkit` takes in a fresh interpreter, and what it pulls in.

Every CLI call and every script pays this before doing anything. The TUI's framework
(textual) is heavy and must load only for `diffkit tui`, so its absence is checked here too.
"""

from __future__ import annotations

import re
from typing import Any

from table import Outcome, Row, goal_status
from timing import OUT_DIR, ChildRun, Sample, run_child

__all__ = ["run"]

RUNS = 10
TIMEOUT = 60.0
GOAL_S = 0.3
_TOP_IMPORTS = 8
_PROBE = (
    "import sys, diffkit; "
    "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')))"
)
_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|\s*(\S+)")


def _python(code: str, *flags: str) -> ChildRun:
    # Run outside the repository so the import resolves as an installed user's would.
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    run = run_child([*flags, "-c", code], timeout=TIMEOUT, cwd=OUT_DIR, python=True)
    if run.returncode != 0:
        raise RuntimeError(f"python -c {code!r} failed: {run.stderr.strip()[-500:]}")
    return run


def _sample(code: str) -> tuple[Sample, float]:
    runs = [_python(code) for _ in range(RUNS)]
    return Sample(tuple(r.wall for r in runs)), max(r.max_rss_mb for r in runs)


def _import_times(code: str) -> dict[str, float]:
    """Cumulative milliseconds per top-level package under python -X importtime, each package
    at its outermost import (which includes its submodules)."""
    best: dict[str, float] = {}
    for match in _IMPORTTIME.finditer(_python(code, "-X", "importtime").stderr):
        package = match.group(3).split(".")[0]
        best[package] = max(best.get(package, 0.0), int(match.group(2)) / 1000)
    return best


def _slowest_imports() -> list[dict[str, Any]]:
    """The packages `import diffkit` itself loads, slowest first; interpreter start-up's own
    imports (site, encodings, .pth hooks) are left out."""
    startup = _import_times("pass")
    loaded = _import_times("import diffkit")
    ranked = sorted(
        ((name, ms) for name, ms in loaded.items() if name not in startup and name != "diffkit"),
        key=lambda item: -item[1],
    )
    return [{"package": name, "cumulative_ms": ms} for name, ms in ranked[:_TOP_IMPORTS]]


def run() -> Outcome:
    # ``import json``: a start-up with a small standard-library import, so that a slow
    # machine shows as a slow baseline, not as diffkit's regression.
    bare, _ = _sample("import json")
    diffkit_import, rss = _sample("import diffkit")
    textual = _python(_PROBE).stdout.strip()
    slowest = _slowest_imports()
    median = diffkit_import.median
    rows = [
        Row(
            "import",
            'python -c "import diffkit" (fresh process)',
            f"{median:.3f} s",
            str(diffkit_import.runs),
            baseline=f'python -c "import json" {bare.median:.3f} s',
            ratio=f"{median / bare.median:.1f}x",
            goal=f"< {GOAL_S:g} s",
            status=goal_status(median < GOAL_S),
        ),
        Row(
            "import",
            "textual imported by `import diffkit`",
            "yes" if textual else "no",
            "1",
            goal="no",
            status=goal_status(not textual),
        ),
    ]
    heaviest = ", ".join(f"{e['package']} {e['cumulative_ms']:.0f} ms" for e in slowest[:5])
    notes = [
        f"peak RSS of the importing process {rss:.0f} MB (ru_maxrss of the child); "
        f"slowest imports (python -X importtime, cumulative): {heaviest}."
    ]
    raw: dict[str, Any] = {
        "seconds": list(diffkit_import.values),
        "bare_python_seconds": list(bare.values),
        "max_rss_mb": rss,
        "textual_modules": textual.split(",") if textual else [],
        "slowest_imports": slowest,
        "goal_met": median < GOAL_S and not textual,
    }
    return Outcome("import", rows, notes, raw)

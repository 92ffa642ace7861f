"""How right `compare` is on real zh_CN / zh_TW localizations, against their source structure.

    python bench/realdata.py [--source NAME ...] [--limit N] [--by-case] [--json OUT]
    python bench/realdata.py --source heldout      # catalogs kept out of development

Fetches Debian's packages the first time (bench/realdata_fetch.py; cached outside git), writes
each source's two sides as plain text with the truth of which block pairs with which
(bench/realdata_sources.py), runs ``diffkit.compare`` with default options and scores the
report (bench/realdata_score.py, whose docstring defines every figure). Prints one table of
precision, recall and time per source, one of the edits by category, and the goals the figures
are held to. See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from realdata_fetch import cache_dir
from realdata_heldout import heldout
from realdata_score import LENIENT, LONG, SHORT, SIMILAR, Score, score
from realdata_sources import SOURCES, Case
from rich import box
from rich.console import Console
from rich.table import Table
from table import Outcome, Row, goal_status

import diffkit

__all__ = ["BUILDERS", "evaluate", "main", "run"]

BUILDERS = {**SOURCES, "heldout": heldout}
"""Every source by name: the development ones, then the held-out catalogs, which are built and
scored as the development catalogs are but only read, never tuned on, and run only when named."""

GOAL_PRECISION = 0.995
GOAL_RECALL_LONG = 0.98
GOAL_RECALL_SHORT = 0.95
GOAL_CATALOG_RECALL = 0.90
GOAL_CATALOG_PRECISION = 0.97
GOAL_OPENCC_SHARE = 0.01


def _ratio(n: int, d: int) -> float | None:
    return n / d if d else None


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def figures(s: Score) -> dict[str, float | None]:
    content = s.edits.get("content", 0)
    return {
        "precision": _ratio(s.pairs_right, s.pairs),
        "recall_long": _ratio(s.long_found, s.long_total),
        "recall_short": _ratio(s.short_found, s.short_total),
        "similar_recall": _ratio(s.similar_found, s.similar_total),
        "similar_precision": _ratio(s.similar_pairs_right, s.similar_pairs),
        "content_at_boundary": _ratio(s.content_at_boundary, content),
        "content_opencc": _ratio(s.content_opencc, content),
        "one_segment": _ratio(s.blocks_one_segment, s.segmented_blocks),
    }


def evaluate(
    sources: Sequence[str], limit: int | None, *, log: Any = None
) -> dict[str, tuple[Score, list[tuple[Case, Score]]]]:
    """Each source's summed score and its cases' own scores."""
    out: dict[str, tuple[Score, list[tuple[Case, Score]]]] = {}
    for source in sources:
        if log:
            log(f"{source}: building")
        total, cases = Score(), []
        for case in BUILDERS[source](limit):
            if log:
                log(f"{source}: comparing {case.name}")
            start = time.perf_counter()
            report = diffkit.compare(case.a.text, case.b.text)
            seconds = time.perf_counter() - start
            one = score(case, report, seconds)
            cases.append((case, one))
            total.add(one)
        out[source] = (total, cases)
    return out


def _main_table(rows: list[tuple[str, Score]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="compare on real data")
    columns = (
        "source",
        "cases",
        "true pairs",
        "pairs",
        "precision",
        f"recall >={LONG}",
        f"recall >={SHORT}",
        "similar recall",
        "similar prec.",
        "unmatched A/B",
        "overlaps",
        "1 block = 1 seg",
        "split/merged",
        "content",
        "at boundary",
        "OpenCC",
        "compare s",
    )
    for n, column in enumerate(columns):
        table.add_column(column, justify="left" if n == 0 else "right", no_wrap=n == 0)
    for name, s in rows:
        f = figures(s)
        table.add_row(
            name,
            str(s.cases),
            str(s.true_pairs),
            f"{s.pairs}+{s.unjudged}" if s.unjudged else str(s.pairs),
            _fmt(f["precision"]),
            f"{_fmt(f['recall_long'])} ({s.long_total})",
            f"{_fmt(f['recall_short'])} ({s.short_total})",
            f"{_fmt(f['similar_recall'])} ({s.similar_total})",
            _fmt(f["similar_precision"]),
            f"{s.unmatched_a}/{s.unmatched_b}",
            str(s.overlaps),
            _fmt(f["one_segment"]),
            f"{s.blocks_split}/{s.blocks_merged}",
            str(s.edits.get("content", 0)),
            _fmt(f["content_at_boundary"], 2),
            _fmt(f["content_opencc"], 3),
            f"{s.seconds:.1f}",
        )
    return table


def _edit_table(rows: list[tuple[str, Score]]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="edits by category")
    table.add_column("source", no_wrap=True)
    for category in diffkit.CATEGORIES:
        table.add_column(category, justify="right")
    for name, s in rows:
        table.add_row(name, *(str(s.edits.get(c, 0)) for c in diffkit.CATEGORIES))
    return table


GOALS = (
    f"goals: precision >= {GOAL_PRECISION}; recall >= {GOAL_RECALL_LONG} of translated "
    f"paragraphs of >= {LONG} characters and >= {GOAL_RECALL_SHORT} of >= {SHORT}; catalogs "
    f"(one side shuffled): similar recall >= {GOAL_CATALOG_RECALL} and precision >= "
    f"{GOAL_CATALOG_PRECISION}; content edits explained by OpenCC <= {GOAL_OPENCC_SHARE:.0%}; "
    "synthetic: 0 content edits, every paragraph paired and cut alike on both sides, exit 0 "
    "under --ignore script,regional,punctuation,whitespace. 'similar' = OpenCC tw2sp of the zh_TW side, NFKC, casefold, "
    f"letters and digits only, rapidfuzz ratio >= {SIMILAR} (bench/realdata_score.py)."
)


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=Path(__file__).resolve().parent,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def to_json(results: dict[str, tuple[Score, list[tuple[Case, Score]]]], limit: int | None) -> Any:
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "diffkit": diffkit.__version__,
        "limit": limit,
        "data": str(cache_dir()),
        "sources": {
            name: {
                **total.to_dict(),
                "figures": figures(total),
                "cases": {c.name: {**s.to_dict(), "figures": figures(s)} for c, s in cases},
            }
            for name, (total, cases) in results.items()
        },
    }


def run(limit: int | None = None) -> Outcome:
    """The suite's rows: each source's figures beside the goals they are held to, the
    held-out catalogs among them (reported, never tuned on)."""
    results = evaluate(list(BUILDERS), limit)
    outcome = Outcome("realdata")
    for name, (s, _) in results.items():
        f = figures(s)
        checks: list[tuple[str, float | None, str, bool]] = []
        if name == "synthetic":
            content = s.edits.get("content", 0)
            checks.append(("content edits", content, "0", content == 0))
            checks.append(("recall", f["recall_short"], ">= 1.0", f["recall_short"] == 1.0))
            cut = s.layout_cut_differently
            checks.append(("paragraphs cut differently", cut, "0", cut == 0))
            exits = s.lenient_failures
            checks.append(("exit 1 under --ignore " + ",".join(LENIENT), exits, "0", exits == 0))
        else:
            p, rl, rs = f["precision"], f["recall_long"], f["recall_short"]
            checks.append(("precision", p, f">= {GOAL_PRECISION}", (p or 0) >= GOAL_PRECISION))
            checks.append(
                (f"recall >={LONG}", rl, f">= {GOAL_RECALL_LONG}", (rl or 0) >= GOAL_RECALL_LONG)
            )
            checks.append(
                (f"recall >={SHORT}", rs, f">= {GOAL_RECALL_SHORT}", (rs or 0) >= GOAL_RECALL_SHORT)
            )
            if name in ("catalogs", "heldout"):
                sr, sp = f["similar_recall"], f["similar_precision"]
                checks.append(
                    ("similar recall", sr, f">= {GOAL_CATALOG_RECALL}", (sr or 0) >= 0.90)
                )
                checks.append(
                    ("similar precision", sp, f">= {GOAL_CATALOG_PRECISION}", (sp or 0) >= 0.97)
                )
            share = f["content_opencc"]
            checks.append(
                (
                    "content = OpenCC",
                    share,
                    f"<= {GOAL_OPENCC_SHARE}",
                    (share or 0) <= GOAL_OPENCC_SHARE,
                )
            )
        for figure, value, goal, met in checks:
            shown = str(value) if isinstance(value, int) else _fmt(value)
            outcome.rows.append(
                Row("realdata", f"{name}: {figure}", shown, "1", goal=goal, status=goal_status(met))
            )
        outcome.rows.append(Row("realdata", f"{name}: compare time", f"{s.seconds:.1f} s", "1"))
        edits = ", ".join(f"{c} {n}" for c, n in sorted(s.edits.items()))
        outcome.notes.append(f"{name}: edits {edits}")
    outcome.raw = to_json(results, limit)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--source",
        action="append",
        choices=list(BUILDERS),
        help="one source (repeat for several); every development source by default",
    )
    parser.add_argument(
        "--limit", type=int, default=None, help="at most N paragraphs of A per document"
    )
    parser.add_argument("--by-case", action="store_true", help="also a row per document pair")
    parser.add_argument("--json", type=Path, help="write every figure and example here")
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 260)
    err = Console(stderr=True)
    started = time.perf_counter()
    results = evaluate(args.source or list(SOURCES), args.limit, log=err.log)
    rows: list[tuple[str, Score]] = []
    for name, (total, cases) in results.items():
        rows.append((name, total))
        if args.by_case:
            rows += [(f"  {case.name}", s) for case, s in cases]
    console.print(_main_table(rows))
    console.print(_edit_table(rows))
    for name, s in rows:
        shown = s.layout_cut_differently or s.lenient_failures or not name.startswith(" ")
        if s.layout_paragraphs and shown:
            console.print(
                f"{name.strip()}: {s.layout_cut_differently} of {s.layout_paragraphs} paragraph "
                "starts found on one side only (same lines on both sides); under --ignore "
                f"{','.join(LENIENT)}: {s.lenient_differences} differences, "
                f"{s.lenient_failures} of {s.cases} documents exit 1",
                highlight=False,
            )
    console.print(GOALS, highlight=False)
    console.print(
        f"diffkit {diffkit.__version__} at {_commit()}; data in {cache_dir()}; "
        f"limit {args.limit}; total {time.perf_counter() - started:.0f} s",
        highlight=False,
    )
    if args.json:
        args.json.write_text(
            json.dumps(to_json(results, args.limit), indent=2, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`diffkit dedupe` of this tree against another commit's, by turns, with datasketch between.

    python bench/dedupe_turns.py --baseline-ref main [--paragraphs 100000] [--rounds 3]

On a shared machine a figure can move twofold from one minute to the next, so a change is
judged here as the suite judges none: each round runs the datasketch pipeline of
bench/baseline.py, then the default command (every repeat's edits in the JSON) and
``--no-diff``, each from this tree and from the other commit (its package unpacked with
``git archive``, run on this tree's dependencies), in an order that alternates round by round.
It prints the median wall and CPU time of each, each one's speed-up over datasketch and the
tree's time over the other commit's (a median of the rounds' ratios), and whether the two
commits' reports are the same byte for byte.
"""

from __future__ import annotations

import filecmp
import os
import statistics
import sys
import time
from pathlib import Path

from baseline import baseline_dedupe
from timing import OUT_DIR, ChildRun, run_child
from turns import turns

MODES = {"default": (), "--no-diff": ("--no-diff",)}
TIMEOUT_S = 600.0


def _dedupe(path: Path, tree: Path | None, mode: str, report: Path) -> ChildRun:
    """One run of the CLI as bench/dedupe.py times it; ``tree`` is another commit's package."""
    argv = ["-m", "diffkit", "dedupe", str(path), "--format", "json", "--report", str(report)]
    argv += ["--threshold", "0.8", "--quiet", *MODES[mode]]
    saved = os.environ.get("PYTHONPATH")
    if tree is not None:
        os.environ["PYTHONPATH"] = str(tree)
    try:
        run = run_child(argv, timeout=TIMEOUT_S, cwd=OUT_DIR, python=True)
    finally:
        if tree is not None:
            if saved is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = saved
    if run.returncode not in (0, 1):
        sys.exit(f"dedupe failed ({mode}, {'baseline' if tree else 'tree'}): {run.stderr[-500:]}")
    return run


def main(argv: list[str] | None = None) -> int:
    args = turns(__doc__, 3, argv)
    tree, commit, corpus, path = args.tree, args.commit, args.corpus, args.path
    base_wall: list[float] = []
    base_cpu: list[float] = []
    runs: dict[tuple[str, str], list[ChildRun]] = {}
    for r in range(args.rounds):
        start, cpu = time.perf_counter(), time.process_time()
        baseline_dedupe(corpus.paragraphs, threshold=0.8)
        base_wall.append(time.perf_counter() - start)
        base_cpu.append(time.process_time() - cpu)
        for mode in MODES:
            sides = ["tree", commit] if r % 2 == 0 else [commit, "tree"]
            for side in sides:
                report = OUT_DIR / f"turns-{side}-{mode.strip('-')}.json"
                run = _dedupe(path, None if side == "tree" else tree, mode, report)
                runs.setdefault((mode, side), []).append(run)
    wall = statistics.median(base_wall)
    print(f"{args.paragraphs:,} paragraphs, {args.rounds} rounds, load {os.getloadavg()[0]:.1f}")
    print(f"datasketch: {wall:.2f} s wall, {statistics.median(base_cpu):.2f} s CPU")
    for mode in MODES:
        for side in ("tree", commit):
            done = runs[mode, side]
            w = statistics.median(r.wall for r in done)
            c = statistics.median(r.cpu for r in done)
            rss = max(r.max_rss_mb for r in done)
            ratios = [b / r.wall for b, r in zip(base_wall, done, strict=True)]
            print(
                f"{mode:9s} {side:8s}: {w:6.2f} s wall, {c:6.2f} s CPU, {rss:5.0f} MB, "
                f"{statistics.median(ratios):.2f}x datasketch (by round)"
            )
        own = [a.wall / b.wall for a, b in zip(runs[mode, "tree"], runs[mode, commit], strict=True)]
        cpu = [a.cpu / b.cpu for a, b in zip(runs[mode, "tree"], runs[mode, commit], strict=True)]
        same = filecmp.cmp(
            OUT_DIR / f"turns-tree-{mode.strip('-')}.json",
            OUT_DIR / f"turns-{commit}-{mode.strip('-')}.json",
            shallow=False,
        )
        print(
            f"{mode:9s} tree / {commit}: wall {statistics.median(own):.3f}, "
            f"CPU {statistics.median(cpu):.3f}; reports {'identical' if same else 'DIFFER'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

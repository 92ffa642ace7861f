"""The edit stage of `diffkit dedupe` alone, this tree against another commit's, by turns.

    python bench/describe_turns.py --baseline-ref main [--paragraphs 100000] [--rounds 5]

A whole dedupe run at 100k paragraphs moves by more than a change to the edit walk is worth
on a shared machine. Here the (representative, member) pairs one run of this tree hands to
``bulk_edits.describe`` are recorded once (``-j 1``, chunk by chunk), then each commit's
``describe`` is timed on the very same chunks in its own process (CPU seconds), in an order
that alternates round by round. It prints the median of each, the median of the rounds'
ratios, and whether the two commits' edits are the same, row for row.

    python bench/describe_turns.py --stages bench/out/describe-100000.pickle

times each stage of ``differences.diff_raw_many`` on chunks an earlier run recorded, in this
tree alone: where a change to the edit stage can gain, and diff-match-patch's share of it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from timing import OUT_DIR, run_child
from turns import turns

TIMEOUT_S = 900.0


def _record(corpus: Path, chunks: Path) -> None:
    """Run dedupe in one process, keeping every chunk of pairs ``describe`` is given."""
    from diffkit.cli import main
    from diffkit.deduplication import bulk_edits

    kept: list[object] = []
    describe = bulk_edits.describe

    def recording(pairs: Any, glossary: Any = None) -> Any:
        kept.append((list(pairs), glossary))
        return describe(pairs, glossary)

    bulk_edits.describe = recording
    report = OUT_DIR / "describe-record.json"
    sys.argv = ["diffkit", "dedupe", str(corpus), "--format", "json", "--report", str(report)]
    sys.argv += ["--threshold", "0.8", "--quiet", "-j", "1"]
    try:
        main()
    except SystemExit as done:
        if done.code not in (0, 1, None):
            raise
    with open(chunks, "wb") as out:
        pickle.dump(kept, out, protocol=pickle.HIGHEST_PROTOCOL)


def _time(chunks: Path) -> None:
    """``describe`` of every recorded chunk: CPU seconds and a digest of all the edits. The
    collector is paused, as in dedupe's edit workers (forked inside the CLI's pause): else a
    fifth of the time is full collections over the recorded chunks, which a run never has."""
    from diffkit.deduplication.bulk_edits import describe
    from diffkit.gcpause import gc_paused

    with open(chunks, "rb") as f:
        recorded = pickle.load(f)
    with gc_paused():
        start = time.process_time()
        results = [describe(pairs, glossary) for pairs, glossary in recorded]
        cpu = time.process_time() - start
    digest = hashlib.sha256()
    for counts, rows in results:
        digest.update(counts.astype("<i8").tobytes())
        digest.update(rows.astype("<i4").tobytes())
    print(f"{cpu:.4f} {digest.hexdigest()} {sum(len(rows) for _, rows in results)}")


_STAGES: Final = (
    "_aligned",
    "_plain_runs",
    "_walk",
    "_convert_all",
    "classify_all",
    "held_many",
    "_finish",
    "_regional_windows",
)
"""What ``diff_raw_many`` calls, by the names it looks them up by in its module: diff-match-patch
on the keys, the equal runs, the walks, the regional conversions and classifications asked
for, the counterpart check, the tidying and the regional words cut by content edits."""


def _stages(chunks: Path) -> None:
    """CPU seconds of each stage of ``describe`` over the recorded chunks, with the collector
    paused as in ``_time``; what no stage holds is the packing and the pairs' set-up."""
    from diffkit.deduplication.bulk_edits import describe
    from diffkit.differences import batch
    from diffkit.gcpause import gc_paused

    spent = dict.fromkeys(_STAGES, 0.0)

    def timed(name: str, stage: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return stage(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - start

        return run

    for name in _STAGES:
        setattr(batch, name, timed(name, getattr(batch, name)))
    with open(chunks, "rb") as f:
        recorded = pickle.load(f)
    with gc_paused():
        start = time.process_time()
        for pairs, glossary in recorded:
            describe(pairs, glossary)
        cpu = time.process_time() - start
    print(f"describe: {cpu:.2f} s CPU over {sum(len(p) for p, _ in recorded):,} pairs")
    for name, seconds in [*spent.items(), ("the rest", cpu - sum(spent.values()))]:
        print(f"  {name:18s} {seconds:6.2f} s  {seconds / cpu:6.1%}")


def _run(mode: str, chunks: Path, tree: Path | None) -> tuple[float, str, int]:
    saved = os.environ.get("PYTHONPATH")
    if tree is not None:
        os.environ["PYTHONPATH"] = str(tree)
    try:
        run = run_child([__file__, mode, str(chunks)], timeout=TIMEOUT_S, python=True)
    finally:
        if tree is not None:
            if saved is None:
                del os.environ["PYTHONPATH"]
            else:
                os.environ["PYTHONPATH"] = saved
    if run.returncode != 0:
        sys.exit(f"describe failed ({'baseline' if tree else 'tree'}): {run.stderr[-500:]}")
    cpu, digest, edits = run.stdout.split()
    return float(cpu), digest, int(edits)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("--record-into", "--time", "--stages"):
        if argv[0] == "--record-into":
            _record(Path(argv[1]), Path(argv[2]))
        elif argv[0] == "--time":
            _time(Path(argv[1]))
        else:
            _stages(Path(argv[1]))
        return 0
    args = turns(__doc__, 5, argv)
    tree, commit, corpus = args.tree, args.commit, args.path
    chunks = OUT_DIR / f"describe-{args.paragraphs}.pickle"
    run = run_child(
        [__file__, "--record-into", str(corpus), str(chunks)], timeout=TIMEOUT_S, python=True
    )
    if run.returncode != 0:
        sys.exit(f"recording failed: {run.stderr[-500:]}")
    cpu: dict[str, list[float]] = {"tree": [], commit: []}
    digests: dict[str, set[str]] = {"tree": set(), commit: set()}
    edits = 0
    for r in range(args.rounds):
        for side in ["tree", commit] if r % 2 == 0 else [commit, "tree"]:
            seconds, digest, edits = _run("--time", chunks, None if side == "tree" else tree)
            cpu[side].append(seconds)
            digests[side].add(digest)
    ratios = [a / b for a, b in zip(cpu["tree"], cpu[commit], strict=True)]
    print(f"{args.paragraphs:,} paragraphs, {edits:,} edits, {args.rounds} rounds")
    for side in ("tree", commit):
        print(f"describe {side:8s}: {statistics.median(cpu[side]):6.2f} s CPU (median)")
    same = len(digests["tree"] | digests[commit]) == 1
    print(
        f"tree / {commit}: CPU {statistics.median(ratios):.3f} (median of rounds); "
        f"edits {'identical' if same else 'DIFFER'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the by-turns benchmarks share: their arguments, the other commit unpacked, and the
generated corpus written where every run reads it.

``dedupe_turns.py`` and ``describe_turns.py`` each judge a change against another commit on
the same generated paragraphs; both start the same way, so they start here.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from corpus import Corpus, make_corpus, write_corpus
from growth import baseline_tree
from timing import OUT_DIR


@dataclass(frozen=True)
class Turns:
    paragraphs: int
    rounds: int
    tree: Path
    """The other commit's package, unpacked."""
    commit: str
    corpus: Corpus
    path: Path
    """Where ``corpus`` is written."""


def turns(doc: str, rounds: int, argv: list[str] | None) -> Turns:
    """Parse ``--baseline-ref``, ``--paragraphs`` and ``--rounds`` (``doc``: the script's
    docstring), unpack the commit and write the corpus."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--baseline-ref", default="main", help="the commit to compare with")
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=rounds)
    args = parser.parse_args(argv)
    tree, commit = baseline_tree(args.baseline_ref)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    corpus = make_corpus(args.paragraphs, seed=0)
    path = OUT_DIR / f"dedupe-{args.paragraphs}.txt"
    write_corpus(corpus, path)
    return Turns(args.paragraphs, args.rounds, tree, commit, corpus, path)

"""Sound clusters on real licence notices: recall on boilerplate whatever the corpus size,
and a cluster rule under which a chain of small edits joins no two licences."""

from __future__ import annotations

import json
from itertools import permutations
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

import diffkit
from diffkit import minhash
from diffkit.cli import cli
from diffkit.deduplication import similar_pairs
from diffkit.errors import UsageError
from diffkit.folding import fold

DATA = Path(__file__).parent / "data" / "licences"
SAMPLES = Path(__file__).parent.parent / "samples"


def _paragraphs(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [p.strip("\n") for p in text.split("\n\n") if p.strip()]


def _background() -> list[str]:
    """Over two thousand distinct keys made of real notices, each followed by another (as in
    a file that does not separate them): every bigram of a notice is common among them."""
    notices = [fold(p).text for p in _paragraphs("notices.txt")]
    return [f"{a} {b}" for a, b in permutations(notices, 2)]


def licence_keys() -> list[str]:
    """The folded keys of the GPL-2 pair, then of the background."""
    return [fold(p).text for p in _paragraphs("pair.txt")] + _background()


def test_a_boilerplate_pair_is_found_whatever_the_corpus_size() -> None:
    keys = licence_keys()
    pair, background = keys[:2], keys[2:]
    common = minhash.common_bigrams(minhash.bigram_counts(keys), len(keys))
    assert common is not None
    for key in pair:  # the notices are boilerplate here: next to no bigram of theirs is rare
        sig_rare = minhash.sign([key], np.zeros_like(common))  # every bigram counted rare
        assert not minhash.blank(sig_rare).any()
        rare = sum(not common[int(h >> np.uint64(42))] for h in minhash._bigram_hashes([key])[0])
        assert rare < minhash.RAREST
    for corpus in (pair, pair + background[:40], keys):
        found = {(i, j) for i, j, _ in similar_pairs(corpus, 0.8)}
        assert (0, 1) in found, len(corpus)


def test_signing_by_parts_or_processes_is_signing_the_whole() -> None:
    keys = licence_keys()
    whole = minhash.signatures(keys)
    common = minhash.common_bigrams(minhash.bigram_counts(keys), len(keys))
    parts = [keys[:700], keys[700:1500], keys[1500:]]
    assert np.array_equal(np.concatenate([minhash.sign(p, common) for p in parts]), whole)
    assert np.array_equal(minhash.signatures(keys, processes=2, chunk=500), whole)


def test_no_cluster_joins_two_licences_through_a_chain() -> None:
    apache, apache_again, gpl = _paragraphs("chain.txt")
    assert diffkit.pair_similarity(apache, gpl) < 0.8 <= diffkit.pair_similarity(apache_again, gpl)
    report = diffkit.dedupe(DATA / "chain.txt")
    assert [[m.text for m in c.members] for c in report.clusters] == [[apache, apache_again]]
    chained = diffkit.dedupe(DATA / "chain.txt", linkage="single")
    assert [[m.text for m in c.members] for c in chained.clusters] == [[apache, apache_again, gpl]]


def test_every_member_is_within_the_threshold_of_its_representative_unless_chains_are_asked() -> (
    None
):
    star = diffkit.dedupe(SAMPLES, threshold=0.85)
    assert star.clusters
    assert all(m.similarity >= 0.85 for c in star.clusters for m in c.members)
    single = diffkit.dedupe(SAMPLES, threshold=0.85, linkage="single")
    assert any(m.similarity < 0.85 for c in single.clusters for m in c.members)
    # What the chains held is still found: a member left out of a cluster starts its own
    # when it has a copy of its own.
    assert len(star.clusters) >= len(single.clusters)


def test_the_linkage_is_an_option_of_the_command_and_is_checked() -> None:
    runner = CliRunner()
    for linkage in ("star", "single"):
        shown = runner.invoke(
            cli, ["dedupe", str(DATA / "chain.txt"), "--format", "json", "-q", "--linkage", linkage]
        )
        assert shown.exit_code == 0, shown.output
        sizes = [len(c["members"]) for c in json.loads(shown.output)["clusters"]]
        assert sizes == ([2] if linkage == "star" else [3])
    wrong = runner.invoke(cli, ["dedupe", str(DATA / "chain.txt"), "--linkage", "complete"])
    assert wrong.exit_code == 2
    with pytest.raises(UsageError, match="linkage"):
        diffkit.dedupe(DATA / "chain.txt", linkage="complete")  # type: ignore[arg-type]

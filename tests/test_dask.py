"""The Dask engine: its kernels against the local functions, its reports against the local
path's, and how it fails (no Dask, workers of other versions, a scheduler not there)."""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from opencc_pyo3 import OpenCC

from diffkit import minhash, segments
from diffkit.cli import cli
from diffkit.deduplication import components, dedupe, similar_pairs
from diffkit.deduplication.on_dask import (
    check_versions,
    labels_on,
    similar_pairs_on,
    versions,
)
from diffkit.deduplication.stars import large_star, small_star, star_labels
from diffkit.errors import UsageError
from diffkit.shards import write_shards

from .conftest import ROOT, SAMPLES
from .test_clusters import licence_keys

distributed = pytest.importorskip("distributed")


def _corpus(n: int, seed: int = 7) -> str:
    """``n`` paragraphs of the samples' characters drawn at their frequencies, a fifth of
    them opening with one of the samples' sentences (boilerplate: its bigrams are common),
    a third edited copies of an earlier paragraph (characters changed, Traditional script)."""
    rng = random.Random(seed)
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    han = Counter(c for c in text if "\u4e00" <= c <= "\u9fff")
    chars, weights = list(han), list(han.values())
    boilerplate = [s + "。" for s in text.replace("\n", "").split("。") if 10 <= len(s) <= 40][:30]
    s2t = OpenCC("s2t")
    out: list[str] = []
    for _ in range(n):
        if out and rng.random() < 0.33:
            copy = list(rng.choice(out))
            for _ in range(rng.randint(0, 8)):
                copy[rng.randrange(len(copy))] = rng.choice(chars)
            para = "".join(copy)
            para = s2t.convert(para) if rng.random() < 0.3 else para
        else:
            drawn = rng.choices(chars, weights, k=rng.randint(40, 120))
            para = "，".join("".join(drawn[a : a + 12]) for a in range(0, len(drawn), 12)) + "。"
            if rng.random() < 0.2:
                para = rng.choice(boilerplate) + para
        out.append(para)
    return "\n\n".join(out) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "corpus.txt"
    path.write_text(_corpus(6_000), encoding="utf-8")
    return path


def _keys(path: Path) -> list[str]:
    return list(dict.fromkeys(p.folded for p in segments(path)))


def test_signing_in_parts_with_the_whole_corpus_mask_is_signing_the_whole(corpus: Path) -> None:
    keys = _keys(corpus)
    assert len(keys) > minhash.COMMON_MIN_UNITS
    whole = minhash.signatures(keys)
    parts = [keys[: len(keys) // 3], keys[len(keys) // 3 :]]
    counts = minhash.bigram_counts(parts[0]) + minhash.bigram_counts(parts[1])
    common = minhash.common_bigrams(counts, len(keys))
    assert common is not None and common.any()
    signed = np.concatenate([minhash.sign(p, common) for p in parts])
    assert np.array_equal(signed, whole)
    # A part's own mask marks other bigrams: the signatures would silently change.
    own = minhash.common_bigrams(minhash.bigram_counts(parts[1]), len(parts[1]))
    assert not np.array_equal(minhash.sign(parts[1], own), whole[len(parts[0]) :])


def test_bucket_pairs_of_every_band_are_the_candidate_pairs(corpus: Path) -> None:
    keys = [*_keys(corpus), "一"]  # a key too short for a signature takes no part
    sig = minhash.signatures(keys)
    live = np.flatnonzero(~minhash.blank(sig))
    assert minhash.blank(sig)[-1] and len(live) > 1000
    bands = minhash.BINS // minhash.ROWS
    found = np.concatenate(
        [minhash.bucket_pairs(minhash.band_hashes(sig, b)[live], live) for b in range(bands)]
    )
    codes = minhash.distinct(found[:, 0] * len(keys) + found[:, 1])
    expected = minhash.candidate_pairs(sig)
    assert len(expected) > 1000
    assert np.array_equal(codes, expected[:, 0] * len(keys) + expected[:, 1])


def test_pairs_on_the_cluster_in_rounds_of_bands_are_the_local_pairs(
    client: object, corpus: Path
) -> None:
    keys = _keys(corpus)
    local = similar_pairs(keys, 0.8)
    assert len(local) > 500
    assert sorted(similar_pairs_on(client, keys, 0.8, 5, rounds=3)) == sorted(local)


@pytest.mark.parametrize("partitions", [1, 7])
def test_the_engine_report_is_the_local_report_on_a_corpus(
    client: object, corpus: Path, partitions: int
) -> None:
    local = dedupe(corpus, diffs=False)
    assert len(local.clusters) > 500
    there = dedupe(corpus, diffs=False, engine="dask", scheduler=client, partitions=partitions)
    assert there.to_json() == local.to_json()


@pytest.mark.parametrize("granularity", ["paragraph", "sentence"])
def test_the_engine_report_is_the_local_report_on_the_samples(
    client: object, granularity: str
) -> None:
    local = dedupe(SAMPLES, granularity=granularity)  # type: ignore[arg-type]
    there = dedupe(SAMPLES, granularity=granularity, engine="dask", scheduler=client)  # type: ignore[arg-type]
    assert local.clusters and there.to_json() == local.to_json()


def test_workers_of_other_versions_are_refused_in_one_line() -> None:
    mine = versions()
    theirs = {"tcp://10.0.0.2:4000": {**mine, "rapidfuzz": "0.1"}, "tcp://10.0.0.1:4000": mine}
    with pytest.raises(UsageError) as caught:
        check_versions(mine, theirs)
    assert str(caught.value) == (
        f"Dask worker tcp://10.0.0.2:4000 has rapidfuzz 0.1 (here {mine['rapidfuzz']}): "
        "install the same versions everywhere"
    )
    check_versions(mine, {"tcp://10.0.0.1:4000": mine})
    with pytest.raises(UsageError, match="no workers"):
        check_versions(mine, {})


def test_passages_and_unknown_engines_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="passage granularity runs on the local engine"):
        dedupe(SAMPLES, granularity="passage", engine="dask")
    with pytest.raises(UsageError, match="unknown engine 'spark'"):
        dedupe(SAMPLES, engine="spark")  # type: ignore[arg-type]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_diffkit_and_the_local_path_never_import_dask() -> None:
    done = _python(
        "import sys, diffkit; diffkit.dedupe('samples/', diffs=False); "
        "from diffkit.cli import main; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}))"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_dask_the_engine_says_how_to_install_it() -> None:
    done = _python(
        "import sys; sys.modules['distributed'] = None; sys.argv = ['diffkit', 'dedupe', "
        "'samples/', '--engine', 'dask', '-q']; from diffkit.cli import main; main()"
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "diffkit: error: the dask engine needs Dask: pip install 'diffkit[dask]'"
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_the_cli_on_a_scheduler_and_two_workers_gives_the_local_report(tmp_path: Path) -> None:
    port = str(_free_port())
    address = f"tcp://127.0.0.1:{port}"
    scheduler = ["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", port]
    worker = ["distributed.cli.dask_worker", address, "--nthreads", "1"]
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for args in (scheduler, worker, worker):
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", *args, "--no-dashboard"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        with distributed.Client(address, timeout="30s") as watcher:
            watcher.wait_for_workers(2, timeout=60)
        local = CliRunner().invoke(cli, ["dedupe", str(SAMPLES), "--format", "json", "-q"])
        report = tmp_path / "dups.json"
        there = subprocess.run(
            [
                sys.executable,
                "-m",
                "diffkit",
                "dedupe",
                str(SAMPLES),
                "--engine",
                "dask",
                "--scheduler",
                address,
                "--format",
                "json",
                "--report",
                str(report),
                "-q",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "DASK_SCHEDULER_ADDRESS": "tcp://127.0.0.1:1"},
        )
        assert there.returncode == 0, there.stderr
        assert report.read_text(encoding="utf-8") == local.stdout
    finally:
        for proc in procs[::-1]:
            proc.terminate()
        deadline = time.monotonic() + 10
        for proc in procs:
            try:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_the_engine_writes_the_same_shards(client: object, tmp_path: Path) -> None:
    local = write_shards(dedupe(SAMPLES), tmp_path / "local", per_shard=4)
    there = dedupe(SAMPLES, engine="dask", scheduler=client, partitions=3)
    shards = write_shards(there, tmp_path / "dask", per_shard=4)
    assert len(local) > 2
    assert [p.read_bytes() for p in shards] == [p.read_bytes() for p in local]


def _contracted(n: int, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, int]:
    big, small = np.maximum(a, b), np.minimum(a, b)
    for rounds in range(1, 100):
        both = (np.concatenate((big, small)), np.concatenate((small, big)))
        up, down, changed_large = large_star(*both)
        big, small, changed_small = small_star(up, down)
        if not changed_large + changed_small:
            return star_labels(n, big, small), rounds
    raise AssertionError("no convergence")


def test_star_contraction_labels_components_as_the_local_path_does() -> None:
    rng = np.random.default_rng(3)
    for _ in range(60):
        n = int(rng.integers(2, 300))
        a, b = rng.integers(0, n, 2 * n), rng.integers(0, n, 2 * n)
        a, b = a[a != b], b[a != b]
        labels, _ = _contracted(n, a, b)
        assert np.array_equal(labels, components(n, a.copy(), b.copy()))
    chain = rng.permutation(5_000)  # one long path, its nodes in random order
    labels, rounds = _contracted(5_000, chain[:-1], chain[1:])
    assert (labels == 0).all() and rounds < 40


@pytest.mark.parametrize("method", ["client", "engine"])
def test_both_component_methods_give_the_local_labels(
    client: object, corpus: Path, method: str
) -> None:
    keys = _keys(corpus)
    pairs = np.array([(i, j) for i, j, _ in similar_pairs(keys, 0.8)], dtype=np.int64)
    local = components(len(keys), pairs[:, 0], pairs[:, 1])
    assert len(np.unique(local)) < len(keys) - 500
    there = labels_on(client, keys, 0.8, 4, method)  # type: ignore[arg-type]
    assert np.array_equal(there, local)


def test_the_engine_report_with_components_on_the_engine_is_the_local_report(
    client: object, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("diffkit.deduplication.on_dask.CLIENT_PAIRS", 0)
    local = dedupe(corpus, diffs=False)
    there = dedupe(corpus, diffs=False, engine="dask", scheduler=client, partitions=3)
    assert there.to_json() == local.to_json()


def test_boilerplate_signed_from_its_rarest_bigrams_pairs_alike_on_the_cluster(
    client: object, tmp_path: Path
) -> None:
    keys = licence_keys()  # nearly every key is signed from its rarest bigrams
    local = similar_pairs(keys, 0.8)
    assert (0, 1) in {(i, j) for i, j, _ in local}
    assert sorted(similar_pairs_on(client, keys, 0.8, 3)) == sorted(local)
    page = tmp_path / "notices.txt"
    page.write_text("\n\n".join(keys[:1500]) + "\n", encoding="utf-8")
    for linkage in ("star", "single"):
        mine = dedupe(page, diffs=False, linkage=linkage)  # type: ignore[arg-type]
        there = dedupe(page, diffs=False, linkage=linkage, engine="dask", scheduler=client)  # type: ignore[arg-type]
        assert mine.clusters and there.to_json() == mine.to_json()

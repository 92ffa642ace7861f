"""dedupe: repeats inside a document and across a corpus, clusters, and lossless clean copies."""

from __future__ import annotations

import json
import os
import random
import re
import signal
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st
from opencc_pyo3 import OpenCC

from diffkit import bands, fold, minhash, segments
from diffkit.clean import removals, remove_spans, restore, write_clean
from diffkit.cli import cli
from diffkit.deduplication import (
    DRIFT,
    DedupeReport,
    _components,
    _pair_scores,
    _UnionFind,
    dedupe,
    pair_similarity_of_keys,
    similar_pairs,
    similar_pairs_reference,
)
from diffkit.errors import WorkerError
from diffkit.executor import ForkExecutor
from diffkit.formats.writing import atomic_write
from diffkit.loading import from_text, load_path
from diffkit.minhash import candidate_pairs, probability, signatures
from diffkit.model import Member, encode_json, encode_json_bytes

from .conftest import NEWS_2023_TRAD, REPORT_2021, SEEDS, SPEECH_2020, SPEECH_2023_SIMP
from .strategies import HAN


def _spans(report: DedupeReport) -> list[list[tuple[int, int]]]:
    return [[(m.span.start_line, m.span.end_line) for m in c.members] for c in report.clusters]


def test_repeated_paragraphs_of_the_2023_speech() -> None:
    clusters = _spans(dedupe([SPEECH_2023_SIMP]))
    assert [(35, 37), (45, 47)] in clusters
    assert [(39, 39), (49, 49)] in clusters


def test_resolution_block_repeated_cut_short_in_2020() -> None:
    report = dedupe([SPEECH_2020])
    cluster = next(c for c in report.clusters if c.representative.span.start_line == 197)
    assert [(m.span.start_line, m.span.end_line) for m in cluster.members] == [
        (197, 227),
        (229, 255),
    ]
    assert 0.9 < cluster.members[1].similarity < 1.0
    assert any(e.category == "content" for e in cluster.members[1].edits)


@pytest.mark.parametrize("after", [0, 1], ids=["no blank line", "one after the title"])
@pytest.mark.parametrize("path", [SPEECH_2020, SPEECH_2023_SIMP], ids=lambda p: p.name)
def test_repeats_are_found_in_a_document_without_blank_lines(path: Path, after: int) -> None:
    doc = load_path(path)
    lines = [line for line in doc.text.split("\n") if line.strip()]
    packed = "\n".join(lines[:after]) + "\n\n" * bool(after) + "\n".join(lines[after:])
    keys = [[fold(m.text).text for m in c.members] for c in dedupe(from_text(packed)).clusters]
    assert len(keys) >= 4
    assert keys == [[fold(m.text).text for m in c.members] for c in dedupe(doc).clusters]


def test_a_repeated_line_among_short_lines_of_a_paragraph_each_is_found() -> None:
    text = REPORT_2021.read_text(encoding="utf-8")
    lines = [
        s.strip() for s in re.findall(r"[^。！？\n]+[。！？]", text) if 20 <= len(s.strip()) <= 40
    ]
    assert len(lines) >= 20
    # Line 14 comes again as line 21, in Traditional script.
    log = "\n".join([*lines[:20], OpenCC("s2t").convert(lines[13])]) + "\n"
    clusters = dedupe(from_text(log)).clusters
    assert [[m.span.start_line for m in c.members] for c in clusters] == [[14, 21]]


def test_passages_across_paragraph_boundaries() -> None:
    report = dedupe([SPEECH_2023_SIMP], granularity="passage")
    found = {
        tuple((m.span.start_line, m.span.start_column, m.span.end_line) for m in c.members)
        for c in report.clusters
    }
    # Five paragraphs (31-39) again at 41-49 after a 48-character prefix ...
    assert ((31, 1, 39), (41, 49, 49)) in found
    # ... and 41-43 a third time inside line 51.
    assert any(m[0][0] == 41 and m[1][0] == 51 for m in found)
    old = dedupe([SPEECH_2020], granularity="passage")
    assert any(
        c.members[0].span.start_line == 197 and c.members[1].span.start_line == 229
        for c in old.clusters
    )


def test_traditional_page_clusters_with_its_simplified_copy(tmp_path: Path) -> None:
    simplified = tmp_path / "news-simplified.txt"
    simplified.write_text(
        OpenCC("t2s").convert(NEWS_2023_TRAD.read_text(encoding="utf-8")), encoding="utf-8"
    )
    report = dedupe([NEWS_2023_TRAD, simplified])
    paired = {
        c.members[0].span.start_line
        for c in report.clusters
        if {m.span.path for m in c.members} == {str(NEWS_2023_TRAD), str(simplified)}
    }
    for line in (11, 17, 19, 21, 33, 35, 37, 39, 41, 43, 45, 47, 51):
        assert line in paired, line


def test_no_member_drifts_far_from_its_representative() -> None:
    for granularity in ("paragraph", "sentence", "passage"):
        report = dedupe(list(SEEDS), granularity=granularity, threshold=0.85)  # type: ignore[arg-type]
        for cluster in report.clusters:
            assert all(m.similarity >= 0.85 - DRIFT for m in cluster.members), (
                granularity,
                cluster.id,
            )


def test_worker_processes_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    simplified = tmp_path / "news-simplified.txt"
    simplified.write_text(
        OpenCC("t2s").convert(NEWS_2023_TRAD.read_text(encoding="utf-8")), encoding="utf-8"
    )
    inputs = [*SEEDS, simplified]
    alone = dedupe(inputs, workers=1)
    monkeypatch.setattr("diffkit.executor.PARALLEL_MIN_JOBS", 1)
    shared = dedupe(inputs, workers=2)
    assert sum(len(c.members[1].edits) for c in alone.clusters) > 50
    assert shared == alone


def test_edits_read_as_objects_and_are_written_alike() -> None:
    report = dedupe(list(SEEDS))
    members = [m for c in report.clusters for m in c.repeats if m.edits]
    assert len(members) > 5
    for m in members:
        made = tuple(m.edits)
        assert m.edits == made and made == m.edits and hash(m.edits) == hash(made)
        assert m.edits[-1] == made[-1] and m.edits[:2] == made[:2]
        assert m.to_dict()["edits"] == [e.to_dict() for e in made]
        text = Path(m.span.path).read_text(encoding="utf-8")
        assert all(text[e.b_start : e.b_end] == e.b_text for e in m.edits)


def test_spans_point_into_the_original_files() -> None:
    report = dedupe(list(SEEDS), granularity="passage")
    for cluster in report.clusters:
        for m in cluster.members:
            text = Path(m.span.path).read_text(encoding="utf-8")
            assert text[m.span.start : m.span.end] == m.text


@pytest.mark.parametrize("granularity", ["paragraph", "passage"])
def test_clusters_and_members_come_in_document_order(granularity: str) -> None:
    report = dedupe(list(SEEDS), granularity=granularity)  # type: ignore[arg-type]
    inputs = [d.path for d in report.documents]

    def place(m: Member) -> tuple[int, int, int]:
        return inputs.index(m.span.path), m.span.start, m.span.end

    reps = [place(c.representative) for c in report.clusters]
    assert len(reps) > 5 and reps == sorted(reps) and len(set(reps)) == len(reps)
    for c in report.clusters:
        assert [place(m) for m in c.members] == sorted(place(m) for m in c.members)


def test_clean_copy_drops_later_repeats_and_restores_exactly(tmp_path: Path) -> None:
    copy = tmp_path / "speech.txt"
    copy.write_bytes(SPEECH_2023_SIMP.read_bytes())
    report = dedupe([copy])
    out = tmp_path / "clean"
    (written,) = write_clean(report, output=out)
    cleaned = written.read_text(encoding="utf-8")
    record = json.loads((out / "speech.txt.removed.json").read_text(encoding="utf-8"))["removed"]
    assert cleaned.count("部分在衡的全国人大代表和省人大代表") == 1
    from diffkit.clean import Removal

    original = restore(cleaned, [Removal(**r) for r in record])
    assert original.encode("utf-8") == SPEECH_2023_SIMP.read_bytes()
    assert copy.read_bytes() == SPEECH_2023_SIMP.read_bytes()  # the input is untouched


def test_in_place_keeps_a_backup(tmp_path: Path) -> None:
    copy = tmp_path / "speech.txt"
    copy.write_bytes(SPEECH_2023_SIMP.read_bytes())
    write_clean(dedupe([copy]), in_place=True)
    assert (tmp_path / "speech.txt.bak").read_bytes() == SPEECH_2023_SIMP.read_bytes()
    assert len(copy.read_bytes()) < len(SPEECH_2023_SIMP.read_bytes())


def test_signatures_from_forked_processes_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = [s.folded for seed in SEEDS for s in segments(seed, granularity="sentence")]
    # Halves too: past 1,000 keys the common-bigram pass runs, in the workers as well.
    keys = sentences + [k[: len(k) // 2] for k in sentences] + [k[len(k) // 2 :] for k in sentences]
    assert len(keys) > 1000
    alone = signatures(keys)
    monkeypatch.setattr("diffkit.executor.FORK_MIN_KEYS", 1)
    assert np.array_equal(signatures(keys, processes=2), alone)
    # Chunks past what a range keeps from counting are hashed again when signed.
    monkeypatch.setattr("diffkit.minhash._KEPT_BIGRAMS", 20_000)
    assert np.array_equal(signatures(keys, processes=3, chunk=300), alone)
    assert np.array_equal(signatures(keys, chunk=300), alone)


def test_a_large_bucket_links_neighbours_in_index_order(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(1)
    sig = rng.integers(0, 2**31, size=(3000, 126), dtype=np.uint32)
    many = np.sort(rng.choice(3000, size=500, replace=False))
    few = np.setdiff1d(np.arange(3000), many)[[7, 70, 700, 1400]]
    sig[many], sig[few] = sig[many[0]], sig[few[0]]
    expected = sorted(zip(many[:-1].tolist(), many[1:].tolist(), strict=True)) + [
        (int(a), int(b)) for n, a in enumerate(few) for b in few[n + 1 :]
    ]
    alone = candidate_pairs(sig)
    assert sorted(map(tuple, alone.tolist())) == sorted(expected)
    monkeypatch.setattr("diffkit.executor.FORK_MIN_KEYS", 1)
    assert np.array_equal(candidate_pairs(sig, processes=2), alone)
    assert np.array_equal(candidate_pairs(sig, processes=3), alone)


def test_a_failing_range_of_signatures_reports_its_own_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sentences = [s.folded for seed in SEEDS for s in segments(seed, granularity="sentence")]
    keys = sentences + [k[: len(k) // 2] for k in sentences] + [k[len(k) // 2 :] for k in sentences]
    marker = keys[len(keys) // 2]
    real = minhash._bigram_hashes_only

    def failing(part: list[str]) -> np.ndarray:
        if marker in part:
            raise MemoryError("the range holding the marker")
        return real(part)

    monkeypatch.setattr("diffkit.executor.FORK_MIN_KEYS", 1)
    monkeypatch.setattr(minhash, "_bigram_hashes_only", failing)
    for _ in range(3):  # the others wait at the barrier: they must not speak for it
        with pytest.raises(MemoryError, match="marker"):
            signatures(keys, processes=4, chunk=200)


def test_buckets_are_whole_hashes_when_their_top_bits_collide(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sentences = [s.folded for seed in SEEDS for s in segments(seed, granularity="sentence")]
    keys = sentences + [k[: len(k) // 2] for k in sentences] + [k[len(k) // 2 :] for k in sentences]
    sig = signatures(keys)
    alone = candidate_pairs(sig)
    assert len(alone)
    real = bands._row_hash

    def crowded(block: np.ndarray) -> np.ndarray:
        # Every hash made distinct by its low bits alone, its top bits one of two values.
        h = real(block)
        _, rank = np.unique(h, return_inverse=True)
        return (h & np.uint64(1)) << np.uint64(63) | rank.astype(np.uint64)

    monkeypatch.setattr(bands, "_row_hash", crowded)
    assert np.array_equal(candidate_pairs(sig), alone)
    assert np.array_equal(candidate_pairs(np.ascontiguousarray(sig)), alone)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)))
        )
    )
)
def test_components_are_what_union_find_gives(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    uf = _UnionFind(n)
    for x, y in edges:
        uf.union(x, y)
    links = np.array(edges, dtype=np.int64).reshape(-1, 2)
    assert _components(n, links[:, 0], links[:, 1]).tolist() == [uf.find(x) for x in range(n)]


_key = st.text(alphabet=HAN[:12] + "。!?;", min_size=1, max_size=40)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(_key, _key), max_size=12))
def test_batched_similarities_are_pair_similarity_of_keys(pairs: list[tuple[str, str]]) -> None:
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    assert _pair_scores(left, right) == [pair_similarity_of_keys(a, b) for a, b in pairs]


_paragraph = st.text(alphabet=HAN, min_size=30, max_size=80)


@settings(max_examples=40, deadline=None)
@given(st.lists(_paragraph, min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_fast_path_finds_what_brute_force_finds(bases: list[str], rnd: random.Random) -> None:
    keys = list(bases)
    for base in bases[:4]:
        chars = list(base)
        for _ in range(rnd.randint(0, 3)):
            chars[rnd.randrange(len(chars))] = rnd.choice(HAN)
        keys.append("".join(chars))
    threshold = 0.8
    fast = {(i, j) for i, j, _ in similar_pairs(keys, threshold)}
    for i, j, _ in similar_pairs_reference(keys, threshold):
        if probability(_jaccard(keys[i], keys[j])) >= 0.99:
            assert (i, j) in fast


def _jaccard(a: str, b: str) -> float:
    x = {a[i : i + 2] for i in range(len(a) - 1)}
    y = {b[i : i + 2] for i in range(len(b) - 1)}
    return len(x & y) / max(len(x | y), 1)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "第一段重复的内容在这里出现。",
                "另一段不同的话。",
                "Some repeated English text here.",
                "\n",
                "\n\n",
                "  ",
            ]
        ),
        max_size=20,
    )
)
def test_removing_repeats_and_adding_them_back_restores_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    report = dedupe(from_text(text, name="t"), min_chars=5)
    spans = removals(report).get("t", [])
    cleaned, record = remove_spans(text, spans)
    assert restore(cleaned, record) == text


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout


def test_cli_check_and_formats(tmp_path: Path) -> None:
    assert _cli("dedupe", str(SPEECH_2023_SIMP), "--check", "-q")[0] == 1
    assert _cli("dedupe", str(NEWS_2023_TRAD), "--check", "-q")[0] == 0
    _, out = _cli("dedupe", str(SPEECH_2023_SIMP), "--format", "json", "-q")
    data = json.loads(out)
    assert data["schema"] == "diffkit.dedupe/1"
    first = data["clusters"][0]
    assert {"id", "similarity", "members"} <= first.keys()
    assert {"path", "start_line", "end_line", "text", "similarity"} <= first["members"][0].keys()
    _, out = _cli("dedupe", str(SPEECH_2023_SIMP), "--format", "jsonl", "-q")
    assert len(out.strip().splitlines()) == len(data["clusters"])
    _, out = _cli("dedupe", str(SPEECH_2023_SIMP), "--format", "csv", "-q")
    assert out.splitlines()[0].startswith("cluster,size")
    report = tmp_path / "r.json"
    assert (
        _cli("dedupe", str(SPEECH_2023_SIMP), "--format", "json", "--report", str(report), "-q")[0]
        == 0
    )
    assert json.loads(report.read_text(encoding="utf-8"))["clusters"]


def test_json_written_a_cluster_at_a_time_is_the_report(tmp_path: Path) -> None:
    report = dedupe([SPEECH_2023_SIMP, SPEECH_2020])
    assert len(report.clusters) > 3
    assert "".join(report.json_chunks()) == report.to_json()
    written = tmp_path / "r.json"
    _cli(
        "dedupe",
        str(SPEECH_2023_SIMP),
        str(SPEECH_2020),
        "--format",
        "json",
        "--report",
        str(written),
        "-q",
    )
    _, out = _cli("dedupe", str(SPEECH_2023_SIMP), str(SPEECH_2020), "--format", "json", "-q")
    # A file and standard output get the same bytes, a line break at the end included.
    assert out == report.to_json() + "\n" == written.read_text(encoding="utf-8")
    alone = dedupe([NEWS_2023_TRAD])
    assert not alone.clusters
    assert "".join(alone.json_chunks()) == alone.to_json()


def test_json_lines_are_each_cluster_with_the_schema(tmp_path: Path) -> None:
    report = dedupe([SPEECH_2023_SIMP, SPEECH_2020])
    assert b"".join(report.json_bytes()) == report.to_json().encode()
    lines = [encode_json({"schema": report.schema, **c.to_dict()}) + "\n" for c in report.clusters]
    assert len(lines) > 3
    written = tmp_path / "r.jsonl"
    args = ("dedupe", str(SPEECH_2023_SIMP), str(SPEECH_2020), "--format", "jsonl", "-q")
    _cli(*args, "--report", str(written))
    assert written.read_text(encoding="utf-8") == "".join(lines) == _cli(*args)[1]


def test_a_lone_surrogate_is_escaped_in_utf8_json_alone() -> None:
    value = {"text": "第一段\ud800，第二段"}
    encoded = encode_json_bytes(value)
    assert encoded == '{"text":"第一段\\ud800，第二段"}'.encode()
    assert json.loads(encoded) == value


def test_atomic_write_encodes_text_and_takes_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    atomic_write(path, ["第一段，", b"\xe7\xac\xac\xe4\xba\x8c", "段\n"])
    assert path.read_text(encoding="utf-8") == "第一段，第二段\n"
    atomic_write(path, ["第一段\n", "第二段\n"], encoding="utf-16")
    assert path.read_bytes().startswith(b"\xff\xfe")
    assert path.read_text(encoding="utf-16") == "第一段\n第二段\n"
    atomic_write(path, iter([]), encoding="utf-16")
    assert path.read_bytes() == b""  # nothing written: no byte-order mark either
    with pytest.raises(ValueError, match="gb18030"):
        atomic_write(path, ["第一段", b"\xe7\xac\xac"], encoding="gb18030")
    assert path.read_bytes() == b""  # a failed write leaves the file as it was


def test_cli_directory_with_globs_and_bad_input(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SPEECH_2023_SIMP.read_bytes())
    (tmp_path / "b.md").write_text("ignored", encoding="utf-8")
    _, out = _cli("dedupe", str(tmp_path), "--include", "*.txt", "--format", "json", "-q")
    assert [d["path"] for d in json.loads(out)["documents"]] == [str(tmp_path / "a.txt")]
    result = CliRunner().invoke(cli, ["dedupe", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and result.stderr.startswith("diffkit: error:")


def test_a_folder_is_read_alike_by_the_cli_and_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "drafts" / "old").mkdir(parents=True)
    (tmp_path / "2023" / "drafts").mkdir(parents=True)
    (tmp_path / "2023" / "drafts" / "note.txt").write_bytes(SPEECH_2020.read_bytes())
    for folder in (tmp_path, tmp_path / "drafts" / "old"):
        (folder / "speech.txt").write_bytes(SPEECH_2023_SIMP.read_bytes())
        (folder / "speech.removed.json").write_text("{}", encoding="utf-8")
    (tmp_path / "other.txt").write_bytes(SPEECH_2020.read_bytes())
    # A pattern naming a folder leaves out everything under it, however it is written.
    kept = [str(tmp_path / "other.txt"), str(tmp_path / "speech.txt")]
    for pattern, expected in [
        ("drafts", kept),
        ("drafts/", kept),
        ("*/drafts/*", kept),
        (f"{tmp_path.name}/drafts", [str(tmp_path / "2023" / "drafts" / "note.txt"), *kept]),
    ]:
        _, out = _cli("dedupe", str(tmp_path), "--exclude", pattern, "--format", "json", "-q")
        assert [d["path"] for d in json.loads(out)["documents"]] == expected, pattern
    _, out = _cli("dedupe", str(tmp_path), "--include", "**/*.txt", "--format", "json", "-q")
    assert len(json.loads(out)["documents"]) == 4
    _, out = _cli("dedupe", str(tmp_path), "--format", "json", "-q")
    everything = json.loads(out)
    assert len(everything["documents"]) == 4
    # The library reads a folder as the CLI does: the same files, the same clusters.
    for source in (tmp_path, str(tmp_path), [str(tmp_path) + "/"]):
        assert dedupe(source).to_dict() == everything
    # A one-line string naming a folder is that folder, as one naming a file is that file.
    monkeypatch.chdir(tmp_path)
    assert len(dedupe(".").documents) == len(dedupe("drafts").documents) + 3
    assert any(len({m["path"] for m in c["members"]}) == 2 for c in everything["clusters"])


@pytest.mark.parametrize("granularity", ["paragraph", "sentence", "passage"])
def test_report_round_trips_through_json(granularity: str) -> None:
    report = dedupe([SPEECH_2023_SIMP], granularity=granularity)  # type: ignore[arg-type]
    assert DedupeReport.from_dict(json.loads(report.to_json())) == report


def _killed_on_odd(context: None, n: int) -> int:
    if n % 2:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def test_a_worker_killed_outright_fails_the_work_instead_of_hanging() -> None:
    with (
        pytest.raises(WorkerError, match="killed by SIGKILL"),
        ForkExecutor(2).map(_killed_on_odd, range(6), None) as results,
    ):
        list(results)
    with ForkExecutor(2).map(_killed_on_odd, [0, 2, 4], None) as results:
        assert list(results) == [0, 2, 4]


def _killed_describing(shared: object, bounds: tuple[int, int]) -> object:
    os.kill(os.getpid(), signal.SIGKILL)
    return None


def test_dedupe_says_in_one_line_that_a_worker_was_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("diffkit.executor.PARALLEL_MIN_JOBS", 1)
    monkeypatch.setattr("diffkit.deduplication.edits._describe", _killed_describing)
    result = CliRunner().invoke(
        cli, ["dedupe", *map(str, SEEDS), "--workers", "2", "--format", "json", "-q"]
    )
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "diffkit: error: a worker process was killed by SIGKILL (the system may have run out "
        "of memory); try --workers 1"
    ]


def _handler(context: None, signum: int) -> object:
    return signal.getsignal(signum)


def test_forked_workers_leave_ctrl_c_to_the_parent() -> None:
    # Python's own handler, set here: a run in the background inherits SIGINT ignored.
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with ForkExecutor(1).map(_handler, [signal.SIGINT], None) as results:
            assert list(results) == [signal.SIG_IGN]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, before)

"""Corpus-scale input and output: globs and URLs as inputs, the members table, Parquet
shards, and the stage cache that lets a stopped run resume."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from diffkit.cli import cli
from diffkit.deduplication import DedupeReport, dedupe, stage_cache
from diffkit.loading import discover
from diffkit.members import COLUMNS, read_members, write_members

from .conftest import SAMPLES, SEEDS

fsspec = pytest.importorskip("fsspec")
needs_pyarrow = pytest.mark.skipif(
    importlib.util.find_spec("pyarrow") is None, reason="Parquet needs pyarrow"
)


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["dedupe", *args])


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seeds in two folders, with a file of another kind and a hidden one beside them."""
    for n, seed in enumerate(SEEDS):
        folder = tmp_path / "corpus" / ("b" if n % 2 else "a")
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, folder / seed.name)
    (tmp_path / "corpus" / "a" / "notes.md").write_text(SEEDS[0].read_text(encoding="utf-8"))
    (tmp_path / "corpus" / "b" / ".hidden.txt").write_text(SEEDS[1].read_text(encoding="utf-8"))
    return tmp_path / "corpus"


@pytest.fixture
def memory() -> Iterator[Any]:
    fs = fsspec.filesystem("memory")
    yield fs
    fs.rm("/", recursive=True)


def test_a_glob_is_expanded_sorted_and_reads_as_the_files_it_matches(corpus: Path) -> None:
    found = discover([f"{corpus}/**/*.txt"])
    named = sorted(str(p) for p in corpus.rglob("*.txt") if not p.name.startswith("."))
    assert found == named and len(found) == len(SEEDS)
    by_glob = _run(f"{corpus}/**/*.txt", "--format", "json", "-q")
    by_name = _run(*named, "--format", "json", "-q")
    assert by_glob.exit_code == by_name.exit_code == 0
    assert orjson.loads(by_glob.stdout)["clusters"] and by_glob.stdout == by_name.stdout
    missing = _run(f"{corpus}/**/*.docx", "-q")
    assert missing.exit_code == 2
    assert missing.stderr == f"diffkit: error: {corpus}/**/*.docx: no file matches\n"


def test_a_memory_or_file_url_reads_as_the_local_folder(corpus: Path, memory: Any) -> None:
    for path in sorted(corpus.rglob("*")):
        if path.is_file():
            memory.pipe(f"/corpus/{path.relative_to(corpus)}", path.read_bytes())
    local = _run(str(corpus), "--include", "*.txt", "--format", "json", "-q")
    assert local.exit_code == 0 and orjson.loads(local.stdout)["clusters"]
    for url in ("memory://corpus", f"file://{corpus}/"):
        there = _run(url, "--include", "*.txt", "--format", "json", "-q")
        assert there.exit_code == 0, there.stderr
        base = "memory://corpus" if url.startswith("memory") else f"file://{corpus}"
        assert there.stdout == local.stdout.replace(str(corpus), base)
    # The library reads a URL as the command does, a glob of one too.
    report = dedupe("memory://corpus/*/*.txt", diffs=False)
    assert [d.path for d in report.documents] == [
        f"memory://corpus/{p.relative_to(corpus)}"
        for p in sorted(corpus.rglob("*.txt"))
        if not p.name.startswith(".")
    ]


def test_url_errors_are_one_line(memory: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    nothing = _run("memory://nowhere/a.txt", "-q")
    assert nothing.exit_code == 2
    assert nothing.stderr == "diffkit: error: memory://nowhere/a.txt: no such file or directory\n"
    unknown = _run("nosuch://x/a.txt", "-q")
    assert unknown.exit_code == 2
    assert unknown.stderr == "diffkit: error: nosuch://x/a.txt: Protocol not known: nosuch\n"
    if importlib.util.find_spec("s3fs") is None:
        s3 = _run("s3://bucket/corpus/", "-q")
        assert s3.exit_code == 2
        assert s3.stderr == "diffkit: error: s3://bucket/corpus/: Install s3fs to access S3\n"
    cleaning = _run("memory://corpus/", "--output", "clean/", "-q")
    assert cleaning.exit_code == 2
    assert cleaning.stderr == (
        "diffkit: error: a URL has no local file to clean: --output and --in-place need files\n"
    )
    monkeypatch.setitem(sys.modules, "fsspec", None)
    without = _run("memory://corpus/", "-q")
    assert without.exit_code == 2
    assert without.stderr == (
        "diffkit: error: memory://corpus/: reading URLs needs fsspec: pip install 'diffkit[dask]'\n"
    )


def _expected_rows(report: DedupeReport) -> list[dict[str, Any]]:
    """The members table's rows as the JSON report says them."""
    data = orjson.loads(report.to_json())
    number = {d["path"]: n for n, d in enumerate(data["documents"])}
    return [
        {
            "document": number[m["path"]],
            "path": m["path"],
            "start_offset": m["start_offset"],
            "end_offset": m["end_offset"],
            "start_line": m["start_line"],
            "end_line": m["end_line"],
            "cluster": c["id"],
            "representative": m["representative"],
            "similarity": m["similarity"],
        }
        for c in data["clusters"]
        for m in c["members"]
    ]


@needs_pyarrow
def test_the_members_table_holds_a_row_a_member_in_shards(tmp_path: Path) -> None:
    report = dedupe(SAMPLES, diffs=False)
    expected = _expected_rows(report)
    assert len(expected) > 30 and sum(r["representative"] for r in expected) == len(report.clusters)
    paths = write_members(report, tmp_path / "table", "parquet", per_shard=10)
    assert [p.name for p in paths][:2] == ["members-00000.parquet", "members-00001.parquet"]
    assert len(paths) == -(-len(expected) // 10)
    assert read_members(tmp_path / "table") == expected
    # The other format replaces the first's shards: the folder holds one table.
    write_members(report, tmp_path / "table", "jsonl", per_shard=1000)
    assert sorted(p.name for p in (tmp_path / "table").iterdir()) == ["members-00000.jsonl"]
    assert read_members(tmp_path / "table") == expected
    # Nothing repeats: one shard, with the columns and no row, for readers that expect one.
    import pyarrow.parquet as pq

    alone = dedupe(SEEDS[0], diffs=False, threshold=1.0, min_chars=10_000)
    assert not alone.clusters
    (empty,) = write_members(alone, tmp_path / "empty")
    assert pq.read_table(empty).num_rows == 0
    assert tuple(pq.read_table(empty).schema.names) == COLUMNS


@needs_pyarrow
def test_the_cli_writes_the_same_members_table_on_both_engines(
    client: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = _run(str(SAMPLES), "--members", str(tmp_path / "local"), "--no-diff", "-q")
    assert local.exit_code == 0, local.stderr
    report = dedupe(SAMPLES, diffs=False)
    assert read_members(tmp_path / "local") == _expected_rows(report)
    there = dedupe(SAMPLES, diffs=False, engine="dask", scheduler=client)
    write_members(there, tmp_path / "dask")
    assert (tmp_path / "dask" / "members-00000.parquet").read_bytes() == (
        tmp_path / "local" / "members-00000.parquet"
    ).read_bytes()
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    refused = _run(str(SAMPLES), "--members", str(tmp_path / "none"), "-q")
    assert refused.exit_code == 2 and not (tmp_path / "none").exists()
    assert refused.stderr == (
        "diffkit: error: writing Parquet needs pyarrow: pip install 'diffkit[parquet]' "
        "(or --members-format jsonl)\n"
    )
    plain = _run(str(SAMPLES), "--members", str(tmp_path / "j"), "--members-format", "jsonl", "-q")
    assert plain.exit_code == 0 and read_members(tmp_path / "j") == _expected_rows(report)
    # Both formats get the mode any new file gets here, not mkstemp's private 0600.
    umask = os.umask(0)
    os.umask(umask)
    for table in (*(tmp_path / "local").iterdir(), *(tmp_path / "j").iterdir()):
        assert table.stat().st_mode & 0o777 == 0o666 & ~umask, table


@needs_pyarrow
def test_parquet_shards_read_as_their_json_lines_twins(tmp_path: Path, memory: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in SEEDS]
    (tmp_path / "s.jsonl").write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "s.parquet")
    memory.pipe("/shards/s.parquet", (tmp_path / "s.parquet").read_bytes())
    as_json = _run(str(tmp_path / "s.jsonl"), "--text-column", "text", "--format", "json", "-q")
    assert as_json.exit_code == 0 and orjson.loads(as_json.stdout)["clusters"]
    for shard in (str(tmp_path / "s.parquet"), "memory://shards/s.parquet"):
        done = _run(shard, "--text-column", "text", "--format", "json", "-q")
        assert done.exit_code == 0, done.stderr
        assert done.stdout == as_json.stdout.replace(str(tmp_path / "s.jsonl"), shard)
    (tmp_path / "bad.parquet").write_bytes(b"PAR1")
    bad = _run(str(tmp_path / "bad.parquet"), "--text-column", "text", "-q")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1
    assert bad.stderr.startswith(f"diffkit: error: {tmp_path / 'bad.parquet'}: not a Parquet file")


class _Stopped(Exception):
    """The run stopped midway (a ctrl+c, a machine lost)."""


def test_a_stopped_run_resumes_from_its_cache_and_recomputes_no_stage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("".join(p.read_text(encoding="utf-8") for p in SEEDS), encoding="utf-8")
    cache = tmp_path / "cache"
    expected = dedupe(corpus).to_json()
    calls: list[str] = []
    real = {
        name: getattr(stage_cache.minhash if name == "signatures" else stage_cache, name)
        for name in ("signatures", "verify_pairs", "components")
    }

    def counted(name: str, fail: bool = False) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            if fail:
                raise _Stopped(name)
            return real[name](*args, **kwargs)

        return run

    monkeypatch.setattr(stage_cache.minhash, "signatures", counted("signatures"))
    monkeypatch.setattr(stage_cache, "verify_pairs", counted("verify_pairs"))
    monkeypatch.setattr(stage_cache, "components", counted("components", fail=True))
    with pytest.raises(_Stopped):
        dedupe(corpus, cache_dir=cache)
    assert calls == ["signatures", "verify_pairs", "components"]
    calls.clear()
    monkeypatch.setattr(stage_cache, "components", counted("components"))
    assert dedupe(corpus, cache_dir=cache).to_json() == expected
    assert calls == ["components"]  # signatures and pairs read from the cache
    calls.clear()
    assert dedupe(corpus, cache_dir=cache).to_json() == expected
    assert calls == []
    # Another threshold or a changed input never reuses a stage.
    stricter = dedupe(corpus, cache_dir=cache, threshold=0.9).to_json()
    assert calls == ["signatures", "verify_pairs", "components"]
    calls.clear()
    corpus.write_text(
        corpus.read_text(encoding="utf-8")
        + "\n多出来的一段话，足够长以成为一个单元，而且它和文中任何一段都不相同。\n"
    )
    changed = dedupe(corpus, cache_dir=cache).to_json()
    assert calls == ["signatures", "verify_pairs", "components"]
    assert changed == dedupe(corpus).to_json() != expected
    corpus.write_text(corpus.read_text(encoding="utf-8").rsplit("\n多出来", 1)[0])
    assert stricter == dedupe(corpus, threshold=0.9).to_json() != expected


def test_the_engine_resumes_from_the_cache_the_local_path_left(
    client: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    local = dedupe(SAMPLES, cache_dir=cache).to_json()
    assert local == dedupe(SAMPLES).to_json()

    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the pairs were kept")

    from diffkit.deduplication import on_dask

    monkeypatch.setattr(on_dask, "similar_pairs_on", refused)
    assert dedupe(SAMPLES, cache_dir=cache, engine="dask", scheduler=client).to_json() == local
    other = tmp_path / "other"
    monkeypatch.undo()
    there = dedupe(SAMPLES, cache_dir=other, engine="dask", scheduler=client).to_json()
    assert there == local and any(other.rglob("pairs.npz"))
    cli_run = _run(str(SAMPLES), "--cache-dir", str(other), "--format", "json", "-q")
    assert cli_run.exit_code == 0 and orjson.loads(cli_run.stdout) == orjson.loads(local)


def test_on_the_engine_the_workers_compute_the_edits_the_local_path_would(
    client: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diffkit.deduplication import edits, on_dask

    local = dedupe(SAMPLES, granularity="sentence")
    assert sum(len(m.edits) for c in local.clusters for m in c.members) > 20
    parts: list[int] = []
    real = on_dask.edits_on

    def counted(client: Any, pairs: Any, ahead: int | None = None) -> Any:
        for part in real(client, pairs, ahead=2):
            parts.append(len(part[0]))
            yield part

    def here(*args: Any) -> Any:
        raise AssertionError("an edit was computed on the client")

    monkeypatch.setattr(on_dask, "edits_on", counted)
    monkeypatch.setattr(edits, "_describe", here)
    there = dedupe(SAMPLES, granularity="sentence", engine="dask", scheduler=client)
    assert there.to_json() == local.to_json()
    assert sum(parts) == sum(len(c.members) - 1 for c in local.clusters)
    # The text report, which diffs its first clusters only, through the command.
    monkeypatch.undo()
    text_here = _run(str(SAMPLES), "-q")
    monkeypatch.setattr(edits, "_describe", here)
    address = client.scheduler.address  # type: ignore[attr-defined]
    text_there = _run(str(SAMPLES), "--engine", "dask", "--scheduler", address, "-q")
    assert text_there.exit_code == text_here.exit_code == 0, text_there.stderr
    assert "non-content edit" in text_here.stdout and text_there.stdout == text_here.stdout


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_engine_writes_the_local_paths_clean_copies_on_its_workers(
    client: Any, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from diffkit import clean
    from diffkit.deduplication import on_dask

    local = _run(str(corpus), "--output", str(tmp_path / "local"), "--no-diff")
    assert local.exit_code == 0, local.stderr
    assert "removed" in local.stderr and "kept" in local.stderr  # near repeats stay
    log = tmp_path / "written.log"
    real = clean.write_job

    def on_worker(job: Any) -> bool:
        # Shipped to the worker (pickled by value): it leaves its trace in a file.
        with open(log, "a", encoding="utf-8") as f:
            f.write(job[4] + "\n")
        return real(job)

    monkeypatch.setattr(clean, "write_job", on_worker)
    address = client.scheduler.address
    there = _run(
        str(corpus), "--engine", "dask", "--scheduler", address, "--output", str(tmp_path / "d")
    )
    assert there.exit_code == 0, there.stderr
    assert there.stderr == local.stderr
    assert _files(tmp_path / "d") == _files(tmp_path / "local") != {}
    assert sorted(log.read_text(encoding="utf-8").splitlines()) == sorted(
        str(tmp_path / "d" / f) for f in _files(tmp_path / "local") if not f.endswith(".json")
    )
    # A worker that finds an input changed since it was read writes nothing.
    report = dedupe(corpus, diffs=False)
    docs = [clean.load_path(d.path) for d in report.documents]
    first = Path(report.documents[0].path)
    first.write_text(first.read_text(encoding="utf-8") + "又一段。\n", encoding="utf-8")
    with pytest.raises(clean.UsageError, match="changed since it was read"):
        clean.write_clean(
            report,
            documents=docs,
            output=tmp_path / "late",
            elsewhere=lambda jobs: on_dask.clean_on(client, jobs),
        )
    assert not any((tmp_path / "late").rglob(first.name))


def test_the_library_expands_globs_but_text_with_a_wildcard_stays_text(corpus: Path) -> None:
    by_glob = dedupe(f"{corpus}/*/*.txt", diffs=False)
    assert [d.path for d in by_glob.documents] == discover([f"{corpus}/*/*.txt"])
    assert len(by_glob.documents) == len(SEEDS)
    assert [d.path for d in dedupe("why?\n\nwhy?", min_chars=1).documents] == ["<text>"]
    with pytest.raises(Exception, match="passages"):
        dedupe(SAMPLES, granularity="passage", cache_dir=corpus / "cache")


@pytest.mark.parametrize("damage", [b"PK\x03\x04junk", b"", b"\x93NUMPY"])
def test_a_damaged_cache_entry_is_made_again(tmp_path: Path, damage: bytes) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("".join(p.read_text(encoding="utf-8") for p in SEEDS), encoding="utf-8")
    cache = tmp_path / "cache"
    expected = dedupe(corpus, cache_dir=cache).to_json()
    for saved in cache.glob("*/*.npz"):
        saved.write_bytes(damage)
    # A torn zip, an empty file and a bare header: each stage is computed again.
    assert dedupe(corpus, cache_dir=cache).to_json() == expected
    assert dedupe(corpus, cache_dir=cache).to_json() == expected


def test_a_members_folder_that_cannot_be_made_is_refused_before_the_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the inputs were read before --members was refused")

    monkeypatch.setattr("diffkit.cli.dedupe.read_inputs", never)
    result = CliRunner().invoke(
        cli, ["dedupe", *map(str, SEEDS), "--members", str(tmp_path / "afile" / "sub")]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"diffkit: error: --members {tmp_path / 'afile' / 'sub'}: cannot write, "
        f"{tmp_path / 'afile'} is not a folder"
    ]


def test_a_url_glob_is_filtered_as_a_local_glob_is(tmp_path: Path, memory: Any) -> None:
    files = ("a.txt", "a.txt.bak", "c.txt.removed.json", "drafts/b.txt")
    for name in files:
        memory.pipe(f"/corpus/{name}", b"x\n")
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x\n")
    for pattern in ("*", "**"):
        local = discover([str(tmp_path / pattern)], exclude=("drafts",))
        remote = discover([f"memory://corpus/{pattern}"], exclude=("drafts",))
        # A backup, a record of removed text and an excluded folder: none is an input.
        assert [Path(p).name for p in local] == ["a.txt"]
        assert [p.rsplit("/", 1)[-1] for p in remote] == ["a.txt"], pattern

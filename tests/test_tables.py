"""Table shards as inputs: ``--text-column`` reads JSON Lines or Parquet rows as documents."""

from __future__ import annotations

import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from diffkit.cli import cli
from diffkit.deduplication import dedupe
from diffkit.tables import read_tables

from .conftest import SEEDS


def _shards(folder: Path) -> list[Path]:
    """The seed documents as rows of two shards, with a name column."""
    rows = [{"name": p.name, "text": p.read_text(encoding="utf-8")} for p in SEEDS]
    paths = [folder / "a.jsonl", folder / "b.jsonl"]
    for path, part in zip(paths, (rows[:2], rows[2:]), strict=True):
        path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in part))
    return paths


def _clusters(report: object) -> list[list[tuple[str, int, int, float]]]:
    return [
        [(m.text, m.span.start_line, m.span.end_line, m.similarity) for m in c.members]
        for c in report.clusters  # type: ignore[attr-defined]
    ]


def test_rows_cluster_as_the_files_they_came_from(tmp_path: Path) -> None:
    shards = _shards(tmp_path)
    docs = read_tables([str(p) for p in shards], "text", "name")
    assert [d.path for d in docs] == [
        f"{shards[0]}#{SEEDS[0].name}",
        f"{shards[0]}#{SEEDS[1].name}",
    ] + [f"{shards[1]}#{p.name}" for p in SEEDS[2:]]
    from_rows, from_files = dedupe(docs), dedupe(list(SEEDS))
    assert from_files.clusters and _clusters(from_rows) == _clusters(from_files)


def test_the_cli_reads_shards_and_names_rows_by_number_without_an_id_column(tmp_path: Path) -> None:
    shards = _shards(tmp_path)
    done = CliRunner().invoke(
        cli, ["dedupe", *map(str, shards), "--text-column", "text", "--format", "json", "-q"]
    )
    assert done.exit_code == 0, done.output
    paths = [d["path"] for d in orjson.loads(done.stdout)["documents"]]
    assert paths == [
        f"{shards[0]}#1",
        f"{shards[0]}#2",
        f"{shards[1]}#1",
        f"{shards[1]}#2",
        f"{shards[1]}#3",
    ]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b'{"body": "x"}', "no column 'text'"),
        (b'{"text": 3}', "no text in column 'text'"),
        (b"[1, 2]", "a row is a JSON object, not list"),
        (b'{"text": "x"', "not JSON"),
    ],
)
def test_a_bad_row_is_one_line_naming_the_shard_and_row(
    tmp_path: Path, line: bytes, message: str
) -> None:
    shard = tmp_path / "s.jsonl"
    shard.write_bytes(b'{"text": "fine"}\n\n' + line + b"\n")
    done = CliRunner().invoke(cli, ["dedupe", str(shard), "--text-column", "text", "-q"])
    assert done.exit_code == 2
    assert done.stderr.startswith(f"diffkit: error: {shard}:3: {message}")
    assert len(done.stderr.strip().splitlines()) == 1


def test_other_files_and_cleaning_are_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(cli, ["dedupe", str(SEEDS[0]), "--text-column", "text", "-q"])
    assert done.exit_code == 2
    assert "--text-column reads JSON Lines (.jsonl, .ndjson) or Parquet shards" in done.stderr
    shard = _shards(tmp_path)[0]
    done = runner.invoke(
        cli, ["dedupe", str(shard), "--text-column", "text", "--output", str(tmp_path / "o")]
    )
    assert done.exit_code == 2 and "rows of shards have no file to clean" in done.stderr


def test_parquet_without_pyarrow_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    shard = tmp_path / "s.parquet"
    shard.write_bytes(b"PAR1")
    done = CliRunner().invoke(cli, ["dedupe", str(shard), "--text-column", "text", "-q"])
    assert done.exit_code == 2
    assert (
        done.stderr.strip()
        == f"diffkit: error: {shard}: reading Parquet needs pyarrow: pip install 'diffkit[parquet]'"
    )

"""Sharded JSON Lines reports: ``--format jsonl --report DIR/`` writes DIR/part-NNNNN.jsonl."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner

from diffkit.cli import cli
from diffkit.deduplication import dedupe
from diffkit.shards import write_shards

from .conftest import SAMPLES


def test_shards_hold_the_jsonl_report_cut_into_files(tmp_path: Path) -> None:
    report = dedupe(SAMPLES, diffs=False)
    assert len(report.clusters) > 7
    paths = write_shards(report, tmp_path / "out", per_shard=3)
    assert [p.name for p in paths] == [f"part-{n:05d}.jsonl" for n in range(len(paths))]
    assert len(paths) == -(-len(report.clusters) // 3)
    lines = [line for p in paths for line in p.read_bytes().splitlines()]
    rows = [orjson.loads(line) for line in lines]
    assert [r["id"] for r in rows] == list(range(len(report.clusters)))
    assert all(r["schema"] == "diffkit.dedupe/1" for r in rows)
    assert all(p.read_bytes().endswith(b"}\n") for p in paths)


def test_the_cli_writes_shards_into_a_folder_and_removes_a_previous_runs_extra_ones(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "dups"
    folder.mkdir()
    (folder / "part-00007.jsonl").write_text("{}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    runner = CliRunner()
    done = runner.invoke(
        cli, ["dedupe", str(SAMPLES), "--format", "jsonl", "--report", str(folder), "-q"]
    )
    assert done.exit_code == 0, done.output
    whole = runner.invoke(cli, ["dedupe", str(SAMPLES), "--format", "jsonl", "-q"])
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "part-00000.jsonl"]
    assert (folder / "part-00000.jsonl").read_text(encoding="utf-8") == whole.stdout


def test_a_folder_report_in_another_format_is_a_usage_error(tmp_path: Path) -> None:
    done = CliRunner().invoke(
        cli, ["dedupe", str(SAMPLES), "--format", "json", "--report", f"{tmp_path}/", "-q"]
    )
    assert done.exit_code == 2
    assert done.stderr.strip() == (
        f"diffkit: error: {tmp_path}/: is a folder; only --format jsonl writes a report into "
        "one (part-00000.jsonl, ...)"
    )

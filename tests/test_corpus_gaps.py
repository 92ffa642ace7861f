"""The library reads what the command reads, and names and numbers documents as it does:
shards of rows, URLs spelt as given, and texts that share a name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

import diffkit
from diffkit.cli import cli
from diffkit.deduplication import DedupeReport
from diffkit.errors import UsageError
from diffkit.members import rows

fsspec = pytest.importorskip("fsspec")

SAMPLES = Path(__file__).parent.parent / "samples"
SPEECH = SAMPLES / "2023-closing-speech-simplified.txt"
NEWS = SAMPLES / "2023-closing-speech-news-traditional.txt"


@pytest.fixture
def memory() -> Iterator[Any]:
    fs = fsspec.filesystem("memory")
    yield fs
    fs.rm("/", recursive=True)


def _dedupe(*args: str) -> dict[str, Any]:
    done = CliRunner().invoke(cli, ["dedupe", *args, "--format", "json", "-q", "--no-diff"])
    assert done.exit_code == 0, done.stderr
    found: dict[str, Any] = orjson.loads(done.stdout)
    return found


def test_the_library_reads_shards_of_rows_as_the_command_does(tmp_path: Path) -> None:
    shard = tmp_path / "s.jsonl"
    shard.write_bytes(
        b"".join(
            orjson.dumps({"url": f"u{n}", "text": p.read_text(encoding="utf-8")}) + b"\n"
            for n, p in enumerate([SPEECH, NEWS])
        )
    )
    report = diffkit.dedupe(shard, text_column="text", id_column="url", diffs=False)
    assert [d.path for d in report.documents] == [f"{shard}#u0", f"{shard}#u1"]
    assert report.clusters
    shown = _dedupe(str(shard), "--text-column", "text", "--id-column", "url")
    assert shown == orjson.loads(report.to_json())
    with pytest.raises(UsageError, match="text_column"):
        diffkit.dedupe(shard, id_column="url")
    with pytest.raises(UsageError, match="shards"):
        diffkit.dedupe(diffkit.Text(SPEECH.read_text(encoding="utf-8")), text_column="text")


def test_a_memory_url_found_in_its_folder_is_named_as_given_and_read_once(memory: Any) -> None:
    memory.pipe("/corpus/a.txt", SPEECH.read_bytes())
    memory.pipe("/corpus/b.txt", NEWS.read_bytes())
    report = diffkit.dedupe("memory://corpus/", diffs=False)
    assert [d.path for d in report.documents] == ["memory://corpus/a.txt", "memory://corpus/b.txt"]
    # Named alone and found in its folder, a file is one input, read once.
    shown = _dedupe("memory://corpus/a.txt", "memory://corpus/")
    assert [d["path"] for d in shown["documents"]] == [d.path for d in report.documents]


def test_two_texts_of_one_name_keep_their_own_document_numbers_in_the_members_table() -> None:
    text = SPEECH.read_text(encoding="utf-8")[:4000]
    report = diffkit.dedupe([diffkit.Text(text), diffkit.Text(text)], diffs=False)
    assert [d.path for d in report.documents] == ["<text>", "<text>"]
    by_member = {(row[0], row[2]) for row in rows(report)}
    starts = {(m.document, m.span.start) for c in report.clusters for m in c.members}
    assert by_member == starts and {n for n, _ in by_member} == {0, 1}
    # Read back from JSON, where a member keeps only its path, the path names the document.
    again = DedupeReport.from_dict(orjson.loads(report.to_json()))
    assert {row[0] for row in rows(again)} == {0}

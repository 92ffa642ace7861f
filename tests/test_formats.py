"""Each verb's formats come from one registry: the CLI offers them, and each writes a report
that reads back."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from diffkit import formats
from diffkit.cli import cli
from diffkit.schemas import schema_for

from .conftest import NEWS_2023_TRAD, SPEECH_2020, SPEECH_2023_SIMP


@pytest.mark.parametrize("verb", ["segments", "compare", "dedupe"])
def test_the_cli_offers_the_registered_formats(verb: str) -> None:
    result = CliRunner().invoke(cli, [verb, "--help"])
    assert result.exit_code == 0
    for name in formats.names(verb):
        assert name in result.output
    with pytest.raises(Exception, match="unknown format"):
        formats.lookup(verb, "yaml")


def test_segments_json_is_a_report_of_its_schema() -> None:
    result = CliRunner().invoke(cli, ["segments", str(SPEECH_2023_SIMP), "--format", "json"])
    data = json.loads(result.output)
    jsonschema.validate(data, schema_for(data["schema"]))
    assert data["schema"] == "diffkit.segments/1" and len(data["segments"]) > 10
    sentences = CliRunner().invoke(
        cli, ["segments", str(SPEECH_2023_SIMP), "--format", "json", "--sentences"]
    )
    assert len(json.loads(sentences.output)["segments"]) > len(data["segments"])


def test_every_format_writes_a_report_that_reads_back(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in formats.names("compare"):
        out = tmp_path / f"c.{name}"
        args = ["compare", str(NEWS_2023_TRAD), str(SPEECH_2023_SIMP), "--format", name]
        result = runner.invoke(cli, [*args, "-o", str(out), "-q"])
        assert result.exit_code == 1 and out.stat().st_size > 1000, name
    data = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema_for(data["schema"]))
    for name in formats.names("dedupe"):
        out = tmp_path / f"d.{name}"
        args = ["dedupe", str(SPEECH_2020), "--format", name, "--report", str(out), "-q"]
        assert runner.invoke(cli, args).exit_code == 0, name
    rows = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text(encoding="utf-8"))))
    lines = (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
    assert rows and lines and all(json.loads(line)["schema"] for line in lines)

"""The QA-script API: what `import diffkit` offers scripts, checked as scripts use it."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import diffkit
from diffkit.cli import cli

from .conftest import NEWS_2023_TRAD, SPEECH_2023_SIMP


def test_same_comparison_through_api_and_cli_json() -> None:
    api = diffkit.compare(NEWS_2023_TRAD, SPEECH_2023_SIMP, ignore=["script"])
    result = CliRunner().invoke(
        cli,
        [
            "compare",
            str(NEWS_2023_TRAD),
            str(SPEECH_2023_SIMP),
            "--ignore",
            "script",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == diffkit.ExitCode.FOUND
    assert json.loads(result.stdout) == api.to_dict()
    assert diffkit.load_report(result.stdout) == api


def test_cli_json_validates_against_the_shipped_schemas() -> None:
    runner = CliRunner()
    out = runner.invoke(
        cli, ["compare", str(NEWS_2023_TRAD), str(SPEECH_2023_SIMP), "--format", "json"]
    ).stdout
    data = json.loads(out)
    jsonschema.validate(data, diffkit.schema_for(data["schema"]))
    for granularity in ("paragraph", "passage"):
        out = runner.invoke(
            cli,
            [
                "dedupe",
                str(SPEECH_2023_SIMP),
                "--granularity",
                granularity,
                "--format",
                "json",
                "-q",
            ],
        ).stdout
        data = json.loads(out)
        jsonschema.validate(data, diffkit.schema_for("diffkit.dedupe/1"))
    cluster_schema = {**diffkit.schema_for("diffkit.dedupe/1"), "$ref": "#/$defs/cluster"}
    del cluster_schema["required"], cluster_schema["properties"]
    for line in runner.invoke(
        cli, ["dedupe", str(SPEECH_2023_SIMP), "--format", "jsonl", "-q"]
    ).stdout.splitlines():
        jsonschema.validate(json.loads(line), cluster_schema)
    with pytest.raises(diffkit.UsageError):
        diffkit.schema_for("diffkit.compare/99")


def test_reports_round_trip_through_saved_files(tmp_path: Path) -> None:
    report = diffkit.dedupe([SPEECH_2023_SIMP])
    saved = tmp_path / "dups.json"
    saved.write_text(report.to_json(), encoding="utf-8")
    again = diffkit.load_report(saved)
    assert isinstance(again, diffkit.DedupeReport) and again == report
    cluster = again.clusters[0]
    assert isinstance(cluster, diffkit.Cluster) and isinstance(cluster.members[1], diffkit.Member)
    # A report cut short is an input error naming what is missing, not a KeyError.
    data = json.loads(report.to_json())
    del data["documents"]
    with pytest.raises(diffkit.InputError, match="documents"):
        diffkit.load_report(data)
    # Text that is no report and names no file says so; a path that names no file is missing.
    with pytest.raises(diffkit.InputError, match="neither a report's JSON"):
        diffkit.load_report("not json")
    with pytest.raises(diffkit.FileMissingError, match=r"gone\.json"):
        diffkit.load_report(str(tmp_path / "gone.json"))
    # What is not a whole report is named and said in one line: a folder, JSON without a
    # schema, and JSON Lines (clusters without the documents), one line or several.
    with pytest.raises(diffkit.InputError, match="is a folder"):
        diffkit.load_report(tmp_path)
    with pytest.raises(
        diffkit.InputError, match='<report>: is not a diffkit report: it has no "schema"'
    ):
        diffkit.load_report("{}")
    (tmp_path / "list.json").write_text("[]", encoding="utf-8")
    with pytest.raises(
        diffkit.InputError, match=r"list\.json: is not a diffkit report: it is a JSON list"
    ):
        diffkit.load_report(tmp_path / "list.json")
    newer = {**json.loads(report.to_json()), "schema": "diffkit.dedupe/2"}
    with pytest.raises(diffkit.InputError, match=r"is a diffkit\.dedupe/2 report; this diffkit"):
        diffkit.load_report(newer)
    assert diffkit.load_report(report.to_json().encode()) == report
    lines = (
        CliRunner().invoke(cli, ["dedupe", str(SPEECH_2023_SIMP), "--format", "jsonl", "-q"]).stdout
    )
    assert lines.count("\n") >= 1
    for text in (lines, lines.splitlines()[0]):
        (tmp_path / "dups.jsonl").write_text(text, encoding="utf-8")
        with pytest.raises(diffkit.InputError, match=r"dups\.jsonl: is a JSON Lines report"):
            diffkit.load_report(tmp_path / "dups.jsonl")


def test_results_are_frozen_readable_and_compared_by_value() -> None:
    result = diffkit.diff("劉正興表示，要帶領群衆致富", "刘正兴表示,要带领群众富裕")
    assert isinstance(result, diffkit.DiffResult)
    edit = result.content()[0]
    assert isinstance(edit, diffkit.Edit)
    assert "致富" in repr(edit) and edit.to_dict()["category"] == "content"
    with pytest.raises(dataclasses.FrozenInstanceError):
        edit.category = "script"  # type: ignore[misc]
    assert diffkit.diff("劉正興表示，要帶領群衆致富", "刘正兴表示,要带领群众富裕") == result
    pair = diffkit.compare(NEWS_2023_TRAD, SPEECH_2023_SIMP).pairs[0]
    assert isinstance(pair, diffkit.Pair) and isinstance(pair.a, diffkit.Span)
    assert str(pair.a).startswith(str(NEWS_2023_TRAD))


def test_assert_equivalent_passes_and_explains_a_failure() -> None:
    quoted = next(p.text for p in diffkit.segments(NEWS_2023_TRAD) if p.span.start_line == 47)
    spoken = next(p.text for p in diffkit.segments(SPEECH_2023_SIMP) if p.span.start_line == 35)
    with pytest.raises(AssertionError) as failure:
        diffkit.assert_equivalent(
            diffkit.load(quoted, name="news:47"), diffkit.load(spoken, name="speech:35")
        )
    message = str(failure.value)
    assert "content replace: '緻富' -> '富裕'" in message
    assert re.search(r"A news:47:1 ", message) and re.search(r"B speech:35:[123] ", message)
    assert "[緻富]" in message and "[富裕]" in message
    report = diffkit.assert_equivalent(
        "市委將(jiāng)一如既往支持人大。", "市委将一如既往支持人大。"
    )
    assert report.counts()["annotation"] == 1


def test_assert_no_duplicates_lists_every_cluster(tmp_path: Path) -> None:
    with pytest.raises(AssertionError) as failure:
        diffkit.assert_no_duplicates([SPEECH_2023_SIMP])
    assert "2023-closing-speech-simplified.txt:39" in str(failure.value)
    (tmp_path / "clean.txt").write_text("一段只出现一次的文字，说完就结束了。\n", encoding="utf-8")
    assert diffkit.assert_no_duplicates(tmp_path).clusters == ()


def test_progress_and_cancel() -> None:
    stages: list[str] = []
    diffkit.compare(
        NEWS_2023_TRAD, SPEECH_2023_SIMP, progress=lambda stage, _: stages.append(stage)
    )
    assert stages[0] == "load" and stages[-1] == "done"
    with pytest.raises(diffkit.Cancelled):
        diffkit.dedupe([SPEECH_2023_SIMP], cancel=lambda: True)


def test_options_share_names_with_the_cli() -> None:
    assert set(diffkit.STEPS) == {
        "width",
        "whitespace",
        "annotation",
        "script",
        "regional",
        "punctuation",
        "case",
    }
    assert diffkit.DEFAULT_PROFILE is diffkit.PROFILES["default"]
    assert "content" in diffkit.CATEGORIES
    layout = diffkit.segments(NEWS_2023_TRAD, profile="layout")
    assert any("會" in s.folded for s in layout)
    sentences: tuple[diffkit.Segment, ...] = diffkit.segments(
        SPEECH_2023_SIMP, granularity="sentence"
    )
    assert len(sentences) > len(diffkit.segments(SPEECH_2023_SIMP))
    granularity: diffkit.Granularity = "paragraph"
    source: diffkit.Source = SPEECH_2023_SIMP
    assert diffkit.segment(diffkit.load(source)).segments(granularity)
    assert isinstance(diffkit.segment(diffkit.load(source)), diffkit.Segmented)
    assert diffkit.pair_similarity("發展致富之路。", "发展致富之路。") == 1.0
    assert diffkit.__version__.count(".") == 2


def test_errors_are_typed_and_name_the_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("字" * 10, encoding="utf-8")
    with pytest.raises(diffkit.InputTooLargeError, match=r"big\.txt"):
        _too_large(big)
    with pytest.raises(diffkit.DiffkitError):
        diffkit.compare(tmp_path / "nope.txt", SPEECH_2023_SIMP)
    with pytest.raises(diffkit.UsageError):
        diffkit.dedupe([SPEECH_2023_SIMP], threshold=2.0)
    assert issubclass(diffkit.FileMissingError, diffkit.InputError)
    assert issubclass(diffkit.BinaryInputError, diffkit.InputError)
    assert issubclass(diffkit.DecodeError, diffkit.DiffkitError)


def _too_large(path: Path) -> None:
    from diffkit.loading import load_path

    load_path(path, max_bytes=5)


def test_documents_and_folding_keep_the_way_back() -> None:
    doc = diffkit.load(SPEECH_2023_SIMP)
    assert isinstance(doc, diffkit.Document) and doc.encoding == "utf-8"
    folded = diffkit.fold("完成(chéng)各項議程")
    assert isinstance(folded, diffkit.Folded)
    assert folded.original_range(2, 4) == (9, 11)  # 各項, after the reading (chéng)
    profile = diffkit.FoldProfile("mine", ("whitespace", "script"))
    assert diffkit.fold("發 表", profile=profile).text == "发表"

"""The HTML report: self-contained, and working in a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from diffkit.cli import cli

from .conftest import NEWS_2023_TRAD, SPEECH_2023_SIMP

CHROMIUM = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "report.html"
    result = CliRunner().invoke(
        cli,
        [
            "compare",
            str(NEWS_2023_TRAD),
            str(SPEECH_2023_SIMP),
            "--format",
            "html",
            "-o",
            str(out),
            "--ignore",
            "script",
        ],
    )
    assert result.exit_code == 1, result.output
    return out


def test_report_is_self_contained_with_filters_map_and_pairs(report_html: Path) -> None:
    page = report_html.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="https?:', page)
    assert page.count('class="pair') >= 10
    assert 'data-cat="content"' in page and 'data-cat="script"' in page
    assert '<svg id="map"' in page and page.count("<polygon") >= 10
    assert 'class="e c-content a"' in page and "緻富" in page and "富裕" in page


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (.ci/run installs it)")
def test_report_runs_in_headless_chromium(report_html: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    dom = dump_dom(report_html, tmp_path)
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None
    # The script ran: it marks the page ready and hides the category the report ignores.
    assert 'data-ready="yes"' in body.group(0)
    assert "hide-script" in body.group(0)
    assert "hide-content" not in body.group(0)


def dump_dom(page: Path, tmp_path: Path, *options: str) -> str:
    """The DOM headless Chromium has made of ``page`` once its scripts ran."""
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *options,
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout

"""Shared fixtures: the sample documents, by what they are."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

REPORT_2016 = SAMPLES / "2016-standing-committee-report-pdf.txt"
SPEECH_2020 = SAMPLES / "2020-closing-speech-and-resolutions-wrapped.txt"
REPORT_2021 = SAMPLES / "2021-standing-committee-report.txt"
NEWS_2023_TRAD = SAMPLES / "2023-closing-speech-news-traditional.txt"
SPEECH_2023_SIMP = SAMPLES / "2023-closing-speech-simplified.txt"
SEEDS = (REPORT_2016, SPEECH_2020, REPORT_2021, NEWS_2023_TRAD, SPEECH_2023_SIMP)

settings.register_profile("ci", deadline=None, max_examples=150)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def client() -> Iterator[object]:
    """One Dask cluster of two workers (threads of this process), shared by every test of
    the engine: starting one costs seconds."""
    distributed = pytest.importorskip("distributed")
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as running,
    ):
        yield running

"""The dask engine's local cluster called from a plain script with no main guard: its
workers must not run the script again, or the call is refused with a typed error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("distributed")

SCRIPT = """\
import diffkit
from diffkit.errors import UsageError

print("start", flush=True)
try:
    report = diffkit.dedupe([{samples!r}], engine="dask", workers=2)
except UsageError as exc:
    print("UsageError:", exc, flush=True)
else:
    print("clusters", len(report.clusters), flush=True)
"""


def _run(tmp_path: Path, method: str | None) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "plain.py"
    script.write_text(SCRIPT.format(samples=str(ROOT / "samples")), encoding="utf-8")
    env = dict(os.environ)
    env.pop("DASK_SCHEDULER_ADDRESS", None)
    if method:
        env["DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD"] = method
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="workers are forked on Linux only")
def test_a_script_without_a_main_guard_runs_the_engine_once(tmp_path: Path) -> None:
    done = _run(tmp_path, None)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "start" and lines.count("start") == 1
    local = __import__("diffkit").dedupe([str(ROOT / "samples")])
    assert lines[1:] == [f"clusters {len(local.clusters)}"]
    assert "Nanny failed" not in done.stderr and "freeze_support" not in done.stderr


def test_spawned_workers_of_a_script_without_a_guard_are_a_usage_error(tmp_path: Path) -> None:
    done = _run(tmp_path, "forkserver")
    assert done.returncode == 0, done.stderr
    told = [line for line in done.stdout.splitlines() if line.startswith("UsageError:")]
    assert told, done.stdout + done.stderr
    assert all('if __name__ == "__main__":' in line and "scheduler=" in line for line in told)
    assert "freeze_support" not in done.stdout + done.stderr

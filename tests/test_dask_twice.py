"""Two dedupe calls on the dask engine in one process, each starting its own local cluster:
the second's workers are forked from a process the first cluster has used, and must work as
the first's do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from diffkit import dedupe

from .conftest import ROOT

pytest.importorskip("distributed")

SCRIPT = """\
import json, sys
import diffkit

for _ in range(2):
    report = diffkit.dedupe([{samples!r}], engine="dask", workers=2)
    print(json.dumps([[m.span.start_line for m in c.members] for c in report.clusters]))
    sys.stdout.flush()
"""


def test_a_second_local_cluster_in_one_process_gives_the_same_report(tmp_path: Path) -> None:
    script = tmp_path / "twice.py"
    script.write_text(SCRIPT.format(samples=str(ROOT / "samples")), encoding="utf-8")
    env = dict(os.environ)
    env.pop("DASK_SCHEDULER_ADDRESS", None)
    # Every message goes through distributed's offload thread, as messages over 10 MiB do
    # on a corpus: the second cluster's workers hung on the first message they received.
    env["DASK_DISTRIBUTED__COMM__OFFLOAD"] = "1"
    try:
        done = subprocess.run(
            [sys.executable, str(script)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=90,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the calls hung: {exc.stdout!r}")
    assert done.returncode == 0, done.stderr[-2000:]
    local = dedupe([ROOT / "samples"])
    expected = [[m.span.start_line for m in c.members] for c in local.clusters]
    assert [json.loads(line) for line in done.stdout.splitlines()] == [expected, expected]

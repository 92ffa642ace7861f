"""`diffkit tui` in a real terminal: scripts/tmux-check.sh drives it inside tmux."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "tmux-check.sh"


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_the_app_answers_keys_in_a_real_terminal() -> None:
    command = Path(sys.executable).parent / "diffkit"
    env = {**os.environ, "DIFFKIT": str(command) if command.exists() else "diffkit"}
    result = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, timeout=300, env=env, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("tmux-check: ok")

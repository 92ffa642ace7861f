"""The documentation runs: every Python example in docs/ and README, and every public name
documented and tested."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import re
from pathlib import Path

import pytest
from opencc_pyo3 import OpenCC

import diffkit

from .conftest import ROOT, SPEECH_2020, SPEECH_2023_SIMP

_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


def test_qa_guide_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    simplified, traditional = tmp_path / "simplified", tmp_path / "traditional"
    simplified.mkdir()
    traditional.mkdir()
    for source in (SPEECH_2023_SIMP, SPEECH_2020):
        text = source.read_text(encoding="utf-8")
        (simplified / source.name).write_text(text, encoding="utf-8")
        (traditional / source.name).write_text(OpenCC("s2t").convert(text), encoding="utf-8")
    report_path = tmp_path / "nightly.json"
    monkeypatch.setenv("SIMPLIFIED_DIR", str(simplified))
    monkeypatch.setenv("TRADITIONAL_DIR", str(traditional))
    monkeypatch.setenv("REPORT_PATH", str(report_path))
    monkeypatch.chdir(ROOT)
    blocks = _BLOCK.findall((ROOT / "docs" / "qa-scripts.md").read_text(encoding="utf-8"))
    assert len(blocks) == 4
    for block in blocks:
        exec(compile(block, "docs/qa-scripts.md", "exec"), {})
    nightly = report_path.read_text(encoding="utf-8")
    assert '"differences": 0' in nightly


def test_readme_library_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for block in _BLOCK.findall(readme):
        exec(compile(block, "README.md", "exec"), {})


def test_docstring_examples_hold() -> None:
    failures = 0
    for info in pkgutil.walk_packages(diffkit.__path__, "diffkit."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        failures += doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed
    assert failures == 0


_CONSTANTS = {
    "CATEGORIES",
    "DEFAULT_PROFILE",
    "PROFILES",
    "STEPS",
    "__version__",
    "Source",
    "Granularity",
}


def test_every_public_name_has_a_docstring_and_a_test() -> None:
    tests = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "tests").rglob("*.py")
        if p.name != "test_docs.py"
    )
    for name in diffkit.__all__:
        obj = getattr(diffkit, name)
        if name not in _CONSTANTS:
            assert (obj.__doc__ or "").strip(), f"diffkit.{name} has no docstring"
            if callable(obj) and not isinstance(obj, type):
                assert ">>>" in (obj.__doc__ or ""), (
                    f"diffkit.{name} has no example in its docstring"
                )
        assert re.search(rf"\b{re.escape(name)}\b", tests), f"diffkit.{name} is used by no test"


def test_cli_commands_are_in_readme() -> None:
    from diffkit.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:  # type: ignore[attr-defined]
        assert f"diffkit {name}" in readme, name
    assert os.path.exists(ROOT / ".ci" / "run")

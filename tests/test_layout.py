"""The package's layout: no module is hidden behind a function of the same name, and the core
imports no module of the app."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import types

import diffkit

from .conftest import ROOT


def test_no_module_is_shadowed_by_a_name_of_the_package() -> None:
    for info in pkgutil.iter_modules(diffkit.__path__):
        if info.name == "__main__":
            continue  # importing it runs the command
        module = importlib.import_module(f"diffkit.{info.name}")
        shown = getattr(diffkit, info.name, module)
        assert shown is module or isinstance(shown, types.ModuleType), info.name
    for verb in ("compare", "dedupe", "diff", "segment", "load", "fold"):
        assert callable(getattr(diffkit, verb)) and not isinstance(
            getattr(diffkit, verb), types.ModuleType
        )


def test_the_core_imports_no_module_of_the_app() -> None:
    for path in (ROOT / "diffkit").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not [n for n in names if n.split(".")[0] in ("textual", "diffkit_tui")], path

"""The fold steps and edit categories are declared once (diffkit.vocabulary); every table that
lists them agrees with the declaration."""

from __future__ import annotations

import json
from typing import Any, get_args

import diffkit
from diffkit import qa, render
from diffkit.folding import STEP_HELP, STEPS
from diffkit.formats import html_page
from diffkit.model import Category
from diffkit.schemas import schema_for
from diffkit.vocabulary import EDIT_CATEGORIES, FOLD_STEPS

NAMES = [c.name for c in EDIT_CATEGORIES]


def _enums(node: Any) -> list[list[str]]:
    found: list[list[str]] = []
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            found.append(node["enum"])
        for value in node.values():
            found += _enums(value)
    elif isinstance(node, list):
        for value in node:
            found += _enums(value)
    return found


def test_the_categories_are_the_declared_ones_everywhere() -> None:
    assert list(diffkit.CATEGORIES) == NAMES
    assert list(get_args(Category)) == NAMES
    assert list(render.CATEGORY_STYLE) == NAMES and list(render.CATEGORY_BADGE) == NAMES
    assert len(set(render.CATEGORY_BADGE.values())) == len(NAMES)
    assert len({c.key for c in EDIT_CATEGORIES}) == len(NAMES)
    assert set(qa.NOISE) == set(NAMES) - {"regional", "content"}
    html = html_page._CATEGORY_STYLE
    assert all(f".c-{name}.a" in html and f"body.hide-{name}" in html for name in NAMES)


def test_the_steps_are_the_declared_ones_everywhere() -> None:
    assert list(STEPS) == [s.name for s in FOLD_STEPS] == list(diffkit.STEPS)
    assert list(STEP_HELP) == list(STEPS)
    assert diffkit.PROFILES["default"].steps == STEPS


def test_the_schemas_enums_name_the_declared_categories() -> None:
    for name in ("diffkit.compare/1", "diffkit.dedupe/1"):
        schema = json.loads(json.dumps(schema_for(name)))
        enums = [e for e in _enums(schema) if "content" in e]
        assert enums, name
        assert all(e == NAMES for e in enums), (name, enums)

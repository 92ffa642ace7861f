"""Reading what a screen shows, for assertions."""

from __future__ import annotations

from typing import Any

from diffkit_tui.diff_rows import CALM_STYLE
from diffkit_tui.screens.result import ResultScreen
from diffkit_tui.widgets.diff_view import DiffView
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Static

from diffkit.render import CATEGORY_STYLE


def screen(pilot: Pilot[Any]) -> ResultScreen:
    current = pilot.app.screen
    assert isinstance(current, ResultScreen)
    return current


def static_text(pilot: Pilot[Any], selector: str) -> str:
    content = pilot.app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Text) else str(content)


def title(pilot: Pilot[Any]) -> str:
    return static_text(pilot, "#title")


def shown_line(pilot: Pilot[Any], selector: str, y: int = 0) -> str:
    """Row ``y`` of a widget as it is painted, cut to its width."""
    return pilot.app.screen.query_one(selector).render_line(y).text


def diff_view(pilot: Pilot[Any]) -> DiffView:
    return pilot.app.screen.query_one(DiffView)


def styles_shown(pilot: Pilot[Any]) -> set[str]:
    """Every style applied in the diff view's rows."""
    return {str(span.style) for row in diff_view(pilot).rows.rows for span in row.spans}


def shows_category(pilot: Pilot[Any], category: str) -> bool:
    """Whether some edit of ``category`` is highlighted (its A or B style, loud or calm, is
    in the view)."""
    styles = (*CATEGORY_STYLE[category], CALM_STYLE.get(category, CATEGORY_STYLE[category][0]))
    return any(s.startswith(styles) for s in styles_shown(pilot))


def is_calm(pilot: Pilot[Any], category: str) -> bool:
    """Whether the edits of ``category`` shown are all in the calm view's style."""
    shown = [
        s
        for s in styles_shown(pilot)
        if s.startswith((*CATEGORY_STYLE[category], CALM_STYLE[category]))
    ]
    return bool(shown) and all(s.startswith(CALM_STYLE[category]) for s in shown)

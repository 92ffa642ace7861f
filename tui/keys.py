"""The keys of the comparison and duplicates screens, and the chips that show them.

Declared apart from the screens so the help, the footer and the state bar read one table; a
category's letter comes from diffkit's vocabulary and its number from the order of CATEGORIES.
"""

from __future__ import annotations

from typing import Final

from textual.binding import Binding, BindingType

from diffkit.model import CATEGORIES
from diffkit.render import CATEGORY_STYLE
from diffkit.vocabulary import EDIT_CATEGORIES

from .diff_rows import CALM_STYLE

CATEGORY_KEYS = {c.name: c.key for c in EDIT_CATEGORIES if c.key.isalpha()}
"""The letter keys of the categories that have one (diffkit.vocabulary); every category also
answers to its number in the order of CATEGORIES."""


NEEDS_RESULT = frozenset(
    {"move", "difference", "search", "document", "open", "export", "scroll_diff", "change"}
)


def _category_bindings() -> list[BindingType]:
    out: list[BindingType] = []
    for n, category in enumerate(CATEGORIES, start=1):
        letter = CATEGORY_KEYS.get(category)
        keys = f"{letter},{n}" if letter else str(n)
        out.append(
            Binding(
                keys,
                f"toggle_category('{category}')",
                category,
                show=False,
                key_display=f"{letter}/{n}" if letter else str(n),
                tooltip=f"Hide or show {category} edits (hidden: plain text, skipped by n)",
            )
        )
    return out


CATEGORY_CHIPS: Final = tuple(
    (
        category,
        CATEGORY_KEYS.get(category, str(CATEGORIES.index(category) + 1)),
        f"toggle_category('{category}')",
    )
    for category in reversed(CATEGORIES)
)
"""(category, key, action) of the state bar's chips: content first."""


def category_style(category: str, hidden: frozenset[str], calm: bool) -> str:
    """A category's chip: its colour, as the calm view shows it, or struck through."""
    if category in hidden:
        return "dim strike"
    if calm and category in CALM_STYLE:
        return CALM_STYLE[category]
    return CATEGORY_STYLE[category][1]


RESULT_BINDINGS: Final[list[BindingType]] = [
    Binding(
        "j",
        "move(1)",
        "next",
        show=False,
        key_display="j/↓",
        tooltip="Select the next row of the list (a click selects a row too)",
    ),
    Binding(
        "k",
        "move(-1)",
        "prev",
        show=False,
        key_display="k/↑",
        tooltip="Select the previous row of the list",
    ),
    Binding(
        "n",
        "difference(1)",
        "next",
        tooltip="Go to the next edit of a shown category, on into the next row that has one",
    ),
    Binding(
        "N",
        "difference(-1)",
        "prev",
        show=False,
        tooltip="Go to the previous edit of a shown category, back into the previous row",
    ),
    Binding("v", "layout", "layout", tooltip="Switch between side-by-side and inline"),
    Binding(
        "c",
        "content_only",
        "content",
        tooltip="Hide every category but content (shown as plain text, skipped by n), "
        "or show them all again",
    ),
    Binding(
        "C",
        "review",
        "review",
        tooltip="Review: only content edits and unmatched passages, or everything again",
    ),
    Binding(
        "u",
        "changed_only",
        "changed only",
        show=False,
        tooltip="List only pairs with content edits, and unmatched passages",
    ),
    Binding(
        "t",
        "calm",
        "calm",
        show=False,
        tooltip="Dim or brighten script, annotation, width and regional edits",
    ),
    *_category_bindings(),
    Binding(
        "f",
        "folded",
        "folded",
        show=False,
        tooltip="Show the folded text the matcher compared, or the original",
    ),
    Binding(
        "m",
        "similarity",
        "similarity",
        show=False,
        tooltip="Cycle the minimum similarity: 0, 50%, 80%, 95%",
    ),
    Binding("o", "sort", "sort", show=False, tooltip="Cycle the order of the list"),
    Binding("slash", "search", "search", key_display="/", tooltip="Search both texts"),
    Binding(
        "d", "document", "document", tooltip="Show the whole document with every passage marked"
    ),
    Binding(
        "e",
        "open('this')",
        "open",
        show=False,
        tooltip="Open the selected passage's source location",
    ),
    Binding(
        "E",
        "open('other')",
        "open other",
        show=False,
        tooltip="Open the counterpart's source location",
    ),
    Binding("x", "export('json')", "export", show=False, tooltip="Export the result as JSON"),
    Binding("X", "export('html')", "export HTML", show=False, tooltip="Export the result as HTML"),
    Binding(
        "g,colon",
        "goto",
        "go to line",
        show=False,
        key_display="g/:",
        tooltip="Go to a line of A (b12 for line 12 of B)",
    ),
    Binding(
        "y",
        "copy('a')",
        "copy",
        show=False,
        tooltip="Copy the text selected with the mouse, else A's side of the current "
        "edit, or the whole passage (OSC 52)",
    ),
    Binding(
        "Y",
        "copy('b')",
        "copy B",
        show=False,
        tooltip="Copy B's side of the current edit, or the whole passage",
    ),
    Binding(
        "z",
        "zoom",
        "zoom",
        show=False,
        tooltip="Hide the list to give the diff the whole width, or show it",
    ),
    Binding(
        "left_square_bracket",
        "list_size(-1)",
        "narrower list",
        show=False,
        key_display="[",
        tooltip="Make the list narrower (shorter when it stands above the diff)",
    ),
    Binding(
        "right_square_bracket",
        "list_size(1)",
        "wider list",
        show=False,
        key_display="]",
        tooltip="Make the list wider (taller when it stands above the diff)",
    ),
    Binding(
        "r",
        "rerun",
        "re-run",
        show=False,
        tooltip="Read the files again and re-run the analysis",
    ),
    Binding(
        "ctrl+d",
        "scroll_diff(1)",
        "scroll down",
        show=False,
        tooltip="Scroll the diff half a page down",
    ),
    Binding(
        "ctrl+u",
        "scroll_diff(-1)",
        "scroll up",
        show=False,
        tooltip="Scroll the diff half a page up",
    ),
]
"""The keys both result screens answer to; each screen adds its own."""

"""The words diffkit speaks in: its fold steps and its edit categories, each declared once.

Every other table is derived from these declarations: the fold chain's order and help
(``folding``), the categories' order (``model``), the terminal's styles and badges
(``render``), the HTML report's colours (``report``), the keys that hide a category in the
app, what a QA check ignores by default (``qa``); a test checks that the JSON schemas' enums
agree. Adding a step or a category starts here (docs/contributing.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class FoldStep:
    """One step of the fold chain; the chain runs the steps in the order declared."""

    name: str
    help: str
    """What the step folds, one line (the CLI's ``--skip`` help)."""


@dataclass(frozen=True, slots=True)
class EditCategory:
    """One reason two sides of an edit differ."""

    name: str
    help: str
    badge: str
    """The letter that counts these edits beside a pair."""
    key: str
    """The app's key that hides these edits."""
    style_a: str
    """The rich style of the A side of such an edit in a terminal."""
    style_b: str
    colour_a: str
    """The HTML report's background of the A side."""
    colour_b: str
    noise: bool
    """Whether a QA check ignores it by default: publishing made it, not an editor."""


FOLD_STEPS: Final = (
    FoldStep("width", "Unicode NFKC: full-width letters, digits and marks, compatibility forms"),
    FoldStep(
        "whitespace",
        "drop spaces and line breaks next to CJK text or punctuation, collapse the rest",
    ),
    FoldStep("annotation", "remove pinyin readings after a character: 完成(chéng) -> 完成"),
    FoldStep("script", "Traditional to Simplified (OpenCC hk2s plus a small variant table)"),
    FoldStep(
        "regional",
        "Taiwan and Hong Kong wording to mainland wording (OpenCC's phrase tables and a "
        "glossary: 檔案/文件, 建立/创建, 指令/命令); goes with script",
    ),
    FoldStep("punctuation", 'equivalent marks to one form: ，/, ；/; “”/「」/"" ...'),
    FoldStep("case", "Latin upper case to lower case"),
)

EDIT_CATEGORIES: Final = (
    EditCategory(
        "whitespace",
        "spaces and line breaks",
        "W",
        "w",
        "on grey23",
        "on grey23",
        "#e6e6e6",
        "#e6e6e6",
        True,
    ),
    EditCategory(
        "punctuation",
        "a mark in another form, or a mark added, dropped or changed",
        "P",
        "p",
        "cyan",
        "cyan",
        "#dff3f7",
        "#dff3f7",
        True,
    ),
    EditCategory(
        "annotation",
        "a pinyin reading added or dropped",
        "A",
        "a",
        "magenta strike",
        "magenta",
        "#f3ddf7",
        "#f3ddf7",
        True,
    ),
    EditCategory(
        "width",
        "full-width or half-width forms",
        "F",
        "4",
        "blue",
        "blue",
        "#dde6ff",
        "#dde6ff",
        True,
    ),
    EditCategory(
        "case", "upper or lower case", "K", "5", "blue", "blue", "#dde6ff", "#dde6ff", True
    ),
    EditCategory(
        "script",
        "Traditional or Simplified script",
        "S",
        "s",
        "yellow",
        "yellow",
        "#fff6cc",
        "#fff6cc",
        True,
    ),
    EditCategory(
        "regional",
        "Taiwan or Hong Kong wording (文件/檔案, 命令/指令)",
        "R",
        "7",
        "bold black on yellow",
        "bold black on yellow",
        "#ffe08a",
        "#ffe08a",
        False,
    ),
    EditCategory(
        "content",
        "a real change of the text",
        "C",
        "8",
        "bold white on dark_red",
        "bold white on dark_green",
        "#fdd",
        "#dfd",
        False,
    ),
)

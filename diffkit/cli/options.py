"""The options several commands share, with the same names as the API keywords, and the
parsing of their comma-separated lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..comparison import check_categories
from ..errors import UsageError
from ..folding import PROFILES, STEP_HELP, STEPS

F = TypeVar("F", bound=Callable[..., Any])


def parse_steps(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    steps = tuple(s.strip() for s in value.split(",") if s.strip())
    for step in steps:
        if step not in STEPS:
            raise UsageError(f"unknown fold step {step!r}; the steps are: {', '.join(STEPS)}")
    return steps


def parse_categories(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return check_categories(s.strip() for s in value.split(",") if s.strip())


def fold_options(func: F) -> F:
    """The folding options every command shares, with the same names as the API keywords."""
    steps_help = "; ".join(f"{name}: {text}" for name, text in STEP_HELP.items())
    func = click.option(
        "--skip",
        "skip",
        metavar="STEP[,STEP]",
        help=f"Fold steps to switch off. Steps — {steps_help}.",
    )(func)
    func = click.option(
        "--profile",
        type=click.Choice(sorted(PROFILES)),
        default="default",
        show_default=True,
        help="Named set of fold steps: default folds all; script all but regional wording; "
        "layout keeps the script; none folds nothing.",
    )(func)
    func = click.option(
        "--encoding", default=None, help="Read inputs in this encoding instead of detecting it."
    )(func)
    return func


def glossary_option(func: F) -> F:
    """``--glossary FILE``: terms of the user's own, folded with the shipped glossary's."""
    return click.option(
        "--glossary",
        metavar="FILE",
        default=None,
        help="More terms to fold together and call regional: a UTF-8 file of two tab-separated "
        "columns, the mainland term then its Taiwan or Hong Kong counterpart (added to the "
        "shipped glossary).",
    )(func)

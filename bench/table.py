"""The shape of a benchmark's result and how the suite prints it.

Every benchmark returns rows for the table (already formatted: what a reader compares) and raw
figures for results.json (what a script compares), so the two can never disagree about which
run produced what.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

__all__ = ["MET", "NOT_MET", "Outcome", "Row", "goal_status", "print_outcomes"]

MET = "met"
NOT_MET = "NOT MET"


@dataclass(frozen=True)
class Row:
    """One figure: its median and run count, its baseline, and the goal it is held to."""

    bench: str
    figure: str
    value: str
    runs: str = ""
    baseline: str = ""
    ratio: str = ""
    goal: str = ""
    status: str = ""


@dataclass
class Outcome:
    """What one benchmark measured."""

    name: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"rows": [asdict(r) for r in self.rows], "notes": self.notes, "raw": self.raw}


def goal_status(met: bool) -> str:
    return MET if met else NOT_MET


def print_outcomes(console: Console, outcomes: list[Outcome]) -> None:
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, pad_edge=False)
    for column, justify in (
        ("bench", "left"),
        ("figure", "left"),
        ("median", "right"),
        ("runs", "right"),
        ("baseline (median)", "left"),
        ("ratio", "right"),
        ("goal", "left"),
        ("status", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for outcome in outcomes:
        for row in outcome.rows:
            style = "bold red" if row.status.startswith(NOT_MET) else None
            table.add_row(
                row.bench,
                row.figure,
                row.value,
                row.runs,
                row.baseline,
                row.ratio,
                row.goal,
                row.status,
                style=style,
            )
        table.add_section()
    console.print(table)
    for outcome in outcomes:
        for note in outcome.notes:
            console.print(f"[bold]{outcome.name}[/bold]: {note}", highlight=False)

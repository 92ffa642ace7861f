"""The text format: the terminal report of each verb, printed on a rich console (coloured in
a terminal, with ``[-as in A-]{+as in B+}`` marks when piped or written to a file)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import CATEGORIES, Edit, Member, Pair, SegmentsReport
from ..render import Layout, legend, line_range, pair_view, printable, shorten

if TYPE_CHECKING:
    from ..comparison import CompareReport
    from ..deduplication import DedupeReport


def plural(n: int, noun: str) -> str:
    """``1 cluster``, ``2 clusters``."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def plain_output(console: Console) -> bool:
    """Whether this output has no colour (a pipe, a file, NO_COLOR): edits then need marks."""
    return not console.is_terminal or console.no_color or console.color_system is None


def compare_summary(report: CompareReport) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2))
    table.add_row(
        Text("A", style="cyan bold"),
        f"{report.a.path}  ({report.a.lines} lines, {report.a.encoding})",
    )
    table.add_row(
        Text("B", style="green bold"),
        f"{report.b.path}  ({report.b.lines} lines, {report.b.encoding})",
    )
    table.add_row(
        "similarity",
        f"{report.similarity:.1%}   coverage A {report.coverage_a:.1%}, B {report.coverage_b:.1%}",
    )
    kinds: dict[str, int] = {}
    for p in report.pairs:
        kinds[p.kind] = kinds.get(p.kind, 0) + 1
    moved = sum(p.moved for p in report.pairs)
    table.add_row(
        "pairs",
        f"{len(report.pairs)}: "
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
        + (f"; {moved} moved" if moved else ""),
    )
    table.add_row("unmatched", f"A {len(report.unmatched_a)}, B {len(report.unmatched_b)}")
    counts = report.counts()
    edits = Text()
    for cat in CATEGORIES:
        if counts[cat]:
            style = "dim" if cat in report.ignore else ""
            edits.append(f"{cat} {counts[cat]}  ", style=style)
    table.add_row("edits", edits)
    endings = line_ending_edits(report)
    if endings:
        table.add_row(
            "line endings",
            f"differ: A {_ending_name(endings, 'a')}, B {_ending_name(endings, 'b')} "
            f"({plural(len(endings), 'whitespace edit')}, not shown below)",
        )
    differences = report.differences()
    unmatched = (
        len(report.unmatched_a) + len(report.unmatched_b) if "content" not in report.ignore else 0
    )
    verdict = (
        Text(f"{plural(differences, 'counted difference')}", style="bold red")
        if differences
        else Text("no counted differences", style="bold green")
    )
    if differences and unmatched:
        verdict.append(
            f": {plural(differences - unmatched, 'edit')} in pairs, "
            f"{plural(unmatched, 'unmatched passage')}",
            style="red",
        )
    if report.ignore:
        verdict.append(f"  (ignoring {', '.join(report.ignore)})", style="dim")
    table.add_row("result", verdict)
    return table


def is_line_ending(edit: Edit) -> bool:
    """Whether ``edit`` changes only how lines end (CRLF, CR, LF): the same text either side."""
    a, b = edit.a_text, edit.b_text
    if "\r" not in a and "\r" not in b:
        return False
    # The diff may cut CRLF CRLF against LF LF as CR LF CR against LF, and an LF in common.
    return _as_lf(a) == _as_lf(b) or a.replace("\r", "") == b.replace("\r", "")


def _as_lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def line_ending_edits(report: CompareReport) -> list[Edit]:
    return [e for p in report.pairs for e in p.edits if is_line_ending(e)]


def _ending_name(edits: Sequence[Edit], side: str) -> str:
    texts = [e.a_text if side == "a" else e.b_text for e in edits]
    if any("\r\n" in t for t in texts):
        return "CRLF"
    return "CR" if any("\r" in t for t in texts) else "LF"


_QUIET_SHOWN: Final = 10
"""How many pairs without counted differences the text report names, without --all."""


def print_compare(
    console: Console,
    report: CompareReport,
    *,
    layout: Layout = "side-by-side",
    show_all: bool = False,
) -> None:
    """The terminal report: summary, the pairs with counted differences, the unmatched."""
    markers = plain_output(console)
    console.print(compare_summary(report))
    console.print(legend(markers))
    console.print()
    hidden = frozenset(report.ignore)
    quiet: list[Pair] = []
    for whole in report.pairs:
        # Line endings are said once, in the summary, not as a mark in every pair.
        pair = dataclasses.replace(
            whole, edits=tuple(e for e in whole.edits if not is_line_ending(e))
        )
        if show_all or pair.counted(hidden):
            console.print(pair_view(pair, layout=layout, hidden=hidden, markers=markers))
        else:
            quiet.append(pair)
    if quiet:
        shown = quiet if show_all else quiet[:_QUIET_SHOWN]
        aside = " (line endings aside)" if line_ending_edits(report) else ""
        console.print(
            Text(f"{plural(len(quiet), 'pair')} without counted differences{aside}:", style="bold")
        )
        for pair in shown:
            console.print(
                Text(
                    f"  A {line_range(pair.a.start_line, pair.a.end_line)} ↔ B {line_range(pair.b.start_line, pair.b.end_line)}"
                    f"  {pair.kind}" + ("  moved" if pair.moved else ""),
                    style="dim",
                )
            )
        if len(shown) < len(quiet):
            console.print(
                Text(f"  … {len(quiet) - len(shown)} more (--all lists them)", style="dim")
            )
    for side, items in (("A", report.unmatched_a), ("B", report.unmatched_b)):
        if items:
            console.print(Text(f"Only in {side}:", style="bold"))
            for seg in items:
                console.print(
                    Text.assemble((f"  {seg.span.start_line:>5} ", "cyan"), shorten(seg.text, 120))
                )


def print_dedupe(console: Console, report: DedupeReport, *, limit: int = 50) -> None:
    """The terminal report: a summary, then each cluster with its members' locations and the
    content edits that set each repeat apart from the first occurrence."""
    markers = plain_output(console)
    summary = Table(show_header=False, box=None, padding=(0, 2))
    docs = report.documents
    summary.add_row("documents", f"{len(docs)}" + (f"  ({docs[0].path})" if len(docs) == 1 else ""))
    summary.add_row(
        "granularity",
        f"{report.granularity}, threshold {report.threshold}, min {report.min_chars} chars",
    )
    summary.add_row(
        "found",
        Text(
            f"{plural(len(report.clusters), 'cluster')}, {plural(report.duplicates, 'repeat')}",
            style="bold red" if report.clusters else "bold green",
        ),
    )
    console.print(summary)
    for cluster in report.clusters[:limit]:
        console.print()
        # Below the threshold, a member joined through another member it is close to.
        chained = " (via a closer member)" if cluster.similarity < report.threshold else ""
        head = Text.assemble(
            (f"cluster {cluster.id}", "bold"),
            f"  ×{len(cluster.members)}  similarity ≥ {cluster.similarity:.0%}{chained}  ",
        )
        head.append(shorten(cluster.representative.text, 60), style="dim")
        console.print(head)
        for member in cluster.members:
            console.print(_member_line(member, markers))
    if len(report.clusters) > limit:
        console.print(
            Text(
                f"\n… {len(report.clusters) - limit} more clusters (use --format json for all)",
                style="dim",
            )
        )


def _member_line(member: Member, markers: bool) -> Text:
    """A member's place, and for a repeat its similarity and the first content edits that set
    it apart from the first occurrence."""
    where = f"{member.span.path}:{member.span.start_line}"
    if member.span.end_line != member.span.start_line:
        where += f"-{member.span.end_line}"
    if member.span.start_column != 1:
        where += f" (col {member.span.start_column})"
    line = Text.assemble(("  ● " if member.representative else "  ○ ", "cyan"), where)
    if member.representative:
        line.append("  first occurrence", style="dim")
        return line
    line.append(f"  {member.similarity:.0%}")
    content = [e for e in member.edits if e.category in ("content", "regional")]
    others = len(member.edits) - len(content)
    for e in content[:3]:
        line.append("  ")
        if e.a_text:
            piece = shorten(e.a_text, 20)
            line.append(f"[-{piece}-]" if markers else piece, style="strike red")
        if e.b_text:
            piece = shorten(e.b_text, 20)
            line.append(f"{{+{piece}+}}" if markers else piece, style="green")
    if len(content) > 3:
        line.append(f"  +{len(content) - 3} more")
    if others:
        line.append(f"  ({plural(others, 'non-content edit')})", style="dim")
    return line


def print_segments(console: Console, report: SegmentsReport) -> None:
    """The terminal report: each segment's line range, kind and text, and its folded key
    where folding changed it."""
    console.print(
        Text.assemble(
            (report.path, "bold"),
            f"  {plural(len(report.segments), report.granularity)}, {report.encoding}, "
            f"profile {report.profile}",
        )
    )
    breaks = str.maketrans({"\r": "\n"})
    for seg in report.segments:
        lines = (
            f"{seg.span.start_line}"
            if seg.span.start_line == seg.span.end_line
            else f"{seg.span.start_line}-{seg.span.end_line}"
        )
        console.print(
            Text.assemble(
                (f"{lines:>9} ", "cyan"),
                (f"{seg.kind:<7} ", "dim"),
                printable(seg.text.replace("\r\n", "\n").translate(breaks)).replace("\n", " ⏎ "),
            )
        )
        if seg.folded != seg.text:
            folded = printable(seg.folded)
            console.print(Text.assemble(" " * 10, ("folded  ", "dim"), (folded, "dim")))

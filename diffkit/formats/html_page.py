"""The html format: a self-contained page to send, with filters by category, an alignment map
and the pairs side by side. Its style sheet and script are the package's ``report.css`` and
``report.js``; each category's colours come from the vocabulary."""

from __future__ import annotations

import html
import json
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Final

from ..model import CATEGORIES, Edit
from ..pair_kinds import Change, change_of
from ..vocabulary import EDIT_CATEGORIES

if TYPE_CHECKING:
    from ..comparison import CompareReport


@cache
def _asset(name: str) -> str:
    """A file shipped beside this module (the page's style sheet or script)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


_CATEGORY_STYLE: Final = "".join(
    f".c-{c.name}.a{{background:{c.colour_a}}}.c-{c.name}.b{{background:{c.colour_b}}}"
    f"body.hide-{c.name} .c-{c.name}{{background:none;color:inherit}}"
    for c in EDIT_CATEGORIES
)
"""Each category's colours and the rule that hides it, from the vocabulary."""


def _edit_html(text: str, base: int, edits: tuple[Edit, ...], side: str) -> str:
    out: list[str] = []
    at = 0
    for e in edits:
        start, end = (e.a_start, e.a_end) if side == "a" else (e.b_start, e.b_end)
        start -= base
        end -= base
        if start < at:
            continue
        out.append(html.escape(text[at:start]))
        piece = text[start:end] or ("" if e.category != "content" else "\u200b")
        title = html.escape(
            f"{e.category}: {e.a_text!r} → {e.b_text!r}"
            + (" (ambiguous conversion)" if e.ambiguous else "")
        )
        out.append(
            f'<span class="e c-{e.category} {side}" title="{title}">{html.escape(piece)}</span>'
        )
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


_MAP_COLOUR: Final[dict[Change, str]] = {"moved": "#c0c", "same": "#3a3", "changed": "#d80"}


def _alignment_map(report: CompareReport) -> str:
    """Two bars, A on the left and B on the right, with a band from each pair's place in A to
    its place in B: moves cross, repeats fan out."""
    height = 1000.0
    la, lb = max(report.a.chars, 1), max(report.b.chars, 1)
    parts = [
        f'<svg id="map" viewBox="0 0 160 {height:.0f}" preserveAspectRatio="none" role="img" '
        'aria-label="alignment map">',
        f'<rect x="4" y="0" width="18" height="{height:.0f}" fill="#e8f0ff"/>',
        f'<rect x="138" y="0" width="18" height="{height:.0f}" fill="#e8ffe8"/>',
    ]
    for p in report.pairs:
        a0, a1 = p.a.start / la * height, max(p.a.end / la * height, p.a.start / la * height + 1.5)
        b0, b1 = p.b.start / lb * height, max(p.b.end / lb * height, p.b.start / lb * height + 1.5)
        colour = _MAP_COLOUR[change_of(p)]
        parts.append(
            f'<polygon data-pair="{p.index}" points="22,{a0:.1f} 138,{b0:.1f} 138,{b1:.1f} 22,{a1:.1f}" '
            f'fill="{colour}" fill-opacity="0.35" stroke="{colour}" stroke-width="0.5">'
            f"<title>A {p.a.start_line}-{p.a.end_line} → B {p.b.start_line}-{p.b.end_line}</title></polygon>"
        )
    parts.append("</svg>")
    return "".join(parts)


def compare_html(report: CompareReport) -> str:
    """A self-contained HTML report: filters by category, an alignment map, side-by-side pairs."""
    hidden = frozenset(report.ignore)
    # Each filter is the legend of its colour too: the category's name, marked as its edits
    # are (content as removed from A and as added in B).
    filters = "".join(
        f'<label><input type="checkbox" data-cat="{c}"{"" if c in hidden else " checked"}> '
        + (
            'content <span class="e c-content a">in A</span> <span class="e c-content b">in B</span>'
            if c == "content"
            else f'<span class="e c-{c} b">{c}</span>'
        )
        + "</label>"
        for c in CATEGORIES
    )
    pairs_html: list[str] = []
    for p in report.pairs:
        quiet = "" if p.counted(hidden) else " quiet"
        moved = '<span class="moved-tag">moved</span>' if p.moved else ""
        pairs_html.append(
            f'<section class="pair{quiet}" id="pair-{p.index}" data-kind="{p.kind}">'
            f"<h2>#{p.index} A {p.a.start_line}-{p.a.end_line} ↔ B {p.b.start_line}-{p.b.end_line} · "
            f"{p.kind} · {p.similarity:.0%}{moved}</h2>"
            f'<div class="cols"><div>{_edit_html(p.a_text, p.a.start, p.edits, "a")}</div>'
            f"<div>{_edit_html(p.b_text, p.b.start, p.edits, 'b')}</div></div></section>"
        )
    unmatched = []
    for side, items in (("A", report.unmatched_a), ("B", report.unmatched_b)):
        if items:
            lis = "".join(
                f"<li>line {s.span.start_line}: {html.escape(s.text)}</li>" for s in items
            )
            unmatched.append(
                f'<section class="unmatched"><h3>Only in {side}</h3><ul>{lis}</ul></section>'
            )
    summary = (
        f"similarity {report.similarity:.1%} · {len(report.pairs)} pairs · "
        f"{report.differences()} counted differences · unmatched A {len(report.unmatched_a)}, B {len(report.unmatched_b)}"
    )
    data = html.escape(
        json.dumps({"a": report.a.path, "b": report.b.path, "pairs": len(report.pairs)})
    )
    return (
        '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>diffkit: {html.escape(report.a.path)} vs {html.escape(report.b.path)}</title>"
        f'<style>\n{_asset("report.css")}{_CATEGORY_STYLE}</style></head><body data-report="{data}">'
        f"<header><h1>{html.escape(report.a.path)} ↔ {html.escape(report.b.path)}</h1>"
        f'<div>{html.escape(summary)}</div><div class="filters">{filters}'
        '<label><input type="checkbox" id="show-all"> show pairs without differences</label></div></header>'
        f'<main>{_alignment_map(report)}<div id="pairs">{"".join(pairs_html)}{"".join(unmatched)}</div></main>'
        f"<script>\n{_asset('report.js')}</script></body></html>"
    )

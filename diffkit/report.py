"""Writers for diffkit's results: the terminal report, self-contained HTML, and safe file writes.

JSON is each result's own ``to_json``; this module holds the presentations that are more than
a dump, and the one way diffkit writes files: to a temporary file, then renamed into place.
"""

from __future__ import annotations

import codecs
import dataclasses
import html
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import UsageError
from .loading import looks_like_path
from .model import CATEGORIES, Edit, Pair, encode_json_bytes
from .render import Layout, legend, line_range, pair_view, shorten
from .vocabulary import EDIT_CATEGORIES

if TYPE_CHECKING:
    from .comparison import CompareReport
    from .deduplication import DedupeReport


def atomic_write(
    path: Path,
    text: str | Iterable[str | bytes],
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
) -> None:
    """Write ``text`` (a string, or its pieces, or pieces already encoded as bytes) to
    ``path`` through a temporary file in the same folder and a rename, so a reader never
    sees half a file and a failure leaves the old file whole; a missing folder is made. A link
    is followed (its
    target is replaced, the link stays), and what is not a regular file (``/dev/null``, a
    named pipe) is written to as it is: a rename would put a plain file in its place.
    Strings are encoded with ``encoding``, their line feeds written as ``newline`` when
    it is given."""
    given, path = path, Path(os.path.realpath(path))
    if path.exists() and not path.is_file() and not path.is_dir():
        try:
            with open(path, "wb") as f:
                _write(f, text, encoding, newline)
        except OSError as exc:
            raise UsageError(f"{given}: cannot write: {exc.strerror}") from None
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a report's folder, as --output makes
    except OSError as exc:
        raise UsageError(
            f"{given}: cannot write, no folder {Path(given).parent} ({exc.strerror})"
        ) from None
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise UsageError(f"{given}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            _write(f, text, encoding, newline)
        os.chmod(tmp, mode)  # mkstemp makes files private; the result should look like any file
        os.replace(tmp, path)
    except OSError as exc:  # a full disk, a quota: the old file stays whole
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"{given}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write(
    f: BinaryIO, text: str | Iterable[str | bytes], encoding: str, newline: str | None
) -> None:
    # One incremental encoder for all the pieces: a byte-order mark, if any, comes once.
    encoder = codecs.getincrementalencoder(encoding)()
    utf8 = codecs.lookup(encoding).name == "utf-8"
    wrote = False
    for piece in [text] if isinstance(text, str) else text:
        if isinstance(piece, str):
            f.write(encoder.encode(piece.replace("\n", newline) if newline else piece))
            wrote = True
        elif utf8:
            f.write(piece)
        else:
            raise ValueError(f"UTF-8 bytes given for a file written in {encoding}")
    if wrote:
        f.write(encoder.encode("", final=True))


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


def plain_output(console: Console) -> bool:
    """Whether this output has no colour (a pipe, a file, NO_COLOR): edits then need marks."""
    return not console.is_terminal or console.no_color or console.color_system is None


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


_HTML_STYLE: Final = """
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#222}
header{padding:12px 20px;background:#f4f4f4;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:2}
h1{font-size:18px;margin:0 0 6px}
.filters label{margin-right:12px;font-size:13px;cursor:pointer}
main{display:flex}
#map{position:sticky;top:96px;height:calc(100vh - 110px);width:160px;flex:none;margin:8px}
#pairs{flex:1;padding:0 16px 40px}
.pair{border:1px solid #ddd;border-radius:6px;margin:12px 0;overflow:hidden}
.pair h2{font-size:13px;margin:0;padding:6px 10px;background:#fafafa;border-bottom:1px solid #eee;font-weight:600}
.moved-tag{color:#a0a;margin-left:8px}
.cols{display:grid;grid-template-columns:1fr 1fr}
.cols div{padding:8px 10px;white-space:pre-wrap;line-height:1.7;word-break:break-all}
.cols div+div{border-left:1px solid #eee}
.e{border-radius:2px}
.c-content.a{color:#900}.c-content.b{color:#060}
.pair.quiet{display:none}body.show-all .pair.quiet{display:block}
.unmatched{margin:16px 0}.unmatched li{white-space:pre-wrap;margin:4px 0}
"""

_CATEGORY_STYLE: Final = "".join(
    f".c-{c.name}.a{{background:{c.colour_a}}}.c-{c.name}.b{{background:{c.colour_b}}}"
    f"body.hide-{c.name} .c-{c.name}{{background:none;color:inherit}}"
    for c in EDIT_CATEGORIES
)
"""Each category's colours and the rule that hides it, from the vocabulary."""

_HTML_SCRIPT: Final = """
for (const box of document.querySelectorAll('input[data-cat]')) {
  const apply = () => document.body.classList.toggle('hide-' + box.dataset.cat, !box.checked);
  box.addEventListener('change', apply); apply();
}
const all = document.getElementById('show-all');
all.addEventListener('change', () => document.body.classList.toggle('show-all', all.checked));
for (const band of document.querySelectorAll('#map [data-pair]')) {
  band.addEventListener('click', () => {
    const el = document.getElementById('pair-' + band.dataset.pair);
    el.classList.remove('quiet'); el.scrollIntoView({behavior: 'smooth'});
  });
}
document.body.dataset.ready = 'yes';
"""


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
        colour = (
            "#c0c" if p.moved else ("#3a3" if p.kind in ("identical", "equivalent") else "#d80")
        )
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
        f'<style>{_HTML_STYLE}{_CATEGORY_STYLE}</style></head><body data-report="{data}">'
        f"<header><h1>{html.escape(report.a.path)} ↔ {html.escape(report.b.path)}</h1>"
        f'<div>{html.escape(summary)}</div><div class="filters">{filters}'
        '<label><input type="checkbox" id="show-all"> show pairs without differences</label></div></header>'
        f'<main>{_alignment_map(report)}<div id="pairs">{"".join(pairs_html)}{"".join(unmatched)}</div></main>'
        f"<script>{_HTML_SCRIPT}</script></body></html>"
    )


def plural(n: int, noun: str) -> str:
    """``1 cluster``, ``2 clusters``."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


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
            where = f"{member.span.path}:{member.span.start_line}"
            if member.span.end_line != member.span.start_line:
                where += f"-{member.span.end_line}"
            if member.span.start_column != 1:
                where += f" (col {member.span.start_column})"
            line = Text.assemble(("  ● " if member.representative else "  ○ ", "cyan"), where)
            if member.representative:
                line.append("  first occurrence", style="dim")
            else:
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
            console.print(line)
    if len(report.clusters) > limit:
        console.print(
            Text(
                f"\n… {len(report.clusters) - limit} more clusters (use --format json for all)",
                style="dim",
            )
        )


def dedupe_jsonl_chunks(report: DedupeReport) -> Iterator[str]:
    """One cluster a line, each carrying the schema, so the output streams and greps; the
    lines come one at a time, each encoded as it is written."""
    return (line.decode() for line in dedupe_jsonl_bytes(report))


def dedupe_jsonl_bytes(report: DedupeReport) -> Iterator[bytes]:
    """``dedupe_jsonl_chunks`` as UTF-8, for a file."""
    # The line of {"schema": ..., **cluster}: the schema spliced before the cluster's fields.
    head = b'{"schema":' + encode_json_bytes(report.schema) + b","
    for n, c in enumerate(report.clusters):
        line = head + encode_json_bytes(c.to_dict())[1:]
        yield line if n == 0 else b"\n" + line


def dedupe_csv(report: DedupeReport) -> str:
    """One row a member: spreadsheets and `sort | uniq` pipelines."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(
        [
            "cluster",
            "size",
            "cluster_similarity",
            "representative",
            "path",
            "start_line",
            "end_line",
            "start_column",
            "end_column",
            "similarity",
            "text",
        ]
    )
    for c in report.clusters:
        for m in c.members:
            writer.writerow(
                [
                    c.id,
                    len(c.members),
                    c.similarity,
                    int(m.representative),
                    m.span.path,
                    m.span.start_line,
                    m.span.end_line,
                    m.span.start_column,
                    m.span.end_column,
                    m.similarity,
                    m.text,
                ]
            )
    return buf.getvalue()


def load_report(
    source: str | bytes | os.PathLike[str] | dict[str, Any],
) -> CompareReport | DedupeReport:
    """A report saved as JSON (a path, JSON text or bytes, or the parsed dict) as the objects
    that made it: ``load_report(p) == report`` for a report written with ``report.to_json()``.

    >>> from diffkit import compare
    >>> report = compare("第一段文字在这里出现。", "第一段文字在這裡出現。")
    >>> load_report(report.to_json()) == report
    True
    """
    from .comparison import SCHEMA as COMPARE_SCHEMA
    from .comparison import CompareReport
    from .deduplication import SCHEMA as DEDUPE_SCHEMA
    from .deduplication import DedupeReport
    from .errors import FileMissingError, InputError

    name = "<report>"
    if isinstance(source, bytes):
        source = source.decode("utf-8", errors="replace")
    if isinstance(source, dict):
        data = source
    else:
        text = str(source)
        if not text.lstrip().startswith("{"):
            name = text
            path = Path(source)
            if path.is_dir():
                raise InputError(name, "is a folder, not a report file")
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                if isinstance(source, str) and not looks_like_path(source.strip()):
                    # Text that names no file and is no report: say that, not "no such file".
                    shown = source.strip().split("\n", 1)[0][:40]
                    raise InputError(
                        "<report>",
                        f"is neither a report's JSON (an object, '{{...}}') nor a file: {shown!r}",
                    ) from None
                raise FileMissingError(name, exc.strerror or "cannot be read") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and text.lstrip().startswith("{"):
                raise InputError(name, _JSON_LINES) from None
            raise InputError(name, f"is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(name, f"is not a diffkit report: it is a JSON {type(data).__name__}")
    schema = data.get("schema", "")
    if schema not in (COMPARE_SCHEMA, DEDUPE_SCHEMA):
        if isinstance(schema, str) and schema.startswith(("diffkit.compare/", "diffkit.dedupe/")):
            known = f"{COMPARE_SCHEMA} and {DEDUPE_SCHEMA}"
            raise InputError(name, f"is a {schema} report; this diffkit reads {known}")
        found = f"its schema is {schema!r}" if schema else 'it has no "schema"'
        raise InputError(name, f"is not a diffkit report: {found}")
    if schema.startswith("diffkit.dedupe/") and "clusters" not in data and "members" in data:
        raise InputError(name, _JSON_LINES)
    try:
        if schema.startswith("diffkit.compare/"):
            return CompareReport.from_dict(data)
        return DedupeReport.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(name, f"is not a whole {schema} report ({exc!r})") from None


_JSON_LINES: Final = (
    "is a JSON Lines report (one cluster a line, without the documents and options): read "
    "its lines with json.loads, or save the report with --format json to load it whole"
)

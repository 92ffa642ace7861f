"""The TUI's pure parts, without starting the app: view state rules, rows of the diff view,
folded pairs, search, list entries, document rows and the help table."""

from __future__ import annotations

import struct
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from diffkit_tui.analysis import Comparison, Duplicates
from diffkit_tui.diff_rows import FILLER_STYLE, SEPARATOR, build_rows, halves
from diffkit_tui.folded import folded_pair
from diffkit_tui.screens.help import key_rows
from diffkit_tui.screens.result import ResultScreen
from diffkit_tui.search import mark_hits
from diffkit_tui.subjects import Passage, comparison_entries, member_subject
from diffkit_tui.view_state import NON_CONTENT, ViewState, at_least, percent
from diffkit_tui.widgets.cluster_list import distinct_starts, middle, preview
from diffkit_tui.widgets.wrapping import measure, wrap
from hypothesis import given, settings, strategies as st
from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.text import Text

import diffkit
from diffkit.folding import fold
from diffkit.loading import load
from diffkit.model import Document, Pair
from diffkit.render import CATEGORY_STYLE, pictured, visible

from .conftest import PAIR

CONSOLE = Console(width=200, color_system=None)


def test_view_state_keys_cycle_and_toggle() -> None:
    state = ViewState()
    assert state.next_layout().layout == "inline" and state.next_layout().next_layout() == state
    assert state.toggle_category("script").hidden == {"script"}
    assert state.toggle_category("script").toggle_category("script") == state
    assert state.toggle_non_content().hidden == NON_CONTENT
    assert state.toggle_category("script").toggle_non_content().toggle_non_content().hidden == set()
    mins = [state := state.next_min_similarity() for _ in range(4)]
    assert [s.min_similarity for s in mins] == [0.5, 0.8, 0.95, 0.0]
    orders = ("document", "b", "similarity")
    assert ViewState().next_sort(orders).sort == "b"
    assert ViewState(sort="similarity").next_sort(orders).sort == "document"
    assert ViewState().with_query("  发展 ").query == "发展"
    assert ViewState().describe() == ""
    described = ViewState(hidden=NON_CONTENT, min_similarity=0.8, query="x").describe()
    assert described == "hiding non-content · similarity ≥ 80% · search “x”"


def longest(comparison: Comparison) -> Pair:
    return max(comparison.report.pairs, key=lambda p: len(p.a_text) + len(p.b_text))


def test_side_by_side_rows_keep_both_columns_in_step_in_cells(comparison: Comparison) -> None:
    pair = longest(comparison)
    for width in (40, 67, 100):
        rows = build_rows(pair, width, console=CONSOLE)
        bar = {cell_len(r.plain[: r.plain.index(SEPARATOR)]) for r in rows.rows}
        assert all(cell_len(r.plain) == width for r in rows.rows) and len(bar) == 1
        left, right = zip(*(halves(r, rows.gutter) for r in rows.rows), strict=True)
        assert "".join(left).replace("▏", "") == visible(pair.a_text)
        assert "".join(right).replace("▏", "") == visible(pair.b_text)


def test_both_halves_of_every_edit_start_on_the_same_row(comparison: Comparison) -> None:
    for pair in comparison.report.pairs[:6]:
        for n, edit in enumerate(pair.edits):
            rows = build_rows(pair, 70, console=CONSOLE, current=n)
            assert rows.current_row is not None and rows.current_end is not None
            row = rows.rows[rows.current_row]
            bar = row.plain.index(SEPARATOR)
            marked = [s for s in row.spans if "underline" in str(s.style)]
            content = edit.category == "content"
            assert any(s.start < bar for s in marked) == bool(edit.a_text or content)
            assert any(s.start > bar for s in marked) == bool(edit.b_text or content)


def test_shared_text_wraps_identically_with_a_line_number_on_every_row(
    comparison: Comparison,
) -> None:
    pair = longest(comparison)
    text = pair.a_text[:60] + "\n" + pair.a_text[60:120]
    same = replace(pair, b=replace(pair.a, start_line=7), a_text=text, b_text=text, edits=())
    rows = build_rows(same, 40, console=CONSOLE)
    assert len(rows.rows) > 3
    for row in rows.rows:
        a, b = halves(row, rows.gutter)
        assert a == b
        left, right = row.plain.split(SEPARATOR)
        assert int(left[: rows.gutter]) + 7 - pair.a.start_line == int(right[: rows.gutter])
    numbers = [int(r.plain[: rows.gutter]) for r in rows.rows]
    assert numbers[0] == pair.a.start_line and numbers[-1] == pair.a.start_line + 1


def test_filler_pads_the_shorter_half_of_an_edit(comparison: Comparison) -> None:
    pair = comparison.report.pairs[1]
    n = next(k for k, e in enumerate(pair.edits) if e.category == "annotation" and not e.b_text)
    rows = build_rows(pair, 70, console=CONSOLE, current=n)
    assert rows.current_row is not None
    row = rows.rows[rows.current_row]
    assert any(
        str(s.style) == FILLER_STYLE and s.start > row.plain.index(SEPARATOR) for s in row.spans
    )


def test_rows_mark_the_current_edit_and_hide_categories(comparison: Comparison) -> None:
    pair = longest(comparison)
    last = len(pair.edits) - 1
    rows = build_rows(pair, 60, console=CONSOLE, current=last)
    assert rows.current_row is not None and rows.current_row > 0
    edit = pair.edits[last]
    marked = rows.rows[rows.current_row].plain
    assert (edit.a_text or "▏")[0] in marked or (edit.b_text or "▏")[0] in marked
    assert any(e.category == "script" for e in pair.edits)
    styles = {str(s.style) for r in rows.rows for s in r.spans}
    assert CATEGORY_STYLE["script"][0] in styles
    hidden = build_rows(pair, 60, console=CONSOLE, hidden=frozenset({"script"}))
    styles = {str(s.style) for r in hidden.rows for s in r.spans}
    assert CATEGORY_STYLE["script"][0] not in styles


def test_inline_rows_and_a_passage_alone(comparison: Comparison) -> None:
    pair = comparison.report.pairs[0]
    rows = build_rows(pair, 50, console=CONSOLE, layout="inline")
    assert all(SEPARATOR not in r.plain for r in rows.rows)
    passage = comparison.unmatched[0]
    alone = build_rows(passage, 50, console=CONSOLE)
    assert halves(alone.rows[0], alone.gutter) == (
        visible(passage.text)[:21].rstrip(),
        "(only in A)",
    )
    inline = build_rows(passage, 50, console=CONSOLE, layout="inline")
    gutter, text = inline.rows[0].plain[: inline.gutter], inline.rows[0].plain[inline.gutter :]
    assert gutter.split() == [str(passage.span.start_line)]
    assert text.startswith(f"(only in A) {passage.text[:10]}")


def test_inline_rows_start_with_the_lines_of_both_documents(comparison: Comparison) -> None:
    """Every inline row begins with the line of A and of B it starts at, as delta numbers
    its rows; the numbers follow the line breaks of each side."""
    spanning = [p for p in comparison.report.pairs if p.b.end_line > p.b.start_line]
    assert spanning
    for pair in comparison.report.pairs:
        rows = build_rows(pair, 60, console=CONSOLE, layout="inline")
        assert rows.gutter > 0 and len(rows.lines) == len(rows.rows)
        for row, (a, b) in zip(rows.rows, rows.lines, strict=True):
            assert row.plain[: rows.gutter].split() == [str(a), str(b)]
        assert rows.lines[0] == (pair.a.start_line, pair.b.start_line)
        assert rows.lines[-1][1] <= pair.b.end_line
        if pair in spanning:
            assert {b for _, b in rows.lines} >= {pair.b.start_line, pair.b.end_line}
    narrow = build_rows(comparison.report.pairs[0], 12, console=CONSOLE, layout="inline")
    assert narrow.gutter == 0


def test_folded_pair_places_surviving_edits_in_the_folded_text(comparison: Comparison) -> None:
    pair = longest(comparison)
    folded = folded_pair(pair, comparison.fold_profile)
    assert folded.a_text == fold(pair.a_text, profile=comparison.fold_profile).text
    assert folded.a_text != pair.a_text
    assert len(folded.edits) == len(pair.edits)
    for original, placed in zip(pair.edits, folded.edits, strict=True):
        if original.category in comparison.report.steps:
            assert placed.a_start == placed.a_end and placed.b_start == placed.b_end
        else:
            assert folded.a_text[placed.a_start : placed.a_end] == placed.a_text
            assert folded.b_text[placed.b_start : placed.b_end] == placed.b_text


def test_search_sees_through_folding(comparison: Comparison) -> None:
    index = comparison.search
    needles = index.needles("胜利闭幕")
    for pair in comparison.report.pairs:
        holds = "勝利閉幕" in pair.a_text or "胜利闭幕" in pair.b_text
        assert index.matches(str(pair.index), needles) == holds
    assert index.needles("   ") == ()
    text = Text("圓滿完成(chéng)各項議程,勝利閉幕。")
    assert mark_hits(text, "胜利闭幕", comparison.fold_profile) == 1
    assert text.spans[0].start == text.plain.index("勝") and text.spans[0].end == len(text) - 1


def test_search_of_all_items_agrees_with_each_item(comparison: Comparison) -> None:
    index = comparison.search
    keys = list(index.haystacks)
    for query in ("的", "胜利闭幕", "勝利閉幕", "party mass", "2023", "。\n", "no such words"):
        needles = index.needles(query)
        expected = {k for k in keys if index.matches(k, needles)}
        assert index.hits(needles) == expected
        assert index.hits(needles) == expected  # kept from the last search
    assert index.hits(index.needles("的")) and not index.hits(index.needles("no such words"))


def test_entries_filter_sort_and_search(comparison: Comparison) -> None:
    report, alone, index = comparison.report, comparison.unmatched, comparison.search
    everything = comparison_entries(report, alone, ViewState(), index)
    assert len(everything) == len(report.pairs) + len(alone)
    high = comparison_entries(report, alone, ViewState(min_similarity=0.95), index)
    assert all(isinstance(e, Pair) and at_least(e.similarity, 0.95) for e in high)
    assert at_least(0.9481, 0.95) and not at_least(0.9449, 0.95)
    by_sim = comparison_entries(report, alone, ViewState(sort="similarity"), index)
    sims = [e.similarity for e in by_sim if isinstance(e, Pair)]
    assert sims == sorted(sims)
    found = comparison_entries(report, alone, ViewState(query="party mass"), index)
    assert found == [alone[0]]


def test_member_subjects(duplicates: Duplicates) -> None:
    cluster, n = next(
        (c, n)
        for c in duplicates.report.clusters
        for n, m in enumerate(c.members)
        if m.similarity < 1.0
    )
    first = member_subject(cluster, 0)
    assert isinstance(first, Passage) and first.label == "first occurrence"
    repeat = member_subject(cluster, n)
    assert isinstance(repeat, Pair)
    assert repeat.a == cluster.representative.span and repeat.b == cluster.members[n].span
    assert repeat.edits == cluster.members[n].edits and repeat.kind == "modified"


def rows_of(document: Document, width: int) -> list[tuple[int, int, int]]:
    rows = wrap(measure(document), width)
    return list(zip(rows.lines.tolist(), rows.starts.tolist(), rows.ends.tolist(), strict=True))


def chopped(document: Document, width: int) -> list[tuple[int, int, int]]:
    """The rows as rich's ``chop_cells`` folds each line drawn as the view draws it."""
    out = []
    for n in range(document.line_count):
        start = document.line_starts[n]
        line = document.line(n + 1)
        shown = pictured(line).replace("\t", " ")
        if cell_len(shown) <= width:
            out.append((n + 1, start, start + len(line)))
            continue
        for k, piece in enumerate(chop_cells(shown, width)):
            out.append((n + 1 if k == 0 else 0, start, start + len(piece)))
            start += len(piece)
    return out


def word_rows(document: Document, width: int) -> list[tuple[int, int, int]]:
    """The rows as a reader folds each line: a character at a time, a Latin word (any run of
    printable ASCII but the space, a short quoted value with its spaces) moved whole to the
    next row when it started later in the row."""

    def in_word(ch: str) -> bool:
        return "!" <= ch <= "~" or ch in "’" or "À" <= ch <= "ɏ" or "Ḁ" <= ch <= "ỿ"

    def quoted(line: str) -> list[bool]:
        inside = [False] * len(line)
        i = 0
        while i < len(line):
            close = line.find('"', i + 1) if line[i] == '"' else -1
            if 0 < close - i <= 63:
                inside[i : close + 1] = [True] * (close + 1 - i)
                i = close
            i += 1
        return inside

    out = []
    for n in range(document.line_count):
        start, line = document.line_starts[n], document.line(n + 1)
        cells = [cell_len(pictured(ch).replace("\t", " ")) for ch in line]
        word = [in_word(ch) or q for ch, q in zip(line, quoted(line), strict=True)]
        row, x, i = 0, 0, 0
        while i < len(line):
            if x + cells[i] > width and i > row:
                cut = i
                if word[i] and word[i - 1]:
                    j = i
                    while j > 0 and word[j - 1]:
                        j -= 1
                    cut = j if j > row else i
                out.append((0 if row else n + 1, start + row, start + cut))
                row, x = cut, sum(cells[cut:i])
                continue
            x += cells[i]
            i += 1
        out.append((0 if row else n + 1, start + row, start + len(line)))
    return out


def test_document_rows_fold_lines_at_the_width_in_cells() -> None:
    document = load(PAIR[0])
    rows = rows_of(document, 30)
    line, start, end = rows[0]
    assert line == 1 and document.text[start:end] == "Party mass work"
    assert all(cell_len(document.text[s:e]) <= 30 for _, s, e in rows)
    assert sum(1 for n, _, _ in rows if n) == document.line_count
    wrapped = [(s, e) for n, s, e in rows if n == 0]
    assert wrapped and all(document.text[s:e] for s, e in wrapped)
    assert rows == word_rows(document, 30) and rows_of(document, 7) == word_rows(document, 7)
    assert tuple(document.text[s:e] for _, s, e in rows_of(document, 14)[:2]) == (
        "Party mass ",
        "work",
    )
    han = load(diffkit.Text("衡陽市第十六屆人民代表大會第三次會議勝利閉幕，圓滿完成各項議程"))
    assert rows_of(han, 9) == chopped(han, 9)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "中",
                "文",
                "a",
                "b",
                " ",
                "\t",
                "\x1b",
                "\u200b",
                "，",
                "é",
                "\n",
                "\r\n",
                "\r",
                "ｗ",
                '"',
                "=",
                "<",
            ]
        ),
        min_size=1,
        max_size=120,
    ),
    st.integers(min_value=2, max_value=12),
)
def test_document_rows_fold_as_a_reader_does(pieces: list[str], width: int) -> None:
    document = load(diffkit.Text("x" + "".join(pieces)))
    assert rows_of(document, width) == word_rows(document, width)


def test_help_rows_come_from_the_bindings() -> None:
    rows = dict(key_rows(ResultScreen.BINDINGS))
    assert rows["n"].startswith("Go to the next edit") and rows["/"] == "Search both texts"
    assert rows["w/1"] == "Hide or show whitespace edits (hidden: plain text, skipped by n)"


def test_middle_keeps_both_ends_of_a_name_in_cells() -> None:
    assert middle("short.txt", 16) == "short.txt"
    assert middle("2023-closing-speech.txt", 10) == "2023-….txt"
    assert cell_len(middle("衡阳市第十六届人民代表大会.txt", 10)) <= 10
    assert middle("衡阳市第十六届人民代表大会.txt", 10).startswith("衡阳")


def test_previews_start_where_texts_stop_beginning_alike() -> None:
    texts = ["各位代表：今天我们", "各位代表：明天你们", "同志们", "各位代表：今天我们都在"]
    starts = distinct_starts(texts)
    assert starts == [9, 5, 0, 9]
    assert preview(texts[1], starts[1], context=2) == "…表：明天你们"
    assert preview(texts[2], starts[2]) == "同志们"


def test_the_core_never_imports_textual() -> None:
    code = (
        "import sys, diffkit, diffkit.comparison, diffkit.deduplication, diffkit.render, diffkit.formats, "
        "diffkit.cli; assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent)


def test_the_similarity_filter_judges_the_percentage_shown() -> None:
    assert percent(0.9481) == "95%" and at_least(0.9481, 0.95)
    assert not at_least(0.9449, 0.95) and at_least(0.5, 0.5) and at_least(0.0, 0.0)


def test_the_readme_screenshots_keep_their_spaces_and_name_a_font_with_han() -> None:
    shots = sorted((Path(__file__).resolve().parents[2] / "docs" / "screenshots").glob("*.svg"))
    assert len(shots) == 3
    for shot in shots:
        svg = shot.read_text(encoding="utf-8")
        assert svg.startswith('<svg xml:space="preserve" ')
        assert '"Noto Sans Mono CJK SC"' in svg and "Fira Code, monospace;" not in svg
        png = shot.with_suffix(".png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", png[16:24])
        assert width > 1000 and height > 600  # 120 x 40 cells


def test_a_png_is_drawn_beside_an_svg(tmp_path: Path) -> None:
    try:
        import cairosvg  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: the Cairo library itself is missing
        pytest.skip(f"CairoSVG cannot draw here: {error}")
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    try:
        from screenshots import portable, to_png
    finally:
        sys.path.pop(0)
    svg = tmp_path / "shot.svg"
    svg.write_text(
        portable(
            '<svg xmlns="http://www.w3.org/2000/svg" width="80" height="20">'
            '<text x="0" y="15">中 文  text</text></svg>'
        ),
        encoding="utf-8",
    )
    png = to_png(svg)
    assert png == tmp_path / "shot.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png.read_bytes()[16:24]) == (80, 20)


def test_a_character_the_han_font_lacks_is_drawn_in_a_font_that_has_it() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    try:
        from screenshots import HAN_FONTS, _families, _with_fallbacks
    finally:
        sys.path.pop(0)
    font = next((f for f in HAN_FONTS if f in _families()), None)
    if font is None or _families(f"{font}:charset=23ce"):
        pytest.skip("no Han font here, or one that has ⏎ itself")
    if not _families(":spacing=mono:charset=23ce"):
        pytest.skip("no monospace font here has ⏎")
    svg = _with_fallbacks('<text x="0" y="15">工作⏎⏎安排</text>', font)
    assert svg.count("<tspan") == 2 and "工作" in svg and svg.endswith("安排</text>")
    assert "⏎</tspan>" in svg


@pytest.mark.parametrize("a_break", ["\r", "\r\n"])
@pytest.mark.parametrize("hidden", [frozenset(), frozenset({"whitespace"})])
def test_inline_line_numbers_count_every_kind_of_line_break(
    a_break: str, hidden: frozenset[str]
) -> None:
    """A's lines end in CR (or CRLF) where B's end in LF: an edit of whitespace, shown or
    hidden. Both sides have the same lines, so each row's numbers stay the same distance
    from each side's first line, and the last row is on each side's last line."""
    lines = [
        "各位代表：今天我们在这里隆重集会，庆祝大会胜利闭幕。",
        "会议期间，代表们认真审议了政府工作报告，",
    ]
    lines += ["提出了许多好的意见和建议。", "大家一致认为，报告实事求是，措施切实可行。"]
    b_lines = [*lines[:2], "提出了很多宝贵的意见和建议。", lines[3]]
    report = diffkit.compare(diffkit.Text(a_break.join(lines)), diffkit.Text("\n".join(b_lines)))
    pair = max(report.pairs, key=lambda p: p.a.end_line - p.a.start_line)
    assert pair.a.end_line > pair.a.start_line
    assert {e.category for e in pair.edits} >= {"whitespace", "content"}
    rows = build_rows(pair, 24, console=CONSOLE, layout="inline", hidden=hidden)
    for a, b in rows.lines:
        assert a is not None and b is not None
        assert a - pair.a.start_line == b - pair.b.start_line
    assert rows.lines[-1] == (pair.a.end_line, pair.b.end_line)


def test_markup_wraps_at_spaces_outside_quotes() -> None:
    """An HTML line breaks between attributes, not inside a quoted value, in the document
    view and in the diff view's rows (where a row has room for the attribute)."""
    line = '<html lang="zh-CN" dir="ltr" class="page home" data-title="第一章 总则">'
    a = f"{line}\n<p>各位代表：今天我们在这里隆重集会，庆祝大会胜利闭幕。</p>\n"
    b = a.replace("zh-CN", "zh-TW").replace("总则", "總則")
    document = load(diffkit.Text(a))
    for width in (26, 30, 40):
        shown = [document.text[s:e] for n, s, e in rows_of(document, width) if s < len(line)]
        assert "".join(shown) == line
        assert all(piece.endswith((" ", ">")) for piece in shown), shown
    pair = diffkit.compare(diffkit.Text(a), diffkit.Text(b)).pairs[0]
    for layout, width in (("inline", 40), ("inline", 60), ("side-by-side", 80)):
        rows = build_rows(pair, width, console=CONSOLE, layout=layout)  # type: ignore[arg-type]
        shown = [halves(row, rows.gutter)[0] for row in rows.rows]
        if layout == "inline":
            shown = [row.plain[rows.gutter :] for row in rows.rows]
        for value in ('dir="ltr"', 'class="page home"'):
            assert any(value in text for text in shown), (layout, width, shown)

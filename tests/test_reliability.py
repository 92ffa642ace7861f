"""Bad input, odd text and API misuse: every command ends with a result or one line and exit 2,
never a traceback, a hang or a changed input."""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pytest
from click.testing import CliRunner, Result

import diffkit
from diffkit.clean import Removal, _keys, covered, restore, write_clean
from diffkit.cli import cli
from diffkit.differences import apply_edits
from diffkit.folding import fold, fold_pieces
from diffkit.formats.html_page import compare_html
from diffkit.loading import load_path, read_bounded
from diffkit.render import shorten, visible

from .conftest import NEWS_2023_TRAD, ROOT, SAMPLES, SEEDS, SPEECH_2023_SIMP

PINYIN_CUT_BY_A_BREAK = [
    "发表讲话(fā\nbiǎo)是重要的工作内容之一。\n",
    "六(é\ng)和审\n",
    "完成(chéng\n)各项议程。\n\n胜利(shèng\n\nlì)闭幕。\n",
]


def _invoke(*args: str, stdin: str | bytes | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


def _no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("text", PINYIN_CUT_BY_A_BREAK)
def test_a_reading_cut_by_a_line_break_is_folded_like_its_pieces(tmp_path: Path, text: str) -> None:
    page = tmp_path / "x.txt"
    page.write_text(text, encoding="utf-8")
    for command in (
        ["segments", str(page)],
        ["segments", str(page), "--sentences"],
        ["dedupe", str(page), "-q"],
        ["dedupe", str(tmp_path), "-q"],
        ["compare", str(page), str(page)],
    ):
        result = _invoke(*command)
        _no_traceback(result)
        assert result.exit_code == 0, (command, result.stderr)
    assert page.read_text(encoding="utf-8") == text
    # Each paragraph's key is what folding its text alone gives, spans and all.
    for seg in diffkit.segments(page):
        assert seg.folded == fold(seg.text).text
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for (s, e), piece in zip(bounds, fold_pieces(text, bounds), strict=True):
        alone = fold(text[s:e])
        assert piece.text == alone.text
        assert (piece.starts - s).tolist() == alone.starts.tolist()
        assert (piece.ends - s).tolist() == alone.ends.tolist()


def test_a_reading_whole_on_one_side_of_a_break_is_still_removed() -> None:
    assert fold("发表讲话(fā\nbiǎo)是").text == "发表讲话是"
    text = "发表(fā biǎo)讲话\n\n完成(chéng)"
    pieces = fold_pieces(text, [(0, 13), (15, len(text))])
    assert [p.text for p in pieces] == ["发表讲话", "完成"]


LONE_SURROGATES = ["𠀀\udc00", "發表\udc00講話。\n\n後來\ud800國。\n", "\ud800", "頭髮\udfff乾淨"]


@pytest.mark.parametrize("text", LONE_SURROGATES)
def test_a_lone_surrogate_folds_as_itself_at_its_own_place(text: str) -> None:
    folded = fold(text)
    for i, ch in enumerate(folded.text):
        if "\ud800" <= ch <= "\udfff":
            assert text[folded.starts[i] : folded.ends[i]] == ch
    lone = [c for c in text if "\ud800" <= c <= "\udfff"]
    assert [c for c in folded.text if "\ud800" <= c <= "\udfff"] == lone
    # The text around it is folded as ever.
    assert folded.text.replace(lone[0], "") == fold(text.replace(lone[0], "")).text
    start, end, cut = folded.cut(0, len(folded.text))
    assert cut.text == folded.text and (start, end) == folded.original_range(0, len(folded.text))


def test_text_holding_lone_surrogates_goes_through_every_verb() -> None:
    for a in LONE_SURROGATES:
        assert [s.text for s in diffkit.segments(a)] == [
            a[s.span.start : s.span.end] for s in diffkit.segments(a)
        ]
        for b in LONE_SURROGATES:
            report = diffkit.compare(a, b)
            assert report.to_json()
            for pair in report.pairs:
                assert apply_edits(pair.a_text, pair.edits, a_base=pair.a.start) == pair.b_text
            assert apply_edits(a, diffkit.diff(a, b).edits) == b
            diffkit.dedupe([a, b], min_chars=1)


def _diffkit(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """The installed command in a process of its own: real file descriptors, real pipes."""
    kwargs.setdefault("timeout", 60)
    return subprocess.run(
        [sys.executable, "-m", "diffkit", *args], capture_output=True, text=True, **kwargs
    )


def _one_line_error(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("diffkit: error: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused_at_its_start() -> None:
    started = time.monotonic()
    done = _diffkit("segments", "/dev/zero")
    _one_line_error(done)
    assert "/dev/zero" in done.stderr and "binary" in done.stderr
    assert time.monotonic() - started < 20


def test_an_endless_stream_is_refused_once_past_the_limit() -> None:
    writer = subprocess.Popen(["yes", "测试"], stdout=subprocess.PIPE)
    assert writer.stdout is not None
    try:
        with pytest.raises(
            diffkit.InputTooLargeError, match=r"<stdin>.*over the limit of 1,048,576"
        ):
            read_bounded(writer.stdout, name="<stdin>", max_bytes=1 << 20)
    finally:
        writer.kill()
        writer.wait()


def test_a_file_past_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    page = tmp_path / "big.txt"
    page.write_bytes("测试\n".encode() * 1000)
    with pytest.raises(diffkit.InputTooLargeError, match="7,000 bytes, over the limit of 100"):
        load_path(page, max_bytes=100)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_without_a_writer_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = _diffkit("segments", str(fifo), timeout=30)
    _one_line_error(done)
    assert "named pipe that nothing writes to" in done.stderr
    # A writer that comes a moment later is read.
    reader = subprocess.Popen(
        [sys.executable, "-m", "diffkit", "segments", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(0.3)
    with open(fifo, "w", encoding="utf-8") as f:
        f.write("第一段落的文字。\n")
    out, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err
    assert "第一段落的文字。" in out


@pytest.mark.parametrize(
    "text",
    ["Ça dépend", "Ça dépend de la météo.\n", "Größe über Äpfel\n", "naïve café déjà vu\n"],
)
@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_short_latin_text_is_read_as_the_western_code_page(text: str, encoding: str) -> None:
    doc = diffkit.load(text.encode(encoding))
    assert doc.text == text and doc.encoding in ("cp1252", "latin_1")


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это тестовый текст.\n", "cp1251"),
        ("Zażółć gęślą jaźń, proszę bardzo.\n", "cp1250"),
        ("各位代表：现在，我代表市人大常委会报告工作。\n", "gb18030"),
    ],
)
def test_other_code_pages_still_win_where_they_fit(text: str, encoding: str) -> None:
    assert diffkit.load(text.encode(encoding)).text == text


@pytest.mark.parametrize("order", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sample", SEEDS, ids=lambda p: p.name[:20])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, sample: Path, order: str) -> None:
    text = sample.read_text(encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_bytes(text.encode(order))
    doc = load_path(page)
    assert doc.text == text and doc.encoding == order
    assert diffkit.load("第一段。\n".encode(order)).text == "第一段。\n"
    assert diffkit.load("Hello world\r\n".encode(order)).text == "Hello world\r\n"


def test_text_holding_a_stray_nul_is_still_binary() -> None:
    for data in (b"hello world\x00 more \x00 text", "中文文本\x00测试\x00".encode("gb18030")):
        with pytest.raises(diffkit.BinaryInputError):
            diffkit.load(data)


def test_utf16_too_short_to_tell_is_refused_with_a_hint(tmp_path: Path) -> None:
    page = tmp_path / "hi.txt"
    page.write_bytes("Hi".encode("utf-16-le"))
    result = _invoke("segments", str(page))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"diffkit: error: {page}: looks binary (it contains NUL bytes); not a text file "
        "(if it is UTF-16 text, try --encoding utf-16-le)"
    ]


def test_a_diff_reads_as_the_sequence_of_its_edits() -> None:
    a, b = "劉正興表示，要帶領群衆致富", "刘正兴表示,要带领群众富裕"
    result = diffkit.diff(a, b)
    assert list(result) == list(result.edits) and len(result) == len(result.edits) > 0
    assert result[0] == result.edits[0] and result[-1].category == "content"
    assert [e.category for e in result if e.category == "content"] == ["content"]
    assert apply_edits(a, list(result)) == b
    assert sum(result.counts().values()) == len(result) and 0 < result.similarity < 1
    assert not diffkit.diff(a, a) and list(diffkit.diff(a, a)) == []


def test_results_read_their_place_by_the_names_of_the_json() -> None:
    report = diffkit.dedupe([SPEECH_2023_SIMP])
    for cluster, data in zip(report.clusters, report.to_dict()["clusters"], strict=True):
        for member, shown in zip(cluster.members, data["members"], strict=True):
            for key in ("path", "start_line", "start_column", "end_line", "end_column"):
                assert getattr(member, key) == shown[key]
            assert (member.start_offset, member.end_offset) == (
                shown["start_offset"],
                shown["end_offset"],
            )
    compared = diffkit.compare(NEWS_2023_TRAD, SPEECH_2023_SIMP)
    for pair, data in zip(compared.pairs, compared.to_dict()["pairs"], strict=True):
        for side, shown in ((pair.a, data["a"]), (pair.b, data["b"])):
            for key in ("path", "start_line", "end_line", "start_offset", "end_offset"):
                assert getattr(side, key) == shown[key]
    seg = diffkit.segments(SPEECH_2023_SIMP)[3]
    assert (seg.path, seg.start_line, seg.end_line) == (
        str(SPEECH_2023_SIMP),
        seg.to_dict()["start_line"],
        seg.to_dict()["end_line"],
    )


WRONG_CALLS: list[tuple[Callable[[], object], str]] = [
    (lambda: diffkit.fold(None), "text must be a str, not None"),
    (lambda: diffkit.fold(b"abc"), "text must be a str, not bytes"),
    (lambda: diffkit.fold(123), "text must be a str, not int"),
    (lambda: diffkit.compare(None, "x"), "a must be a path, text (str), bytes or a Document"),
    (lambda: diffkit.compare("x", 123), "b must be a path, text (str), bytes or a Document"),
    (lambda: diffkit.diff(["a"], "b"), "a must be a path, text (str), bytes or a Document"),
    (lambda: diffkit.dedupe(None), "sources must be a path"),
    (lambda: diffkit.dedupe(["x\n", 3]), "item 1 is int"),
    (lambda: diffkit.segments(None), "source must be a path"),
    (lambda: diffkit.segment("x"), "doc must be a Document"),
    (lambda: diffkit.pair_similarity(b"a", "b"), "a must be a str, not bytes"),
    (lambda: diffkit.compare("x\n", "y\n", skip=None), "skip must be names"),
    (lambda: diffkit.compare("x\n", "y\n", thresold=0.8), "unexpected keyword argument"),
    (lambda: diffkit.assert_equivalent(None, "x"), "a must be a path"),
    (lambda: diffkit.assert_no_duplicates(["x\n"], threshold=3), "threshold must be a number"),
    (lambda: diffkit.dedupe(["x\n"], cache_dir=5), "cache_dir must be the path of a folder"),
    (lambda: diffkit.dedupe(["x\n"], partitions="2"), "partitions must be a whole number"),
]


@pytest.mark.parametrize(("call", "message"), WRONG_CALLS)
def test_a_wrong_argument_is_a_usage_error_saying_what_is_wanted(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(diffkit.UsageError, match=re.escape(message)):
        call()


@pytest.mark.parametrize(
    ("keyword", "value", "option", "message"),
    [
        ("threshold", "0.8x", "--threshold", "threshold must be a number from 0 to 1, not '0.8x'"),
        ("threshold", 1.5, "--threshold", "threshold must be a number from 0 to 1, not 1.5"),
        ("min_chars", -5, "--min-chars", "min_chars must be a whole number of at least 1, not -5"),
        ("workers", 0, "--workers", "workers must be a whole number of at least 1, not 0"),
        (
            "encoding",
            "nope",
            "--encoding",
            "encoding must be the name of an encoding such as 'gb18030', not 'nope'",
        ),
    ],
)
def test_the_api_and_the_command_refuse_a_bad_value_alike(
    tmp_path: Path, keyword: str, value: object, option: str, message: str
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("第一段文字，足够长的一句话。\n", encoding="utf-8")
    with pytest.raises(diffkit.UsageError) as caught:
        diffkit.dedupe([page], **{keyword: value})
    assert str(caught.value) == message
    result = _invoke("dedupe", str(page), option, str(value))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"diffkit: error: {message}"]
    assert page.read_text(encoding="utf-8") == "第一段文字，足够长的一句话。\n"


def test_good_values_of_any_numeric_type_pass() -> None:
    text = "第一段，说的是一件事情，很长很长。\n\n第一段,說的是一件事情,很長很長。\n"
    report = diffkit.dedupe(text, threshold=np.float64(0.8), min_chars=np.int64(8), workers=1)
    assert len(report.clusters) == 1


def test_text_is_never_taken_for_a_path_and_a_path_object_always_is(tmp_path: Path) -> None:
    with pytest.raises(diffkit.FileMissingError):
        diffkit.compare("3.14", "3.15")
    assert diffkit.compare(diffkit.Text("3.14"), diffkit.Text("3.15")).a.path == "<a>"
    (tmp_path / "and").mkdir()
    (tmp_path / "and" / "or").write_text("and/or\n", encoding="utf-8")
    os.chdir(tmp_path)
    try:
        assert diffkit.load(diffkit.Text("and/or")).text == "and/or"
        assert diffkit.load("and/or").text == "and/or\n"
        assert diffkit.dedupe([diffkit.Text("and")]).documents[0].path == "<text>"
    finally:
        os.chdir(ROOT)

    class Where(os.PathLike[str]):
        def __fspath__(self) -> str:
            return str(SPEECH_2023_SIMP)

    assert diffkit.load(Where()).path == str(SPEECH_2023_SIMP)


def test_an_empty_input_is_its_own_error(tmp_path: Path) -> None:
    page = tmp_path / "blank.txt"
    page.write_text("  \n\n", encoding="utf-8")
    result = _invoke("segments", str(page))
    assert result.exit_code == 2 and "blank.txt: is empty" in result.stderr
    from diffkit.loading import require_text

    with pytest.raises(diffkit.EmptyInputError, match=r"blank\.txt: is empty"):
        require_text(diffkit.load(page))
    assert issubclass(diffkit.EmptyInputError, diffkit.InputError)


_RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SNEAKY = (
    "这是一段足够长的文字用于比较，其中\u200d文\u200b测\u200c试\ufeff在这里出现\x1b[1m。\n\n"
    "标题 \x1b[31mRED\x1b]0;pwned\x07 \u202eevil\u202c 文字\x9b2J。\n"
)


def test_terminal_controls_and_invisible_characters_are_shown_as_marks(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(_SNEAKY, encoding="utf-8")
    b.write_text(
        "这是一段足够长的文字用于比较，其中文测试在这里出现。\n\n标题 RED 文字。\n",
        encoding="utf-8",
    )
    named = tmp_path / "x\x1b[2J.txt"
    named.write_text(_SNEAKY, encoding="utf-8")
    for args in (
        ["segments", str(a)],
        ["compare", str(a), str(b)],
        ["compare", str(a), str(b), "--layout", "inline", "--all"],
        ["compare", str(b), str(a)],
        ["dedupe", str(a), str(b), "--min-chars", "5"],
        ["dedupe", str(named), str(b), "--min-chars", "5"],
        ["segments", str(tmp_path / "gone\x1b[2J.txt")],
    ):
        result = _invoke(*args)
        _no_traceback(result)
        out = result.output + result.stderr
        assert not _RAW.search(out), (args, _RAW.findall(out))
        assert "<U+001B>" in out, args
    shown = _invoke("segments", str(a)).output
    for mark in ("<U+200D>", "<U+200B>", "<U+200C>", "<U+FEFF>", "<U+202E>", "<U+009B>"):
        assert mark in shown
    assert a.read_text(encoding="utf-8") == _SNEAKY


def test_a_cut_passage_ends_in_an_ellipsis_and_never_inside_a_mark() -> None:
    text = "其中\u200d文\u200b测\u200c试"
    assert visible(text) == "其中<U+200D>文<U+200B>测<U+200C>试"
    for limit in range(1, len(visible(text))):
        cut = shorten(text, limit)
        assert len(cut) <= limit and cut.endswith("…")
        assert re.fullmatch(r"([^<]|<U\+[0-9A-F]{4}>)*…", cut), cut
    assert shorten(text, 100) == visible(text)
    assert visible("a\ud800b") == "a<U+D800>b"


def test_plain_output_marks_only_what_differs(tmp_path: Path) -> None:
    result = _invoke("compare", str(NEWS_2023_TRAD), str(SPEECH_2023_SIMP))
    assert result.exit_code == 1
    assert "[--]" not in result.output and "{++}" not in result.output
    assert "{+" in result.output and "[-" in result.output
    report = diffkit.compare(NEWS_2023_TRAD, SPEECH_2023_SIMP)
    in_pairs = sum(len(p.edits) for p in report.pairs)
    unmatched = len(report.unmatched_a) + len(report.unmatched_b)
    assert in_pairs + unmatched == report.differences()
    assert (
        f"{report.differences()} counted differences: {in_pairs} edits in pairs, "
        f"{unmatched} unmatched passages" in result.output
    )
    # An unmatched passage cut short says so.
    long = [seg for seg in report.unmatched_b if len(visible(seg.text)) > 120]
    assert long
    for seg in long:
        assert shorten(seg.text, 120).endswith("…")
        assert f"{seg.span.start_line:>5} {shorten(seg.text, 120)}" in result.output.replace(
            "\n", ""
        )


def test_one_of_a_thing_is_not_plural(tmp_path: Path) -> None:
    page = tmp_path / "one.txt"
    page.write_text("第一段文字，足够长的一句话。\n", encoding="utf-8")
    assert "  1 paragraph, utf-8" in _invoke("segments", str(page)).output
    assert "  1 sentence, utf-8" in _invoke("segments", str(page), "--sentences").output


def test_line_endings_that_differ_are_said_once_and_counted_as_whitespace(
    tmp_path: Path,
) -> None:
    text = SPEECH_2023_SIMP.read_text(encoding="utf-8")
    crlf, lf = tmp_path / "crlf.txt", tmp_path / "lf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode())
    lf.write_bytes(text.encode())
    result = _invoke("compare", str(crlf), str(lf))
    assert result.exit_code == 1
    assert result.output.count("line endings") == 2  # the summary's row, the quiet pairs' note
    assert "differ: A CRLF, B LF" in result.output
    shown = result.output.split("categories as counted below")[1]
    assert "[-" not in shown and "{+" not in shown
    report = diffkit.compare(crlf, lf)
    assert report.differences() == report.counts()["whitespace"] > 0
    assert _invoke("compare", str(crlf), str(lf), "--ignore", "whitespace").exit_code == 0
    assert "B CRLF" in _invoke("compare", str(lf), str(crlf)).output


def test_a_report_goes_into_a_folder_made_for_it(tmp_path: Path) -> None:
    target = tmp_path / "reports" / "2023" / "r.json"
    result = _invoke(
        "compare",
        str(SPEECH_2023_SIMP),
        str(SPEECH_2023_SIMP),
        "--format",
        "json",
        "-o",
        str(target),
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["similarity"] == 1.0


@pytest.mark.parametrize(
    "args",
    [
        ["segments", "{page}"],
        ["compare", "{page}", "{page}"],
        ["dedupe", "{page}", "-q"],
    ],
)
def test_a_closed_standard_output_is_an_error_not_a_lost_report(
    tmp_path: Path, args: list[str]
) -> None:
    page = tmp_path / "page.txt"
    page.write_text("第一段文字，足够长的一句话。\n", encoding="utf-8")
    command = " ".join(
        [shlex.quote(sys.executable), "-m", "diffkit"]
        + [shlex.quote(a.format(page=page)) for a in args]
    )
    done = subprocess.run(
        ["sh", "-c", f"exec {command} >&-"], capture_output=True, text=True, timeout=60
    )
    _one_line_error(done)
    assert "standard output is closed" in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_folder_scan_says_what_it_passes_over(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("第一段文字，足够长的一句话。\n", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    result = _invoke("dedupe", str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"diffkit: warning: skipped {tmp_path / 'gone.txt'}: is a link to nothing",
        f"diffkit: warning: skipped {tmp_path / 'pipe.txt'}: is a named pipe, not a file",
    ]


def _page_with_repeats(folder: Path) -> Path:
    page = folder / "a.txt"
    page.write_bytes(SPEECH_2023_SIMP.read_bytes())
    return page


def test_backups_are_passed_over_whatever_their_suffix(tmp_path: Path) -> None:
    page = _page_with_repeats(tmp_path)
    original = page.read_bytes()
    for _ in range(2):
        result = _invoke("dedupe", str(tmp_path), "--in-place", "--backup-suffix", ".orig", "-q")
        assert result.exit_code == 0, result.stderr
    assert (tmp_path / "a.txt.orig").read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "a.txt",
        "a.txt.orig",
        "a.txt.removed.json",
    ]
    record = json.loads((tmp_path / "a.txt.removed.json").read_text(encoding="utf-8"))
    assert record["backup"] == "a.txt.orig"
    assert [d.path for d in diffkit.dedupe([tmp_path]).documents] == [str(page)]


@pytest.mark.parametrize("suffix", ["", "/../../x", "..", "a/b", ".removed.json"])
def test_a_backup_suffix_that_names_no_file_beside_it_is_refused(
    tmp_path: Path, suffix: str
) -> None:
    page = _page_with_repeats(tmp_path)
    original = page.read_bytes()
    result = _invoke("dedupe", str(page), "--in-place", "--backup-suffix", suffix, "-q")
    _no_traceback(result)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "suffix" in result.stderr
    assert page.read_bytes() == original and [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_backup_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page_with_repeats(tmp_path)
    original = page.read_bytes()

    def disk_full(f: BinaryIO, data: bytes) -> None:
        f.write(data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("diffkit.clean.backups._write_bytes", disk_full)
    with pytest.raises(diffkit.UsageError, match=r"a\.txt\.bak: cannot write the backup"):
        write_clean(diffkit.dedupe([page]), in_place=True)
    assert page.read_bytes() == original and [p.name for p in tmp_path.iterdir()] == ["a.txt"]
    monkeypatch.undo()
    write_clean(diffkit.dedupe([page]), in_place=True)
    assert (tmp_path / "a.txt.bak").read_bytes() == original


def test_a_failed_write_names_the_file_and_leaves_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page_with_repeats(tmp_path)
    original = page.read_bytes()

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("diffkit.formats.writing._write", disk_full)
    with pytest.raises(diffkit.UsageError, match=r"a\.txt: cannot write: No space left"):
        write_clean(diffkit.dedupe([page]), in_place=True)
    assert page.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


_SMALL_FS = """
import json, os, shutil, subprocess, sys
folder, source, size, readonly = sys.argv[1:5]
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder], check=True)
page = os.path.join(folder, "a.txt")
shutil.copy(source, page)
if readonly == "ro":
    subprocess.run(["mount", "-o", "remount,ro", folder], check=True)
runs = []
for args in json.loads(sys.argv[5]):
    done = subprocess.run(
        [sys.executable, "-m", "diffkit", *[a.format(page=page, folder=folder) for a in args]],
        capture_output=True, text=True,
    )
    runs.append([done.returncode, done.stderr])
same = open(page, "rb").read() == open(source, "rb").read()
print(json.dumps([runs, sorted(os.listdir(folder)), same]))
"""


def _in_small_file_system(
    tmp_path: Path, size: str, readonly: bool, commands: list[list[str]]
) -> tuple[list[tuple[int, str]], list[str], bool]:
    """``commands`` run on a copy of a sample in a tmpfs of ``size`` of a private mount
    namespace (read-only once the copy is in, if asked); what they said, what the file
    system holds afterwards, and whether the copy is as it was. Skips where the machine
    allows no such file system."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("no unshare or mount here to make a small file system")
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip("this machine allows no private mount namespace for a small file system")
    folder = tmp_path / "small"
    folder.mkdir()
    done = subprocess.run(
        [
            "unshare",
            "-rm",
            sys.executable,
            "-c",
            _SMALL_FS,
            str(folder),
            str(SPEECH_2023_SIMP),
            size,
            "ro" if readonly else "rw",
            json.dumps(commands),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    if done.returncode != 0:
        pytest.skip(f"no small file system here: {done.stderr.strip().splitlines()[-1:]}")
    runs, names, same = json.loads(done.stdout)
    return [(code, err) for code, err in runs], names, same


def test_a_full_file_system_leaves_the_input_whole_and_no_broken_backup(tmp_path: Path) -> None:
    runs, names, same = _in_small_file_system(
        tmp_path, "24k", False, [["dedupe", "{page}", "--in-place", "-q"]]
    )
    ((code, err),) = runs
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert "a.txt.bak: cannot write the backup: No space left on device" in err
    assert names == ["a.txt"] and same


def test_a_read_only_file_system_is_one_line_and_nothing_changes(tmp_path: Path) -> None:
    runs, names, same = _in_small_file_system(
        tmp_path,
        "1m",
        True,
        [
            ["dedupe", "{page}", "--in-place", "-q"],
            ["dedupe", "{page}", "--in-place", "--backup-suffix", ".orig", "-q"],
            ["compare", "{page}", "{page}", "-o", "{folder}/report.json"],
            ["compare", "{page}", "{page}", "-o", "{folder}/new/report.json"],
            ["dedupe", "{page}", "--report", "{folder}/dups.json", "-q"],
            ["dedupe", "{page}", "--output", "{folder}/clean", "-q"],
        ],
    )
    for code, err in runs:
        assert code == 2 and err.count("\n") == 1, err
        assert err.startswith("diffkit: error: ") and "Traceback" not in err
        assert "Read-only file system" in err or "permission denied" in err, err
    assert names == ["a.txt"] and same


def test_only_repeats_whose_text_is_kept_are_removed_unless_near_ones_are_asked_for(
    tmp_path: Path,
) -> None:
    first = "市委将一如既往支持和保障各级人大依法行使职权，切实加强和改进对人大工作的领导。"
    near = "市委将一如既往支持和保障各级人大依法行使职权，切实加强和改进对政协工作的领导。"
    page = tmp_path / "page.txt"
    text = f"{first}\n\n第二段落说的是另外一件事。\n\n{first}\n\n{near}\n"
    page.write_text(text, encoding="utf-8")
    result = _invoke("dedupe", str(page), "--output", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "diffkit: wrote 1 de-duplicated file: removed 1 repeat whose text the first occurrence "
        "holds; kept 1 near repeat holding text found nowhere else (--remove-near removes them too)"
    ]
    cleaned = (tmp_path / "out" / "page.txt").read_text(encoding="utf-8")
    assert cleaned.count(first) == 1 and near in cleaned
    result = _invoke("dedupe", str(page), "--output", str(tmp_path / "near"), "--remove-near")
    assert "and 1 near repeat (--remove-near)" in result.stderr
    assert near not in (tmp_path / "near" / "page.txt").read_text(encoding="utf-8")
    record = json.loads((tmp_path / "near" / "page.txt.removed.json").read_text(encoding="utf-8"))
    assert (
        restore(
            (tmp_path / "near" / "page.txt").read_text(encoding="utf-8"),
            [Removal(**r) for r in record["removed"]],
        )
        == text
    )
    assert page.read_text(encoding="utf-8") == text


_GOOD_TEXT = (
    "各位代表：现在，我代表市人大常委会报告工作。请予审议。\n\n第二段，说的是另外一件事情。\n"
)

BAD_INPUTS: dict[str, bytes | None] = {
    "missing": None,
    "empty": b"",
    "blank": b"  \n\t\n\r\n",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "nul": "第一段。\x00第二段。\n".encode(),
    "broken-utf16-bom": codecs.BOM_UTF16_LE + b"a\x00\x00\xd8",
    "broken-utf8-bom": codecs.BOM_UTF8 + b"\xff\xfe\x00abc",
    "zeros": b"\x00" * 4096,
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["segments", "compare-a", "compare-b", "dedupe"])
def test_bad_input_is_one_line_naming_it_and_left_as_it_was(
    tmp_path: Path, name: str, command: str
) -> None:
    bad, good = tmp_path / f"{name}.txt", tmp_path / "good.txt"
    good.write_text(_GOOD_TEXT, encoding="utf-8")
    data = BAD_INPUTS[name]
    if data is not None:
        bad.write_bytes(data)
    args = {
        "segments": ["segments", str(bad)],
        "compare-a": ["compare", str(bad), str(good)],
        "compare-b": ["compare", str(good), str(bad)],
        "dedupe": ["dedupe", str(bad), str(good), "-q"],
    }[command]
    result = _invoke(*args)
    _no_traceback(result)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"diffkit: error: {bad}: "), lines
    assert (bad.read_bytes() if data is not None else None) == data
    assert good.read_text(encoding="utf-8") == _GOOD_TEXT


@pytest.mark.parametrize(
    "args",
    [
        ["segments", "{dir}"],
        ["compare", "{dir}", "{good}"],
        ["segments", "/dev/null"],
        ["dedupe", "{dir}/nothing-here"],
    ],
)
def test_what_is_no_file_to_read_is_one_line(tmp_path: Path, args: list[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text(_GOOD_TEXT, encoding="utf-8")
    result = _invoke(*(a.format(dir=tmp_path / "sub", good=good) for a in args))
    (tmp_path / "sub").mkdir(exist_ok=True)
    result = _invoke(*(a.format(dir=tmp_path / "sub", good=good) for a in args))
    _no_traceback(result)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.stderr


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-16", _GOOD_TEXT.encode("utf-16")),
        ("utf-16-le", _GOOD_TEXT.encode("utf-16-le")),
        ("utf-16-be", _GOOD_TEXT.encode("utf-16-be")),
        ("utf-8-sig", _GOOD_TEXT.encode("utf-8-sig")),
        ("gb18030", _GOOD_TEXT.encode("gb18030")),
        ("big5", "各位代表：現在，我代表市人大常委會報告工作。請予審議。\n".encode("big5")),
        ("latin-1", "Ça dépend de la météo, déjà vu.\n".encode("latin-1")),
        ("cp1252", "Ça dépend — “quoted” café.\n".encode("cp1252")),
        ("crlf", _GOOD_TEXT.replace("\n", "\r\n").encode()),
        ("cr", _GOOD_TEXT.replace("\n", "\r").encode()),
    ],
)
def test_text_in_every_supported_encoding_is_read_as_written(
    tmp_path: Path, encoding: str, data: bytes
) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(data)
    for args in (["segments", str(page)], ["compare", str(page), str(page)], ["dedupe", str(page)]):
        result = _invoke(*args)
        _no_traceback(result)
        assert result.exit_code == 0, (args, result.stderr)
    doc = diffkit.load(page)
    assert doc.text.replace("\r\n", "\n").replace("\r", "\n") in (
        _GOOD_TEXT,
        "各位代表：現在，我代表市人大常委會報告工作。請予審議。\n",
        "Ça dépend de la météo, déjà vu.\n",
        "Ça dépend — “quoted” café.\n",
    )
    assert page.read_bytes() == data


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_file_of_proc_is_read_though_its_size_says_zero() -> None:
    result = _invoke("segments", "/proc/self/status")
    assert result.exit_code == 0 and "Name:" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["compare", "{a}", "{a}", "--format", "nope"], "Invalid value for '--format'"),
        (["dedupe", "{a}", "--granularity", "word"], "Invalid value for '--granularity'"),
        (["dedupe", "{a}", "--bogus"], "No such option '--bogus'"),
        (["dedupe"], "Missing argument"),
        (["compare", "{a}"], "Missing argument 'B'"),
        (["compare", "{a}", "{a}", "--ignore", "colour"], "unknown category 'colour'"),
        (["compare", "{a}", "{a}", "--ignore", "content", "--only", "script"], "not both"),
        (["segments", "{a}", "--skip", "colour"], "unknown fold step 'colour'"),
        (["segments", "{a}", "--profile", "loud"], "Invalid value for '--profile'"),
        (["compare", "-", "-"], "only one of A and B"),
        (["dedupe", "{a}", "--output", "{out}", "--in-place"], "choose one of"),
        (["dedupe", "-", "--in-place"], "standard input has no file"),
        (["frobnicate"], "No such command"),
    ],
)
def test_a_bad_option_is_one_line_and_changes_nothing(
    tmp_path: Path, args: list[str], says: str
) -> None:
    page = tmp_path / "a.txt"
    page.write_bytes(SPEECH_2023_SIMP.read_bytes())
    result = _invoke(*(a.format(a=page, out=tmp_path / "out") for a in args), stdin="x\n")
    _no_traceback(result)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("diffkit: error: ") and says in lines[0]
    assert page.read_bytes() == SPEECH_2023_SIMP.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def _big_page(folder: Path) -> tuple[Path, bytes]:
    """A page of many repeats, large enough that an in-place run takes a while."""
    text = "\n\n".join(
        f"第{i}段：" + SPEECH_2023_SIMP.read_text(encoding="utf-8") for i in range(40)
    )
    page = folder / "big.txt"
    page.write_text(text, encoding="utf-8")
    return page, page.read_bytes()


@pytest.fixture(scope="module")
def big_cleaned(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    """The big page, and what one in-place run makes of it."""
    page, original = _big_page(tmp_path_factory.mktemp("reference"))
    assert _diffkit("dedupe", str(page), "--in-place", "-q").returncode == 0
    assert page.read_bytes() != original
    return original, page.read_bytes()


def _reading(pid: int, path: Path) -> bool:
    """Whether process ``pid`` holds ``path`` open (it has started the command's work)."""
    try:
        return any(
            os.path.realpath(f"/proc/{pid}/fd/{fd}") == str(path.resolve())
            for fd in os.listdir(f"/proc/{pid}/fd")
        )
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc to see the run start")
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_during_in_place_leaves_the_input_whole(
    tmp_path: Path, sig: int, big_cleaned: tuple[bytes, bytes]
) -> None:
    original, cleaned = big_cleaned
    for delay in (0.0, 0.4, 1.2):
        folder = tmp_path / f"run-{delay}"
        folder.mkdir()
        page, _ = _big_page(folder)
        run = subprocess.Popen(
            [sys.executable, "-m", "diffkit", "dedupe", str(page), "--in-place", "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started = time.monotonic()
        while not _reading(run.pid, page) and run.poll() is None:
            assert time.monotonic() - started < 60
            time.sleep(0.01)
        time.sleep(delay)
        run.send_signal(sig)
        _, err = run.communicate(timeout=60)
        assert "Traceback" not in err
        assert run.returncode in (0, 128 + sig, -sig), (run.returncode, err)
        assert page.read_bytes() in (original, cleaned)
        for backup in folder.glob("big.txt.bak*"):
            assert backup.read_bytes() == original
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_a_page_changed_since_it_was_read_is_not_rewritten(tmp_path: Path) -> None:
    page, original = _big_page(tmp_path)
    report = diffkit.dedupe([page])
    page.write_bytes(original + "新加的一段。\n".encode())
    with pytest.raises(diffkit.UsageError, match="changed since it was read"):
        write_clean(report, in_place=True)
    assert page.read_bytes() == original + "新加的一段。\n".encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.txt"]


def test_concurrent_in_place_runs_lose_nothing(
    tmp_path: Path, big_cleaned: tuple[bytes, bytes]
) -> None:
    page, original = _big_page(tmp_path)
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "diffkit", "dedupe", str(tmp_path), "--in-place", "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        # A run that finds the page rewritten by another since it read it leaves it alone.
        assert run.returncode == 0 or (
            run.returncode == 2 and "changed since it was read" in err and err.count("\n") == 1
        ), err
    backups = sorted(tmp_path.glob("big.txt.bak*"))
    assert backups and all(b.read_bytes() == original for b in backups)
    assert page.read_bytes() == big_cleaned[1]  # what one run makes of it


def test_a_cluster_below_the_threshold_says_how_it_was_joined() -> None:
    report = diffkit.dedupe([SAMPLES], linkage="single")
    below = [c for c in report.clusters if c.similarity < report.threshold]
    assert below
    shown = _invoke("dedupe", str(SAMPLES), "--linkage", "single").output
    for cluster in report.clusters[:50]:
        head = (
            f"cluster {cluster.id}  ×{len(cluster.members)}  similarity ≥ {cluster.similarity:.0%}"
        )
        via = " (via a closer member)"
        assert (head + via in shown) == (cluster in below), head


def test_the_html_filters_are_the_legend_of_the_colours() -> None:
    page = compare_html(diffkit.compare(NEWS_2023_TRAD, SPEECH_2023_SIMP))
    for category in diffkit.CATEGORIES:
        label = re.search(
            rf'<label><input type="checkbox" data-cat="{category}"[^>]*>(.*?)</label>', page
        )
        assert label is not None
        assert f'class="e c-{category} ' in label.group(1)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_what_the_filters_leave_out_is_not_warned_of(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("第一段文字，足够长的一句话。\n", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.fifo")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    result = _invoke("dedupe", str(tmp_path), "--include", "*.txt", "-q")
    assert result.exit_code == 0 and result.stderr == ""


def test_the_keys_of_a_clean_copy_are_each_text_folded_alone() -> None:
    report = diffkit.dedupe([SAMPLES])
    texts = [m.text for c in report.clusters for m in c.members] + ["", "發(fā)表\n", " "]
    assert _keys(texts, report.steps) == [fold(t).text for t in texts]
    for cluster in report.clusters:
        for member in cluster.repeats:
            alone = fold(member.text).text in fold(cluster.representative.text).text
            assert covered(member, cluster.representative, report.steps) == alone


def test_a_generator_of_names_is_checked_without_being_used_up() -> None:
    a, b = "市委将一如既往支持人大。\n", "市委將一如既往支持人大。\n"
    assert diffkit.compare(a, b, ignore=(c for c in ["script"])).exit_code == 0
    assert diffkit.compare(a, b, ignore=iter(["script"])).ignore == ("script",)
    assert len(diffkit.dedupe((a, b), min_chars=5).clusters) == 1


def test_the_api_refuses_an_empty_file_it_is_named_as_the_cli_does(tmp_path: Path) -> None:
    import diffkit

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("各位代表：会议圆满完成了各项议程。\n", encoding="utf-8")
    with pytest.raises(diffkit.EmptyInputError, match=r"empty\.txt"):
        diffkit.compare(empty, other)
    with pytest.raises(diffkit.EmptyInputError, match=r"empty\.txt"):
        diffkit.dedupe([str(empty), str(other)])
    # Empty text is text, and an empty file a folder holds is no error to the folder's scan.
    assert diffkit.compare(diffkit.Text(""), diffkit.Text("x")).unmatched_b
    assert [d.path for d in diffkit.dedupe(tmp_path).documents] == [str(empty), str(other)]


def test_pictured_text_keeps_its_offsets_and_shows_every_control() -> None:
    from diffkit.render import pictured

    text = "红字\x1b[31m\u200b零宽\u202e反\x00\x7f\t行\n"
    shown = pictured(text)
    assert len(shown) == len(text)
    assert shown == "红字␛[31m·零宽·反␀␡\t行\n"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler acts only with --engine dask"),
        (["--partitions", "3"], "--partitions acts only with --engine dask"),
        (["--id-column", "url"], "--id-column acts only with --text-column"),
        (["--members-format", "jsonl"], "--members-format acts only with --members DIR"),
        (["--remove-near"], "--remove-near acts only with --output DIR or --in-place"),
        (["--backup-suffix", ".old"], "--backup-suffix acts only with --in-place"),
    ],
)
def test_an_option_without_the_one_it_acts_with_is_refused(
    tmp_path: Path, options: list[str], message: str
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "第一段文字，足够长的一句话。\n\n第一段文字，足够长的一句话。\n", encoding="utf-8"
    )
    result = _invoke("dedupe", str(page), *options)
    # A run that went on without them would look like the run asked for: a cluster's, a
    # table's, a cleaning's.
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"diffkit: error: {message}"]
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]

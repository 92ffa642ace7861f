"""Loading: encodings in the documented order, line structure, and clear typed errors."""

from __future__ import annotations

import codecs
import subprocess
import sys
from pathlib import Path

import pytest

import diffkit
from diffkit.loading import load, load_path

from .conftest import NEWS_2023_TRAD, SEEDS


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_gb18030_copies_of_the_seeds_load_to_the_same_text(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    copy = tmp_path / "gb.txt"
    copy.write_bytes(text.encode("gb18030"))
    doc = load_path(copy)
    assert doc.text == text
    assert doc.encoding == "gb18030"


def test_big5_copy_of_the_traditional_news_loads_to_the_same_text(tmp_path: Path) -> None:
    text = NEWS_2023_TRAD.read_text(encoding="utf-8")
    # The news item mixes in a few Simplified characters and pinyin that Big5 cannot hold.
    big5_text = "".join(c for c in text if _encodable(c, "big5"))
    assert len(big5_text) > 0.9 * len(text)
    copy = tmp_path / "big5.txt"
    copy.write_bytes(big5_text.encode("big5"))
    doc = load_path(copy)
    assert doc.text == big5_text
    assert doc.encoding.startswith("big5")


def _encodable(c: str, encoding: str) -> bool:
    try:
        c.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_byte_order_marks_are_honoured_and_dropped(bom: bytes, codec: str) -> None:
    text = "各位代表：\n衡陽市第十六屆人民代表大會\n"
    doc = load(bom + text.encode(codec))
    assert doc.text == text


def test_explicit_encoding_overrides_detection() -> None:
    data = "衡阳市人大".encode("gb18030")
    assert load(data, encoding="gb18030").text == "衡阳市人大"
    with pytest.raises(diffkit.DecodeError):
        load(data, encoding="utf-8")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_newline_style_gives_the_same_lines(newline: str) -> None:
    doc = load(newline.join(["第一行", "", "第三行 third", "末"]))
    assert doc.line_count == 4
    assert doc.line(3) == "第三行 third"
    offset = doc.text.index("third")
    assert doc.position(offset) == (3, 5)


def test_missing_file_directory_and_binary_raise_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(diffkit.FileMissingError, match=r"missing\.txt"):
        load_path(tmp_path / "missing.txt")
    with pytest.raises(diffkit.FileMissingError, match="directory"):
        load_path(tmp_path)
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(diffkit.BinaryInputError, match=r"image\.png"):
        load_path(binary)


def test_undecodable_bytes_raise_decode_error(tmp_path: Path) -> None:
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 3)
    with pytest.raises(diffkit.InputError):
        load_path(noise)


def test_too_large_input_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("重复" * 100, encoding="utf-8")
    with pytest.raises(diffkit.InputTooLargeError, match="over the limit"):
        load_path(big, max_bytes=50)


def test_empty_file_is_a_document_without_lines_of_text(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    doc = load_path(empty)
    assert doc.text == ""
    assert diffkit.segments(doc) == ()


def test_str_naming_a_file_reads_it_and_other_str_is_text() -> None:
    assert load(str(NEWS_2023_TRAD)).path == str(NEWS_2023_TRAD)
    assert load("not a file, just words").text == "not a file, just words"


def test_the_core_and_the_cli_never_import_textual() -> None:
    code = (
        "import sys, importlib, pkgutil, diffkit\n"
        "for m in pkgutil.walk_packages(diffkit.__path__, 'diffkit.'):\n"
        "    if not m.name.endswith('__main__'): importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'diffkit_tui')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("衡阳市第十六届人民代表大会", "gb18030"),
        ("衡陽市第十六屆人民代表大會第三次會議", "big5"),
        ("café naïve déjà vu, été à la plage", "latin-1"),
        ("déjà vu — “quoted” café", "cp1252"),
    ],
)
def test_short_texts_decode_to_the_common_encoding_among_equals(text: str, encoding: str) -> None:
    assert load(text.encode(encoding)).text == text

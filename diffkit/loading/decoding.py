"""Bytes to text: encoding detection, line structure, and the refusal of binary data.

Detection order is fixed and explicit: a byte-order mark, then strict UTF-8, then
charset-normalizer over the whole file. There is deliberately no blind GB18030 fallback: Big5
bytes decode as GB18030 without an error, into garbage.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Final

import numpy as np
from charset_normalizer import from_bytes

from ..errors import BinaryInputError, DecodeError
from ..model import Document

_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_PREFERRED: Final = ("gb18030", "big5", "cp1252", "latin_1")


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where lines begin; only CRLF, CR and LF end a line, as in editors."""
    if text.count("\r") != text.count("\r\n"):  # a lone CR, as old Macs wrote
        return (0, *(m.end() for m in _LINE_BREAK.finditer(text)))
    # Every line ends at an LF then: the lengths of the pieces between them, summed in C,
    # instead of a regex match a line.
    lengths = np.fromiter(map(len, text.split("\n")), dtype=np.int64)[:-1] + 1
    return (0, *np.cumsum(lengths).tolist())


def decode(data: bytes, *, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding used)``; raise a typed error if it cannot."""
    if encoding is not None:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise DecodeError(name, f"cannot be decoded as {encoding}: {exc}") from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                raise DecodeError(
                    name, f"starts with a {codec} byte-order mark but is not {codec}"
                ) from None
    if b"\x00" in data:
        order = utf16_without_bom(data)
        if order is not None:
            try:
                return data.decode(order), order
            except UnicodeDecodeError:
                pass
        check_not_binary(data, name=name)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError(
            name, "is not text in any supported encoding (UTF-8/16, GB18030, Big5, ...)"
        )
    # On short texts several code pages score the same; then the common ones win (a Latin-1
    # file is not Baltic cp1257, GB18030 Chinese is not Korean cp949). A candidate stands for
    # every code page that decodes the bytes to the same text.
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
    for preferred in _PREFERRED:
        if any(preferred in (m.encoding, *m.could_be_from_charset) for m in tied):
            try:
                return data.decode(preferred), preferred
            except UnicodeDecodeError:
                continue
    return str(best), best.encoding


SNIFF: Final = 1 << 16
"""How much of a stream's start is looked at for NUL bytes before the rest is read."""


_CONTROL: Final = frozenset(("Cc", "Cn", "Co", "Cs"))


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the start of ``data`` reads as text in that byte
    order though no byte-order mark says so (as some Windows tools write it), else None.

    The high byte of every ASCII character (line breaks, spaces, digits) is a NUL; the text is
    no UTF-8 holding a stray NUL (which is binary) unless NULs are a good part of it; it holds
    a space or a line break and few control, unassigned or private characters; and the wrong
    byte order would turn Latin text into characters whose low byte is zero (``a`` into
    U+6100), Chinese text into unassigned ones and broken surrogates."""
    head = data[: min(len(data), SNIFF) & ~1]
    if not head or len(data) % 2:
        return None
    nuls = head.count(0)
    if nuls * 5 < len(head):
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
            return None
        except UnicodeDecodeError:
            pass
    for codec, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        if not head[high::2].count(0):
            continue
        text = head.decode(codec, "replace")
        odd = sum(
            1
            for c in text
            if c in "\ufffd\x00" or (unicodedata.category(c) in _CONTROL and c not in "\t\n\r\f\v")
        )
        low_zero = sum(1 for c in text if ord(c) > 0xFF and not ord(c) & 0xFF)
        spaced = any(c in text for c in " \t\r\n\u3000")
        if spaced and odd <= len(text) // 100 and low_zero <= len(text) * 3 // 10:
            return codec
    return None


def check_not_binary(data: bytes, *, name: str) -> None:
    """Raise BinaryInputError if ``data`` holds a NUL byte and is no UTF-16 or UTF-32 text
    (with a byte-order mark, or UTF-16 without one)."""
    if b"\x00" not in data or data.startswith(tuple(bom for bom, _ in _BOMS)):
        return
    if utf16_without_bom(data) is not None:
        return
    hint = ""
    if len(data) % 2 == 0 and data.count(0) * 8 >= len(data):
        even, odd = data[::2].count(0), data[1::2].count(0)
        if odd > 9 * even or even > 9 * odd:
            order = "le" if odd > even else "be"
            hint = f" (if it is UTF-16 text, try --encoding utf-16-{order})"
    raise BinaryInputError(name, f"looks binary (it contains NUL bytes); not a text file{hint}")


def from_bytes_source(
    data: bytes, *, name: str = "<bytes>", encoding: str | None = None
) -> Document:
    """A Document from raw bytes, detecting the encoding unless one is given."""
    text, used = decode(data, name=name, encoding=encoding)
    return Document(path=name, text=text, encoding=used, line_starts=line_starts(text))


def from_text(text: str, *, name: str = "<text>") -> Document:
    """A Document from text already in memory."""
    return Document(path=name, text=text, encoding="str", line_starts=line_starts(text))

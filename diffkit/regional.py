"""Regional wording folded to mainland wording, so that Taiwan and Hong Kong editions match.

Localised Chinese differs by more than script: a Taiwan edition says 檔案, 建立, 記憶體 where
the mainland one says 文件, 创建, 内存, and translators add terms no table holds (指令 for 命令).
A key that folds only script leaves such sentences without a long run in common.

OpenCC's phrase tables do the folding, on text the script step has made Simplified: it goes to
Taiwan wording and back (``s2twp``, then ``tw2sp``), so that a text, its Taiwan-phrased copy and
its script-only copy fold to one key (``tw2sp`` alone is no projection: it would make the
mainland 文件夹 文档夹 while the Taiwan 資料夾 becomes 文件夹; and a Traditional copy made by
script alone keeps mainland words, 程序 among them, that ``tw2sp`` would read as Taiwan's). A
glossary then maps terms OpenCC does not know. Every changed phrase maps onto the whole original phrase it came
from (the smallest window around the change whose own conversion gives the same text), so the
diff sees 程式/程序, not 式/序.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Final

import fast_diff_match_patch as fdmp

from .codepoints import PARAGRAPH_SEPARATOR
from .converters import converter
from .errors import InputError

_WIDEN: Final = 3
"""How far a changed run may widen on either side to the phrase it belongs to."""


@dataclass(frozen=True)
class Glossary:
    """Mainland terms and their Taiwan or Hong Kong counterparts, folded together for matching
    and explained as ``regional`` edits."""

    entries: tuple[tuple[str, str], ...]
    """``(mainland, regional)`` pairs, as written."""
    name: str = "glossary"
    _keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False, hash=False)

    def merged(self, other: Glossary) -> Glossary:
        """This glossary and ``other``'s entries after it (an entry given twice counts once)."""
        entries = tuple(dict.fromkeys(self.entries + other.entries))
        return Glossary(entries, f"{self.name}+{other.name}")

    def replacements(self) -> dict[str, str]:
        """Each term's key form mapped to the key form its class folds to: the glossary as it
        applies to text already through OpenCC's tables. Entries that share a term are one
        class (拦截/封鎖 and 屏蔽/封鎖 make 拦截, 屏蔽 and 封鎖 one), folded to the mainland
        term of its first entry."""
        if not self._keys and self.entries:
            mainland = _through(_KEY_WAY, [cn for cn, _ in self.entries])
            regional = _through(_KEY_WAY, [tw for _, tw in self.entries])
            parent: dict[str, str] = {}

            def root(term: str) -> str:
                while parent.setdefault(term, term) != term:
                    parent[term] = parent[parent[term]]
                    term = parent[term]
                return term

            for cn, tw in zip(mainland, regional, strict=True):
                if cn and tw:
                    first, second = root(cn), root(tw)
                    if first != second:
                        parent[second] = first  # the earlier entry's term stays the root
            for term in parent:
                canonical = root(term)
                if canonical != term:
                    self._keys[term] = canonical
        return self._keys


def _parse(lines: Iterable[str], name: str) -> Glossary:
    entries: list[tuple[str, str]] = []
    for number, line in enumerate(lines, 1):
        text = line.rstrip("\r\n")
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        cells = text.split("\t")
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise InputError(
                name, f"line {number}: a glossary line is a mainland term, a tab, its counterpart"
            )
        entries.append((cells[0].strip(), cells[1].strip()))
    return Glossary(tuple(entries), Path(name).name)


def load_glossary(path: str | os.PathLike[str]) -> Glossary:
    """A glossary from a UTF-8 file of two tab-separated columns: the mainland term, then its
    Taiwan or Hong Kong counterpart; ``#`` starts a comment line.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "terms.tsv"
    >>> _ = path.write_text("# ours\\n质量\\t品質\\n", encoding="utf-8")
    >>> load_glossary(path).entries
    (('质量', '品質'),)
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read the glossary: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"cannot read the glossary: not UTF-8 ({exc.reason})") from None
    return _parse(text.splitlines(), str(path))


@cache
def default_glossary() -> Glossary:
    """The glossary diffkit ships (``diffkit/data/glossary.tsv``)."""
    data = resources.files("diffkit").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
    return _parse(data.splitlines(), "glossary.tsv")


# --- OpenCC's phrase tables ----------------------------------------------------------------


def _through(configs: Sequence[str], texts: list[str]) -> list[str]:
    """``texts`` through each converter of ``configs`` in turn, joined in one call each."""
    if not texts:
        return []
    joined = PARAGRAPH_SEPARATOR.join(texts)
    for config in configs:
        joined = converter(config).convert(joined)
    out = joined.split(PARAGRAPH_SEPARATOR)
    if len(out) != len(texts):  # a table swallowed a separator: convert one by one
        out = [_through(configs, [t])[0] for t in texts]
    return out


_WAY: Final = ("s2twp", "tw2sp")
_KEY_WAY: Final = ("hk2s", *_WAY)
"""A glossary term's way to its key: Simplified script first, as the fold has it by then."""


def convert_pieces(texts: list[str]) -> list[str]:
    """Each Simplified text in mainland wording: through ``s2twp`` and back with ``tw2sp``."""
    return _through(_WAY, texts)


# --- where a conversion changed a phrase ------------------------------------------------------

Replacement = tuple[int, int, str]
"""``(start, end, text)``: ``before[start:end]`` becomes ``text``."""


_CHUNK: Final = 512
"""Text is converted and compared in chunks of at most about this many characters, cut after
a mark no phrase crosses, so that the comparison's cost stays linear in the text; every
sentence ends one, so that a sentence met before is looked at once."""
_CUT: Final = re.compile(r"[。！？；，、\n\u2029]")
_ENDS: Final = frozenset("。！？")


def _chunks(text: str) -> list[tuple[int, int]]:
    bounds = [0]
    for m in _CUT.finditer(text):
        if m.group() in _ENDS or m.end() - bounds[-1] >= _CHUNK:
            bounds.append(m.end())
    if bounds[-1] < len(text):
        bounds.append(len(text))
    return [(lo, hi) for lo, hi in itertools.pairwise(bounds) if hi > lo]


def regional_replacements(text: str) -> tuple[str, list[Replacement]]:
    """``text`` (Simplified, pieces separated by U+2029) in mainland wording, and the
    replacements that make it so, each widened to the phrase it belongs to: the window
    around a change whose own conversion gives the converted window. A chunk met before (a
    sentence, a heading, a line of boilerplate) is converted and compared once."""
    pieces = text.split(PARAGRAPH_SEPARATOR)
    distinct = list(dict.fromkeys(pieces))
    bounds = [_chunks(piece) for piece in distinct]
    sources = list(
        dict.fromkeys(
            piece[lo:hi] for piece, cuts in zip(distinct, bounds, strict=True) for lo, hi in cuts
        )
    )
    converted = convert_pieces(sources)
    changed = [k for k, (x, y) in enumerate(zip(sources, converted, strict=True)) if x != y]
    if not changed:
        return text, []
    found = _widened(
        [(sources[k], converted[k], _changes(sources[k], converted[k])) for k in changed]
    )
    # Each chunk's converted text and its replacements, relative to the chunk.
    by_chunk: dict[str, tuple[str, list[Replacement]]] = {
        sources[k]: (converted[k], chunk) for k, chunk in zip(changed, found, strict=True)
    }
    by_piece: dict[str, tuple[str, list[Replacement]]] = {}
    for piece, cuts in zip(distinct, bounds, strict=True):
        parts: list[str] = []
        replacements: list[Replacement] = []
        for lo, hi in cuts:
            source = piece[lo:hi]
            after, chunk = by_chunk.get(source, (source, []))
            parts.append(after)
            replacements.extend((lo + a0, lo + a1, new) for a0, a1, new in chunk)
        by_piece[piece] = ("".join(parts), replacements)
    found_all: list[Replacement] = []
    after_pieces: list[str] = []
    base = 0
    for piece in pieces:
        piece_after, piece_replacements = by_piece[piece]
        after_pieces.append(piece_after)
        if piece_replacements:
            found_all.extend((base + a0, base + a1, new) for a0, a1, new in piece_replacements)
        base += len(piece) + 1
    return PARAGRAPH_SEPARATOR.join(after_pieces), found_all


def _changes(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Where ``after`` differs from ``before``: ``(a0, a1, b0, b1)`` runs."""
    ops = fdmp.diff(before, after, timelimit=0, checklines=False, counts_only=True, cleanup="No")
    changes: list[tuple[int, int, int, int]] = []
    i = j = 0
    for op, n in ops:
        if op == "=":
            i, j = i + n, j + n
            continue
        a1, b1 = (i + n, j) if op == "-" else (i, j + n)
        if changes and changes[-1][1] == i and changes[-1][3] == j:  # a deletion's insertion
            c = changes[-1]
            changes[-1] = (c[0], a1, c[2], b1)
        else:
            changes.append((i, a1, j, b1))
        i, j = a1, b1
    return changes


def _reach(
    before: str, changes: list[tuple[int, int, int, int]], k: int, step: int, size: int
) -> tuple[int, int] | None:
    """Where a window around change ``k`` ends, ``size`` steps before it (``step`` -1) or after
    it (1): a step takes one equal character, or a whole neighbouring change (程式設計 -> 编程
    comes as +编 =程 -式设计: one phrase). None past the text or a separator."""
    a0, a1, b0, b1 = changes[k]
    # Most windows meet no neighbouring change and no separator: they are a subtraction.
    if step < 0:
        beside, clear = before[a0 - size : a0], not k or changes[k - 1][1] <= a0 - size
        if size <= a0 and clear and PARAGRAPH_SEPARATOR not in beside:
            return a0 - size, b0 - size
    else:
        beside = before[a1 : a1 + size]
        clear = k + 1 == len(changes) or changes[k + 1][0] >= a1 + size
        if size <= len(before) - a1 and clear and PARAGRAPH_SEPARATOR not in beside:
            return a1 + size, b1 + size
    a, b = (a0, b0) if step < 0 else (a1, b1)
    j = k + step
    for _ in range(size):
        if 0 <= j < len(changes) and changes[j][1 if step < 0 else 0] == a:
            a, b = (changes[j][0], changes[j][2]) if step < 0 else (changes[j][1], changes[j][3])
            j += step
            continue
        if not (a > 0 if step < 0 else a < len(before)):
            return None
        if before[a - 1 if step < 0 else a] == PARAGRAPH_SEPARATOR:
            return None
        a, b = a + step, b + step
    return a, b


def _windows(
    before: str, changes: list[tuple[int, int, int, int]], c: int, k: int, size: int
) -> Iterator[tuple[int, int, int, int, int, int]]:
    """The windows around change ``k`` of chunk ``c`` that take in ``size`` characters
    beside it, the fewest on the left first."""
    for left in range(max(0, size - _WIDEN), min(size, _WIDEN) + 1):
        lo = _reach(before, changes, k, -1, left)
        hi = _reach(before, changes, k, 1, size - left)
        if lo is not None and hi is not None:
            yield c, k, lo[0], hi[0], lo[1], hi[1]


def _widened(
    chunks: list[tuple[str, str, list[tuple[int, int, int, int]]]],
) -> list[list[Replacement]]:
    """Each chunk's changes widened into the equal text around them, by the smallest window
    whose own conversion reproduces the change; a change no window explains stays as it is.
    The windows of all chunks are converted together."""
    chosen: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    # Most changes are whole phrases already (檔案 -> 文件): they are checked first, alone;
    # the others widen a character at a time, so that each stops at its smallest window.
    pending = [(c, k) for c, (_, _, changes) in enumerate(chunks) for k in range(len(changes))]
    for size in range(2 * _WIDEN + 1):
        candidates: list[tuple[int, int, int, int, int, int]] = []  # chunk, change, window
        for c, k in pending:
            candidates.extend(_windows(chunks[c][0], chunks[c][2], c, k, size))
        converted = convert_pieces([chunks[c][0][lo:hi] for c, _, lo, hi, _, _ in candidates])
        for (c, k, lo, hi, b0, b1), text in zip(candidates, converted, strict=True):
            if (c, k) not in chosen and text == chunks[c][1][b0:b1]:
                chosen[c, k] = (lo, hi, b0, b1)
        pending = [ck for ck in pending if ck not in chosen]
        if not pending:
            break
    out: list[list[Replacement]] = []
    for c, (before, after, changes) in enumerate(chunks):
        windows = sorted(chosen.get((c, k), change) for k, change in enumerate(changes))
        merged: list[tuple[int, int, int, int]] = []
        for a0, a1, b0, b1 in windows:
            # Windows that meet on either side (an insertion inside another's window) are one.
            if merged and (a0 < merged[-1][1] or b0 < merged[-1][3]):
                last = merged.pop()
                a0, a1, b0, b1 = last[0], max(a1, last[1]), last[2], max(b1, last[3])
            merged.append((a0, a1, b0, b1))
        replacements = [(a0, a1, after[b0:b1]) for a0, a1, b0, b1 in merged]
        if _applied(before, replacements) != after:  # never expected; a whole chunk is safe
            replacements = [(0, len(before), after)]
        out.append(replacements)
    return out


def _applied(text: str, replacements: list[Replacement]) -> str:
    parts: list[str] = []
    at = 0
    for start, end, piece in replacements:
        parts += (text[at:start], piece)
        at = end
    parts.append(text[at:])
    return "".join(parts)


@lru_cache(maxsize=16)  # one entry a glossary in use
def _index(terms: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """A pattern of the characters that start one of ``terms``, and for each such character
    its terms, longest first."""
    by_first: dict[str, list[str]] = {}
    for term in sorted(terms, key=len, reverse=True):
        by_first.setdefault(term[0], []).append(term)
    chars = "".join(re.escape(c) for c in by_first)
    return re.compile(f"[{chars}]"), {c: tuple(ts) for c, ts in by_first.items()}


def _occurrences(text: str, terms: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """Every place a term starts, with the longest term that starts there."""
    first, by_first = _index(terms)
    for m in first.finditer(text):
        at = m.start()
        for term in by_first[m.group()]:
            if text.startswith(term, at):
                yield at, at + len(term), term
                break


def glossary_replacements(text: str, glossary: Glossary) -> list[Replacement]:
    """Where ``text`` (already through OpenCC's tables) holds a glossary term's regional form,
    and the mainland form it becomes. Han text has no spaces between words, so a term may be
    met across two words (品质 in 产品质量): a place where terms of either side overlap is left
    alone, so the mainland 产品质量 and the Taiwan 產品品質 both come out 产品质量."""
    keys = glossary.replacements()
    if not keys:
        return []
    terms = tuple(dict.fromkeys([*keys, *keys.values()]))
    # No term holds a separator: each distinct piece is looked at once.
    pieces = text.split(PARAGRAPH_SEPARATOR)
    by_piece = {piece: _terms_in(piece, keys, terms) for piece in dict.fromkeys(pieces)}
    out: list[Replacement] = []
    base = 0
    for piece in pieces:
        found = by_piece[piece]
        if found:
            out.extend((base + start, base + end, term) for start, end, term in found)
        base += len(piece) + 1
    return out


def _terms_in(text: str, keys: dict[str, str], terms: tuple[str, ...]) -> list[Replacement]:
    found: list[tuple[int, int, str]] = []
    for start, end, term in _occurrences(text, terms):
        if found and end <= found[-1][1]:
            continue  # inside a longer term (端口 in 连接端口): the longer one is the word
        found.append((start, end, term))
    out: list[Replacement] = []
    for k, (start, end, term) in enumerate(found):
        if term not in keys:
            continue
        if (k and found[k - 1][1] > start) or (k + 1 < len(found) and found[k + 1][0] < end):
            continue
        out.append((start, end, keys[term]))
    return out

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

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

import fast_diff_match_patch as fdmp

from .codepoints import PARAGRAPH_SEPARATOR
from .converters import converter
from .errors import InputError
from .glossary_terms import glossary_replacements as glossary_replacements
from .regional_chunks import _CHUNK as _CHUNK, _chunk_bounds as _chunk_bounds
from .regional_echoes import Replacement as Replacement, without_echoes

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
            mainland = _key_forms([cn for cn, _ in self.entries])
            regional = _key_forms([tw for _, tw in self.entries])
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
        if len(cells) != 2 or not cells[0].strip() or not cells[1].strip():
            # A third column is refused, not dropped: it is most often a counterpart the user
            # meant as an entry of its own, or a mainland term pasted after a missing newline.
            raise InputError(
                name,
                f"line {number}: a glossary line is a mainland term, a tab, its counterpart"
                f" ({len(cells)} columns)",
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


def _key_forms(terms: list[str]) -> list[str]:
    """Each glossary term as the fold leaves it before the glossary: Simplified script, then
    the round trip with the characters a table adds again dropped, so that a term the tables
    cut apart is found where they leave it (可執行檔案 is 可执行文件案 there, not 可可执行文件案)."""
    simplified = _through(("hk2s",), terms)
    out = regional_replacements(PARAGRAPH_SEPARATOR.join(simplified))[0].split(PARAGRAPH_SEPARATOR)
    return out if len(out) == len(terms) else [regional_replacements(t)[0] for t in simplified]


def convert_pieces(texts: list[str]) -> list[str]:
    """Each Simplified text in mainland wording: through ``s2twp`` and back with ``tw2sp``."""
    return _through(_WAY, texts)


# --- where a conversion changed a phrase ------------------------------------------------------


def regional_replacements(text: str) -> tuple[str, list[Replacement]]:
    """``text`` (Simplified, pieces separated by U+2029) in mainland wording, and the
    replacements that make it so, each widened to the phrase it belongs to: the window
    around a change whose own conversion gives the converted window. A chunk met before (a
    sentence, a heading, a line of boilerplate) is converted and compared once."""
    bounds = _chunk_bounds(text)
    chunks = [text[lo:hi] for lo, hi in bounds]
    sources = list(dict.fromkeys(chunks))
    converted = convert_pieces(sources)
    changed = [k for k, (x, y) in enumerate(zip(sources, converted, strict=True)) if x != y]
    if not changed:
        return text, []
    found = _widened(
        [(sources[k], converted[k], _changes(sources[k], converted[k])) for k in changed]
    )
    # Each changed chunk's converted text and its replacements, relative to the chunk.
    by_chunk: dict[str, tuple[str, list[Replacement]]] = {}
    for k, replacements in zip(changed, found, strict=True):
        kept = without_echoes(sources[k], replacements, lambda t: convert_pieces([t])[0])
        after = converted[k] if kept == replacements else _applied(sources[k], kept)
        by_chunk[sources[k]] = (after, kept)
    parts: list[str] = []
    found_all: list[Replacement] = []
    at = 0
    # Few chunks change: the loop runs over them alone, found by a test a chunk.
    for k in [k for k, chunk in enumerate(chunks) if chunk in by_chunk]:
        (lo, hi), hit = bounds[k], by_chunk[chunks[k]]
        parts += (text[at:lo], hit[0])
        found_all.extend((lo + a0, lo + a1, new) for a0, a1, new in hit[1])
        at = hi
    parts.append(text[at:])
    return "".join(parts), found_all


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
    _joined(chunks, chosen, pending)
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


def _joined(
    chunks: list[tuple[str, str, list[tuple[int, int, int, int]]]],
    chosen: dict[tuple[int, int], tuple[int, int, int, int]],
    pending: list[tuple[int, int]],
) -> None:
    """Deletions no window of their own explains, each joined to the window of a neighbouring
    change when the two with the text between convert as one phrase (使用者名称 -> 用户名 comes
    as -使 =用 -者+户 =名 -称: the last deletion is the phrase's, four steps away). A deletion
    still alone widens onto the character beside it, so no deleted character maps onto
    nothing (at a paragraph's end it would fall outside every span). Insertions are left to
    :func:`without_echoes`, which drops the characters a table adds again."""
    pending = [(c, k) for c, k in pending if chunks[c][2][k][2] == chunks[c][2][k][3]]
    candidates: list[tuple[int, int, int, int, int, int]] = []
    for c, k in pending:
        changes = chunks[c][2]
        a0, a1, b0, b1 = changes[k]
        left = chosen.get((c, k - 1), changes[k - 1]) if k else None
        right = chosen.get((c, k + 1), changes[k + 1]) if k + 1 < len(changes) else None
        near_left = left is not None and a0 - left[1] <= _WIDEN
        near_right = right is not None and right[0] - a1 <= _WIDEN
        if left is not None and near_left:
            candidates.append((c, k, left[0], a1, left[2], b1))
        if right is not None and near_right:
            candidates.append((c, k, a0, right[1], b0, right[3]))
        if left is not None and right is not None and near_left and near_right:
            candidates.append((c, k, left[0], right[1], left[2], right[3]))
    converted = convert_pieces([chunks[c][0][lo:hi] for c, _, lo, hi, _, _ in candidates])
    for (c, k, lo, hi, b0, b1), text in zip(candidates, converted, strict=True):
        if (c, k) not in chosen and text == chunks[c][1][b0:b1]:
            chosen[c, k] = (lo, hi, b0, b1)
    for c, k in pending:
        a0, a1, b0, b1 = chunks[c][2][k]
        if (c, k) in chosen:
            continue
        if a0 > 0:
            chosen[c, k] = (a0 - 1, a1, b0 - 1, b1)
        elif a1 < len(chunks[c][0]):
            chosen[c, k] = (a0, a1 + 1, b0, b1 + 1)


def _applied(text: str, replacements: list[Replacement]) -> str:
    parts: list[str] = []
    at = 0
    for start, end, piece in replacements:
        parts += (text[at:start], piece)
        at = end
    parts.append(text[at:])
    return "".join(parts)

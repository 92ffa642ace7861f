"""Whether two texts whose keys agree only once regional wording is folded are regional
counterparts, read in the direction that holds.

The regional fold is for matching, and it is lossy: the glossary's terms are looked for in
the text OpenCC's round trip made, so a Taiwan word the tables turn into a glossary's Taiwan
term is folded twice (程式 -> 程序 -> 进程), and the terms of one glossary class fold to one
(拦截, 屏蔽 and 封鎖). Two different words can then share a key: 帮助进程 and 說明程式 both fold
to 帮助进程, though 說明程式 is the Taiwan 说明程序. An edit is ``regional`` only where its two
sides can be cut into stretches that are each the same once script is folded, the same
through OpenCC's round trip alone (its tables' own phrase pairs, both ways), or one entry of
the glossary, mainland term on one side and its own counterpart on the other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Final

from opencc_pyo3 import OpenCC

from ..converters import converter
from ..folding import DEFAULT_PROFILE, FoldProfile, fold_each
from ..lru import LRU
from ..regional import Glossary, default_glossary
from .classification import _PROBES, _TEXTS, _folded, _folds
from .conversions import _convert_all, _convert_joined, _regional_forms
from .raw import RawEdit

_SCRIPT: Final = _PROBES[5]
"""Every fold step but regional wording."""
_OPENCC: Final = FoldProfile("opencc", DEFAULT_PROFILE.steps, Glossary((), "none"))
"""Every fold step, regional wording through OpenCC's tables alone, without a glossary."""
_LONGEST: Final = 8
"""The longest stretch of one side looked at as one phrase of OpenCC's tables."""

_THROUGH: LRU[str, str] = LRU(_TEXTS)


def _through_opencc(texts: Sequence[str]) -> list[str]:
    """Each text folded with OpenCC's regional tables and no glossary, many in one pass."""
    found = _THROUGH.many((t for t in texts if t), _through_all)
    return [found[t] if t else "" for t in texts]


def _through_all(texts: list[str]) -> list[str]:
    return fold_each(texts, profile=_OPENCC)


def _converts(a: str, b: str) -> bool:
    """Whether one side, converted by OpenCC's Taiwan tables alone (``s2twp`` one way,
    ``tw2sp`` the other), is the other once script is folded: 运算符/運算子, whose round
    trips part (操作符, 运操作数)."""
    forms = _direct_forms([a, b])
    return a in forms[1] or b in forms[0]


_DIRECT: LRU[str, frozenset[str]] = LRU(_TEXTS)


def _direct_forms(texts: Sequence[str]) -> list[frozenset[str]]:
    """Each text through ``s2twp`` and through ``tw2sp``, script folded, many at a time."""
    found = _DIRECT.many(texts, _direct_all)
    return [found[t] for t in texts]


def _direct_all(texts: list[str]) -> list[frozenset[str]]:
    columns = [_convert_each(converter(c), texts) for c in ("s2twp", "tw2sp")]
    forms = _folds([form for column in columns for form in column], _SCRIPT)
    return [frozenset(pair) for pair in zip(forms[: len(texts)], forms[len(texts) :], strict=True)]


def _convert_each(cc: OpenCC, texts: list[str]) -> list[str]:
    joined = _convert_joined(cc, texts)
    return joined if joined is not None else [cc.convert(t) for t in texts]


@lru_cache(maxsize=16)  # one entry a glossary in use
def _entries(glossary: Glossary) -> frozenset[tuple[str, str]]:
    """The glossary's entries with script folded, in both orders."""
    folded = _folds([t for entry in glossary.entries for t in entry], _SCRIPT)
    pairs = list(zip(folded[0::2], folded[1::2], strict=True))
    return frozenset(pairs + [(tw, cn) for cn, tw in pairs])


@lru_cache(maxsize=16)  # one entry a glossary in use
def _entry_index(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """Each term of :func:`_entries` and its counterparts."""
    index: dict[str, list[str]] = {}
    for first, other in _entries(glossary):
        index.setdefault(first, []).append(other)
    return {first: tuple(others) for first, others in index.items()}


@lru_cache(maxsize=16)  # one entry a glossary in use
def _plain_entries(glossary: Glossary) -> frozenset[tuple[str, str]]:
    """The glossary's entries through ``hk2s`` alone, in both orders."""
    terms = [t for entry in glossary.entries for t in entry]
    _convert_all(terms)
    pairs = [(_regional_forms(cn)[1], _regional_forms(tw)[1]) for cn, tw in glossary.entries]
    return frozenset(pairs + [(tw, cn) for cn, tw in pairs])


def _plainly(a: str, b: str, glossary: Glossary | None) -> bool:
    """Whether ``a`` and ``b`` are counterparts as they stand: one side's own conversion is
    the other (文件/檔案, most regional edits), both are one text in Simplified script, or
    they are a glossary entry. These read the converted forms the edits' other checks keep."""
    tw2sp_a, simple_a, s2twp_a = _regional_forms(a)
    tw2sp_b, simple_b, s2twp_b = _regional_forms(b)
    if b in (s2twp_a, tw2sp_a) or a in (s2twp_b, tw2sp_b) or simple_a == simple_b:
        return True
    return (simple_a, simple_b) in _plain_entries(glossary or default_glossary())


@lru_cache(maxsize=1 << 14)
def counterparts(a: str, b: str, glossary: Glossary | None = None, thorough: bool = True) -> bool:
    """Whether ``a`` and ``b`` are regional counterparts (see the module's docstring); not
    ``thorough``: as they stand alone (see :func:`_plainly`), without folding them."""
    if _plainly(a, b, glossary):
        return True
    if not thorough:
        return False
    ka, kb = _folds([a, b], _SCRIPT)
    if ka == kb:
        return True
    pair = _through_opencc([ka, kb])
    if pair[0] == pair[1] or _converts(ka, kb):
        return True
    entries = _entries(glossary or default_glossary())
    if (ka, kb) in entries:
        return True
    return _cut_into_counterparts(ka, kb, _entry_index(glossary or default_glossary()))


_CUT_AREA: Final = 24 * 24
"""The largest product of the two sides' lengths cut into stretches."""


@lru_cache(maxsize=64)
def _spans(size: int) -> list[tuple[int, int]]:
    """The stretches of a text of ``size`` characters looked at as phrases, in order."""
    return [(i, j) for i in range(size) for j in range(i + 1, min(size, i + _LONGEST) + 1)]


def _stretches(text: str) -> list[str]:
    return [text[i:j] for i, j in _spans(len(text))]


def _cut_into_counterparts(a: str, b: str, entries: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``a`` and ``b`` (script folded) cut into stretches that are each counterparts:
    one character the same, a glossary entry (``entries``: each term's counterparts), or a
    phrase OpenCC's round trip folds alike."""
    if len(a) * len(b) > _CUT_AREA:
        return False  # no word; a sentence's change is content
    subs_a, subs_b = _spans(len(a)), _spans(len(b))
    texts_a, texts_b = _stretches(a), _stretches(b)
    forms = _through_opencc(texts_a + texts_b)
    direct = _direct_forms(texts_a + texts_b)
    # A stretch's forms, each tagged with what it may meet on the other side: the round
    # trip the other's round trip, a conversion the other's own text. Never a conversion
    # another conversion: 进程 and 程式 both become 程序, and they are no pair.
    by_form: dict[tuple[int, str, str], list[int]] = {}
    for n, (i, j) in enumerate(subs_b, len(subs_a)):
        for form in {("r", forms[n]), ("a", b[i:j]), *(("b", f) for f in direct[n])}:
            by_form.setdefault((i, *form), []).append(j)
    from_a: dict[int, list[tuple[int, str, set[tuple[str, str]]]]] = {}
    for n, (i, j) in enumerate(subs_a):
        own = {("r", forms[n]), ("b", a[i:j]), *(("a", f) for f in direct[n])}
        from_a.setdefault(i, []).append((j, a[i:j], own))
    reached = {(0, 0)}
    todo = [(0, 0)]
    while todo:
        i, k = todo.pop()
        if i == len(a) and k == len(b):
            return True
        steps: list[tuple[int, int]] = []
        if i < len(a) and k < len(b) and a[i] == b[k]:
            steps.append((i + 1, k + 1))
        for j, text, own in from_a.get(i, ()):
            steps.extend((j, m) for form in own for m in by_form.get((k, *form), ()))
            steps.extend(
                (j, k + len(other)) for other in entries.get(text, ()) if b.startswith(other, k)
            )
        for step in steps:
            if step not in reached:
                reached.add(step)
                todo.append(step)
    return False


_CONTEXT: Final = 2
"""How many characters the same on both sides an edit's phrase may take in on either side:
a table's phrase may hold them (可執行檔 is 可执行文件 whole, 執行檔 alone 可执行文件)."""


def counterparts_in(
    a: str, b: str, at: tuple[int, int, int, int], glossary: Glossary | None = None
) -> bool:
    """Whether ``a[a0:a1]`` and ``b[b0:b1]`` (``at``) are counterparts alone or with up to
    ``_CONTEXT`` characters before and after them that are the same on both sides."""
    return any(counterparts(x, y, glossary) for x, y in _variants(a, b, at))


def _variants(a: str, b: str, at: tuple[int, int, int, int]) -> Iterator[tuple[str, str]]:
    """The sides :func:`counterparts_in` judges, in its order: alone, then with the context."""
    a0, a1, b0, b1 = at
    yield a[a0:a1], b[b0:b1]
    before = after = 0
    while before < _CONTEXT and _same_char(a, a0 - before - 1, b, b0 - before - 1):
        before += 1
    while after < _CONTEXT and _same_char(a, a1 + after, b, b1 + after):
        after += 1
    for lo in range(before + 1):
        for hi in range(after + 1):
            if lo or hi:
                yield a[a0 - lo : a1 + hi], b[b0 - lo : b1 + hi]


def _same_char(a: str, i: int, b: str, k: int) -> bool:
    if not (0 <= i < len(a) and 0 <= k < len(b)):
        return False
    return a[i] == b[k] or _folded(a[i], _SCRIPT) == _folded(b[k], _SCRIPT) != ""


def held_many(
    items: Sequence[tuple[list[RawEdit], str, str]], glossary: Glossary | None = None
) -> list[list[RawEdit]]:
    """Each ``raw`` of ``(raw, a, b)`` with each regional edit that is no counterpart made
    content. A phrase the walk cut into neighbouring edits (配置文件/設定檔 as 配置/設定 and
    文件/檔) is judged whole: the regional edits no more than ``_CONTEXT`` characters apart on
    both sides, with what lies between them; where the whole is no counterpart, each is judged
    alone. A group whose edits are each plainly counterparts (:func:`_plainly`) needs no more.
    The caches of all the items are filled in one batch a stage (:func:`_prepare`): a
    document's pairs ask about a few short texts each, and a call costs far more than its
    texts."""
    _convert_all(
        t
        for raw, a, b in items
        for e in raw
        if e.category == "regional"
        for t in (a[e.a0 : e.a1], b[e.b0 : e.b1])
    )
    groups = [_undecided(raw, a, b, glossary) for raw, a, b in items]
    _prepare(
        [
            sides
            for (raw, a, b), undecided in zip(items, groups, strict=True)
            for k, end in undecided
            for at in [(raw[k].a0, raw[end - 1].a1, raw[k].b0, raw[end - 1].b1)]
            + [e[:4] for e in raw[k:end] if e.category == "regional"]
            for sides in _variants(a, b, at)
        ],
        glossary,
    )
    return [
        _judged(raw, a, b, undecided, glossary)
        if any(e.category == "regional" for e in raw)
        else raw
        for (raw, a, b), undecided in zip(items, groups, strict=True)
    ]


def _undecided(
    raw: list[RawEdit], a: str, b: str, glossary: Glossary | None
) -> list[tuple[int, int]]:
    """The groups of near regional edits of ``raw`` (``[k, end)``) not plainly counterparts."""
    undecided: list[tuple[int, int]] = []
    k = 0
    while k < len(raw):
        if raw[k].category != "regional":
            k += 1
            continue
        end = k + 1
        while end < len(raw) and _near(raw[end - 1], raw[end]):
            end += 1
        if not all(
            e.category != "regional"
            or counterparts(a[e.a0 : e.a1], b[e.b0 : e.b1], glossary, False)
            for e in raw[k:end]
        ):
            undecided.append((k, end))
        k = end
    return undecided


def _judged(
    raw: list[RawEdit],
    a: str,
    b: str,
    undecided: list[tuple[int, int]],
    glossary: Glossary | None,
) -> list[RawEdit]:
    """``raw`` with the regional edits of the ``undecided`` groups that are no counterparts
    made content, each split off the regional word beside it where there is one."""
    out = list(raw)
    parts: dict[int, list[RawEdit]] = {}
    for k, end in undecided:
        if counterparts_in(
            a, b, (out[k].a0, out[end - 1].a1, out[k].b0, out[end - 1].b1), glossary
        ):
            continue
        for n in range(k, end):
            e = out[n]
            if e.category == "regional" and not counterparts_in(a, b, e[:4], glossary):
                out[n] = e._replace(category="content")
                parts[n] = _split(e, a, b, glossary)
    return _joined([p for n, e in enumerate(out) for p in parts.get(n, [e])])


def _prepare(pairs: list[tuple[str, str]], glossary: Glossary | None) -> None:
    """Fill the caches :func:`counterparts` reads for all of ``pairs`` at once, stage by
    stage, each for the pairs the stages before leave undecided: OpenCC and the fold cost
    far more a call than a character, and a pair's edits ask about many short texts."""
    if not pairs:
        return
    _convert_all(t for pair in pairs for t in pair)
    pairs = [(x, y) for x, y in dict.fromkeys(pairs) if not _plainly(x, y, glossary)]
    folded = _folds([t for pair in pairs for t in pair], _SCRIPT)
    keys = list(zip(folded[0::2], folded[1::2], strict=True))
    keys = [(x, y) for x, y in dict.fromkeys(keys) if x != y]
    # The stretches a cut looks at go in the same calls as the keys: the sides are short, and
    # most pairs that reach this stage are cut.
    texts = list(
        dict.fromkeys(
            t
            for x, y in keys
            for t in (
                (x, y, *_stretches(x), *_stretches(y)) if len(x) * len(y) <= _CUT_AREA else (x, y)
            )
        )
    )
    _through_opencc(texts)
    _direct_forms(texts)


def _near(before: RawEdit, after: RawEdit) -> bool:
    return (
        after.category in ("regional", "script")
        and after.a0 - before.a1 <= _CONTEXT
        and after.b0 - before.b1 <= _CONTEXT
    )


def _joined(raw: list[RawEdit]) -> list[RawEdit]:
    """Touching edits of one category as one, as the walk makes them."""
    out: list[RawEdit] = []
    for e in raw:
        last = out[-1] if out else None
        if last is not None and last.category == e.category and (last.a1, last.b1) == (e.a0, e.b0):
            out[-1] = last._replace(a1=e.a1, b1=e.b1, ambiguous=last.ambiguous or e.ambiguous)
        else:
            out.append(e)
    return out


_SPLIT: Final = 8
"""The longest side of an edit looked at for a regional word beside a real change."""


def _split(e: RawEdit, a: str, b: str, glossary: Glossary | None) -> list[RawEdit]:
    """Edit ``e``, no counterpart as a whole, as a regional word and the real change beside it
    (帮助进程/說明程式: 帮助/說明 regional, 进程/程式 content), the regional part the
    longest; or whole, as content, where no cut leaves a counterpart on either side. The
    parts are judged as they stand (:func:`_plainly`): a cut is tried in many places."""
    content = e._replace(category="content")
    if not (1 < e.a1 - e.a0 <= _SPLIT and 1 < e.b1 - e.b0 <= _SPLIT):
        return [content]
    cuts = sorted(
        ((i, j) for i in range(e.a0 + 1, e.a1) for j in range(e.b0 + 1, e.b1)),
        key=lambda c: -max(c[0] - e.a0 + c[1] - e.b0, e.a1 - c[0] + e.b1 - c[1]),
    )
    for i, j in cuts:
        head = RawEdit(e.a0, i, e.b0, j, "regional", False)
        tail = RawEdit(i, e.a1, j, e.b1, "regional", False)
        if (i - e.a0 + j - e.b0 >= e.a1 - i + e.b1 - j) and counterparts(
            a[e.a0 : i], b[e.b0 : j], glossary, False
        ):
            return _changed([head, tail._replace(category="content")], a, b)
        if counterparts(a[i : e.a1], b[j : e.b1], glossary, False):
            return _changed([head._replace(category="content"), tail], a, b)
    return [content]


def _changed(parts: list[RawEdit], a: str, b: str) -> list[RawEdit]:
    """``parts`` but a part whose sides are the same text (软件/套件 cut as 软/套 and 件/件):
    the same text is no edit, and the other part alone is the change."""
    return [p for p in parts if a[p.a0 : p.a1] != b[p.b0 : p.b1]]

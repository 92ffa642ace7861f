"""The real-data benchmark's documents, each written out with the truth of what pairs with what.

Every source yields cases: a zh_CN document A and a zh_TW document B, written as plain text the
way a user would have them (one block a paragraph, blank-line separated), with each block's
character span and a key from the source's own structure (a gettext message id, a Fluent
message id, an HTML element id or a DocBook section id and the block's place after it). Blocks
with the same key are true counterparts. Message catalogs are written with B shuffled (a fixed
seed), since nothing but the text may tell diffkit which message is which.
"""

from __future__ import annotations

import gzip
import random
import re
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import polib
from fluent.syntax import FluentParser, ast
from fluent.syntax.serializer import serialize_pattern
from opencc_pyo3 import OpenCC
from realdata_fetch import CATALOG_PROGRAMS, package_root, package_version
from realdata_html import Items, html_items

__all__ = ["SOURCES", "Block", "Case", "Items", "Side", "make_case"]

SHUFFLE_SEED = 20260105
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@dataclass(frozen=True)
class Block:
    key: str
    start: int
    end: int


@dataclass(frozen=True)
class Side:
    label: str
    text: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Case:
    source: str
    name: str
    a: Side
    b: Side
    catalog: bool
    """Messages of a catalog (one side shuffled) rather than a document in order."""
    paragraphs: bool = True
    """The blocks are the paragraphs a reader sees, so segmentation is judged on them."""


def write(label: str, items: Items) -> Side:
    """The items as one text, a blank line between blocks, and each block's span."""
    parts: list[str] = []
    blocks: list[Block] = []
    at = 0
    for key, text in items:
        if parts:
            parts.append("\n\n")
            at += 2
        parts.append(text)
        blocks.append(Block(key, at, at + len(text)))
        at += len(text)
    return Side(label, "".join(parts) + "\n", tuple(blocks))


def _limited(a: Items, b: Items, limit: int | None) -> tuple[Items, Items]:
    """A's first ``limit`` blocks and B up to the last counterpart of one of them."""
    if limit is None or len(a) <= limit:
        return a, b
    a = a[:limit]
    kept = {key for key, _ in a}
    last = max((n for n, (key, _) in enumerate(b) if key in kept), default=-1)
    return a, b[: last + 1]


def make_case(
    source: str, name: str, a: Items, b: Items, limit: int | None, *, shuffle: bool = False
) -> Case:
    a, b = _limited(a, b, limit)
    if shuffle:
        b = list(b)
        random.Random(SHUFFLE_SEED).shuffle(b)
    return Case(source, name, write("zh_CN", a), write("zh_TW", b), catalog=shuffle)


# --- gettext catalogs -------------------------------------------------------------------------


def catalog_items(path: Path) -> Items:
    """A .mo file's translated messages in the catalog's order, keyed by context and msgid."""
    items: Items = []
    for entry in polib.mofile(str(path)):
        if not entry.msgid:
            continue
        text = entry.msgstr or (entry.msgstr_plural or {}).get(0, "")
        text = text.strip()
        if text:
            items.append((f"{entry.msgctxt or ''}\x04{entry.msgid}", text))
    return items


def catalog_path(program: str, locale: str) -> Path:
    return package_root(program) / "usr/share/locale" / locale / "LC_MESSAGES" / f"{program}.mo"


def catalogs(limit: int | None) -> Iterator[Case]:
    for program in CATALOG_PROGRAMS:
        a = catalog_items(catalog_path(program, "zh_CN"))
        b = catalog_items(catalog_path(program, "zh_TW"))
        name = f"{program} {package_version(program)}"
        yield make_case("catalogs", name, a, b, limit, shuffle=True)


# --- Fluent strings ---------------------------------------------------------------------------


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fluent_items(source: str, file: str) -> Items:
    """A .ftl file's message and term values and attributes, keyed by file, id and attribute."""
    items: Items = []
    for entry in FluentParser(with_spans=False).parse(source).body:
        if not isinstance(entry, ast.Message | ast.Term):
            continue
        name = entry.id.name
        patterns = [("", entry.value)] + [(a.id.name, a.value) for a in entry.attributes]
        for attribute, pattern in patterns:
            if pattern is None:
                continue
            text = _flat(serialize_pattern(pattern))
            if text:
                items.append((f"{file}|{name}|{attribute}", text))
    return items


def langpack(package: str) -> Path:
    return next((package_root(package) / "usr/lib/firefox-esr/browser/extensions").glob("*.xpi"))


def _ftl_items(package: str, locale: str) -> Items:
    items: Items = []
    with zipfile.ZipFile(langpack(package)) as xpi:
        names = sorted(n for n in xpi.namelist() if n.endswith(".ftl"))
        for name in names:
            file = name.replace(f"/{locale}/", "/*/")
            items.extend(fluent_items(xpi.read(name).decode("utf-8"), file))
    return items


def firefox(limit: int | None) -> Iterator[Case]:
    a = _ftl_items("firefox-esr-l10n-zh-cn", "zh-CN")
    b = _ftl_items("firefox-esr-l10n-zh-tw", "zh-TW")
    yield make_case("firefox", f"langpack {package_version('firefox-esr-l10n-zh-cn')}", a, b, limit)


# --- HTML documents ---------------------------------------------------------------------------


def agreeing(a: Items, b: Items) -> tuple[Items, Items]:
    """Both sides without the sections (the blocks after one id) whose block counts differ:
    there, a block's place after the id no longer says which block is its counterpart."""

    def counts(items: Items) -> Counter[str]:
        return Counter(key.split("#")[0] for key, _ in items)

    ca, cb = counts(a), counts(b)
    return (
        [(k, t) for k, t in a if ca[k.split("#")[0]] == cb[k.split("#")[0]]],
        [(k, t) for k, t in b if ca[k.split("#")[0]] == cb[k.split("#")[0]]],
    )


_MAINT_GUIDE_ORDER = [
    "index",
    "start",
    "first",
    "modify",
    "dreq",
    "dother",
    "build",
    "checkit",
    "update",
    "upload",
    "advanced",
]


def _maint_guide_nav(tag: str, attrs: dict[str, str]) -> bool:
    return tag == "div" and attrs.get("class", "") in ("navheader", "navfooter")


def _maint_guide_toc(tag: str, attrs: dict[str, str]) -> bool:
    return _maint_guide_nav(tag, attrs) or (tag == "div" and attrs.get("class") == "toc")


def _maint_guide(
    package: str, suffix: str, skip: Callable[[str, dict[str, str]], bool] = _maint_guide_nav
) -> Items:
    folder = package_root(package) / f"usr/share/doc/{package}/html"
    items: Items = []
    for chapter in _MAINT_GUIDE_ORDER:
        html = (folder / f"{chapter}.{suffix}.html").read_text(encoding="utf-8")
        items.extend(html_items(html, chapter, skip=skip))
    return items


def maint_guide(limit: int | None) -> Iterator[Case]:
    a = _maint_guide("maint-guide-zh-cn", "zh-cn")
    b = _maint_guide("maint-guide-zh-tw", "zh-tw")
    a, b = agreeing(a, b)
    yield make_case("maint-guide", f"html {package_version('maint-guide-zh-cn')}", a, b, limit)


_UNSPACED = re.compile(r"[\s^]")
"""What the plain-text rendering adds to a block's text: line breaks, indents, ^[1] marks."""


def locate(text: str, items: Items) -> dict[str, tuple[int, int]]:
    """Where each block's text stands in a plain-text rendering of the same document, found
    in order with whitespace ignored; blocks the rendering changed (tables) are left out."""
    kept = [n for n, c in enumerate(text) if not _UNSPACED.match(c)]
    squeezed = "".join(text[n] for n in kept)
    at = 0
    out: dict[str, tuple[int, int]] = {}
    for key, block in items:
        needle = _UNSPACED.sub("", block)
        if not needle:
            continue
        found = squeezed.find(needle, at, at + 2000 + len(needle))
        if found < 0 and len(needle) >= 15:
            # A long block is unambiguous: the rendering dropped what came before it.
            found = squeezed.find(needle, at)
        if found < 0:
            continue
        out[key] = (kept[found], kept[found + len(needle) - 1] + 1)
        at = found + len(needle)
    return out


def maint_guide_txt(limit: int | None) -> Iterator[Case]:
    """The manual as Debian ships it in plain text: hard-wrapped, indented paragraphs, list
    bullets and a table of contents. Its blocks are the HTML's (chapter tables of contents
    left out), found in the text; the truth is the HTML's."""
    a_items = _maint_guide("maint-guide-zh-cn", "zh-cn", _maint_guide_toc)
    b_items = _maint_guide("maint-guide-zh-tw", "zh-tw", _maint_guide_toc)
    a_items, b_items = agreeing(a_items, b_items)
    texts, spans = [], []
    for package, items in (("maint-guide-zh-cn", a_items), ("maint-guide-zh-tw", b_items)):
        path = package_root(package) / f"usr/share/doc/{package}"
        with gzip.open(next(path.glob("maint-guide.*.txt.gz")), "rt", encoding="utf-8") as f:
            text = f.read()
        texts.append(text)
        spans.append(locate(text, items))
    both = [key for key, _ in a_items if key in spans[0] and key in spans[1]]
    if limit is not None and len(both) > limit:
        both = both[:limit]
        cut_a = spans[0][both[-1]][1]
        kept = set(both)
        # B up to the last counterpart of a block of A that is kept.
        cut_b = max(spans[1][k][1] for k in kept)
        texts = [texts[0][:cut_a] + "\n", texts[1][:cut_b] + "\n"]
    sides = []
    for label, text, found in zip(("zh_CN", "zh_TW"), texts, spans, strict=True):
        blocks = sorted((Block(key, *found[key]) for key in both), key=lambda blk: blk.start)
        sides.append(Side(label, text, tuple(blocks)))
    name = f"txt {package_version('maint-guide-zh-cn')}"
    yield Case("maint-guide-txt", name, sides[0], sides[1], catalog=False)


LIBREOFFICE_PAGES = 300
"""Help pages sampled (a fixed seed) from the ~2,800 both languages ship."""


def libreoffice(limit: int | None) -> Iterator[Case]:
    roots = {
        loc: package_root(f"libreoffice-help-{loc.lower()}") / "usr/share/libreoffice/help" / loc
        for loc in ("zh-CN", "zh-TW")
    }
    pages = sorted(
        str(p.relative_to(roots["zh-CN"]))
        for p in (roots["zh-CN"] / "text").rglob("*.html")
        if (roots["zh-TW"] / p.relative_to(roots["zh-CN"])).exists()
    )
    sample = sorted(random.Random(SHUFFLE_SEED).sample(pages, min(LIBREOFFICE_PAGES, len(pages))))
    sides: list[Items] = []
    for loc in ("zh-CN", "zh-TW"):
        items: Items = []
        for page in sample:
            html = (roots[loc] / page).read_text(encoding="utf-8")
            items.extend(html_items(html, page, start="DisplayArea"))
        sides.append(items)
    sides[0], sides[1] = agreeing(sides[0], sides[1])
    name = f"{len(sample)} pages {package_version('libreoffice-help-zh-cn')}"
    yield make_case("libreoffice-help", name, sides[0], sides[1], limit)


# --- synthetic conversions --------------------------------------------------------------------


_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")


def paragraph_side(label: str, text: str, limit: int | None) -> Side:
    """A text as it is, its blocks the runs of non-blank lines, keyed by their place."""
    blocks = tuple(
        Block(str(n), m.start(), m.end()) for n, m in enumerate(_PARAGRAPH.finditer(text))
    )
    if limit is not None and len(blocks) > limit:
        blocks = blocks[:limit]
        text = text[: blocks[-1].end] + "\n"
    return Side(label, text, blocks)


def synthetic(limit: int | None) -> Iterator[Case]:
    """Each sample, and the New Maintainers' Guide's zh_CN plain text, as it is against its own
    OpenCC conversion: the paragraphs are the same (OpenCC keeps every line break), so every
    one pairs and no edit is content."""
    guide = package_root("maint-guide-zh-cn") / "usr/share/doc/maint-guide-zh-cn"
    with gzip.open(next(guide.glob("maint-guide.*.txt.gz")), "rt", encoding="utf-8") as f:
        texts = {"maint-guide.zh-cn.txt": f.read()}
    for path in sorted(SAMPLES.glob("*.txt")):
        texts[path.stem] = path.read_text(encoding="utf-8")
    for config in ("s2twp", "s2hk"):
        converter = OpenCC(config)
        for stem, original in texts.items():
            a = paragraph_side("original", original, limit)
            b = paragraph_side(config, converter.convert(original), limit)
            if len(a.blocks) != len(b.blocks):
                raise RuntimeError(f"{config} changed the paragraphs of {stem}")
            # Blank-line separated lines of a PDF extraction are not paragraphs: diffkit is
            # right to join them, so segmentation is not judged here.
            name = f"{stem} {config}"
            yield Case("synthetic", name, a, b, catalog=False, paragraphs=False)


SOURCES: dict[str, Callable[[int | None], Iterator[Case]]] = {
    "catalogs": catalogs,
    "firefox": firefox,
    "maint-guide": maint_guide,
    "maint-guide-txt": maint_guide_txt,
    "libreoffice-help": libreoffice,
    "synthetic": synthetic,
}

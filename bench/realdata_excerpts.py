"""Write the small excerpts of the real-data sources that tests read, under tests/data.

    python bench/realdata_excerpts.py

Tests must run without the fetched packages, so a few parallel excerpts are kept in git, each
named for its package, version and licence (tests/data/README.md): messages of grep's zh_CN
and zh_TW catalogs, and one section of the Debian New Maintainers' Guide in both scripts, as
Debian ships it in plain text and as the HTML's blocks, one a paragraph.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import polib
from realdata_fetch import package_root, package_version
from realdata_sources import _maint_guide, agreeing, catalog_path

__all__ = ["write_excerpts"]

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CATALOG_PROGRAM = "grep"
CATALOG_MESSAGES = 50
SECTION = "1.1"
NEXT_SECTION = "1.2"
SECTION_ID = "start|socialdynamics"
_HEADING = r"^{}\.[\u00a0 ]"


def _catalog() -> None:
    entries = {}
    for locale in ("zh_CN", "zh_TW"):
        mo = polib.mofile(str(catalog_path(CATALOG_PROGRAM, locale)))
        entries[locale] = {e.msgid: e for e in mo if e.msgid and e.msgstr.strip()}
    common = sorted(set(entries["zh_CN"]) & set(entries["zh_TW"]))[:CATALOG_MESSAGES]
    version = package_version(CATALOG_PROGRAM)
    for locale in ("zh_CN", "zh_TW"):
        po = polib.POFile(wrapwidth=0)
        po.header = (
            f"Excerpt: the first {len(common)} messages (by msgid) translated in both zh_CN and\n"
            f"zh_TW of Debian's package {CATALOG_PROGRAM} {version}, file\n"
            f"/usr/share/locale/{locale}/LC_MESSAGES/{CATALOG_PROGRAM}.mo (read with polib).\n"
            f"Licence: GPL-3.0-or-later, as the {CATALOG_PROGRAM} package."
        )
        po.metadata = {"Language": locale, "Content-Type": "text/plain; charset=UTF-8"}
        for msgid in common:
            e = entries[locale][msgid]
            po.append(polib.POEntry(msgid=msgid, msgstr=e.msgstr))
        po.save(str(DATA / f"{CATALOG_PROGRAM}-{locale}.po-excerpt.txt"))


def _section_text(package: str) -> str:
    folder = package_root(package) / f"usr/share/doc/{package}"
    with gzip.open(next(folder.glob("maint-guide.*.txt.gz")), "rt", encoding="utf-8") as f:
        lines = f.read().split("\n")
    start = next(n for n, line in enumerate(lines) if re.match(_HEADING.format(SECTION), line))
    heading = _HEADING.format(NEXT_SECTION)
    end = next(n for n in range(start + 1, len(lines)) if re.match(heading, lines[n]))
    return "\n".join(lines[start:end]).rstrip() + "\n"


def _maint_guide_section() -> None:
    a = _maint_guide("maint-guide-zh-cn", "zh-cn")
    b = _maint_guide("maint-guide-zh-tw", "zh-tw")
    a, b = agreeing(a, b)
    for package, items in (("maint-guide-zh-cn", a), ("maint-guide-zh-tw", b)):
        stem = f"{package}-section-{SECTION}"
        (DATA / f"{stem}.txt").write_text(_section_text(package), encoding="utf-8")
        blocks = [text for key, text in items if key.split("#")[0] == SECTION_ID]
        (DATA / f"{stem}.blocks.txt").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def write_excerpts() -> None:
    DATA.mkdir(parents=True, exist_ok=True)
    _catalog()
    _maint_guide_section()


if __name__ == "__main__":
    write_excerpts()
    for name in ("grep", "maint-guide-zh-cn", "maint-guide-zh-tw"):
        print(name, package_version(name))

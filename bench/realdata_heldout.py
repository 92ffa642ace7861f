"""Message catalogs kept out of development, so that the catalog figures can be checked unseen.

    python bench/realdata.py --source heldout [--by-case]

The development catalogs (bench/realdata_sources.py) are the ones pairing is studied and tuned
on; figures on them flatter whatever was fitted to them. These are other Debian packages that
ship both zh_CN and zh_TW gettext catalogs, written and scored exactly as the development
catalogs are (one translated message a paragraph, B shuffled with the same seed, the msgid as
truth). util-linux is not among them: excerpts of its catalogs are test data. They are fetched like the rest (bench/realdata_fetch.py) and read only to report.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from realdata_fetch import package_root, package_version
from realdata_sources import Case, catalog_items, make_case

__all__ = ["HELD_OUT", "heldout"]

HELD_OUT = (
    ("coreutils", "coreutils"),
    ("dpkg", "dpkg"),
    ("apt", "apt"),
    ("gettext", "gettext-tools"),
    ("gnupg-l10n", "gnupg2"),
    ("libc-l10n", "libc"),
)
"""(Debian package, gettext domain) of each held-out catalog; each ships zh_CN and zh_TW."""


def catalog_file(package: str, domain: str, locale: str) -> Path:
    return package_root(package) / "usr/share/locale" / locale / "LC_MESSAGES" / f"{domain}.mo"


def heldout(limit: int | None) -> Iterator[Case]:
    for package, domain in HELD_OUT:
        a = catalog_items(catalog_file(package, domain, "zh_CN"))
        b = catalog_items(catalog_file(package, domain, "zh_TW"))
        name = f"{domain} {package_version(package)}"
        yield make_case("heldout", name, a, b, limit, shuffle=True)

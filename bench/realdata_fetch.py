"""Fetch the Debian packages the real-data benchmark reads, once, into a cache outside git.

The benchmark's documents are real localizations nobody on the project wrote: Debian's
packages of them are fetched with ``apt-get download`` and unpacked with ``dpkg-deb -x``, so a
fresh Debian or Ubuntu machine rebuilds the same data with no other network access. The cache
is ``$DIFFKIT_DATA`` or ``~/.cache/diffkit-realdata``; each package unpacks into its own
folder, and a folder that exists is reused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = ["PACKAGES", "cache_dir", "package_root", "package_version"]

CATALOG_PROGRAMS = ("tar", "grep", "sed", "findutils", "diffutils", "nano", "wget", "bash")
"""Programs whose gettext catalogs are compared; each ships its zh_CN and zh_TW .mo itself."""

PACKAGES = (
    "maint-guide-zh-cn",
    "maint-guide-zh-tw",
    "libreoffice-help-zh-cn",
    "libreoffice-help-zh-tw",
    "firefox-esr-l10n-zh-cn",
    "firefox-esr-l10n-zh-tw",
    *CATALOG_PROGRAMS,
)


def cache_dir() -> Path:
    return Path(os.environ.get("DIFFKIT_DATA") or Path.home() / ".cache" / "diffkit-realdata")


def _download(package: str, into: Path) -> Path:
    def attempt() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["apt-get", "download", package], cwd=into, capture_output=True, text=True
        )

    done = attempt()
    if done.returncode != 0:
        # A fresh machine has no package lists yet; fetch them once and try again.
        subprocess.run(["apt-get", "update"], capture_output=True, text=True)
        done = attempt()
    debs = sorted(into.glob(f"{package}_*.deb"))
    if done.returncode != 0 or not debs:
        raise RuntimeError(f"apt-get download {package} failed: {done.stderr.strip()[-300:]}")
    return debs[-1]


def package_root(package: str) -> Path:
    """The folder ``package`` is unpacked in, fetching and unpacking it the first time."""
    root = cache_dir() / package
    if (root / ".complete").exists():
        return root
    for tool in ("apt-get", "dpkg-deb"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} not found: the real-data benchmark needs Debian's tools")
    cache_dir().mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir()) as tmp:
        deb = _download(package, Path(tmp))
        version = subprocess.run(
            ["dpkg-deb", "-f", str(deb), "Version"], capture_output=True, text=True, check=True
        ).stdout.strip()
        unpacked = Path(tmp) / "root"
        subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
        (unpacked / ".version").write_text(version + "\n", encoding="utf-8")
        (unpacked / ".complete").write_text(deb.name + "\n", encoding="utf-8")
        if root.exists():
            shutil.rmtree(root)
        unpacked.rename(root)
    return root


def package_version(package: str) -> str:
    return (package_root(package) / ".version").read_text(encoding="utf-8").strip()


if __name__ == "__main__":
    for name in PACKAGES:
        print(name, package_version(name), package_root(name))

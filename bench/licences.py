"""How sound dedupe's clusters are on real licence texts, at several corpus sizes.

Licence notices are the hardest boilerplate there is: thousands of copyright files repeat the
same few paragraphs (the GPL-2, GPL-3, LGPL, Apache and BSD pointers and texts) with small
changes, and paragraphs of different licences differ by a word or a number. The corpus is
Debian's own: ``/usr/share/common-licenses`` and the ``/usr/share/doc/*/copyright`` of
packages fetched with ``apt-get download`` and unpacked with ``dpkg-deb -x`` into
``~/.cache/diffkit-realdata/licences`` (or ``$DIFFKIT_DATA/licences``), never into git. The
packages are a fixed-seed sample of the archive's Perl, Python, Go, Ruby and Node packages of
at most 150 kB each.

For each corpus size (nested samples of the files: the small corpus is part of the large one)
it runs ``diffkit dedupe --format json --no-diff`` with each given ``diffkit`` by turns and
prints the clusters, the largest, the clusters whose members name different licences (by
the licence a paragraph names: GPL-2 vs GPL-3 vs LGPL vs Apache vs BSD ...), and the recall
of pairs of licence paragraphs whose ``pair_similarity`` reaches the threshold (and 0.95):
the share that end in one cluster.

    python bench/licences.py                                   # this checkout's diffkit
    python bench/licences.py --diffkit /work/base/.venv/bin/diffkit --diffkit .venv/bin/diffkit
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realdata_fetch import cache_dir

PREFIXES = (r"^lib.*-perl$", r"^python3-", r"^golang-.*-dev$", r"^ruby-", r"^node-")
PER_PREFIX = 280
MAX_DEB = 150_000
SEED = 20261205


def licences_dir() -> Path:
    return cache_dir() / "licences"


def _packages() -> list[str]:
    """The sample of packages: per prefix, a fixed-seed shuffle of the archive's names,
    the first ``PER_PREFIX`` no larger than ``MAX_DEB`` bytes."""
    names = sorted(
        set(
            subprocess.run(["apt-cache", "pkgnames"], capture_output=True, text=True).stdout.split()
        )
    )
    chosen: list[str] = []
    for pattern in PREFIXES:
        pool = [n for n in names if re.match(pattern, n)]
        random.Random(SEED).shuffle(pool)
        picked: list[str] = []
        for a in range(0, len(pool), 100):
            batch = pool[a : a + 100]
            shown = subprocess.run(
                ["apt-cache", "show", "--no-all-versions", *batch], capture_output=True, text=True
            ).stdout
            for block in shown.split("\n\n"):
                name = re.search(r"^Package: (\S+)", block, re.M)
                size = re.search(r"^Size: (\d+)", block, re.M)
                if name and size and int(size.group(1)) <= MAX_DEB and name.group(1) not in picked:
                    picked.append(name.group(1))
            if len(picked) >= PER_PREFIX:
                break
        chosen += picked[:PER_PREFIX]
    return chosen


def gather() -> list[Path]:
    """The corpus's files, fetched and unpacked the first time."""
    root = licences_dir()
    done = root / ".complete"
    if not done.exists():
        if shutil.which("apt-get") is None or shutil.which("dpkg-deb") is None:
            raise SystemExit("the licence benchmark needs Debian's apt-get and dpkg-deb")
        (root / "copyright").mkdir(parents=True, exist_ok=True)
        shutil.copytree("/usr/share/common-licenses", root / "common-licenses", dirs_exist_ok=True)
        packages = _packages()
        for a in range(0, len(packages), 40):
            _fetch(packages[a : a + 40], root / "copyright")
            print(f"fetched {min(a + 40, len(packages))}/{len(packages)}", file=sys.stderr)
        done.write_text("\n".join(packages) + "\n", encoding="utf-8")
    files = sorted((root / "common-licenses").iterdir()) + sorted((root / "copyright").iterdir())
    return [f for f in files if f.is_file() and not f.is_symlink() and f.stat().st_size]


def _fetch(packages: list[str], into: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", *packages], cwd=tmp, capture_output=True)
        for deb in sorted(Path(tmp).glob("*.deb")):
            unpacked = Path(tmp) / "x"
            subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
            for found in sorted(unpacked.glob("usr/share/doc/*/copyright")):
                target = into / f"{found.parent.name}.copyright"
                if found.is_file() and not found.is_symlink() and not target.exists():
                    shutil.copyfile(found, target)
            shutil.rmtree(unpacked)


_NAMES = (
    ("LGPL", r"lesser general public|library general public|\blgpl"),
    ("AGPL", r"affero"),
    ("GPL", r"gnu general public licen[cs]e|\bgpl\b|common-licenses/gpl"),
    ("Apache", r"apache licen[cs]e|apache-2"),
    ("Artistic", r"artistic licen[cs]e|\bartistic\b"),
    ("MPL", r"mozilla public licen[cs]e|\bmpl\b"),
    ("MIT", r"permission is hereby granted, free of charge|\bexpat\b|\bmit licen"),
    ("BSD", r"redistribution and use in source and binary forms|\bbsd\b"),
)
_VERSION = re.compile(r"(?:version|-|v)\s*([123])(?:\.\d)?\b")


def licence_of(text: str) -> str | None:
    """The one licence a paragraph names (GPL and LGPL with their version when it says
    one), or None when it names none or several."""
    low = text.lower()
    if low.startswith("files:") or "copyright:" in low:
        return None  # a stanza that says who holds the copyright of which files
    named = [name for name, pattern in _NAMES if re.search(pattern, low)]
    if "LGPL" in named or "AGPL" in named:
        named = [n for n in named if n != "GPL"]
    if len(named) != 1:
        return None
    name = named[0]
    if name in ("GPL", "LGPL", "AGPL"):
        versions = set(_VERSION.findall(low))
        if len(versions) == 1:
            name += "-" + versions.pop()
        elif versions:
            return None
    return name


def _units(files: list[Path], threshold: float) -> list[tuple[str, int, str, str]]:
    """Every paragraph dedupe would consider: (path, first line, folded key, text)."""
    import diffkit

    out = []
    for f in files:
        for p in diffkit.segments(f):
            if len(p.folded) >= 20:
                out.append((str(f), p.span.start_line, p.folded, p.text))
    return out


def _true_pairs(
    units: list[tuple[str, int, str, str]], floor: float
) -> list[tuple[int, int, float]]:
    """Pairs of licence paragraphs with distinct keys whose pair_similarity reaches
    ``floor``: rapidfuzz proposes those whose plain Indel similarity is near it."""
    from diffkit import pair_similarity

    idx = [k for k, u in enumerate(units) if licence_of(u[3])]
    keys: dict[str, int] = {}
    for k in idx:
        keys.setdefault(units[k][2], k)
    firsts = list(keys.values())
    texts = [units[k][2] for k in firsts]
    scores = process.cdist(
        texts,
        texts,
        scorer=Indel.normalized_similarity,
        score_cutoff=floor - 0.2,
        workers=-1,
        dtype=np.float32,
    )
    a, b = np.nonzero(np.triu(scores, 1))
    by_key: dict[str, list[int]] = {}
    for k in idx:
        by_key.setdefault(units[k][2], []).append(k)
    out = []
    for i, j in zip(a.tolist(), b.tolist(), strict=True):
        s = pair_similarity(units[firsts[i]][3], units[firsts[j]][3])
        if s >= floor:
            out += [(x, y, s) for x in by_key[texts[i]] for y in by_key[texts[j]]]
    return out


def _run(diffkit: str, files: list[Path], threshold: float, extra: list[str]) -> tuple[dict, float]:
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "report.json"
        program, *own = shlex.split(diffkit)
        start = time.perf_counter()
        subprocess.run(
            [
                program,
                "dedupe",
                *map(str, files),
                "--format",
                "json",
                "--no-diff",
                "-q",
                "--threshold",
                str(threshold),
                "--report",
                str(listing),
                *own,
                *extra,
            ],
            check=True,
        )
        took = time.perf_counter() - start
        return json.loads(listing.read_text(encoding="utf-8")), took


def _score(
    report: dict,
    units: list[tuple[str, int, str, str]],
    pairs: list[tuple[int, int, float]],
    threshold: float,
) -> dict[str, object]:
    cluster_of: dict[tuple[str, int], int] = {}
    licences: list[Counter[str]] = []
    for c in report["clusters"]:
        seen: Counter[str] = Counter()
        for m in c["members"]:
            cluster_of[(m["path"], m["start_line"])] = c["id"]
            name = licence_of(m["text"])
            if name:
                seen[name] += 1
        licences.append(seen)
    mixed = [c for c in licences if len(c) > 1]
    sizes = [len(c["members"]) for c in report["clusters"]]

    def recall(floor: float) -> str:
        want = [(x, y) for x, y, s in pairs if s >= floor]
        found = sum(
            1
            for x, y in want
            if cluster_of.get(units[x][:2]) is not None
            and cluster_of.get(units[x][:2]) == cluster_of.get(units[y][:2])
        )
        return f"{found / len(want):.3f} ({found}/{len(want)})" if want else "-"

    return {
        "clusters": len(sizes),
        "largest": max(sizes, default=0),
        "mixed": len(mixed),
        "in mixed": sum(sum(c.values()) for c in mixed),
        "worst mix": ", ".join(
            f"{k} {v}"
            for k, v in (max(mixed, key=lambda c: sum(c.values())).most_common(4) if mixed else [])
        ),
        f"recall >= {threshold}": recall(threshold),
        "recall >= 0.95": recall(0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--diffkit",
        action="append",
        help="a diffkit command to run, with options of its own (repeatable)",
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 800, 1300])
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument(
        "--extra", action="append", default=[], help="one more option for every diffkit run"
    )
    args = parser.parse_args()
    commands = args.diffkit or [str(Path(sys.executable).with_name("diffkit"))]
    files = gather()
    random.Random(SEED).shuffle(files)
    print(f"{len(files)} files in {licences_dir()}")
    for size in args.sizes:
        part = sorted(files[:size])
        units = _units(part, args.threshold)
        pairs = _true_pairs(units, args.threshold)
        print(
            f"\n{len(part)} files, {len(units)} paragraphs, {len(pairs)} licence pairs >= {args.threshold}"
        )
        for command in commands:
            report, took = _run(command, part, args.threshold, args.extra)
            row = _score(report, units, pairs, args.threshold)
            print(f"  {command}: {took:.1f} s  " + "  ".join(f"{k}: {v}" for k, v in row.items()))


if __name__ == "__main__":
    main()

"""The hard inputs of the growth benchmark: documents whose repetition punishes an aligner.

Three kinds, each at several sizes: (1) generated documents in which every sentence has about
twenty near copies, B being A converted to Taiwan phrasing (OpenCC s2twp) with paragraphs
moved, whose ground truth (which B paragraph is which A paragraph) is known; (2) a roff man
page in zh_CN and zh_TW (`.TP`, `.B \\-c \\fIfile\\fP` lines by the hundred); (3) a real
manual in zh_CN and zh_TW, cut to its first 25, 50 and 100% of paragraphs. The real files
come from Debian's packages, fetched with `apt-get download` and unpacked with `dpkg-deb -x`
into a cache outside git (bench/out/debian/ unless DIFFKIT_BENCH_CACHE says otherwise).
"""

from __future__ import annotations

import gzip
import os
import random
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from opencc_pyo3 import OpenCC
from sampletext import han_vocabulary, sample_paragraphs
from timing import OUT_DIR

__all__ = ["Generated", "debian_file", "man_page_pair", "manual_pair", "repeated_pair"]

COPIES = 20
"""Near copies of each sentence in the repeated-sentence documents."""
MOVED_AT_2MB = 300
"""Paragraphs moved in the 2 MB repeated-sentence pair; smaller pairs move as many pro rata."""
_SENTENCE = re.compile(r"[^。！？]+[。！？]")
_CACHE = Path(os.environ.get("DIFFKIT_BENCH_CACHE", OUT_DIR / "debian"))


@dataclass(frozen=True)
class Generated:
    """A generated pair and its ground truth."""

    a_path: Path
    b_path: Path
    a_paragraphs: list[str]
    b_order: list[int]
    """The A paragraph each B paragraph is (B is A's paragraphs in this order, converted)."""
    moved: frozenset[int]
    """A paragraphs taken out of their place."""


def _sentences() -> list[str]:
    seen: dict[str, None] = {}
    for paragraph in sample_paragraphs():
        for s in _SENTENCE.findall(paragraph.replace("\n", "")):
            if 12 <= len(s) <= 80:
                seen.setdefault(s.strip(), None)
    return list(seen)


def repeated_pair(size_bytes: int, *, seed: int = 7) -> Generated:
    """Two documents of about ``size_bytes`` UTF-8 bytes each in which every sentence has
    about COPIES near copies (one Han character in three copies of four replaced)."""
    rng = random.Random(seed)
    vocab = han_vocabulary()
    base = _sentences()
    mean = sum(len(s.encode()) for s in base) / len(base)
    distinct = max(10, round(size_bytes / (mean * COPIES)))
    pool = []
    while len(pool) < distinct:
        # Past what the samples hold, sentences are enciphered afresh so none repeats verbatim.
        shuffled = list(vocab)
        rng.shuffle(shuffled)
        table = {ord(a): b for a, b in zip(vocab, shuffled, strict=True)} if pool else {}
        pool += [s.translate(table) for s in base]
    pool = pool[:distinct]
    occurrences = [s for s in pool for _ in range(COPIES)]
    rng.shuffle(occurrences)
    out: list[str] = []
    for s in occurrences:
        if rng.random() < 0.75:
            k = rng.randrange(len(s) - 1)
            s = s[:k] + rng.choice(vocab) + s[k + 1 :]
        out.append(s)
    paragraphs: list[str] = []
    at = 0
    while at < len(out):
        n = rng.randint(2, 6)
        paragraphs.append("".join(out[at : at + n]))
        at += n
    moved_n = max(1, round(MOVED_AT_2MB * size_bytes / 2_000_000))
    moved = rng.sample(range(len(paragraphs)), moved_n)
    order = [i for i in range(len(paragraphs)) if i not in set(moved)]
    for i in moved:
        order.insert(rng.randrange(len(order) + 1), i)
    twp = OpenCC("s2twp")
    a_text = "\n\n".join(paragraphs) + "\n"
    b_text = "\n\n".join(twp.convert(paragraphs[i]) for i in order) + "\n"
    stem = f"repeated-{size_bytes // 1000}k"
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    a_path, b_path = OUT_DIR / f"{stem}-a.txt", OUT_DIR / f"{stem}-b.txt"
    a_path.write_text(a_text, encoding="utf-8")
    b_path.write_text(b_text, encoding="utf-8")
    return Generated(a_path, b_path, paragraphs, order, frozenset(moved))


def debian_file(package: str, member: str) -> Path:
    """``member`` (a path inside the package, gzip-compressed or not) of Debian ``package``,
    downloaded and unpacked into the cache on first use."""
    root = _CACHE / package
    path = root / member.lstrip("/")
    if not path.exists():
        root.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["apt-get", "download", package], cwd=_CACHE, check=True, capture_output=True
        )
        deb = next(_CACHE.glob(f"{package}_*.deb"))
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return path


def _text_of(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def _pair_files(stem: str, a: str, b: str) -> tuple[Path, Path]:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    a_path, b_path = OUT_DIR / f"{stem}-a.txt", OUT_DIR / f"{stem}-b.txt"
    a_path.write_text(a, encoding="utf-8")
    b_path.write_text(b, encoding="utf-8")
    return a_path, b_path


def man_page_pair(page: str = "man1/bash.1") -> tuple[Path, Path]:
    """A roff man page of manpages-zh in zh_CN and in zh_TW."""
    member = f"usr/share/man/zh_%s/{page}.gz"
    a = _text_of(debian_file("manpages-zh", member % "CN"))
    b = _text_of(debian_file("manpages-zh", member % "TW"))
    return _pair_files("man-" + page.rsplit("/", 1)[-1], a, b)


def manual_pair(percent: int) -> tuple[Path, Path]:
    """The Debian Reference in zh_CN and zh_TW (plain-text exports), each cut to its first
    ``percent``% of paragraphs (blank-line separated)."""
    files = []
    for lang in ("cn", "tw"):
        member = f"usr/share/debian-reference/debian-reference.zh-{lang}.txt.gz"
        files.append(_text_of(debian_file(f"debian-reference-zh-{lang}", member)))
    cut = []
    for text in files:
        paragraphs = text.split("\n\n")
        cut.append("\n\n".join(paragraphs[: len(paragraphs) * percent // 100]) + "\n")
    return _pair_files(f"manual-{percent}", cut[0], cut[1])


@dataclass(frozen=True)
class Judged:
    """How a report's pairs fare against a generated pair's ground truth."""

    pairs: int
    right: int
    """Pairs whose A and B passages are the same paragraph of the generator."""
    paired: int
    """A paragraphs in at least one right pair."""
    moved: int
    """Pairs marked moved."""
    moved_wrong: int
    """Pairs marked moved though their A paragraph was not moved (or the pair is wrong)."""


def judge(gen: Generated, pairs: list[dict[str, object]]) -> Judged:
    """Compare a report's pairs (as JSON dicts) with the ground truth of ``gen``."""
    import bisect

    a_starts, b_starts = [], []
    at = 0
    for p in gen.a_paragraphs:
        a_starts.append(at)
        at += len(p) + 2
    twp = OpenCC("s2twp")
    at = 0
    for i in gen.b_order:
        b_starts.append(at)
        at += len(twp.convert(gen.a_paragraphs[i])) + 2
    right = 0
    moved = moved_wrong = 0
    paired: set[int] = set()
    for pair in pairs:
        a_span, b_span = pair["a"], pair["b"]
        assert isinstance(a_span, dict) and isinstance(b_span, dict)
        i = bisect.bisect_right(a_starts, int(a_span["start_offset"])) - 1
        j = bisect.bisect_right(b_starts, int(b_span["start_offset"])) - 1
        ok = gen.b_order[j] == i
        right += ok
        if ok:
            paired.add(i)
        if pair["moved"]:
            moved += 1
            moved_wrong += not (ok and i in gen.moved)
    return Judged(len(pairs), right, len(paired), moved, moved_wrong)

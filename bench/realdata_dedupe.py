"""Which messages `diffkit dedupe` calls copies in real localisation catalogs, against their sources.

    python bench/realdata_dedupe.py [--source catalogs|firefox|heldout ...] [--by-case] [--json OUT]

Units are the translated messages of real catalogs, one message a paragraph, as
bench/realdata_sources.py writes them (Debian's gettext catalogs, Firefox's Fluent strings; the
held-out catalogs of bench/realdata_heldout.py are never tuned on). Each locale, zh_CN and
zh_TW, is deduplicated on its own with default options (threshold 0.8, min-chars 20).

The truth comes from the English the messages translate (a gettext msgid; Firefox's en-US
string of the same file, id and attribute, read from the firefox-esr package). Two messages
are copies when their English sources are near-identical once placeholders and markup are
normalised: each ``%s``/``%1$s``/``{ $name }``/``<a ...>``/``&amp;`` becomes one mark, case
and runs of spaces fold, and the two are then at normalized Indel similarity >= 0.9 (a
trailing colon or period, a letter of case or spelling, a placeholder renamed). A translator
gives the same source the same words, so these are the repeats a reviewer wants found. They
are different messages when their sources are below 0.6 (``Download %s`` / ``%s is up to
date``): a cluster joining their translations is a false copy, however much markup the two
share. Between 0.6 and 0.9 the sources are alike in part (``Written by %s, %s and %s`` with
eight names or nine; ``--accept-regex`` / ``--reject-regex`` help lines): dedupe may join them
or not, and such claims are counted apart (``partly``), neither right nor wrong. Two messages whose
folded translations are identical are a copy whatever their sources (no text rule can tell
them apart): they are counted apart (``same text``), in neither precision nor recall.

Figures, per source and locale:
- precision: of the (representative, member) pairs dedupe reports whose sources are either
  near-identical or different, the share near-identical;
- recall: of the pairs of messages with near-identical sources, both at least 20 characters
  once folded with each placeholder or markup token counted as one, the share in one cluster;
- ``partly``: reported pairs whose sources are at 0.6-0.9, in neither figure;
- ``glued``: members that are not one message (segmentation joined messages), left out;
- ``parts``: members that are less than nine tenths of their message (a long message cut into
  paragraphs, bash's help texts), left out: their source cannot judge a part.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import time
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from itertools import combinations

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel
from realdata_fetch import CATALOG_PROGRAMS, package_root, package_version
from realdata_heldout import HELD_OUT, catalog_file
from realdata_sources import Block, Items, catalog_items, fluent_items, langpack, write
from table import Outcome, Row

import diffkit
from diffkit.deduplication.placeholders import TOKEN, weight

__all__ = ["firefox_english", "main", "outcome", "run"]

SAME_SOURCE: float = 0.9
"""Normalized Indel similarity of the normalised English at which two messages are copies."""

DIFFERENT_SOURCE: float = 0.6
"""Below it, the sources are different messages: a cluster joining them is a false copy."""

MIN_CHARS = 20


def normalised(text: str) -> str:
    """Each placeholder or markup token as one mark, lower case, runs of spaces as one."""
    return re.sub(r"\s+", " ", TOKEN.sub("\x01", text)).strip().lower()


@dataclass(frozen=True)
class Message:
    """A translated message and the English it translates."""

    english: str
    text: str


def one_paragraph(text: str) -> str:
    """The message without the blank lines inside it (bash's help texts hold some), so that
    it is one paragraph: otherwise the boilerplate paragraphs that such messages share
    (``Exit Status:``) are repeats of part of a message, which its source cannot judge."""
    return re.sub(r"\n\s*\n", "\n", text)


def _catalog_messages(items: Sequence[tuple[str, str]]) -> list[Message]:
    return [Message(key.split("\x04", 1)[1], one_paragraph(text)) for key, text in items]


def catalog_sets(which: str) -> Iterator[tuple[str, str, list[Message]]]:
    """(case, locale, messages) of each gettext catalog of ``which``."""
    if which == "catalogs":
        named = [(f"{p} {package_version(p)}", p, p) for p in CATALOG_PROGRAMS]
    else:
        named = [(f"{d} {package_version(p)}", p, d) for p, d in HELD_OUT]
    for name, package, domain in named:
        for locale in ("zh_CN", "zh_TW"):
            path = catalog_file(package, domain, locale)
            yield name, locale, _catalog_messages(catalog_items(path))


def _ftl(archive: zipfile.ZipFile, locale: str) -> Items:
    items: Items = []
    for name in sorted(n for n in archive.namelist() if n.endswith(".ftl")):
        if f"/{locale}/" in name:
            file = name.split(f"/{locale}/", 1)[1]
            items.extend(fluent_items(archive.read(name).decode("utf-8"), file))
    return items


def firefox_english() -> dict[str, str]:
    """Firefox's en-US strings by file (past the locale folder), id and attribute."""
    root = package_root("firefox-esr") / "usr/lib/firefox-esr"
    english: dict[str, str] = {}
    for omni in (root / "omni.ja", root / "browser/omni.ja"):
        with zipfile.ZipFile(omni) as archive:
            for key, text in _ftl(archive, "en-US"):
                english.setdefault(key, text)
    return english


def firefox_sets() -> Iterator[tuple[str, str, list[Message]]]:
    english = firefox_english()
    for package, locale in (
        ("firefox-esr-l10n-zh-cn", "zh-CN"),
        ("firefox-esr-l10n-zh-tw", "zh-TW"),
    ):
        with zipfile.ZipFile(langpack(package)) as archive:
            items = _ftl(archive, locale)
        messages = [Message(english[k], one_paragraph(t)) for k, t in items if k in english]
        yield f"langpack {package_version(package)}", locale.replace("-", "_"), messages


@dataclass(frozen=True)
class Tally:
    """The counts of one catalog and locale, or of several added (the module docstring says
    what each is); ``claimed`` is the reported pairs of messages whose texts differ."""

    claimed: int = 0
    true_claims: int = 0
    false_claims: int = 0
    partly: int = 0
    same_text: int = 0
    glued: int = 0
    parts: int = 0
    truth: int = 0
    found: int = 0
    seconds: float = 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            *(a + b for a, b in zip(asdict(self).values(), asdict(other).values(), strict=True))
        )

    @property
    def precision(self) -> float | None:
        judged = self.true_claims + self.false_claims
        return self.true_claims / judged if judged else None

    @property
    def recall(self) -> float | None:
        return self.found / self.truth if self.truth else None


def _source_scores(sources: list[str], pairs: list[tuple[int, int]]) -> list[float]:
    if not pairs:
        return []
    left = [sources[i] for i, _ in pairs]
    right = [sources[j] for _, j in pairs]
    return process.cpdist(
        left, right, scorer=Indel.normalized_similarity, dtype=np.float64
    ).tolist()


def _true_pairs(sources: list[str], eligible: list[bool]) -> set[tuple[int, int]]:
    """Pairs of eligible messages whose normalised sources are near-identical."""
    at = [k for k, ok in enumerate(eligible) if ok]
    chosen = [sources[k] for k in at]
    out: set[tuple[int, int]] = set()
    for lo in range(0, len(at), 1000):
        block = process.cdist(
            chosen[lo : lo + 1000],
            chosen,
            scorer=Indel.normalized_similarity,
            score_cutoff=SAME_SOURCE,
            dtype=np.float32,
            workers=-1,
        )
        for r, c in zip(*np.nonzero(block >= SAME_SOURCE), strict=True):
            i, j = at[lo + int(r)], at[int(c)]
            if i < j:
                out.add((i, j))
    return out


def _part(length: int, block: Block) -> bool:
    """Whether a member of ``length`` characters is only part of the message ``block``."""
    return length < 0.9 * (block.end - block.start)


def evaluate(messages: list[Message]) -> Tally:
    side = write("units", [(str(k), m.text) for k, m in enumerate(messages)])
    starts = [b.start for b in side.blocks]
    folded = [diffkit.fold(m.text).text for m in messages]
    sources = [normalised(m.english) for m in messages]
    began = time.perf_counter()
    report = diffkit.dedupe(diffkit.Text(side.text))
    seconds = time.perf_counter() - began
    glued = parts = 0
    claims: list[tuple[int, int]] = []
    together: set[tuple[int, int]] = set()
    for cluster in report.clusters:
        ids = []
        for member in cluster.members:
            k = bisect.bisect_right(starts, member.span.start) - 1
            if k < 0 or member.span.end > side.blocks[k].end:
                glued += 1
                ids.append(-1)
            elif _part(member.span.end - member.span.start, side.blocks[k]):
                parts += 1
                ids.append(-1)
            else:
                ids.append(k)
        rep = ids[0]
        claims += [(rep, k) for k in ids[1:] if rep >= 0 and k >= 0]
        together.update(
            (min(a, b), max(a, b)) for a, b in combinations([k for k in ids if k >= 0], 2)
        )
    same = [c for c in claims if folded[c[0]] == folded[c[1]]]
    judged = [c for c in claims if folded[c[0]] != folded[c[1]]]
    scores = _source_scores(sources, judged)
    eligible = [weight(f) >= MIN_CHARS for f in folded]
    truth = {p for p in _true_pairs(sources, eligible) if folded[p[0]] != folded[p[1]]}
    return Tally(
        claimed=len(judged),
        true_claims=sum(s >= SAME_SOURCE for s in scores),
        false_claims=sum(s < DIFFERENT_SOURCE for s in scores),
        partly=sum(DIFFERENT_SOURCE <= s < SAME_SOURCE for s in scores),
        same_text=len(same),
        glued=glued,
        parts=parts,
        truth=len(truth),
        found=len(truth & together),
        seconds=seconds,
    )


def false_copies(messages: list[Message], limit: int = 20) -> list[tuple[str, str, float]]:
    """Up to ``limit`` pairs dedupe joins whose sources differ, with their sources' likeness."""
    side = write("units", [(str(k), m.text) for k, m in enumerate(messages)])
    starts = [b.start for b in side.blocks]
    out = []
    for cluster in diffkit.dedupe(diffkit.Text(side.text)).clusters:
        ids = [bisect.bisect_right(starts, m.span.start) - 1 for m in cluster.members]
        for k in ids[1:]:
            if _part(len(cluster.members[0].text), side.blocks[ids[0]]):
                break
            a, b = messages[ids[0]], messages[k]
            s = Indel.normalized_similarity(normalised(a.english), normalised(b.english))
            if s < DIFFERENT_SOURCE and diffkit.fold(a.text).text != diffkit.fold(b.text).text:
                out.append((a.text, b.text, round(s, 3)))
    return out[:limit]


SETS = {
    "catalogs": lambda: catalog_sets("catalogs"),
    "firefox": firefox_sets,
    "heldout": lambda: catalog_sets("heldout"),
}


def run(names: Sequence[str], *, by_case: bool = False) -> dict[str, Tally]:
    """Each source's figures by locale (``"firefox zh_TW"``), printed as they come."""
    out: dict[str, Tally] = {}
    for name in names:
        totals: dict[str, Tally] = {}
        for case, locale, messages in SETS[name]():
            tally = evaluate(messages)
            totals[locale] = totals.get(locale, Tally()) + tally
            if by_case:
                print(f"  {name} {case} {locale}: {_line(tally)}", flush=True)
        for locale, tally in totals.items():
            print(f"{name:9} {locale}: {_line(tally)}", flush=True)
            out[f"{name} {locale}"] = tally
    return out


def outcome() -> Outcome:
    """The figures as rows of ``bench/run.py``'s table: precision and recall per source and
    locale, with their counts."""
    result = Outcome("realdata-dedupe")
    for name, t in run(list(SETS)).items():
        judged = t.true_claims + t.false_claims
        result.rows.append(
            Row(
                "realdata-dedupe",
                f"{name} precision",
                _fmt(t.precision),
                f"{t.true_claims}/{judged}",
            )
        )
        result.rows.append(
            Row("realdata-dedupe", f"{name} recall", _fmt(t.recall), f"{t.found}/{t.truth}")
        )
        result.raw[name] = asdict(t)
    result.notes.append(
        "real catalogs' messages, copies judged by their English sources "
        "(bench/realdata_dedupe.py); the held-out catalogs are never tuned on"
    )
    return result


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _line(t: Tally) -> str:
    return (
        f"precision {_fmt(t.precision)} ({t.true_claims}/{t.true_claims + t.false_claims}, "
        f"partly {t.partly}), "
        f"recall {_fmt(t.recall)} ({t.found}/{t.truth}), same text {t.same_text}, "
        f"glued {t.glued}, parts {t.parts}, {t.seconds:.1f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", action="append", choices=sorted(SETS))
    parser.add_argument("--by-case", action="store_true")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--show-false", metavar="SOURCE", choices=sorted(SETS))
    args = parser.parse_args(argv)
    if args.show_false:
        for _case, locale, messages in SETS[args.show_false]():
            for a, b, s in false_copies(messages):
                print(f"{locale} {s:.3f}  {a[:70]!r}  |  {b[:70]!r}")
        return 0
    figures = run(args.source or ["catalogs", "firefox", "heldout"], by_case=args.by_case)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(
                {
                    k: {**asdict(t), "precision": t.precision, "recall": t.recall}
                    for k, t in figures.items()
                },
                f,
                indent=1,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

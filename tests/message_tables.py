"""Real message tables (a message id, its zh_CN text, its zh_TW text, a row each) laid out as
two documents, a message a paragraph, and compared: what the pairing tests share, so each test
says only which messages must pair."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from diffkit.comparison import CompareReport, compare
from diffkit.loading import from_text
from diffkit.model import Pair

Row = tuple[str, str, str]
Spans = dict[str, tuple[int, int]]


def read_rows(path: Path) -> list[Row]:
    """The rows of a tab-separated table, its ``#`` lines left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(k, cn, tw) for k, cn, tw in (x.split("\t") for x in lines if not x.startswith("#"))]


def layout(messages: Iterable[tuple[str, str]]) -> tuple[str, Spans]:
    """The messages blank-line separated, and where each one's text lies."""
    spans: Spans = {}
    texts: list[str] = []
    at = 0
    for key, text in messages:
        spans[key] = (at, at + len(text))
        texts.append(text)
        at += len(text) + 2
    return "\n\n".join(texts) + "\n", spans


def owner(spans: Spans, start: int, end: int) -> str | None:
    """The message that holds ``start:end`` whole, if one does."""
    return next((k for k, (lo, hi) in spans.items() if lo <= start and end <= hi), None)


@dataclass(frozen=True)
class Compared:
    """Two laid-out editions of a table and what ``compare`` made of them."""

    report: CompareReport
    a_spans: Spans
    b_spans: Spans

    def owners(self) -> dict[str | None, str | None]:
        """Each pair as the message holding its A side and the one holding its B side."""
        return {
            owner(self.a_spans, p.a.start, p.a.end): owner(self.b_spans, p.b.start, p.b.end)
            for p in self.report.pairs
        }

    def right(self) -> list[Pair]:
        """The pairs whose two sides lie inside the same message."""
        return [
            p
            for p in self.report.pairs
            if (a := owner(self.a_spans, p.a.start, p.a.end)) is not None
            and a == owner(self.b_spans, p.b.start, p.b.end)
        ]


def compare_tables(a: Iterable[tuple[str, str]], b: Iterable[tuple[str, str]]) -> Compared:
    """The zh_CN messages ``a`` against the zh_TW messages ``b``, each laid out."""
    a_text, a_spans = layout(a)
    b_text, b_spans = layout(b)
    report = compare(from_text(a_text, name="zh_CN"), from_text(b_text, name="zh_TW"))
    return Compared(report, a_spans, b_spans)


def compare_rows(rows: list[Row]) -> Compared:
    """A table's two editions, both in its order."""
    return compare_tables([(k, cn) for k, cn, _ in rows], [(k, tw) for k, _, tw in rows])

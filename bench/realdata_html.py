"""The blocks of an HTML page as the real-data benchmark reads them: the text between block
elements, keyed by the last id seen and the place after it, so that two translations of one
page key their counterparts alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

Items = list[tuple[str, str]]
"""A document's blocks in order, each as (key, text)."""

_BLOCK_TAGS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "pre",
        "div",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "caption",
        "br",
        "title",
        "blockquote",
        "section",
        "header",
        "footer",
        "figure",
        "figcaption",
    ]
)
_SKIPPED_TAGS = frozenset(
    {"script", "style", "head", "noscript", "aside", "header", "nav", "footer"}
)
_CJK = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
_GENERATED_ID = re.compile(r"(?:ftn\.)?idm?\d+")
"""DocBook's generated ids (idm47, ftn.idm64) differ between two builds of one source."""
_CJK_BREAK = re.compile(rf"(?<={_CJK})\s*\n\s*(?={_CJK})")


class _Blocks(HTMLParser):
    """The text between block boundaries, keyed by the last id seen and the place after it.

    ``skip(tag, attrs)`` names regions left out (navigation, scripts); ``start`` names the
    element whose content is the document (everything when None).
    """

    def __init__(self, skip: Callable[[str, dict[str, str]], bool], start: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.skip = skip
        self.inside = start is None
        self.start_id = start
        self.skipping: list[str] = []
        self.depth = 0
        self.pre = 0
        self.last_id = ""
        self.since = 0
        self.buffer: list[str] = []
        self.seen: dict[str, int] = {}
        self.items: Items = []

    def _flush(self) -> None:
        raw = "".join(self.buffer)
        self.buffer = []
        if self.pre:
            text = raw.strip("\n").rstrip()
            text = re.sub(r"\n[ \t]*\n", "\n", text)
        else:
            text = re.sub(r"\s+", " ", _CJK_BREAK.sub("", raw)).strip()
        if text:
            key = f"{self.last_id}#{self.since}"
            self.since += 1
            # An id a page repeats (an embedded section twice) must still key one block.
            self.seen[key] = self.seen.get(key, 0) + 1
            if self.seen[key] > 1:
                key += f"~{self.seen[key]}"
            self.items.append((key, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if self.skipping:
            if tag == self.skipping[0]:
                self.depth += 1
            return
        if not self.inside:
            self.inside = attributes.get("id") == self.start_id
            return
        if self.skip(tag, attributes):
            self.skipping, self.depth = [tag], 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self.pre += 1
        if attributes.get("id") and not _GENERATED_ID.fullmatch(attributes["id"]):
            self.last_id, self.since = attributes["id"], 0

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[0]:
                self.depth -= 1
                if self.depth == 0:
                    self.skipping = []
            return
        if self.inside and tag in _BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if self.inside and not self.skipping:
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_items(
    html: str,
    file: str,
    *,
    skip: Callable[[str, dict[str, str]], bool] = lambda tag, attrs: False,
    start: str | None = None,
) -> Items:
    parser = _Blocks(lambda t, a: t in _SKIPPED_TAGS or skip(t, a), start)
    parser.feed(html)
    parser.close()
    return [(f"{file}|{key}", text) for key, text in parser.items]

"""The HTML report wraps Han text anywhere but keeps Latin words whole ("September", not
"Septembe" / "r"), measured in headless Chromium on a Debian manual and its Taiwan edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from diffkit.cli import cli

from .test_html import CHROMIUM, dump_dom

DATA = Path(__file__).parent / "data"
CN, TW = DATA / "debian-reference-1.2.zh-cn.txt", DATA / "debian-reference-1.2.zh-tw.txt"

# Every Latin word of the diff columns, in one text node, measured where it was laid out:
# a word whose boxes stand on more than one line was cut. Lines that wrap between two Han
# characters are counted too: Han text still wraps anywhere.
MEASURE = """<script>
addEventListener("load", () => {
  let words = 0, cut = 0, wrapped = 0;
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  for (const column of document.querySelectorAll(".cols div")) {
    const walker = document.createTreeWalker(column, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[A-Za-z][A-Za-z0-9]{3,15}/g)) {
        words += 1;
        cut += lines(node, m.index, m.index + m[0].length) > 1;
      }
      for (const m of node.data.matchAll(/[\\u4e00-\\u9fff]{2,}/g)) {
        for (let n = m.index + 1; n < m.index + m[0].length; n++) {
          wrapped += lines(node, n - 1, n + 1) > 1;
        }
      }
    }
  }
  document.body.dataset.words = words;
  document.body.dataset.cut = cut;
  document.body.dataset.wrapped = wrapped;
});
</script>"""


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (.ci/run installs it)")
def test_latin_words_stay_whole_while_han_text_wraps(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "report.html"
    result = CliRunner().invoke(
        cli, ["compare", str(CN), str(TW), "--format", "html", "-o", str(page)]
    )
    assert result.exit_code == 1, result.output
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    dom = dump_dom(page, tmp_path, "--window-size=900,1200")
    body = re.search(r"<body[^>]*>", dom)
    assert body is not None
    found = dict(re.findall(r'data-(words|cut|wrapped)="(\d+)"', body.group(0)))
    assert int(found["words"]) > 100 and int(found["wrapped"]) > 5
    assert found["cut"] == "0", found

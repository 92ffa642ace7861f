"""Short labels between aligned neighbours pair when they say the same words in another order:
real Firefox strings (全部显示 / 顯示全部, 无效网址 / 網址無效) in the langpacks' order."""

from __future__ import annotations

from diffkit.comparison import compare
from diffkit.loading import from_text

from .conftest import ROOT
from .test_leftovers import _layout

LABELS = ROOT / "tests" / "data" / "firefox-reworded-labels-zh.tsv"


def _owner(spans: dict[str, tuple[int, int]], start: int, end: int) -> str | None:
    return next((k for k, (lo, hi) in spans.items() if lo <= start and end <= hi), None)


def test_reworded_labels_pair_in_their_gap() -> None:
    rows = [
        line.split("\t")
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    a_text, a_spans = _layout([(k, cn) for k, cn, _ in rows])
    b_text, b_spans = _layout([(k, tw) for k, _, tw in rows])
    report = compare(from_text(a_text, name="zh_CN"), from_text(b_text, name="zh_TW"))
    paired = {
        _owner(a_spans, p.a.start, p.a.end): _owner(b_spans, p.b.start, p.b.end)
        for p in report.pairs
    }
    # In order, half of each label's characters line up (0.5, under the 0.6 a key shorter than
    # 6 characters needs); in any order, all of them.
    for key in (
        "allTabsMenu.ftl|all-tabs-menu-tab-groups-show-all|label",
        "menubar.ftl|menu-application-show-all|label",
        "siteDataSettings.ftl|site-data-remove-all|label",
        "preferences.ftl|preferences-doh-bad-url|",
    ):
        (full,) = [k for k in a_spans if k.endswith(key)]
        assert paired.get(full) == full, key
    assert all(a == b for a, b in paired.items())

"""Short labels between aligned neighbours pair when they say the same words in another order:
real Firefox strings (全部显示 / 顯示全部, 无效网址 / 網址無效) in the langpacks' order."""

from __future__ import annotations

from .conftest import ROOT
from .message_tables import compare_rows, read_rows

LABELS = ROOT / "tests" / "data" / "firefox-reworded-labels-zh.tsv"


def test_reworded_labels_pair_in_their_gap() -> None:
    compared = compare_rows(read_rows(LABELS))
    paired = compared.owners()
    # In order, half of each label's characters line up (0.5, under the 0.6 a key shorter than
    # 6 characters needs); in any order, all of them.
    for key in (
        "allTabsMenu.ftl|all-tabs-menu-tab-groups-show-all|label",
        "menubar.ftl|menu-application-show-all|label",
        "siteDataSettings.ftl|site-data-remove-all|label",
        "preferences.ftl|preferences-doh-bad-url|",
    ):
        (full,) = [k for k in compared.a_spans if k.endswith(key)]
        assert paired.get(full) == full, key
    assert all(a == b for a, b in paired.items())

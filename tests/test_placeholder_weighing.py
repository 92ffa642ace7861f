"""What weighs one character in dedupe is a placeable's syntax, never text in braces; weighing
is the same on every path and however many tokens a corpus holds (sentences of
samples/2023-closing-speech-simplified.txt, Firefox's strings of tests/data)."""

from __future__ import annotations

import gc
import re
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from diffkit import Text, dedupe, fold
from diffkit.deduplication import _pair_scores, pair_similarity_of_keys, verify_pairs
from diffkit.deduplication.placeholders import weighed
from diffkit.deduplication.similarity import _indel

ROOT = Path(__file__).parent.parent
SPEECH = (ROOT / "samples/2023-closing-speech-simplified.txt").read_text(encoding="utf-8")
SENTENCES = [s + "。" for s in re.split("[。\n]", SPEECH) if 30 <= len(s) <= 60]
FIREFOX = sorted((ROOT / "tests/data").glob("firefox-*-zh-*.txt"))


def test_a_footnote_in_braces_is_text() -> None:
    # Same lead sentence, different footnotes: the footnotes weighed one character each made
    # the two paragraphs copies at 0.968.
    lead = SENTENCES[0]
    a = f"{lead}\\footnote{{{SENTENCES[1]}}}"
    b = f"{lead}\\footnote{{{SENTENCES[2]}}}"
    assert dedupe(Text(f"{a}\n\n{b}\n")).clusters == ()
    assert pair_similarity_of_keys(fold(a).text, fold(b).text) < 0.8


def test_a_paragraph_in_full_width_braces_keeps_its_length() -> None:
    # ｛…｝ folds to {…}: the paragraph was one character under --min-chars.
    text = f"｛{SENTENCES[3][:-1]}｝。"
    assert len(weighed(fold(text).text)) == len(fold(text).text)
    assert len(dedupe(Text(f"{text}\n\n{text}\n"), min_chars=20).clusters) == 1


@pytest.mark.parametrize(
    "token",
    ["{$count}", "{-brand-short-name}", "{0}", "{name}", "{number($n)}", "{$n->", "{number($n)->"],
)
def test_a_placeable_is_one_character(token: str) -> None:
    assert len(weighed(token)) == 1


def test_weighing_a_weighed_key_changes_nothing() -> None:
    keys = ["{x{y}z}", "<a {$x}>", "&{$x};", "%<{$x}>"]
    keys += [fold(line).text for f in FIREFOX for line in f.read_text(encoding="utf-8").split("\n")]
    for key in keys:
        once = weighed(key)
        assert weighed(once) == once, key


def test_distinct_tokens_stay_distinct() -> None:
    # One character a token by a hash of its text: 2,000 names gave 1,970 characters.
    names = [f"{{$name{k}}}" for k in range(2000)]
    assert len(set(weighed("".join(names)))) == 2000
    a, b = fold("已删除 { $name17 } 个文件").text, fold("已删除 { $name1017 } 个文件").text
    assert pair_similarity_of_keys(a, b) < 1.0


def _reordered(k: int) -> tuple[str, str]:
    # Firefox-like messages whose sentences are reordered, a placeable renamed.
    x, y = SENTENCES[k][:-1], SENTENCES[k + 1][:-1]
    first = f"{x[:12]}{{ $n }}{x[12:]}&amp;。"
    second = f'<a data-l10n-name="link">{y}</a>;'
    return fold(first + second).text, fold(second + first.replace("$n", "$m")).text


def test_every_path_scores_a_pair_alike() -> None:
    pairs = [_reordered(k) for k in range(0, 20, 2)]
    left, right = [a for a, _ in pairs], [b for _, b in pairs]
    one_by_one = [pair_similarity_of_keys(a, b) for a, b in pairs]
    assert all(0.9 < s < 1.0 for s in one_by_one)
    assert _pair_scores(left, right) == one_by_one
    ids = np.array([(2 * k, 2 * k + 1) for k in range(len(pairs))], dtype=np.int64)
    verified = {(i, j): s for i, j, s in verify_pairs(ids, left, right, 0.8)}
    # Verification takes the sorted sentences only where the texts fall short.
    reordered = [k for k, (a, b) in enumerate(pairs) if _indel([a], [b])[0] < 0.8]
    assert len(reordered) >= 8
    for k in reordered:
        assert verified[(2 * k, 2 * k + 1)] == pytest.approx(one_by_one[k])


def _retained_by_scoring(chars: int) -> int:
    body = "".join(SENTENCES)
    key = fold(("{ $n }" + body) * (chars // (len(body) + 6))).text
    before = tracemalloc.get_traced_memory()[0]
    assert pair_similarity_of_keys(key, "".join(key)) == 1.0
    assert _pair_scores([key], [key[::-1][::-1]]) == [1.0]
    del key
    gc.collect()
    return tracemalloc.get_traced_memory()[0] - before


def test_scoring_keeps_no_long_key_alive() -> None:
    _retained_by_scoring(4_000)  # imports and first-call state
    tracemalloc.start()
    try:
        retained = _retained_by_scoring(400_000)
    finally:
        tracemalloc.stop()
    # The key is 800 kB (two bytes a character), weighed 1.6 MB (four).
    assert retained < 100_000

"""Hypothesis strategies for text that looks like what diffkit reads: Han in both scripts,
Latin, digits, full-width forms, CJK and ASCII punctuation, pinyin notes, odd spaces and
every kind of line break."""

from __future__ import annotations

from hypothesis import strategies as st

HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"
TRAD = "們說對會發後國開這來麼過還說與為們東車長門問話時學實體現點總經濟變應議員劉陽屆閉幕選舉濟興發藝術"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
WIDE = "ＡＢＣａｂｃ０１２３"
PUNCT = "，。、；：！？“”「」『』（）《》…—,.;:!?\"'()[]-"
SPACE = [" ", "  ", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u3000", "\t"]
NOTES = ["(chéng)", "(fā)", "(guó)", "（jiāng）", "(2023年)", "(hello)"]

_piece = st.one_of(
    st.text(alphabet=HAN + TRAD, min_size=1, max_size=8),
    st.text(alphabet=LATIN + WIDE, min_size=1, max_size=6),
    st.sampled_from(list(PUNCT)),
    st.sampled_from(SPACE),
    st.sampled_from(NOTES),
)

documents = st.lists(_piece, max_size=40).map("".join)
"""Short documents mixing every kind of noise diffkit folds away."""

"""Ordinary words against names: how a text writes a word, and when that makes it a word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.extraction.common_words import CaseCounts, case_counts, is_ordinary_word, reads_as_word

FILLERS = ("report", "said", "that", "with", "new", "plans", "today", "which", "had", "into")
fillers = st.lists(st.sampled_from(FILLERS), min_size=1, max_size=4).map(" ".join)


@given(
    st.lists(st.sampled_from(["lower", "determined", "capital", "opening", "in a name"]), max_size=12),
    st.data(),
)
def test_case_counts_count_each_use_by_its_shape(uses, data):
    pieces, expected = [], {"lower": 0, "determined": 0, "capital": 0}
    for use in uses:
        before, after = data.draw(fillers), data.draw(fillers)
        piece = {
            "lower": f"So {before} government {after}.",
            "determined": f"So {before} our Government {after}.",
            "capital": f"So {before} Government {after}.",
            "opening": f"Government {before} {after}.",
            "in a name": f"So {before} Federal Government {after}.",
        }[use]
        expected[use] = expected.get(use, 0) + 1
        pieces.append(piece)
    counts = case_counts(" ".join(pieces), "Government")
    assert counts == CaseCounts(expected["lower"], expected["determined"], expected["capital"])


counts = st.builds(CaseCounts, st.integers(0, 500), st.integers(0, 500), st.integers(0, 5000))


@given(counts, st.integers(1, 100))
def test_more_uses_as_a_word_never_make_a_word_a_name(base, more):
    if reads_as_word(base):
        assert reads_as_word(base + CaseCounts(lower=more))
        assert reads_as_word(base + CaseCounts(determined=more))


@given(counts, st.integers(1, 1000))
def test_more_capitalised_uses_never_make_a_name_a_word(base, more):
    if not reads_as_word(base):
        assert not reads_as_word(base + CaseCounts(capital=more))


def test_a_name_written_as_a_name_is_not_the_word():
    text = "Shares of Apple rose. Analysts said Apple would gain, and an apple a day helps. Buy Apple now."
    assert not reads_as_word(case_counts(text, "Apple"))


def test_a_capitalised_common_noun_is_the_word():
    text = "So the Government acts, and our Government spends; the government pays. " * 3
    assert reads_as_word(case_counts(text, "Government"))


def test_ordinary_words_are_frequent_single_capitalised_words():
    assert is_ordinary_word("Government")
    assert is_ordinary_word("Apple")
    assert not is_ordinary_word("Xinhua")
    assert not is_ordinary_word("NATO")
    assert not is_ordinary_word("government")
    assert not is_ordinary_word("United States")

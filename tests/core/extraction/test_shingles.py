"""Signatures see through what a wire changes in a copy: case, punctuation and the dateline."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.extraction.shingles import (
    CANDIDATE_BANDS,
    NUM_PERM,
    band_keys,
    normalised_words,
    shingles,
    signature,
)

words = st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=60)


@settings(max_examples=60, deadline=None)
@given(words, st.sampled_from(["LONDON, March 3 (Reuters) - ", "WASHINGTON (AP) -- ", "Paris — ", ""]))
def test_case_punctuation_and_dateline_do_not_change_the_signature(text_words, dateline):
    plain = " ".join(text_words)
    dressed = dateline + " ".join(f"{w.capitalize()}," if i % 3 == 0 else w for i, w in enumerate(text_words)) + "."
    assert normalised_words(dressed) == text_words
    assert list(signature(dressed)) == list(signature(plain))


@settings(max_examples=60, deadline=None)
@given(words)
def test_shingles_are_the_runs_of_three_words(text_words):
    found = shingles(" ".join(text_words))
    if len(text_words) <= 3:
        assert found == {" ".join(text_words).encode()}
    else:
        assert found == {" ".join(text_words[i : i + 3]).encode() for i in range(len(text_words) - 2)}


@settings(max_examples=40, deadline=None)
@given(words)
def test_equal_texts_share_every_band_key_and_the_bands_fit_the_signature(a):
    assert CANDIDATE_BANDS.count * CANDIDATE_BANDS.rows <= NUM_PERM
    keys = band_keys(signature(" ".join(a)))
    assert len(signature(" ".join(a))) == NUM_PERM
    assert keys == band_keys(signature(" ".join(a)))
    assert len(set(keys)) == CANDIDATE_BANDS.count  # the band's number is hashed in


def test_a_copy_with_a_tenth_of_its_words_changed_is_a_candidate_and_another_text_is_not():
    base = [f"w{i}" for i in range(400)]
    changed = [f"x{i}" if i % 10 == 0 else w for i, w in enumerate(base)]  # Jaccard of the runs near 0.54
    other = [f"y{i}" for i in range(400)]
    assert set(band_keys(signature(" ".join(base)))) & set(band_keys(signature(" ".join(changed))))
    assert not set(band_keys(signature(" ".join(base)))) & set(band_keys(signature(" ".join(other))))


@settings(max_examples=40, deadline=None)
@given(words, words)
def test_the_headline_comes_first_and_the_body_s_dateline_goes(title_words, body_words):
    title, body = " ".join(title_words).upper(), "PARIS, May 2 (AFP) - " + " ".join(body_words)
    assert normalised_words(body, title) == title_words + body_words
    assert list(signature(body, title)) == list(signature(" ".join(body_words), " ".join(title_words)))


def test_a_text_without_words_has_no_signature():
    assert signature(" ... — ") is None
    assert not re.search(r"\w", " ... — ")

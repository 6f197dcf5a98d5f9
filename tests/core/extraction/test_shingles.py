"""Signatures see through what a wire changes in a copy: case, punctuation and the dateline."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.extraction.shingles import (
    NUM_PERM,
    band_keys,
    bands_for,
    normalised_words,
    shingles,
    signature,
    similarity,
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
def test_shingles_are_the_runs_of_five_words(text_words):
    found = shingles(" ".join(text_words))
    if len(text_words) <= 5:
        assert found == {" ".join(text_words).encode()}
    else:
        assert found == {" ".join(text_words[i : i + 5]).encode() for i in range(len(text_words) - 4)}


@settings(max_examples=40, deadline=None)
@given(words, words)
def test_similarity_is_symmetric_bounded_and_one_for_equal_texts(a, b):
    first, second = signature(" ".join(a)), signature(" ".join(b))
    assert len(first) == NUM_PERM
    assert similarity(first, first) == 1.0
    assert similarity(first, second) == similarity(second, first)
    assert 0.0 <= similarity(first, second) <= 1.0


@settings(max_examples=40, deadline=None)
@given(words, st.sampled_from([0.5, 0.7, 0.8, 0.9]))
def test_equal_signatures_share_every_band_key_and_bands_fit_the_signature(a, threshold):
    bands = bands_for(threshold)
    assert bands.count * bands.rows <= NUM_PERM
    keys = band_keys(signature(" ".join(a)), bands)
    assert keys == band_keys(signature(" ".join(a)), bands)
    assert len(set(keys)) == bands.count  # the band's number is hashed in


def test_the_estimate_follows_the_true_overlap():
    base = [f"w{i}" for i in range(400)]
    changed = [f"x{i}" if i % 10 == 0 else w for i, w in enumerate(base)]  # 10% of words
    truth = len(shingles(" ".join(base)) & shingles(" ".join(changed))) / len(
        shingles(" ".join(base)) | shingles(" ".join(changed))
    )
    estimate = similarity(signature(" ".join(base)), signature(" ".join(changed)))
    assert abs(estimate - truth) < 0.15


@settings(max_examples=40, deadline=None)
@given(words, words)
def test_the_headline_comes_first_and_the_body_s_dateline_goes(title_words, body_words):
    title, body = " ".join(title_words).upper(), "PARIS, May 2 (AFP) - " + " ".join(body_words)
    assert normalised_words(body, title) == title_words + body_words
    assert list(signature(body, title)) == list(signature(" ".join(body_words), " ".join(title_words)))


def test_a_headline_tells_formulaic_items_apart():
    body = "Qtly div 13 cts vs 13 cts prior Pay March 13 Record Feb 27"
    same = similarity(
        signature(body, "E-SYSTEMS INC <ESY> SETS QUARTERLY"), signature(body, "E-SYSTEMS <ESY> QUARTERLY")
    )
    other = similarity(
        signature(body, "E-SYSTEMS INC <ESY> SETS QUARTERLY"), signature(body, "D.H. HOLMES CO LTD SETS PAYOUT")
    )
    assert other < 0.8 <= 1.0 and same > other


def test_a_text_without_words_has_no_signature():
    assert signature(" ... — ") is None
    assert not re.search(r"\w", " ... — ")

"""A known place spelled otherwise ("Porto Rico") joins the place; different places stay apart."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.ops import curation
from explorer.core.store.consistency import inconsistencies
from explorer.core.store.place_spellings_sql import MAX_EDITS, edits, link_place_spellings, respelled_word
from tests.store_builder import build_store, draft, own_names

words = st.from_regex(r"[a-z]{1,9}", fullmatch=True)


@given(words, words)
def test_edits_is_a_distance(a, b):
    assert edits(a, b) == edits(b, a) and (edits(a, b) == 0) is (a == b)
    assert abs(len(a) - len(b)) <= edits(a, b) <= max(len(a), len(b))


@given(st.from_regex(r"[A-Z][a-z]{4,8}", fullmatch=True), st.integers(0, 4), st.sampled_from("xqz"))
def test_one_word_respelled_within_the_limit(word, at, letter):
    at = min(at, len(word) - 1) or 1
    respelled = word[:at] + letter + word[at + 1 :]
    found = respelled_word(f"{respelled} Ulvarra", f"{word} Ulvarra")
    assert found == ((respelled, word) if respelled != word else None)
    assert respelled_word(f"{word}xqzw Ulvarra", f"{word} Ulvarra") is None  # more than MAX_EDITS
    assert MAX_EDITS < 4


def test_shapes_that_are_not_respellings():
    assert respelled_word("Porto Rico", "Puerto Rico") == ("Porto", "Puerto")
    assert respelled_word("North Africa", "North America") is None  # two places' names
    assert respelled_word("Porto", "Puerto") is None  # one word alone says too little
    assert respelled_word("Porto Rico Bay", "Puerto Rico") is None
    assert respelled_word("Korto Rico", "Puerto Rico") is None  # another first letter
    assert respelled_word("Costa Mesa", "Costa Rica") is None  # "Mesa" is no respelling of "Rica"


def _library(tmp_path, bodies, names):
    return build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)


def test_an_old_spelling_joins_the_known_place_with_its_reason(tmp_path):
    bodies = [f"Porto Rico grew {i}." for i in range(3)] + [f"Puerto Rico voted {i}." for i in range(3)]
    db = _library(tmp_path, bodies, own_names(place=["Porto Rico", "Puerto Rico"]))
    assert link_place_spellings(db.conn) == [("Porto Rico", "Puerto Rico")]
    (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules")]
    assert payload["reason"] == "linked because “Porto Rico” is “Puerto Rico” spelled otherwise (“Porto” for “Puerto”)"
    assert db.conn.execute("SELECT name, mentions FROM entities").fetchall() == [("Puerto Rico", 6)]
    assert inconsistencies(db) == []
    db.conn.commit()
    (entity_id,) = db.conn.execute("SELECT id FROM entities").fetchone()
    curation.split(db, entity_id, "Porto Rico")
    assert link_place_spellings(db.conn) == []  # the user's split stands


def test_a_known_place_named_too_seldom_or_two_candidates_link_nothing(tmp_path):
    bodies = ["Porto Rico grew.", "Puerto Rico voted.", "Puerto Rico again."]
    db = _library(tmp_path, bodies, own_names(place=["Porto Rico", "Puerto Rico"]))
    assert link_place_spellings(db.conn) == []  # "Puerto Rico" in 2 articles only
    bodies = ["Costa Rita fell."] + [f"Costa Rica and Costa Mesa {i}." for i in range(3)]
    db = _library(tmp_path / "b", bodies, own_names(place=["Costa Rita", "Costa Rica", "Costa Mesa"]))
    assert link_place_spellings(db.conn) == [("Costa Rita", "Costa Rica")]

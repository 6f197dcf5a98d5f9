"""A group's singular and plural, a party's short and long name, acronyms' initials."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.extraction.entity_links import initials, link_aliases, link_reason, plural, singular

# Capitalised words that end like demonyms and party members ("American", "Tory", "Democrat").
stems = st.from_regex(r"[A-Z][a-z]{2,8}(?:an|ese|ish|at|ory|ist|er)", fullmatch=True)


@given(stems)
def test_the_plural_of_a_group_takes_its_singular(word):
    assert singular(plural(word)) == word
    assert link_aliases(plural(word), "group") == (word,)


@given(stems)
def test_singular_and_plural_are_explained_both_ways(word):
    assert "singular and plural" in link_reason(plural(word), word)
    assert "singular and plural" in link_reason(word, plural(word))


def test_demonyms_and_party_members():
    assert link_aliases("Americans", "group") == ("American",)
    assert link_aliases("Tories", "group") == ("Tory",)
    assert link_aliases("Democrats", "group") == ("Democrat",)
    assert link_aliases("Swiss", "group") == ()
    assert link_aliases("American", "group") == ()


def test_a_party_takes_its_short_name():
    assert link_aliases("Labour Party", "organisation") == ("Labour",)
    assert "short name of the Labour Party" in link_reason("Labour", "Labour Party")
    assert link_aliases("Labour", "organisation") == ()
    assert link_aliases("Labour Party", "person") == ()


def test_initials_skip_joiners():
    assert initials("European Union") == "EU"
    assert initials("Organization of the Petroleum Exporting Countries") == "OPEC"
    assert "initials" in link_reason("EU", "European Union")
    assert link_reason("EU", "European Community") is None
    assert link_reason("Apple", "Apple") is None


def test_a_name_in_either_word_order_or_with_hyphens_is_one():
    assert link_aliases("Department of State", "organisation") == ("State Department",)
    assert link_aliases("Government of the United States", "organisation") == ("United States Government",)
    assert "two word orders" in link_reason("State Department", "Department of State")
    assert link_aliases("Post-Office Department", "organisation") == ("Post Office Department",)
    assert "hyphens" in link_reason("Post Office Department", "Post-Office Department")
    assert link_aliases("Robert Kilroy-Silk", "person") == ()


@given(st.from_regex(r"[A-Z][a-z]{2,8}(-[A-Z][a-z]{2,8}){1,2}", fullmatch=True))
def test_a_hyphenated_place_is_its_spaced_form(name):
    (alias,) = link_aliases(name, "place")
    assert alias == name.replace("-", " ") and "hyphens" in link_reason(alias, name)


@given(st.sampled_from(sorted(__import__("explorer.core.extraction.places", fromlist=["x"]).AP_STATE_ABBREVIATIONS)))
def test_a_state_abbreviation_is_the_state(abbreviation):
    (state,) = link_aliases(abbreviation + ".", "place")
    assert "one US state" in link_reason(abbreviation, state)
    assert link_aliases(abbreviation, "organisation") == ()


def test_a_board_is_its_body():
    assert link_aliases("Federal Reserve Board", "organisation") == ("Federal Reserve",)
    assert link_aliases("Board", "organisation") == ()
    assert "how news names" in link_reason("Federal Reserve", "Federal Reserve Board")

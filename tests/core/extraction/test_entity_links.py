"""A group's singular and plural, a party's short and long name, acronyms' initials, short names."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from explorer.core.extraction.entity_links import (
    FEATURES,
    WATERS,
    Shortening,
    initials,
    link_aliases,
    link_reason,
    plural,
    shortening,
    singular,
    spellings,
)
from explorer.core.extraction.name_drafts import DESIGNATORS
from explorer.core.extraction.not_names import LEGAL_FORMS
from explorer.core.extraction.places import is_known_place

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
    assert link_aliases("Government of the United States", "organisation") == (
        "United States Government",
        "American Government",
    )
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


# ---- short names and acronyms' spellings -------------------------------------------------

# Invented capitalised words, not places: "Quorvane", "Tellisar".
invented = st.from_regex(r"[A-Z][a-z]{3,9}", fullmatch=True).filter(lambda w: not is_known_place(w))


@given(invented, st.sampled_from(sorted(h for h in DESIGNATORS if h.isalpha() and h not in LEGAL_FORMS)))
def test_an_organisation_without_its_head_word_is_its_short_name(word, head):
    name = f"{word} {head.capitalize()}"
    assert shortening(word, name, "organisation") == Shortening(
        True, f"“{word}” is the “{name}” without its head word “{head.capitalize()}”"
    )
    assert shortening(word, name, "person") is None
    assert shortening(word, name, "place") is None


@given(invented, st.sampled_from(sorted(FEATURES)))
def test_a_body_of_water_without_its_word_for_water_is_its_short_name(word, feature):
    """ "the Pacific" is the Pacific Ocean, never the Pacific Coast."""
    found = shortening(word, f"{word} {feature.capitalize()}", "place")
    assert (found is not None) is (feature in WATERS)


@given(invented, invented, invented)
def test_a_name_that_only_begins_with_the_word_is_not_shortened_by_it(word, second, third):
    """ "Quorvane Tellisar": neither a head word nor a company's legal form after the first word."""
    assume(second.casefold() not in DESIGNATORS | FEATURES)
    assert shortening(word, f"{word} {second}", "organisation") is None
    assert shortening(word, f"{word} {second} {third}", "organisation") is None
    assert shortening(word, f"{word} {second} Inc", "organisation").generic is False


def test_short_names_of_known_shapes():
    company = shortening("Shearson", "Shearson Lehman Brothers Inc", "organisation")
    assert "first word of the company" in company.reason and not company.generic
    clipping = shortening("Fed", "Federal Reserve", "organisation")
    assert "cut short" in clipping.reason and not clipping.generic
    assert "place it belongs to" in shortening("Congress", "Congress of the United States", "organisation").reason
    assert shortening("Mexico", "Mexico City", "place") is None  # a known place is never a short name
    assert shortening("Panama", "Panama Canal", "place") is None
    assert shortening("EU", "EU Commission", "organisation") is None  # acronyms are linked by their initials
    assert shortening("Fe", "Federal Reserve", "organisation") is None  # too short to be a clipping
    assert shortening("Treasury", "Treasury Department", "place") is None  # a department is no place
    assert shortening("Treasury", "Treasury", "organisation") is None


def test_acronyms_spell_dotted_abbreviations_and_the_other_word_order():
    assert spellings("European Union") == {"EU": "European Union"}
    assert spellings("U.S. Trade Representative")["USTR"] == "U.S. Trade Representative"
    assert spellings("U.S. Agriculture Department")["USDA"] == "U.S. Department of Agriculture"
    assert spellings("Japanese Finance Ministry")["JMF"] == "Japanese Ministry of Finance"
    assert "USDA" not in spellings("U.S. Agriculture Council")  # no head word, no other order


def test_a_countrys_islands_are_the_country():
    assert link_aliases("Philippine Islands", "place") == ("Philippines",)
    assert link_aliases("Bahama Islands", "place") == ("Bahamas",)
    assert link_reason("Philippines", "Philippine Islands") == (
        "linked because the “Philippine Islands” are the country “Philippines”"
    )
    assert link_aliases("Canary Islands", "place") == ()  # "Canaries" is no country
    assert link_aliases("Philippine Islands", "organisation") == ()


def test_a_countrys_government_is_its_demonyms_government():
    assert link_aliases("Government of Spain", "organisation") == ("Spain Government", "Spanish Government")
    assert link_reason("Spanish Government", "Government of Spain") == (
        "linked because the “Spanish Government” is the “Government of Spain”"
    )
    # A country of several demonyms gets none ("British" or "Welsh").
    assert link_aliases("Government of the United Kingdom", "organisation") == ("United Kingdom Government",)

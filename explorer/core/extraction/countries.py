"""Country names from ISO 3166 (pycountry) → the short, familiar names the product shows.

The canonical name of a country is pycountry's ``common_name`` when it has one ("Iran",
"South Korea", "Taiwan"), else its ``name`` ("United States", "Russian Federation"). Its
official name ("United States of America"), name and common name are recognised in any case;
its alpha-2/alpha-3 codes only as written in capitals, with or without dots ("US", "U.S.",
"USA"). Countries whose canonical name is an inverted ISO form with a comma ("Congo, The
Democratic Republic of the") are left as the text writes them. ISO lacks a few everyday names;
``COLLOQUIAL`` adds them and is deliberately short ("America" alone is the United States, as
news and speeches use it; "Latin America" and "South America" are names of their own).
"""

from __future__ import annotations

import re
from functools import cache

COLLOQUIAL = {
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "the States": "US",
    "the U.S.A.": "US",
    "America": "US",
}
_CODE = re.compile(r"(?:[A-Z]\.){2,3}|[A-Z]{2,3}")


@cache
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(names casefolded → canonical, codes → canonical, names casefolded → as ISO writes them)."""
    import pycountry

    canonical_by_code = {}
    names: dict[str, str] = {}
    written: dict[str, str] = {}
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        if "," in canonical:
            continue
        canonical_by_code[country.alpha_2] = canonical_by_code[country.alpha_3] = canonical
        for name in (country.name, getattr(country, "official_name", None), canonical):
            if name and "," not in name:
                names[name.casefold()] = canonical
                written[name.casefold()] = name
    codes = dict(canonical_by_code)
    for variant, code in COLLOQUIAL.items():
        names[variant.casefold()] = canonical_by_code[code]
        written[variant.casefold()] = variant
    return names, codes, written


def country_name(surface: str) -> str | None:
    """The canonical country name ``surface`` denotes, or None if it names no country."""
    text = " ".join(surface.split())
    names, codes, _ = _tables()
    if _CODE.fullmatch(text):
        return codes.get(text.replace(".", "")) or names.get(text.casefold())
    return names.get(text.casefold())


@cache
def country_names_pattern() -> re.Pattern[str]:
    """Any country name or colloquial variant as a whole phrase, case-insensitively."""
    _, _, written = _tables()
    alternatives = "|".join(re.escape(name) for name in sorted(written, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def written_country_name(text: str) -> str | None:
    """How a country name matched in any case is properly written ("UNITED STATES" → "United States")."""
    return _tables()[2].get(text.casefold())


@cache
def _demonyms() -> dict[str, str]:
    """Demonyms casefolded ("chinese", "pakistani") → canonical country name.

    From the ``countryinfo`` package's country data; a demonym several territories share
    ("Chinese": China, Hong Kong, Macau) belongs to the most populous of them.
    """
    import countryinfo

    _, codes, _ = _tables()
    best: dict[str, tuple[int, str]] = {}
    for country in countryinfo.all_countries():
        data = country.info()
        canonical = codes.get((data.get("ISO") or {}).get("alpha2", ""))
        population = data.get("population") or 0
        for demonym in (data.get("demonym") or "").split(","):
            key = demonym.strip().casefold()
            if key and canonical and population >= best.get(key, (-1, ""))[0]:
                best[key] = (population, canonical)
    return {key: canonical for key, (_, canonical) in best.items()}


@cache
def _demonyms_by_country() -> dict[str, list[str]]:
    by_country: dict[str, list[str]] = {}
    for demonym, country in _demonyms().items():
        by_country.setdefault(country, []).append(demonym)
    return by_country


def demonym_of(country: str) -> str | None:
    """The one demonym of a country ("Spain" → "Spanish"); None when it has none or several
    ("United Kingdom": British, Welsh)."""
    canonical = country_name(country)
    found = _demonyms_by_country().get(canonical or "", [])
    return found[0].title() if len(found) == 1 else None


def country_of_demonym(name: str) -> str | None:
    """The canonical country whose people ``name`` denotes ("Pakistanis" → "Pakistan"), or None."""
    demonyms = _demonyms()
    key = " ".join(name.split()).casefold()
    return demonyms.get(key) or (demonyms.get(key[:-1]) if key.endswith("s") else None)

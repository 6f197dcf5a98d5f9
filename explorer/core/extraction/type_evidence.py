"""What a name's own structure says about its type, whatever NER read it as.

- a legal form at its end ("Saturn Corporation", "Siemens AG", "Cerberus Capital Management LP",
  from ``cleanco``'s table of legal terms) makes it a company; two-letter forms in mixed case
  ("Co", "Sa", "Ab") also end persons' names ("Vivian Co") and are not evidence;
- a known place followed by a sports club's word ("Manchester United", "Leeds Rovers",
  "Real Madrid" aside) makes it a club, an organisation, never a person;
- a country's name ("Paraguay", "U.S."; not a bare code such as "GM") is a place, and a known
  place of several words; a demonym ("Kuwaiti") is a group;
- an office ("Secretary of War", "Minister of Finance", "His Majesty") names a role, not an
  entity: ``is_role`` tells the mention to drop.
"""

from __future__ import annotations

import re
from functools import cache

from explorer.core.extraction.countries import country_name, country_of_demonym
from explorer.core.extraction.places import is_known_place

_CODE = re.compile(r"[A-Z]{2,3}")
_CLUB_WORDS = frozenset(
    "United City Rovers Wanderers Athletic Albion Hotspur Rangers Celtic County Town Villa FC AFC".split()
)
_OFFICES = (
    "Secretary|Minister|Postmaster|Postmaster-General|PostMaster-General|Attorney|Attorney-General"
    "|Solicitor|Solicitor-General|Commissioner|Director|Governor|Chancellor|Surgeon"
)
_ROLE = re.compile(
    rf"(?:(?:Under|Assistant|Deputy|Acting)[\s-]+)?(?:{_OFFICES})(?:[\s-]+General)?"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)?)?"
    r"|(?:His|Her|Your|Their)?\s*(?:Majesty|Majesty's|Highness|Excellency|Holiness)|Hon|Messrs"
    r"|Fellow[\s-]+(?:Citizens|Americans|Countrymen)|Ladies and Gentlemen|Gentlemen"
)


@cache
def _legal_terms():
    from cleanco import typesources

    return typesources()


def has_legal_form(name: str) -> bool:
    """Whether ``name`` ends in a company's legal form (and has something before it)."""
    from cleanco import basename, matches

    words = name.split()
    if len(words) < 2:
        return False
    last = words[-1].replace(".", "").replace(",", "")
    if len(last) <= 2 and not last.isupper():
        return False
    return bool(matches(name, _legal_terms())) and basename(name) != name


def is_sports_club(name: str) -> bool:
    """A known place and a club's word: "Manchester United", "Swansea City", "Bolton Wanderers"."""
    words = name.split()
    return (
        len(words) >= 2
        and words[-1] in _CLUB_WORDS
        and is_known_place(" ".join(words[:-1]))
        and not is_known_place(name)
    )


def structural_type(name: str) -> str | None:
    """The type the name's structure proves, or None; a country's name is a place, and so is
    a known place of several words ("Rio Grande", "New Mexico"); a demonym is a group."""
    if has_legal_form(name) or is_sports_club(name):
        return "organisation"
    if (country_name(name) is not None and not _CODE.fullmatch(name)) or (" " in name and is_known_place(name)):
        return "place"  # not a bare code: "GM" is General Motors more often than Gambia
    if country_of_demonym(name) is not None and country_name(name) is None:
        return "group"
    return None


def is_role(name: str) -> bool:
    """An office or a form of address, which names no one by itself."""
    return _ROLE.fullmatch(" ".join(name.split())) is not None

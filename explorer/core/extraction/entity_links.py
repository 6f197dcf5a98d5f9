"""Names that mean one thing across articles: a group's singular and plural, a party's short
and long name, "Department of State" and "State Department", an acronym and the name whose
initials it spells.

``link_aliases`` gives a mention further names that always mean its entity; the writer joins a
new name to the entity that already holds one of them, so "Americans" and "American" are one
group whichever an import meets first. ``link_reason`` says, for Entity Details, why a name is
one of an entity's names; the user's Split undoes any link, as a rule later imports follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from explorer.core.extraction.countries import country_name, demonym_of
from explorer.core.extraction.name_drafts import DESIGNATORS, JOINERS
from explorer.core.extraction.not_names import LEGAL_FORMS
from explorer.core.extraction.places import is_known_place, us_state_of_abbreviation

_PARTY = re.compile(r"^(?P<short>\S.*?)\s+Party$")
# "Department of State" is the "State Department", "Government of Spain" the "Spain Government".
_HEADS = ("Department", "Ministry", "Government", "Bureau", "Office")
_HEAD_OF = re.compile(rf"^(?P<head>{'|'.join(_HEADS)}) of (?:the )?(?P<rest>[A-Z][\w-]*(?: [A-Z][\w-]*)*)$")
# "Federal Reserve Board" is the "Federal Reserve" (its governing board, as news uses it).
_BOARD = re.compile(r"^(?P<body>[A-Z]\S*(?: \S+)+) Board$")
# "Philippine Islands" are the "Philippines", "Bahama Islands" the "Bahamas".
_ISLANDS = re.compile(r"^(?P<stem>[A-Z][a-z]+) Islands$")
_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_CONSONANT_Y = re.compile(r"[^aeiouAEIOU]y$")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# What follows a name in the name of a geographic feature ("Pacific Ocean", "Rocky Mountains").
FEATURES = frozenset("ocean sea gulf bay river lake mountains islands island coast peninsula strait canal".split())
# The features a bare name means by itself ("the Pacific", "the Baltic", "the Hudson").
WATERS = frozenset("ocean sea gulf bay river lake strait".split())
_SHORT_NAME = re.compile(r"[A-Z][a-z]+")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")


def plural(word: str) -> str:
    """ "American" → "Americans", "Tory" → "Tories"."""
    return word[:-1] + "ies" if _CONSONANT_Y.search(word) else word + "s"


def singular(word: str) -> str | None:
    """ "Americans" → "American", "Tories" → "Tory"; None when ``word`` is no regular plural."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return None


def link_aliases(name: str, type_: str) -> tuple[str, ...]:
    """Further names that mean the entity named ``name`` of type ``type_``.

    A group's plural takes its singular ("Democrats": "Democrat"), a party its short name
    ("Labour Party": "Labour"), "Department of State" its other order ("State Department"),
    "Government of Spain" its country's demonym too ("Spanish Government"),
    a board its body ("Federal Reserve Board": "Federal Reserve"), a US state's abbreviation
    its name ("Calif.": "California"), a country's islands the country ("Philippine Islands":
    "Philippines"), a hyphenated organisation or place its spaced form
    ("Post-Office Department").
    One direction is enough: whichever form arrives second finds the entity through the alias
    or the key the first one left."""
    if type_ == "group" and name[:1].isupper() and not name.isupper() and " " not in name:
        one = singular(name)
        return (one,) if one else ()
    if type_ == "organisation":
        party = _PARTY.match(name)
        if party and party.group("short")[:1].isupper():
            return (party.group("short"),)
        head_of = _HEAD_OF.match(name)
        if head_of:
            demonym = demonym_of(head_of.group("rest"))
            other_order = f"{head_of.group('rest')} {head_of.group('head')}"
            return (other_order, f"{demonym} {head_of.group('head')}") if demonym else (other_order,)
        board = _BOARD.match(name)
        if board:
            return (board.group("body"),)
    if type_ == "place" and (state := us_state_of_abbreviation(name)):
        return (state,)
    if type_ == "place" and (islands := _islands(name)):
        return (islands,)
    if type_ in ("organisation", "place") and _HYPHEN.search(name):
        return (_HYPHEN.sub(" ", name),)
    return ()


def _islands(name: str) -> str | None:
    """ "Philippine Islands" → "Philippines": the islands' plural name, where it is a country."""
    match = _ISLANDS.match(name)
    if match is None:
        return None
    islands = plural(match.group("stem"))
    return islands if country_name(islands) == islands else None


def initials(name: str) -> str:
    """The capitals an acronym of ``name`` would spell: "European Union" → "EU", "Organization
    of the Petroleum Exporting Countries" → "OPEC"."""
    parts = [p for word in name.split() for p in word.split("-") if p]
    return "".join(p[0] for p in parts if p[0].isupper() and p.casefold() not in JOINERS)


def spellings(name: str) -> dict[str, str]:
    """The acronyms ``name`` can be written as, each with the order of the name it spells: its
    initials ("EU"), with a dotted abbreviation giving all its letters ("U.S. Trade
    Representative": "USTR"), and for a name ending in its head word, those of its other order
    ("U.S. Agriculture Department" as the "U.S. Department of Agriculture": "USDA")."""
    words = name.split()
    orders = [words]
    if len(words) >= 3 and words[-1] in _HEADS:
        orders += [[*words[:i], words[-1], "of", *words[i:-1]] for i in range(1, len(words) - 1)]
    found: dict[str, str] = {}
    for order in orders:
        written = " ".join(order)
        found.setdefault(initials(written), written)
        spelled = "".join(
            w.replace(".", "") if _DOTTED.fullmatch(w) else w[0] for w in order if w.casefold() not in JOINERS
        )
        if spelled.isupper():
            found.setdefault(spelled, written)
    return found


def is_acronym(name: str) -> bool:
    return _ACRONYM.fullmatch(name) is not None


def link_reason(form: str, name: str) -> str | None:
    """Why ``form`` is a name of the entity called ``name`` by one of these rules, or None."""
    if form == name:
        return None
    if singular(form) == name or singular(name) == form:
        return f"linked because “{form}” and “{name}” are the singular and plural of one group"
    party = _PARTY.match(name) or _PARTY.match(form)
    if party and {form, name} == {party.group("short"), party.group()}:
        return f"linked because “{party.group('short')}” is the short name of the {party.group()}"
    if us_state_of_abbreviation(form) == name or us_state_of_abbreviation(name) == form:
        return f"linked because “{form}” and “{name}” name one US state"
    board = _BOARD.match(name) or _BOARD.match(form)
    if board and {form, name} == {board.group(), board.group("body")}:
        return f"linked because the {board.group()} is how news names the {board.group('body')}"
    if _islands(form) == name or _islands(name) == form:
        islands, country = (form, name) if _islands(form) == name else (name, form)
        return f"linked because the “{islands}” are the country “{country}”"
    if _HYPHEN.sub(" ", form) == _HYPHEN.sub(" ", name):
        return f"linked because “{form}” and “{name}” differ only by hyphens"
    head_of = _HEAD_OF.match(name) or _HEAD_OF.match(form)
    if head_of and {form, name} == {head_of.group(), f"{head_of.group('rest')} {head_of.group('head')}"}:
        return f"linked because “{form}” and “{name}” are one name in two word orders"
    demonym = demonym_of(head_of.group("rest")) if head_of else None
    if head_of and demonym and {form, name} == {head_of.group(), f"{demonym} {head_of.group('head')}"}:
        return f"linked because the “{demonym} {head_of.group('head')}” is the “{head_of.group()}”"
    if is_acronym(form) and initials(name) == form:
        return f"linked because “{form}” spells the initials of “{name}”"
    return None


@dataclass(frozen=True)
class Shortening:
    """How a one-word name shortens a longer one. A ``generic`` shortening drops only a word
    that says what kind of thing the name is, so the short name means the long one wherever
    the library names no rival; the others (a company's first word, a clipping) need the two
    to be named together."""

    generic: bool
    reason: str


def shortening(short: str, name: str, type_: str) -> Shortening | None:
    """How the one-word ``short`` can be a short name of ``name`` (both of type ``type_``), or
    None.

    Generic: the name without its head word ("Treasury" of "Treasury Department"), a body of
    water without its word for water ("Pacific" of "Pacific Ocean"; a coast or islands are not
    what the bare name means), an organisation without "of" and a known place ("Congress" of
    "Congress of the United States"). Not generic: a company's first word ("Shearson" of
    "Shearson Lehman Brothers Inc"), a clipping of an organisation's first word ("Fed" of
    "Federal Reserve"). Never a known place ("Mexico" is not "Mexico City", "Panama" not the
    "Panama Canal") nor an acronym (``spellings``).
    """
    words = name.split()
    if len(words) < 2 or not _SHORT_NAME.fullmatch(short) or is_known_place(short):
        return None
    first, rest = words[0], words[1:]
    if first == short:
        last = rest[-1].replace(".", "").casefold()
        if len(rest) == 1 and last in (DESIGNATORS if type_ == "organisation" else WATERS if type_ == "place" else ()):
            return Shortening(True, f"“{short}” is the “{name}” without its head word “{rest[0]}”")
        if type_ == "organisation" and rest[0] == "of" and is_known_place(" ".join(rest[1:]).removeprefix("the ")):
            return Shortening(True, f"“{short}” is the “{name}” without the place it belongs to")
        if type_ == "organisation" and len(rest) >= 2 and last in LEGAL_FORMS:
            return Shortening(False, f"“{short}” is the first word of the company “{name}”")
        return None
    if type_ == "organisation" and len(short) >= 3 and first.startswith(short) and first[len(short) :].isalpha():
        return Shortening(False, f"“{short}” is “{first}” cut short, as news names the “{name}”")
    return None

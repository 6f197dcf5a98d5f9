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

from explorer.core.extraction.name_drafts import JOINERS
from explorer.core.extraction.places import us_state_of_abbreviation

_PARTY = re.compile(r"^(?P<short>\S.*?)\s+Party$")
# "Department of State" is the "State Department", "Government of Spain" the "Spain Government".
_HEAD_OF = re.compile(
    r"^(?P<head>Department|Ministry|Government|Bureau|Office) of (?:the )?(?P<rest>[A-Z][\w-]*(?: [A-Z][\w-]*)*)$"
)
# "Federal Reserve Board" is the "Federal Reserve" (its governing board, as news uses it).
_BOARD = re.compile(r"^(?P<body>[A-Z]\S*(?: \S+)+) Board$")
_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_CONSONANT_Y = re.compile(r"[^aeiouAEIOU]y$")
_ACRONYM = re.compile(r"[A-Z]{2,6}")


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
    a board its body ("Federal Reserve Board": "Federal Reserve"), a US state's abbreviation
    its name ("Calif.": "California"), a hyphenated organisation or place its spaced form
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
            return (f"{head_of.group('rest')} {head_of.group('head')}",)
        board = _BOARD.match(name)
        if board:
            return (board.group("body"),)
    if type_ == "place" and (state := us_state_of_abbreviation(name)):
        return (state,)
    if type_ in ("organisation", "place") and _HYPHEN.search(name):
        return (_HYPHEN.sub(" ", name),)
    return ()


def initials(name: str) -> str:
    """The capitals an acronym of ``name`` would spell: "European Union" → "EU", "Organization
    of the Petroleum Exporting Countries" → "OPEC"."""
    parts = [p for word in name.split() for p in word.split("-") if p]
    return "".join(p[0] for p in parts if p[0].isupper() and p.casefold() not in JOINERS)


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
    if _HYPHEN.sub(" ", form) == _HYPHEN.sub(" ", name):
        return f"linked because “{form}” and “{name}” differ only by hyphens"
    head_of = _HEAD_OF.match(name) or _HEAD_OF.match(form)
    if head_of and {form, name} == {head_of.group(), f"{head_of.group('rest')} {head_of.group('head')}"}:
        return f"linked because “{form}” and “{name}” are one name in two word orders"
    if is_acronym(form) and initials(name) == form:
        return f"linked because “{form}” spells the initials of “{name}”"
    return None

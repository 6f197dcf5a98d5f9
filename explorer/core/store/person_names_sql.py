"""People by the structure of their names, read from the library ("Richard Lyng" is a person).

NER reads some full names as organisations in every article that names them. The library
knows which words begin persons' names: a name of two or three capitalised words typed an
organisation or a place, whose words but the last each begin at least ``MIN_PEOPLE`` persons'
names in the library and at most a quarter as many other names, whose last word is neither an
ordinary English word nor a plural ("Bridge", "Farms"), with no company's legal form and no
word that heads organisations' names ("Bank", "Party"), is a person. The change is a
``retype`` rule with its ``reason`` (later imports keep it; the user's Change Type replaces it).
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter

from explorer.core.extraction.common_words import is_ordinary_word
from explorer.core.extraction.name_drafts import DESIGNATORS
from explorer.core.extraction.type_evidence import has_legal_form
from explorer.core.store.curation_sql import add_rule, set_type

MIN_PEOPLE = 5
# Two or three capitalised words, the last maybe hyphenated ("Barry Cameron-Smail").
_PERSON_NAME = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,1} [A-Z][a-z]+(?:-[A-Z][a-z]+)?")


def retype_people(conn: sqlite3.Connection, after_article: int = 0) -> list[str]:
    """Retype as persons the names of the articles above ``after_article`` that read as
    persons' names; returns them. Runs in the caller's transaction."""
    people: Counter[str] = Counter()
    others: Counter[str] = Counter()
    for key, type_ in conn.execute("SELECT key, type FROM entities WHERE hidden = 0 AND instr(key, ' ') > 0"):
        (people if type_ == "person" else others)[key.split(" ", 1)[0]] += 1
    retyped = []
    for entity_id, key, name in conn.execute(
        "SELECT id, key, name FROM entities WHERE hidden = 0 AND type IN ('organisation', 'place')"
        " AND id IN (SELECT entity_id FROM mentions WHERE article_id > ?)",
        (after_article,),
    ).fetchall():
        words = key.split(" ")
        if (
            not _PERSON_NAME.fullmatch(name)
            or any(not _begins_people(people, others, word) for word in words[:-1])
            or _looks_like_a_thing(name.split(" ")[-1])
            or has_legal_form(name)
            or any(word in DESIGNATORS for word in words)
        ):
            continue
        first = words[0]
        set_type(conn, entity_id, "person")
        reason = f"“{name}” begins as {people[first]:,} persons' names in this library do"
        add_rule(conn, "retype", {"key": key, "type": "person", "reason": reason})
        retyped.append(name)
    return retyped


def _begins_people(people: Counter[str], others: Counter[str], word: str) -> bool:
    """Whether ``word`` is a given name here: it begins persons' names, seldom anything else's."""
    return people[word] >= MIN_PEOPLE and 4 * others[word] <= people[word]


def _looks_like_a_thing(last: str) -> bool:
    """A last word that is an ordinary word or a plural ("Bridge", "Valley", "Farms",
    "Interiors") ends places' and companies' names more than persons'."""
    return last.endswith("s") or is_ordinary_word(last)

"""Linking an old or variant spelling of a known place to the place ("Porto Rico" and "Puerto
Rico").

A place the gazetteer does not know, of two words or more, that differs from one known place the
library names by one word spelled within ``MAX_EDITS`` letters (same first letter, four letters
or more; not where both words name places: "North Africa" is not "North America"), is that
place spelled otherwise: an address of 1900 writes "Porto Rico", one of 1950
"Puerto Rico". The known place must be named in at least ``MIN_ARTICLES`` articles and be the only
such place; two known places ("North Carolina", "South Carolina") are never linked. The merge is
a ``merge`` rule with its ``reason``; Split undoes it, and a name the user split off is never
linked again.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from explorer.core.extraction.places import is_known_place
from explorer.core.store.curation_sql import rules
from explorer.core.store.link_reasons import link_into

MAX_EDITS = 2
MIN_ARTICLES = 3
_MIN_WORD = 4


def edits(a: str, b: str) -> int:
    """The Levenshtein distance between ``a`` and ``b``."""
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def respelled_word(variant: str, place: str) -> tuple[str, str] | None:
    """The (variant's, place's) one word that differs when ``variant`` is ``place`` with one word
    spelled within ``MAX_EDITS`` letters, or None."""
    words, known = variant.split(), place.split()
    if len(words) < 2 or len(words) != len(known):
        return None
    differing = [(w, k) for w, k in zip(words, known, strict=True) if w != k]
    if len(differing) != 1:
        return None
    word, other = differing[0]
    if is_known_place(word) and is_known_place(other):
        return None  # "North Africa" is not "North America": two places' names
    if min(len(word), len(other)) < _MIN_WORD or word[0] != other[0] or not (word.isalpha() and other.isalpha()):
        return None
    return (word, other) if edits(word.casefold(), other.casefold()) <= MAX_EDITS else None


def link_place_spellings(conn: sqlite3.Connection, after_article: int = 0) -> list[tuple[str, str]]:
    """Merge each unknown place of the articles above ``after_article`` that is a known place
    spelled otherwise into it; returns the (variant, place) pairs linked. Runs in the caller's
    transaction."""
    split_off = {payload["alias"] for _, kind, payload in rules(conn) if kind == "split"}
    variants = [
        row
        for row in conn.execute(
            "SELECT id, key, name FROM entities WHERE hidden = 0 AND type = 'place' AND instr(name, ' ') > 0"
            " AND id IN (SELECT entity_id FROM mentions WHERE article_id > ?)",
            (after_article,),
        )
        if row[1] not in split_off and not is_known_place(row[2])
    ]
    if not variants:
        return []
    known: dict[tuple[int, str], list[tuple[int, str, str]]] = defaultdict(list)
    for entity_id, key, name in conn.execute(
        "SELECT id, key, name FROM entities WHERE hidden = 0 AND type = 'place' AND instr(name, ' ') > 0"
        " AND articles >= ?",
        (MIN_ARTICLES,),
    ):
        if is_known_place(name):
            for i in range(len(name.split())):
                known[i, _without_word(name, i)].append((entity_id, key, name))
    linked = []
    for entity_id, key, variant in variants:
        places = {
            place
            for i in range(len(variant.split()))
            for place in known.get((i, _without_word(variant, i)), ())
            if respelled_word(variant, place[2])
        }
        if len(places) != 1:
            continue
        ((survivor, survivor_key, name),) = places
        word, other = respelled_word(variant, name) or (variant, name)
        reason = f"linked because “{variant}” is “{name}” spelled otherwise (“{word}” for “{other}”)"
        link_into(conn, entity_id, key, survivor, survivor_key, name, reason)
        linked.append((variant, name))
    return linked


def _without_word(name: str, i: int) -> str:
    words = name.split()
    return " ".join(words[:i] + ["*"] + words[i + 1 :])

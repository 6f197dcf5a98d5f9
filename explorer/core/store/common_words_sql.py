"""Hiding the entities that are ordinary words in this library ("Government", "States", "Union").

Run after an import or a re-extraction over the one-word entities its articles mention: for
those that are frequent English words (``common_words``), one pass over the library's text (a
sample of ``SAMPLE_CHARS`` on a large library) counts how it writes each. A word the library
uses as a word often enough beside its capitalised uses is hidden as the user's Hide would
(gone from lists and counts, its mentions kept), and the decision is stored as a ``hide`` rule
whose ``reason`` says why. A plural counts its singular's uses too ("Governments"). Persons,
demonyms and groups of people, the user's gazetteer and curated names, and known places typed
as places (or the name of a geographic feature the library names: "Pacific" beside "Pacific
Ocean") are never judged.
"""

from __future__ import annotations

import sqlite3

from explorer.core.extraction.common_words import (
    CaseCounts,
    count_cases,
    is_ordinary_word,
    reads_as_word,
    words_pattern,
)
from explorer.core.extraction.countries import country_of_demonym
from explorer.core.extraction.entity_links import FEATURES, plural, singular
from explorer.core.extraction.name_drafts import normalize_name
from explorer.core.extraction.places import is_known_place
from explorer.core.store.curation_sql import add_rule, rules, set_hidden

# How much text is read to learn how the library writes its words: the new articles first,
# then older ones (on a million articles, a sample rather than the whole library).
SAMPLE_CHARS = 20_000_000
_NOT_JUDGED = ("person", "date")


def hide_common_words(conn: sqlite3.Connection, after_article: int = 0) -> list[str]:
    """Hide the one-word entities of articles with ids above ``after_article`` that read as
    ordinary words; returns their names. Runs in the caller's transaction."""
    protected = protected_keys(conn)
    marks = ",".join("?" * len(_NOT_JUDGED))
    candidates = [
        (entity_id, key, name, _word_forms(name))
        for entity_id, key, name, type_ in conn.execute(
            f"SELECT id, key, name, type FROM entities WHERE hidden = 0 AND type NOT IN ({marks})"
            " AND instr(name, ' ') = 0 AND id IN (SELECT entity_id FROM mentions WHERE article_id > ?)",
            (*_NOT_JUDGED, after_article),
        )
        if key not in protected and _judged(conn, name, type_)
    ]
    candidates = [candidate for candidate in candidates if candidate[3]]
    if not candidates:
        return []
    counts = library_case_counts(conn, [form for *_, forms in candidates for form in forms], after_article)
    hidden = []
    for entity_id, key, name, forms in candidates:
        found = sum((counts.get(form.lower(), CaseCounts()) for form in forms), CaseCounts())
        if reads_as_word(found):
            set_hidden(conn, entity_id)
            add_rule(conn, "hide", {"key": key, "reason": reason(name, found)})
            hidden.append(name)
    return hidden


def _word_forms(name: str) -> list[str]:
    """The ordinary words the name is written as: itself, and the singular of a plural
    ("Governments" is "Government" too); empty when neither is an ordinary word."""
    one = singular(name)
    return [form for form in (name, one) if form and is_ordinary_word(form)]


def _judged(conn: sqlite3.Connection, name: str, type_: str) -> bool:
    """Known places typed as places are not judged, nor a feature's name ("Pacific" beside
    "Pacific Ocean"), nor groups but adjectives ("Congressional",
    "Western"): a demonym, or a group whose plural the library names, is a group of people."""
    if type_ == "place":
        return not is_known_place(name) and not _begins_a_place(conn, name)
    if type_ == "group":
        if country_of_demonym(name) is not None or singular(name) is not None:
            return False
        row = conn.execute("SELECT 1 FROM aliases WHERE alias_norm = ?", (normalize_name(plural(name)),)).fetchone()
        return row is None
    return True


def library_case_counts(conn: sqlite3.Connection, words: list[str], after_article: int = 0) -> dict[str, CaseCounts]:
    """How the library writes each of ``words`` (keyed in lower case), read from at most
    ``SAMPLE_CHARS`` characters: the articles above ``after_article``, then the newest before."""
    pattern = words_pattern(words)
    counts: dict[str, CaseCounts] = {}
    read = 0
    for query in (
        "SELECT body FROM articles WHERE id > ? ORDER BY id DESC",
        "SELECT body FROM articles WHERE id <= ? ORDER BY id DESC",
    ):
        for (body,) in conn.execute(query, (after_article,)):
            if read >= SAMPLE_CHARS:
                return counts
            count_cases(body, pattern, counts)
            read += len(body)
    return counts


def reason(name: str, counts: CaseCounts) -> str:
    return (
        f"“{name}” is an ordinary English word, and this library writes it as one "
        f"({counts.lower:,} times in lower case, {counts.determined:,} after words such as “our” or “these”) "
        f"against {counts.capital:,} times capitalised on its own"
    )


def _begins_a_place(conn: sqlite3.Connection, name: str) -> bool:
    """Whether a longer place the library names is ``name`` and a geographic feature ("Pacific
    Ocean", "Caribbean Sea"; not "District of Columbia" or "Executive Mansion"): keys from
    "pacific " up to "pacific!" (the character after the space), read through the index."""
    key = normalize_name(name)
    return any(
        longer[len(key) + 1 :] in FEATURES
        for (longer,) in conn.execute(
            "SELECT key FROM entities WHERE key > ? AND key < ? AND type = 'place' AND hidden = 0 LIMIT 20",
            (f"{key} ", f"{key}!"),
        )
    )


def protected_keys(conn: sqlite3.Connection) -> set[str]:
    """Names the user has spoken for: the gazetteer's and every curated one."""
    keys = {row[0] for row in conn.execute("SELECT name_norm FROM gazetteer")}
    for _, _, payload in rules(conn):
        keys.update(value for field in ("key", "from", "into") if isinstance(value := payload.get(field), str))
        keys.update(payload.get("keys", ()))
    return keys

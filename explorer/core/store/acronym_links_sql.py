"""Linking an acronym to the name it stands for across the library ("EU" and "European Union").

Within an article an acronym is linked where the article defines it ("European Union (EU)") or
the article holds one name with its initials. Across articles the library decides: an acronym
entity is merged into the one entity whose initials it spells (``spellings``: "USDA" for the
"U.S. Agriculture Department" too) when the two appear in the same
articles at least ``MIN_SHARED_ARTICLES`` times and in at least ``MIN_SHARE`` of the acronym's
articles, and no other such name comes near. The merge is stored as a ``merge`` rule with its
``reason``, as the user's Merge would be; Split undoes it, and an acronym the user split off is
never linked again.
"""

from __future__ import annotations

import sqlite3

from explorer.core.extraction.entity_links import is_acronym, spellings
from explorer.core.store.curation_sql import rules
from explorer.core.store.link_reasons import link_into

MIN_SHARED_ARTICLES = 3
MIN_SHARE = 0.1
_LINKED_TYPES = ("organisation", "place", "law", "event", "product", "work")


def link_acronyms(conn: sqlite3.Connection, after_article: int = 0) -> list[tuple[str, str]]:
    """Merge each acronym entity the articles above ``after_article`` mention into its long name;
    returns the (acronym, name) pairs linked. Runs in the caller's transaction."""
    marks = ",".join("?" * len(_LINKED_TYPES))
    split_off = {payload["alias"] for _, kind, payload in rules(conn) if kind == "split"}
    acronyms = [
        row
        for row in conn.execute(
            f"SELECT id, key, name, articles FROM entities WHERE hidden = 0 AND type IN ({marks})"
            " AND length(name) BETWEEN 2 AND 6 AND id IN (SELECT entity_id FROM mentions WHERE article_id > ?)",
            (*_LINKED_TYPES, after_article),
        )
        if is_acronym(row[2]) and row[1] not in split_off
    ]
    linked = []
    for entity_id, key, acronym, articles in acronyms:
        best = _long_form(conn, entity_id, acronym, articles)
        if best is None:
            continue
        survivor, name, spelled, shared = best
        order = "" if spelled == name else f" (the “{name}” in its other word order)"
        reason = (
            f"linked because “{acronym}” spells the initials of “{spelled}”{order} and {shared:,} articles name both"
        )
        link_into(conn, entity_id, key, survivor, _key_of(conn, survivor), name, reason)
        linked.append((acronym, name))
    return linked


def _long_form(
    conn: sqlite3.Connection, entity_id: int, acronym: str, articles: int
) -> tuple[int, str, str, int] | None:
    """(id, name, the name's order it spells, shared articles) of the entity the acronym stands
    for, if one clearly does."""
    shared_counts = [
        (shared, other, name, spelled)
        for other, name, shared in conn.execute(
            "WITH own AS (SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?)"
            " SELECT e.id, e.name, count(DISTINCT b.article_id) FROM own"
            " JOIN mentions b ON b.article_id = own.article_id"
            " JOIN entities e ON e.id = b.entity_id"
            " WHERE e.hidden = 0 AND instr(e.name, ' ') > 0 AND substr(e.name, 1, 1) = ?"
            " GROUP BY e.id",
            (entity_id, acronym[0]),
        )
        if (spelled := spellings(name).get(acronym))
    ]
    if not shared_counts:
        return None
    shared_counts.sort(reverse=True)
    shared, other, name, spelled = shared_counts[0]
    runner_up = shared_counts[1][0] if len(shared_counts) > 1 else 0
    if shared < MIN_SHARED_ARTICLES or shared < MIN_SHARE * articles or runner_up * 2 > shared:
        return None
    return other, name, spelled, shared


def _key_of(conn: sqlite3.Connection, entity_id: int) -> str:
    return conn.execute("SELECT key FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]

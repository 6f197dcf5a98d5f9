"""Linking a surname used alone to the one person the library names in full ("Volcker" and
"Paul Volcker").

Within an article a surname takes the full name the article gives. News often gives it in one
article and the surname alone in the next; the library decides: a one-word entity read as a
person by at least a third of its mentions joins the person whose full name ends with it when
that person is named in at least ``MIN_ARTICLES`` articles and any other person of that surname
in fewer than a third as many. The merge is a ``merge`` rule with its ``reason``; Split undoes it.
"""

from __future__ import annotations

import sqlite3

from explorer.core.store.link_reasons import link_into

MIN_ARTICLES = 2
_PERSON_SHARE = 1 / 3


def link_surnames(conn: sqlite3.Connection, after_article: int = 0) -> list[tuple[str, str]]:
    """Merge each lone surname the articles above ``after_article`` mention into its person;
    returns the (surname, full name) pairs linked. Runs in the caller's transaction."""
    surnames = conn.execute(
        "SELECT e.id, e.key, e.name FROM entities e WHERE e.hidden = 0 AND instr(e.name, ' ') = 0"
        " AND e.id IN (SELECT entity_id FROM mentions WHERE article_id > ?)"
        " AND (SELECT coalesce(sum(n), 0) FROM entity_types WHERE entity_id = e.id AND type = 'person')"
        " >= ? * (SELECT sum(n) FROM entity_types WHERE entity_id = e.id)",
        (after_article, _PERSON_SHARE),
    ).fetchall()
    if not surnames:
        return []
    by_surname: dict[str, list[tuple[int, str, str, int]]] = {}
    for row in conn.execute(
        "SELECT id, key, name, articles FROM entities WHERE type = 'person' AND hidden = 0 AND instr(key, ' ') > 0"
    ):
        by_surname.setdefault(row[1].rsplit(" ", 1)[1], []).append(row)
    linked = []
    for entity_id, key, surname in surnames:
        people = sorted(by_surname.get(key, ()), key=lambda person: -person[3])[:2]
        if not people or people[0][3] < MIN_ARTICLES or (len(people) > 1 and 3 * people[1][3] > people[0][3]):
            continue
        survivor, survivor_key, name, articles = people[0]
        reason = (
            f"linked because “{surname}” is the surname of “{name}”, the one person so named ({articles:,} articles)"
        )
        link_into(conn, entity_id, key, survivor, survivor_key, name, reason)
        linked.append((surname, name))
    return linked

"""Why an entity holds the names it holds, in words, for Entity Details ("linked because …").

Two sources: the rules the library settled by itself (an acronym merged into its long name
across articles carries its ``reason``), and the naming rules that join forms as articles are
written (a group's singular and plural, a party's short name, an acronym's initials), which are
explained from the forms themselves. ``link_into`` makes such a settled link, with its reason.
"""

from __future__ import annotations

import sqlite3

import sqlite_utils

from explorer.core.extraction.entity_links import link_reason
from explorer.core.store.curation_sql import add_rule, articles_a_merge_recounts, merge_rows, recount, rules


def link_reasons(db: sqlite_utils.Database, entity_id: int, forms: list[str]) -> list[str]:
    """Each link of the entity that a rule explains, once, settled links first."""
    row = db.conn.execute("SELECT key, name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return []
    key, name = row
    keys = {alias for (alias,) in db.conn.execute("SELECT alias_norm FROM aliases WHERE entity_id = ?", (entity_id,))}
    reasons = [
        payload["reason"]
        for _, kind, payload in rules(db.conn)
        if kind == "merge" and "reason" in payload and (payload.get("into") == key or set(payload["keys"]) & keys)
    ]
    reasons += [reason for form in forms if (reason := link_reason(form, name))]
    return list(dict.fromkeys(reasons))


def link_into(
    conn: sqlite3.Connection, entity_id: int, key: str, survivor: int, survivor_key: str, name: str, reason: str
) -> None:
    """Merge one entity into ``survivor`` as an automatic link: its rows, the counts that change,
    and a merge rule with its reason, which later imports follow and Split undoes."""
    changed = articles_a_merge_recounts(conn, survivor, [entity_id])
    merge_rows(conn, survivor, [entity_id])
    recount(conn, [survivor], changed)
    add_rule(conn, "merge", {"keys": [key], "into": survivor_key, "name": name, "reason": reason})

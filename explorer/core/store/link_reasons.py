"""Why an entity holds the names it holds, in words, for Entity Details ("linked because …").

Two sources: the rules the library settled by itself (an acronym merged into its long name
across articles carries its ``reason``), and the naming rules that join forms as articles are
written (a group's singular and plural, a party's short name, an acronym's initials), which are
explained from the forms themselves.
"""

from __future__ import annotations

import sqlite_utils

from explorer.core.extraction.entity_links import link_reason
from explorer.core.store.curation_sql import rules


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

"""The hidden entities, each with why it is hidden, and finding one by name to show it again.

An entity is hidden by the user's Hide or by the library itself after an import (an ordinary
word: ``common_words_sql``); both leave a ``hide`` rule, the library's with its ``reason``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from explorer.core.extraction.name_drafts import normalize_name
from explorer.core.store.curation_sql import rules

HIDDEN_BY_USER = "Hidden by you"


@dataclass(frozen=True)
class HiddenEntity:
    id: int
    name: str
    type: str
    articles: int
    mentions: int
    reason: str


def hidden_entities(db: sqlite_utils.Database, types: tuple[str, ...] | None = None) -> list[HiddenEntity]:
    """Every hidden entity (of ``types``), most mentioned first, with the reason of its latest hide."""
    reasons: dict[str, str] = {}
    for _, kind, payload in rules(db.conn):
        if kind == "hide" and isinstance(payload.get("key"), str):
            reasons[payload["key"]] = payload.get("reason") or HIDDEN_BY_USER
    where, params = "hidden = 1", []
    if types:
        where += f" AND type IN ({','.join('?' * len(types))})"
        params = list(types)
    found = db.execute(
        f"SELECT id, key, name, type, articles, mentions FROM entities WHERE {where} ORDER BY mentions DESC, id",
        params,
    ).fetchall()
    aliases: dict[int, list[str]] = {}
    for entity_id, alias in db.execute(
        "SELECT a.entity_id, a.alias_norm FROM aliases a JOIN entities e ON e.id = a.entity_id WHERE e.hidden = 1"
    ):
        aliases.setdefault(entity_id, []).append(alias)
    return [
        HiddenEntity(entity_id, name, type_, articles, mentions, _reason(reasons, [key, *aliases.get(entity_id, [])]))
        for entity_id, key, name, type_, articles, mentions in found
    ]


def _reason(reasons: dict[str, str], keys: list[str]) -> str:
    return next((reasons[key] for key in keys if key in reasons), HIDDEN_BY_USER)


def find_hidden(db: sqlite_utils.Database, name: str) -> HiddenEntity | None:
    """The hidden entity ``name`` means (its name or an alias, any case); the most mentioned when several do."""
    row = db.execute(
        "SELECT id FROM entities WHERE hidden = 1"
        " AND (name = ? COLLATE NOCASE OR id IN (SELECT entity_id FROM aliases WHERE alias_norm = ?))"
        " ORDER BY mentions DESC, id LIMIT 1",
        [name.strip(), normalize_name(name)],
    ).fetchone()
    if row is None:
        return None
    return next((entity for entity in hidden_entities(db) if entity.id == row[0]), None)

"""Curation: merge, rename, retype, split, hide (and show again) and add entities, each stored as a rule.

Every action runs in one transaction, records a rule (``rules``) that later imports replay,
keeps the summaries exact, and returns a ``Change`` holding every row it may alter as it was
before, so that ``undo`` puts the database back exactly as it found it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlite_utils

from explorer.core.extraction.name_drafts import normalize_name
from explorer.core.model import ENTITY_TYPES
from explorer.core.store import curation_sql as sql
from explorer.core.store.curation_sql import CurationError
from explorer.core.store.schema import write_errors_in_words

__all__ = [
    "Change",
    "CurationError",
    "add_entity",
    "hide",
    "merge",
    "rename",
    "retype",
    "show_again",
    "split",
    "undo",
]


@dataclass
class Change:
    """What an action did (for the user) and the rows it replaced (for undo)."""

    description: str
    entity_id: int | None  # the entity to show afterwards
    snapshot: sql.Snapshot
    created: list[int] = field(default_factory=list)


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator:
    """All or nothing; a full disk, a read-only file or a long lock becomes a ``StoreError`` in words."""
    conn = db.conn
    with write_errors_in_words("Nothing was changed"):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.commit()
        except BaseException:
            conn.rollback()
            raise


def _row(conn, entity_id: int) -> tuple[str, str, str, int]:
    row = sql.entity_row(conn, entity_id)
    if row is None:
        raise CurationError(f"Entity {entity_id} does not exist (any more).")
    return row


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not any(ch.isalnum() for ch in name):
        raise CurationError("A name needs at least one letter or digit.")
    return name


def _checked_type(type_: str) -> str:
    if type_ not in ENTITY_TYPES:
        raise CurationError(f"Unknown type {type_!r}; one of: {', '.join(ENTITY_TYPES)}.")
    return type_


def _act(
    db: sqlite_utils.Database,
    entity_ids: Sequence[int],
    action: Callable,
    article_ids=(),
    *,
    tables: Sequence[str] = sql.ENTITY_TABLES,
    counts: bool = True,
    moved_from: Sequence[int] = (),
) -> Change:
    with _transaction(db) as conn:
        snapshot = sql.capture(conn, entity_ids, article_ids, tables, counts, moved_from)
        change = action(conn, snapshot)
    return change


def merge(db: sqlite_utils.Database, entity_ids: Sequence[int], survivor: int, name: str | None = None) -> Change:
    """Merge the entities into ``survivor`` (which keeps its type), named ``name`` or its own name."""
    others = [i for i in dict.fromkeys(entity_ids) if i != survivor]
    if not others:
        raise CurationError("Choose at least two entities to merge.")

    def action(conn, snapshot: sql.Snapshot) -> Change:
        keys = [_row(conn, i)[0] for i in others]
        new_name = _checked_name(name or _row(conn, survivor)[1])
        holder = sql.name_holder(conn, new_name)
        if holder is not None and holder not in snapshot.entity_ids:
            raise CurationError(f"Another entity is already called {new_name!r}: include it in the merge.")
        changed = sql.articles_a_merge_recounts(conn, survivor, others)
        snapshot.entity_counts.update(sql.entity_counts(conn, changed))  # the only counts it changes
        sql.merge_rows(conn, survivor, others)
        sql.set_name(conn, survivor, new_name)
        sql.recount(conn, [survivor], changed)
        snapshot.rule_ids.append(
            sql.add_rule(conn, "merge", {"keys": keys, "into": normalize_name(new_name), "name": new_name})
        )
        return Change(f"Merge {len(others) + 1} entities into {new_name}", survivor, snapshot)

    return _act(db, [survivor, *others], action, tables=sql.ROWS_BUT_MENTIONS, counts=False, moved_from=others)


def rename(db: sqlite_utils.Database, entity_id: int, name: str) -> Change:
    def action(conn, snapshot: sql.Snapshot) -> Change:
        old_key, old_name, _, _ = _row(conn, entity_id)
        new_name = _checked_name(name)
        sql.set_name(conn, entity_id, new_name)
        snapshot.rule_ids.append(
            sql.add_rule(conn, "rename", {"from": old_key, "key": normalize_name(new_name), "name": new_name})
        )
        return Change(f"Rename {old_name} to {new_name}", entity_id, snapshot)

    return _act(db, [entity_id], action, tables=sql.OWN_ROWS, counts=False)


def retype(db: sqlite_utils.Database, entity_id: int, type_: str) -> Change:
    """Fix the entity's type: it wins over the types later imports recognise it as."""

    def action(conn, snapshot: sql.Snapshot) -> Change:
        key, old_name, _, _ = _row(conn, entity_id)
        sql.set_type(conn, entity_id, _checked_type(type_))
        snapshot.rule_ids.append(sql.add_rule(conn, "retype", {"key": key, "type": type_}))
        return Change(f"Change type of {old_name} to {type_}", entity_id, snapshot)

    return _act(db, [entity_id], action, tables=sql.OWN_ROWS, counts=False)


def hide(db: sqlite_utils.Database, entity_id: int) -> Change:
    """Put the entity on the stop list: gone from lists and counts, now and after later imports."""

    def action(conn, snapshot: sql.Snapshot) -> Change:
        key, old_name, _, hidden = _row(conn, entity_id)
        if not hidden:
            sql.set_hidden(conn, entity_id)  # and one visible entity fewer in each of its articles
        snapshot.rule_ids.append(sql.add_rule(conn, "hide", {"key": key}))
        return Change(f"Hide {old_name}", None, snapshot)

    return _act(db, [entity_id], action, tables=sql.OWN_ROWS)


def show_again(db: sqlite_utils.Database, entity_id: int) -> Change:
    """Take a hidden entity off the stop list, and remember that the user wants it shown: the
    library never hides it again by itself after a later import (a ``show`` rule makes its name
    a curated one, which ``common_words_sql`` never judges)."""

    def action(conn, snapshot: sql.Snapshot) -> Change:
        key, old_name, _, hidden = _row(conn, entity_id)
        if not hidden:
            raise CurationError(f"{old_name} is not hidden.")
        snapshot.removed_rules.extend(sql.remove_hide_rules(conn, entity_id))
        sql.set_shown(conn, entity_id)  # and one visible entity more in each of its articles
        snapshot.rule_ids.append(sql.add_rule(conn, "show", {"key": key}))
        return Change(f"Show {old_name} again", entity_id, snapshot)

    return _act(db, [entity_id], action, tables=sql.OWN_ROWS)


def split(db: sqlite_utils.Database, entity_id: int, form: str) -> Change:
    """Make the mentions written as ``form`` an entity of their own (or of the entity so named)."""
    form_key = normalize_name(form)
    with _transaction(db) as conn:
        key, old_name, type_, _ = _row(conn, entity_id)
        written = sql.forms_of(conn, entity_id).get(form_key)
        if form_key == key:
            raise CurationError(f"{form!r} is the entity's own name: rename it instead.")
        if not written:
            raise CurationError(f"{old_name} is never written {form!r}.")
        existing = sql.entity_of(conn, form_key)
        target = existing if existing not in (None, entity_id) else None
        snapshot = sql.capture(conn, [entity_id] + ([target] if target else []))
        created = []
        if target is None:
            conn.execute("DELETE FROM aliases WHERE alias_norm = ?", (form_key,))
            target = sql.create_entity(conn, written.most_common(1)[0][0], type_)
            created.append(target)
        articles = sql.move_form(conn, entity_id, target, form_key)
        sql.recount(conn, [entity_id, target], articles)
        target_row = sql.entity_row(conn, target)
        if target_row is None:
            raise CurationError(f"{form} has no entity to split into.")
        snapshot.rule_ids.append(sql.add_rule(conn, "split", {"alias": form_key, "from": key, "name": target_row[1]}))
    return Change(f"Split {form} from {old_name}", target, snapshot, created)


def add_entity(db: sqlite_utils.Database, name: str, type_: str) -> Change:
    """Every exact occurrence of ``name`` (whole words, as written) becomes a mention of it."""
    name, type_ = _checked_name(name), _checked_type(type_)
    with _transaction(db) as conn:
        existing = sql.entity_of(conn, normalize_name(name))
        candidates = sql.candidate_articles(conn, name)
        snapshot = sql.capture(conn, [existing] if existing else [], candidates)
        created = []
        if existing is None:
            existing = sql.create_entity(conn, name, type_)
            created.append(existing)
        articles = sql.add_name_mentions(conn, existing, name, type_, candidates)
        sql.set_type(conn, existing, type_)
        sql.recount(conn, [existing], articles)
        snapshot.rule_ids.append(sql.add_rule(conn, "add", {"name": name, "type": type_}))
    return Change(f"Add entity {name}", existing, snapshot, created)


def undo(db: sqlite_utils.Database, change: Change) -> None:
    """Put back every row the change replaced and forget its rule."""
    with _transaction(db) as conn:
        sql.restore(conn, change.snapshot, change.created)

"""The SQL of curation: rules, exact recounts, snapshots for undo, and replaying rules on import.

A rule's effect on the stored entities is written once, when the user acts (``aliases`` then
carry merges and splits to every later import by themselves); ``apply_rules`` adds what the
writer cannot know on its own: split forms, names added by hand, fixed types and hidden
entities left out of ``articles.entity_count``. Summaries are recounted from ``mentions``
rather than adjusted, so they are exact whatever the action did.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from explorer.core.extraction.name_drafts import SentenceLocator, normalize_name
from explorer.core.model import Span
from explorer.core.store.batching import CHUNK, chunks, inserted_id
from explorer.core.store.story_counts import recount_copies

# Tables whose rows belong to an entity, restored whole by an undo (parents first).
ENTITY_TABLES = (
    "entities",
    "entity_types",
    "aliases",
    "entity_days",
    "entity_copies",
    "entity_relations",
    "mentions",
)
_ENTITY_COLUMN = {"entities": "id"}
# What renaming, retyping or hiding changes: the entity's own row and names (and hiding, the
# entity counts of its articles). A snapshot of these leaves the mentions (up to hundreds of
# thousands for a frequent entity) unread and unwritten.
OWN_ROWS = ("entities", "aliases")
# What a merge changes besides the moved mentions, which are kept as ids (not whole rows).
ROWS_BUT_MENTIONS = ("entities", "entity_types", "aliases", "entity_days", "entity_copies", "entity_relations")


# ---- rules --------------------------------------------------------------------------------


def add_rule(conn: sqlite3.Connection, kind: str, payload: dict) -> int:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    return inserted_id(
        conn.execute(
            "INSERT INTO rules (kind, payload, created_at) VALUES (?, ?, ?)",
            (kind, json.dumps(payload, ensure_ascii=False, sort_keys=True), now),
        )
    )


def rules(conn: sqlite3.Connection) -> list[tuple[int, str, dict]]:
    return [(i, kind, json.loads(p)) for i, kind, p in conn.execute("SELECT id, kind, payload FROM rules ORDER BY id")]


def entity_of(conn: sqlite3.Connection, key: str) -> int | None:
    """The entity a normalised name means now (merges and splits move aliases)."""
    row = conn.execute("SELECT entity_id FROM aliases WHERE alias_norm = ?", (key,)).fetchone()
    return row[0] if row else None


# ---- summaries ----------------------------------------------------------------------------


def recount(conn: sqlite3.Connection, entity_ids: Iterable[int], article_ids: Iterable[int]) -> None:
    """Recompute the summaries of these entities and articles from ``mentions``."""
    entity_ids = set(entity_ids)
    recount_copies(conn, entity_ids)
    for part, marks in chunks(entity_ids):
        conn.execute(
            "UPDATE entities SET"
            " articles = (SELECT count(DISTINCT article_id) FROM mentions WHERE entity_id = entities.id),"
            " mentions = (SELECT count(*) FROM mentions WHERE entity_id = entities.id)"
            f" WHERE id IN ({marks})",
            part,
        )
        conn.execute(f"DELETE FROM entity_types WHERE entity_id IN ({marks})", part)
        conn.execute(
            "INSERT INTO entity_types (entity_id, type, n) SELECT entity_id, label, count(*) FROM mentions"
            f" WHERE entity_id IN ({marks}) GROUP BY entity_id, label",
            part,
        )
        conn.execute(f"DELETE FROM entity_days WHERE entity_id IN ({marks})", part)
        conn.execute(
            "INSERT INTO entity_days (entity_id, day, articles, mentions)"
            " SELECT m.entity_id, a.published, count(DISTINCT m.article_id), count(*)"
            " FROM mentions m JOIN articles a ON a.id = m.article_id"
            f" WHERE m.entity_id IN ({marks}) AND a.published IS NOT NULL GROUP BY m.entity_id, a.published",
            part,
        )
    for part, marks in chunks(article_ids):
        conn.execute(
            "UPDATE articles SET entity_count = (SELECT count(DISTINCT m.entity_id) FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = articles.id AND e.hidden = 0)"
            f" WHERE id IN ({marks})",
            part,
        )


def visible_names(db, entity_ids: Iterable[int]) -> dict[int, str]:
    """The names of those of the entities that exist and are not hidden, in the order given."""
    ids = list(entity_ids)
    names: dict[int, str] = {}
    for part, marks in chunks(ids):
        names.update(db.execute(f"SELECT id, name FROM entities WHERE hidden = 0 AND id IN ({marks})", part).fetchall())
    return {i: names[i] for i in ids if i in names}


def articles_of(conn: sqlite3.Connection, entity_ids: Iterable[int]) -> set[int]:
    found: set[int] = set()
    for part, marks in chunks(entity_ids):
        found.update(
            r[0] for r in conn.execute(f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks})", part)
        )
    return found


# ---- snapshots for undo -------------------------------------------------------------------


@dataclass
class Snapshot:
    """Every row an action may change, as it was before: undoing writes them back exactly."""

    entity_ids: set[int]
    rows: dict[str, list[tuple]]
    entity_counts: dict[int, int]
    alias_norms: set[str]
    rule_ids: list[int] = field(default_factory=list)
    moved: dict[int, list[int]] = field(default_factory=dict)  # entity → ids of the mentions moved away
    last_mention: int = 0  # the largest mention id when captured: later ones were imported since
    removed_rules: list[tuple] = field(default_factory=list)  # whole rows of the rules the action deleted


def capture(
    conn: sqlite3.Connection,
    entity_ids: Iterable[int],
    article_ids: Iterable[int] = (),
    tables: Sequence[str] = ENTITY_TABLES,
    counts: bool = True,
    moved_from: Iterable[int] = (),
) -> Snapshot:
    """The rows of these entities in ``tables``, when ``counts`` the entity counts of their
    articles (and of ``article_ids``), and the ids of the mentions of ``moved_from``."""
    entity_ids = set(entity_ids)
    rows: dict[str, list[tuple]] = {}
    for table in ENTITY_TABLES:
        if table not in tables:
            continue
        column = _ENTITY_COLUMN.get(table, "entity_id")
        rows[table] = [
            tuple(r)
            for part, marks in chunks(entity_ids)
            for r in conn.execute(f"SELECT * FROM {table} WHERE {column} IN ({marks})", part)
        ]
    entity_counts: dict[int, int] = {}
    for part, marks in chunks((articles_of(conn, entity_ids) | set(article_ids)) if counts else ()):
        entity_counts.update(
            conn.execute(f"SELECT id, entity_count FROM articles WHERE id IN ({marks})", part).fetchall()
        )
    moved = {
        entity_id: [r[0] for r in conn.execute("SELECT id FROM mentions WHERE entity_id = ?", (entity_id,))]
        for entity_id in moved_from
    }
    last = conn.execute("SELECT coalesce(max(id), 0) FROM mentions").fetchone()[0]
    return Snapshot(
        entity_ids, rows, entity_counts, {r[0] for r in rows.get("aliases", [])}, moved=moved, last_mention=last
    )


def entity_counts(conn: sqlite3.Connection, article_ids: Iterable[int]) -> dict[int, int]:
    """Article → its count of visible entities, as stored."""
    counts: dict[int, int] = {}
    for part, marks in chunks(article_ids):
        counts.update(conn.execute(f"SELECT id, entity_count FROM articles WHERE id IN ({marks})", part).fetchall())
    return counts


def restore(conn: sqlite3.Connection, snapshot: Snapshot, created: Iterable[int] = ()) -> None:
    """Write the snapshot back: rows of its entities (and of ``created`` ones) as they were.

    Exact when nothing was imported since; mentions imported since (of these entities) are
    dropped with them, and the summaries of their articles recounted.
    """
    ids = snapshot.entity_ids | set(created)
    if "mentions" not in snapshot.rows:
        _restore_in_place(conn, snapshot)
        return
    later = articles_of(conn, ids) - set(snapshot.entity_counts)
    for table in reversed(ENTITY_TABLES):
        column = _ENTITY_COLUMN.get(table, "entity_id")
        for part, marks in chunks(ids):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", part)
    norms = sorted(snapshot.alias_norms)
    for i in range(0, len(norms), CHUNK):
        some_norms = norms[i : i + CHUNK]
        marks = ",".join("?" * len(some_norms))
        conn.execute(f"DELETE FROM aliases WHERE alias_norm IN ({marks})", some_norms)
    for table in ENTITY_TABLES:
        table_rows = snapshot.rows[table]
        if table_rows:
            marks = ",".join("?" * len(table_rows[0]))
            conn.executemany(f"INSERT INTO {table} VALUES ({marks})", table_rows)
    _restore_rules(conn, snapshot)
    conn.executemany(
        "UPDATE articles SET entity_count = ? WHERE id = ?", [(n, i) for i, n in snapshot.entity_counts.items()]
    )
    if later:
        recount(conn, snapshot.entity_ids, later)


def _restore_in_place(conn: sqlite3.Connection, snapshot: Snapshot) -> None:
    """Undo of an action captured without its mentions' rows (``OWN_ROWS``, or a merge's
    ``ROWS_BUT_MENTIONS`` with the ids of the mentions it moved): entity rows updated in place
    (deleting one would take its mentions along) or inserted again, the moved mentions given
    back, the entities' other rows, names and the articles' counts written back."""
    columns = [r[1] for r in conn.execute("PRAGMA table_info(entities)")]
    assignments = ", ".join(f'"{c}" = ?' for c in columns[1:])
    present = {
        row[0]
        for part, marks in chunks(snapshot.entity_ids)
        for row in conn.execute(f"SELECT id FROM entities WHERE id IN ({marks})", part)
    }
    rows = snapshot.rows["entities"]
    for row in (r for r in rows if r[0] in present):  # first: a survivor gives back the name it took
        conn.execute(f"UPDATE entities SET {assignments} WHERE id = ?", (*row[1:], row[0]))
    for row in (r for r in rows if r[0] not in present):
        conn.execute(f"INSERT INTO entities VALUES ({','.join('?' * len(row))})", row)
    for entity_id, mention_ids in snapshot.moved.items():
        for part, marks in chunks(mention_ids):
            conn.execute(f"UPDATE mentions SET entity_id = ? WHERE id IN ({marks})", [entity_id, *part])
    for table in ENTITY_TABLES:
        if table in ("entities", "mentions") or table not in snapshot.rows:
            continue
        for part, marks in chunks(snapshot.entity_ids):
            conn.execute(f"DELETE FROM {table} WHERE entity_id IN ({marks})", part)
        if table == "aliases":
            norms = sorted(snapshot.alias_norms)
            for i in range(0, len(norms), CHUNK):
                names = norms[i : i + CHUNK]
                conn.execute(f"DELETE FROM aliases WHERE alias_norm IN ({','.join('?' * len(names))})", names)
        table_rows = snapshot.rows[table]
        if table_rows:
            conn.executemany(f"INSERT INTO {table} VALUES ({','.join('?' * len(table_rows[0]))})", table_rows)
    _restore_rules(conn, snapshot)
    conn.executemany(
        "UPDATE articles SET entity_count = ? WHERE id = ?", [(n, i) for i, n in snapshot.entity_counts.items()]
    )
    later: set[int] = set()
    for part, marks in chunks(snapshot.entity_ids):
        later.update(
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks}) AND id > ?",
                [*part, snapshot.last_mention],
            )
        )
    if later:  # mentions imported since the action (a merge, a hide…): kept, the summaries recounted around them
        recount(conn, snapshot.entity_ids, later)


def _restore_rules(conn: sqlite3.Connection, snapshot: Snapshot) -> None:
    """Forget the rules the action added and put back those it deleted, ids and all."""
    conn.executemany("DELETE FROM rules WHERE id = ?", [(i,) for i in snapshot.rule_ids])
    if snapshot.removed_rules:
        marks = ",".join("?" * len(snapshot.removed_rules[0]))
        conn.executemany(f"INSERT INTO rules VALUES ({marks})", snapshot.removed_rules)


# ---- the actions' writes ------------------------------------------------------------------


def entity_row(conn: sqlite3.Connection, entity_id: int) -> tuple[str, str, str, int] | None:
    """(key, name, type, hidden) of an entity."""
    return conn.execute("SELECT key, name, type, hidden FROM entities WHERE id = ?", (entity_id,)).fetchone()


def articles_a_merge_recounts(conn: sqlite3.Connection, survivor: int, others: Sequence[int]) -> set[int]:
    """The articles whose count of visible entities a merge can change (read before it): those
    naming two or more of the entities, and all those of an entity whose hidden flag differs
    from the survivor's. Elsewhere one entity takes another's place and the count stays."""
    group = [survivor, *others]
    marks = ",".join("?" * len(group))
    hidden = dict(conn.execute(f"SELECT id, hidden FROM entities WHERE id IN ({marks})", group).fetchall())
    changed = {
        row[0]
        for row in conn.execute(
            f"SELECT article_id FROM mentions WHERE entity_id IN ({marks}) GROUP BY article_id"
            " HAVING count(DISTINCT entity_id) > 1",
            group,
        )
    }
    return changed | articles_of(conn, [o for o in others if hidden.get(o) != hidden.get(survivor)])


def merge_rows(conn: sqlite3.Connection, survivor: int, others: Sequence[int]) -> None:
    """Move the others' mentions and aliases to the survivor and delete them."""
    for part, marks in chunks(others):
        conn.execute(f"UPDATE mentions SET entity_id = ? WHERE entity_id IN ({marks})", [survivor, *part])
        conn.execute(f"UPDATE aliases SET entity_id = ? WHERE entity_id IN ({marks})", [survivor, *part])
        conn.execute(f"DELETE FROM entities WHERE id IN ({marks})", part)


class CurationError(ValueError):
    """An action that cannot be done as asked, in words for the user."""


def name_holder(conn: sqlite3.Connection, name: str) -> int | None:
    """The entity that already answers to ``name`` (its key or an alias)."""
    key = normalize_name(name)
    row = conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
    return row[0] if row else entity_of(conn, key)


def set_name(conn: sqlite3.Connection, entity_id: int, name: str) -> None:
    """Name the entity; its key follows the name, and its old keys stay its aliases."""
    holder = name_holder(conn, name)
    if holder not in (None, entity_id):
        raise CurationError(f"Another entity is already called {name!r}: merge the two instead.")
    key = normalize_name(name)
    conn.execute("UPDATE entities SET key = ?, name = ? WHERE id = ?", (key, name, entity_id))
    conn.execute("INSERT OR IGNORE INTO aliases (alias_norm, entity_id) VALUES (?, ?)", (key, entity_id))


def set_type(conn: sqlite3.Connection, entity_id: int, type_: str) -> None:
    conn.execute("UPDATE entities SET type = ? WHERE id = ?", (type_, entity_id))


def set_hidden(conn: sqlite3.Connection, entity_id: int) -> None:
    """Hide a visible entity: each article mentioning it counts one visible entity fewer (one
    set-wise statement, not a recount of every article's entities)."""
    conn.execute("UPDATE entities SET hidden = 1 WHERE id = ?", (entity_id,))
    conn.execute(
        "UPDATE articles SET entity_count = entity_count - 1"
        " WHERE id IN (SELECT article_id FROM mentions WHERE entity_id = ?)",
        (entity_id,),
    )


def set_shown(conn: sqlite3.Connection, entity_id: int) -> None:
    """Show a hidden entity again: each article mentioning it counts one visible entity more."""
    conn.execute("UPDATE entities SET hidden = 0 WHERE id = ?", (entity_id,))
    conn.execute(
        "UPDATE articles SET entity_count = entity_count + 1"
        " WHERE id IN (SELECT article_id FROM mentions WHERE entity_id = ?)",
        (entity_id,),
    )


def remove_hide_rules(conn: sqlite3.Connection, entity_id: int) -> list[tuple]:
    """Delete the ``hide`` rules naming the entity (by its key or any alias); returns their rows."""
    keys = {r[0] for r in conn.execute("SELECT alias_norm FROM aliases WHERE entity_id = ?", (entity_id,))}
    keys.update(r[0] for r in conn.execute("SELECT key FROM entities WHERE id = ?", (entity_id,)))
    removed = [
        tuple(row)
        for row in conn.execute("SELECT * FROM rules WHERE kind = 'hide' ORDER BY id")
        if json.loads(row[2]).get("key") in keys
    ]
    conn.executemany("DELETE FROM rules WHERE id = ?", [(row[0],) for row in removed])
    return removed


def create_entity(conn: sqlite3.Connection, name: str, type_: str) -> int:
    key = normalize_name(name)
    entity_id = inserted_id(conn.execute("INSERT INTO entities (key, name, type) VALUES (?, ?, ?)", (key, name, type_)))
    conn.execute("INSERT OR REPLACE INTO aliases (alias_norm, entity_id) VALUES (?, ?)", (key, entity_id))
    return entity_id


def _bodies(conn: sqlite3.Connection, article_ids: Iterable[int]) -> Iterator[tuple[int, str]]:
    for part, marks in chunks(article_ids):
        yield from conn.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", part)


def forms_of(conn: sqlite3.Connection, entity_id: int) -> dict[str, Counter[str]]:
    """The entity's surface forms by normalised form, each with how it is written."""
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for article_id, start, end in conn.execute(
        'SELECT article_id, start, "end" FROM mentions WHERE entity_id = ?', (entity_id,)
    ):
        spans[article_id].append((start, end))
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for article_id, body in _bodies(conn, spans):
        for start, end in spans[article_id]:
            written = " ".join(body[start:end].split())
            forms[normalize_name(written)][written] += 1
    return forms


def move_form(
    conn: sqlite3.Connection, source: int, target: int, form_key: str, article_ids: Iterable[int] | None = None
) -> set[int]:
    """Move the source's mentions written as ``form_key`` to the target; returns their articles."""
    if article_ids is None:
        article_ids = [
            r[0] for r in conn.execute("SELECT DISTINCT article_id FROM mentions WHERE entity_id = ?", (source,))
        ]
    moved: list[int] = []
    touched: set[int] = set()
    for article_id, body in _bodies(conn, article_ids):
        for mention_id, start, end in conn.execute(
            'SELECT id, start, "end" FROM mentions WHERE entity_id = ? AND article_id = ?', (source, article_id)
        ):
            if normalize_name(body[start:end]) == form_key:
                moved.append(mention_id)
                touched.add(article_id)
    conn.executemany("UPDATE mentions SET entity_id = ? WHERE id = ?", [(target, i) for i in moved])
    return touched


def _name_pattern(name: str) -> re.Pattern[str]:
    words = name.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)")


def candidate_articles(conn: sqlite3.Connection, name: str) -> list[int]:
    """Articles whose body may contain the name (FTS phrase); exact matching follows."""
    phrase = '"' + " ".join(name.split()).replace('"', '""') + '"'
    return [
        r[0] for r in conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f"body : {phrase}",))
    ]


def add_name_mentions(
    conn: sqlite3.Connection, entity_id: int, name: str, type_: str, article_ids: Iterable[int]
) -> set[int]:
    """A mention of the entity at every exact occurrence of ``name`` that overlaps no mention."""
    pattern = _name_pattern(name)
    rows = []
    touched: set[int] = set()
    for article_id, body in _bodies(conn, article_ids):
        existing = [
            Span(start, end, label, sentence)
            for start, end, label, sentence in conn.execute(
                'SELECT start, "end", label, sentence FROM mentions WHERE article_id = ? ORDER BY start',
                (article_id,),
            )
        ]
        locate = SentenceLocator(existing, body)
        for match in pattern.finditer(body):
            start, end = match.span()
            if any(s.start < end and start < s.end for s in existing):
                continue
            rows.append((article_id, entity_id, start, end, locate(start), type_))
            touched.add(article_id)
    conn.executemany(
        'INSERT INTO mentions (article_id, entity_id, start, "end", sentence, label) VALUES (?, ?, ?, ?, ?, ?)', rows
    )
    return touched


# ---- replay on import ---------------------------------------------------------------------


def apply_rules(conn: sqlite3.Connection, article_ids: Sequence[int | None]) -> None:
    """Re-apply the user's rules to newly written articles (called by the writer, in its transaction)."""
    written = [i for i in article_ids if i is not None]
    stored = rules(conn)
    if not stored or not written:
        return
    touched: set[int] = set()
    fixed_types: dict[str, str] = {}
    for _, kind, payload in stored:
        if kind == "split":
            source, target = entity_of(conn, payload["from"]), entity_of(conn, payload["alias"])
            if (
                source is not None
                and target is not None
                and source != target
                and move_form(conn, source, target, payload["alias"], written)
            ):
                touched.update((source, target))
        elif kind == "add":
            entity_id = entity_of(conn, normalize_name(payload["name"]))
            if entity_id is not None and add_name_mentions(conn, entity_id, payload["name"], payload["type"], written):
                touched.add(entity_id)
            fixed_types[normalize_name(payload["name"])] = payload["type"]
        elif kind == "retype":
            fixed_types[payload["key"]] = payload["type"]
        elif kind == "merge":  # the survivor's type wins over the merged entities' fixed ones
            for key in payload["keys"]:
                fixed_types.pop(key, None)
    recount(conn, touched, written)
    for key, type_ in fixed_types.items():
        entity_id = entity_of(conn, key)
        if entity_id is not None:
            set_type(conn, entity_id, type_)

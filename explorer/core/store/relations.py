"""Relations between entities found by extraction: a demonym's group is a 'group of' its country.

Stored in ``entity_relations`` by the writer; read here for the entity detail and the command
line. The related entity is found through its key, so the relation holds once the country is
mentioned in any article, whenever that article is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

GROUP_OF = "group of"


@dataclass(frozen=True)
class Relation:
    relation: str  # 'group of'
    name: str  # the other entity's name
    entity_id: int | None  # the other entity, when it exists
    inverse: bool = False  # True: the other entity is the group ("China" ← "Chinese")

    def describe(self) -> str:
        return f"has group {self.name}" if self.inverse else f"{self.relation} {self.name}"


def _stored(db: sqlite_utils.Database) -> bool:
    """Whether the database has relations (one opened read-only may predate them)."""
    return db["entity_relations"].exists()


def relations_of(db: sqlite_utils.Database, entity_id: int) -> list[Relation]:
    """The entity's relations both ways: "group of China" for Chinese; "has group Chinese" for China."""
    if not _stored(db):
        return []
    out = [
        Relation(relation, name, other)
        for relation, name, other in db.execute(
            "SELECT r.relation, coalesce(e.name, r.target_name), e.id FROM entity_relations r"
            " LEFT JOIN entities e ON e.key = r.target_key WHERE r.entity_id = ? ORDER BY r.target_name",
            [entity_id],
        )
    ]
    out += [
        Relation(relation, name, other, inverse=True)
        for relation, name, other in db.execute(
            "SELECT r.relation, e.name, e.id FROM entity_relations r JOIN entities e ON e.id = r.entity_id"
            " WHERE r.target_key = (SELECT key FROM entities WHERE id = ?) ORDER BY e.name",
            [entity_id],
        )
    ]
    return out


def group_countries(db: sqlite_utils.Database, entity_ids: Sequence[int]) -> dict[int, str]:
    """For each of these entities that is a group of a country, the country's name."""
    found: dict[int, str] = {}
    if not _stored(db):
        return found
    ids = list(entity_ids)
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        marks = ",".join("?" * len(part))
        found.update(
            db.execute(
                f"SELECT entity_id, target_name FROM entity_relations WHERE relation = ? AND entity_id IN ({marks})",
                [GROUP_OF, *part],
            ).fetchall()
        )
    return found

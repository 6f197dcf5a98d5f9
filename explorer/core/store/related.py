"""Related entities: the ones that share sentences with an entity more often than chance, by
Dunning's log-likelihood (G²) over sentences, with PMI beside it (entity detail, network)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import sqlite_utils

from explorer.core.store.cooccurrence import sentence_total
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import EntityRow

MIN_COOCCURRENCE = 2  # pairs seen in fewer sentences are chance, whatever their score


@dataclass(frozen=True)
class Association:
    entity: EntityRow
    together: int  # sentences mentioning both
    llr: float  # Dunning's G², positive associations only
    pmi: float  # log2 of observed over expected co-occurrence


def sentence_count(db: sqlite_utils.Database) -> int:
    """Sentences in all articles, as far as their last mention shows."""
    return sentence_total(db, DocumentFilter())


def association(together: int, a: int, b: int, total: int) -> tuple[float, float]:
    """(G², PMI) of two entities in ``a`` and ``b`` of ``total`` sentences, ``together`` in both.

    G² is Dunning's log-likelihood ratio over the 2×2 table; it is 0 unless the pair occurs more
    often than chance, so only attraction ranks high.
    """
    if together == 0 or total <= 0:
        return 0.0, float("-inf")
    expected = a * b / total
    pmi = math.log2(together / expected) if expected else 0.0
    if together <= expected:
        return 0.0, pmi
    table = [
        (together, a, b),
        (a - together, a, total - b),
        (b - together, total - a, b),
        (total - a - b + together, total - a, total - b),
    ]
    g2 = 0.0
    for observed, row, column in table:
        if observed > 0:
            g2 += observed * math.log(observed * total / (row * column))
    return 2.0 * g2, pmi


def related_entities(
    db: sqlite_utils.Database,
    entity_id: int,
    *,
    limit: int = 30,
    min_count: int = MIN_COOCCURRENCE,
    measure: str = "llr",
) -> list[Association]:
    """Visible entities sharing at least ``min_count`` sentences with this one, most associated first."""
    if measure not in ("llr", "pmi"):
        raise ValueError(f"unknown measure {measure!r}; llr or pmi")
    units = db.execute("SELECT DISTINCT article_id, sentence FROM mentions WHERE entity_id = ?", [entity_id]).fetchall()
    if not units:
        return []
    together = _together(db, entity_id)
    candidates = [other for other, n in together.items() if n >= min_count]
    if not candidates:
        return []
    sizes = _sentence_sizes(db, candidates)
    total = sentence_count(db)
    rows = {row.id: row for row in _entities(db, candidates)}
    result = []
    for other in candidates:
        llr, pmi = association(together[other], len(units), sizes[other], total)
        if other in rows and llr > 0:
            result.append(Association(rows[other], together[other], llr, pmi))
    key = (lambda a: (-a.llr, -a.together)) if measure == "llr" else (lambda a: (-a.pmi, -a.together))
    return sorted(result, key=key)[:limit]


def _together(db: sqlite_utils.Database, entity_id: int) -> Counter[int]:
    """Other visible entities → sentences they share with ``entity_id``."""
    rows = db.execute(
        "SELECT o.entity_id, count(DISTINCT o.article_id || ':' || o.sentence) FROM"
        " (SELECT DISTINCT article_id, sentence FROM mentions WHERE entity_id = ?) m"
        " JOIN mentions o ON o.article_id = m.article_id AND o.sentence = m.sentence"
        " JOIN entities e ON e.id = o.entity_id"
        " WHERE o.entity_id != ? AND e.hidden = 0 GROUP BY o.entity_id",
        [entity_id, entity_id],
    )
    return Counter(dict(rows.fetchall()))


def _sentence_sizes(db: sqlite_utils.Database, entity_ids: Sequence[int]) -> dict[int, int]:
    """Entity → sentences mentioning it."""
    marks = ",".join("?" * len(entity_ids))
    rows = db.execute(
        f"SELECT entity_id, count(*) FROM (SELECT DISTINCT entity_id, article_id, sentence FROM mentions"
        f" WHERE entity_id IN ({marks})) GROUP BY entity_id",
        list(entity_ids),
    )
    return dict(rows.fetchall())


def _entities(db: sqlite_utils.Database, entity_ids: Sequence[int]) -> list[EntityRow]:
    marks = ",".join("?" * len(entity_ids))
    rows = db.execute(
        f"SELECT id, name, type, articles, mentions FROM entities WHERE id IN ({marks})", list(entity_ids)
    )
    return [EntityRow(*row) for row in rows]

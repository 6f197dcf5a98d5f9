"""The whole-database check the reliability tests and the CLI fuzzer share: silent on a database
written by the program, and naming each summary that no longer equals a recount."""

from __future__ import annotations

from datetime import date

import pytest

from explorer.core.store.consistency import inconsistencies
from tests.store_builder import build_store, draft

NAMES = {"Norway": ("Norway", "place"), "Kenya": ("Kenya", "place")}
# One damage per summary and the problem it must be reported as.
DAMAGES = {
    "UPDATE entities SET mentions = mentions + 1 WHERE id = 1": "entities' mentions or articles",
    "UPDATE entities SET articles = articles + 1 WHERE id = 1": "entities' mentions or articles",
    "UPDATE articles SET entity_count = entity_count + 1 WHERE id = 1": "articles' entity counts",
    "UPDATE entity_types SET n = n + 1 WHERE entity_id = 1": "type votes",
    "UPDATE entity_days SET mentions = mentions + 1 WHERE entity_id = 1": "entity_days",
    "UPDATE articles SET extracted = 0 WHERE id = 1": "unextracted",
    "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')": "search index",
}


@pytest.fixture
def db(tmp_path):
    drafts = [draft(f"A {i}", f"Norway and Kenya talk, day {i}. Norway again.", date(2024, 1, 1 + i)) for i in range(4)]
    drafts.append(draft("Undated", "Kenya alone."))
    store = build_store(tmp_path / "t.db", drafts, NAMES)
    yield store
    store.close()


def test_a_database_written_by_the_program_is_whole(db):
    assert inconsistencies(db) == []


@pytest.mark.parametrize("damage", DAMAGES)
def test_each_summary_that_differs_from_a_recount_is_named(db, damage):
    db.execute(damage)
    problems = inconsistencies(db)
    assert len(problems) == 1 and DAMAGES[damage] in problems[0]

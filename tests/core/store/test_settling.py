"""The corpus-level rules run together after an import, leaving the library whole."""

from __future__ import annotations

from explorer.core.store.consistency import inconsistencies
from explorer.core.store.settling import newest_article, settle_library
from tests.store_builder import build_store, draft

NAMES = {
    "Government": ("Government", "organisation"),
    "EU": ("EU", "organisation"),
    "European Union": ("European Union", "organisation"),
}


def test_settling_hides_words_links_acronyms_and_keeps_the_summaries_exact(tmp_path):
    bodies = [
        f"So the Government and the European Union, the EU, met {i}. The government paid, the government fell."
        for i in range(4)
    ]
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], NAMES)
    assert newest_article(db) == 4
    settle_library(db)
    visible = db.conn.execute("SELECT name, mentions FROM entities WHERE hidden = 0").fetchall()
    assert visible == [("European Union", 8)]
    assert inconsistencies(db) == []


def test_settling_looks_only_at_the_new_articles_entities(tmp_path):
    bodies = ["So the Government met. The government paid, a government fell, the government rose."] + [
        "The Government spoke. A government fell, a government rose, the government paid."
    ]
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], NAMES)
    settle_library(db, after_article=newest_article(db))
    assert db.conn.execute("SELECT count(*) FROM entities WHERE hidden = 1").fetchone()[0] == 0
    settle_library(db, after_article=0)
    assert db.conn.execute("SELECT count(*) FROM entities WHERE hidden = 1").fetchone()[0] == 1

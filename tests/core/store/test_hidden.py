"""The hidden entities are listed with why each is hidden, and found by name or alias."""

from __future__ import annotations

from explorer.core.ops import curation
from explorer.core.store.common_words_sql import hide_common_words
from explorer.core.store.hidden import HIDDEN_BY_USER, find_hidden, hidden_entities
from tests.store_builder import build_store, curation_store, draft


def _id(db, name: str) -> int:
    return db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchone()[0]


def test_hidden_entities_say_who_hid_them_and_why(tmp_path):
    bodies = [
        "So the Government spoke in Paris. Then our government paid, and the government fell.",
        "Yet each Government acts in Paris, and every government spends, as a government does.",
        "So the Government said no. A government of the people, by a government.",
    ]
    names = {"Government": ("Government", "organisation"), "Paris": ("Paris", "place")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    with db.conn:
        hide_common_words(db.conn)
    curation.hide(db, _id(db, "Paris"))
    found = {entity.name: entity for entity in hidden_entities(db)}
    assert set(found) == {"Government", "Paris"}
    assert "ordinary English word" in found["Government"].reason
    assert found["Paris"].reason == HIDDEN_BY_USER and found["Paris"].articles == 2
    assert [e.name for e in hidden_entities(db, types=("place",))] == ["Paris"]
    assert find_hidden(db, "paris") == found["Paris"]


def test_a_renamed_hidden_entity_keeps_its_reason_and_answers_to_its_old_name():
    db = curation_store()
    acme = _id(db, "Acme")
    curation.rename(db, acme, "Acme Inc")
    curation.hide(db, acme)
    assert find_hidden(db, "Acme").name == "Acme Inc"
    assert find_hidden(db, "Bill Clinton") is None
    curation.show_again(db, acme)
    assert hidden_entities(db) == []

"""The entity name filter: any part of a name, in any case, through the trigram index."""

from __future__ import annotations

from explorer.core.ops import curation
from explorer.core.store import open_store
from explorer.core.store.deletion import delete_articles
from explorer.core.store.queries import count_entities, entity_page, find_entity
from explorer.core.store.writer import add_batch
from tests.store_builder import draft, mentions_in

NAMES = {
    "Bill Clinton": ("Bill Clinton", "person"),
    "Clint Eastwood": ("Clint Eastwood", "person"),
    "Pakistan": ("Pakistan", "place"),
    "Café Müller": ("Café Müller", "organisation"),
}


def store():
    db = open_store(":memory:")
    body = "Bill Clinton met Clint Eastwood in Pakistan at Café Müller."
    add_batch(db, [(draft("Meeting", body), mentions_in(body, NAMES))])
    return db


def names(db, text: str) -> list[str]:
    return sorted(row.name for row in entity_page(db, search=text))


def test_any_part_of_a_name_in_any_case():
    db = store()
    assert names(db, "clint") == ["Bill Clinton", "Clint Eastwood"]
    assert names(db, "INTON") == ["Bill Clinton"]
    assert names(db, "t ea") == ["Clint Eastwood"]
    assert names(db, "é m") == ["Café Müller"]
    assert names(db, 'a "quoted" name') == []
    assert count_entities(db, search="clint") == 2


def test_short_searches_read_the_names():
    db = store()
    assert names(db, "ak") == ["Pakistan"]
    assert names(db, "%") == []


def test_the_index_follows_renames_and_deletions():
    db = store()
    curation.rename(db, find_entity(db, "Clint Eastwood").id, "Clinton Eastwood")
    assert names(db, "clinton") == ["Bill Clinton", "Clinton Eastwood"]
    delete_articles(db, [1])
    # entities left without mentions go, but the renamed one stays for its rule
    assert names(db, "clint") == ["Clinton Eastwood"] and names(db, "pakistan") == []

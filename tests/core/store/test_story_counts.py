"""What copies count, kept exact through imports, deletion, curation (and its undo) and new dates: an entity's
counts less its copies' equal its counts over one article per story, computed naively."""

from __future__ import annotations

from collections import Counter
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.ops.curation import merge, undo
from explorer.core.store.article_dates import set_dates
from explorer.core.store.consistency import inconsistencies
from explorer.core.store.deletion import delete_articles
from tests.core.store.story_corpora import naive_partition, near_duplicates
from tests.core.store.test_stories import store
from tests.store_builder import draft

EXAMPLES = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def once_by_entity(db) -> dict[str, tuple[int, int]]:
    """(articles, mentions) per entity name from the summaries less the copies."""
    copies = {
        entity_id: (a, m)
        for entity_id, a, m in db.execute(
            "SELECT entity_id, sum(articles), sum(mentions) FROM entity_copies GROUP BY entity_id"
        )
    }
    return {
        name: (articles - copies.get(i, (0, 0))[0], mentions - copies.get(i, (0, 0))[1])
        for i, name, articles, mentions in db.execute("SELECT id, name, articles, mentions FROM entities")
        if mentions - copies.get(i, (0, 0))[1] > 0
    }


def naive_once(db, articles) -> dict[str, tuple[int, int]]:
    """The same, counted from the mentions of the first stored article of each naive story."""
    ids = dict(db.execute("SELECT title, id FROM articles").fetchall())
    present = [a for a in articles if a.title in ids]
    firsts = [min(ids[t] for t in group) for group in naive_partition(present)]
    marks = ",".join("?" * len(firsts))
    rows = db.execute(
        "SELECT e.name, count(DISTINCT m.article_id), count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
        f" WHERE m.article_id IN ({marks}) GROUP BY e.name",
        firsts,
    ).fetchall()
    return {name: (a, m) for name, a, m in rows}


@EXAMPLES
@given(near_duplicates(), st.data())
def test_counting_once_equals_counting_the_first_of_each_story(articles, data):
    db = store(articles)
    assert once_by_entity(db) == naive_once(db, articles)
    ids = dict(db.execute("SELECT title, id FROM articles").fetchall())
    dated = data.draw(st.sets(st.sampled_from(sorted(ids))))
    if dated:
        set_dates(db, [ids[t] for t in dated], date(2024, 5, 1))
    entity_ids = [i for (i,) in db.execute("SELECT id FROM entities ORDER BY id")]
    if len(entity_ids) > 1:
        change = merge(db, entity_ids[:2], entity_ids[0])
        if data.draw(st.booleans()):
            undo(db, change)
            assert once_by_entity(db) == naive_once(db, articles)
            assert inconsistencies(db) == []
    gone = data.draw(st.sets(st.sampled_from(sorted(ids)), max_size=3))
    delete_articles(db, [ids[t] for t in gone])
    assert once_by_entity(db) == naive_once(db, articles)
    assert inconsistencies(db) == []


def test_a_copy_counts_by_its_own_day():
    body = " ".join(f"w{i}" for i in range(120))  # over 100 words: a copy needs no like headline
    db = store([draft("first", body + " w1", date(2024, 1, 1)), draft("copy", body + " w2", date(2024, 1, 2))])
    days: Counter[str] = Counter()
    for _, day, _, mentions in db.execute("SELECT * FROM entity_copies"):
        days[day] += mentions
    assert days == Counter({"2024-01-02": 4})  # the copy's w1, w3 and twice w2

"""The story list, a story's versions and an article's other versions."""

from __future__ import annotations

from datetime import date

from explorer.core.store.story_reads import other_versions, stories, story_of, story_totals, versions_in
from tests.core.store.test_stories import store
from tests.store_builder import draft

BASE = [f"w{i}" for i in range(120)]  # over 100 words: a copy needs no like headline


def copies(prefix: str, n: int, offset: int) -> list:
    words = [f"{prefix}{w}" for w in BASE]
    return [draft(f"{prefix}{k}", " ".join([*words, f"end{k}"]), date(2024, 1, offset + k)) for k in range(n)]


def library():
    return store([*copies("a", 2, 1), *copies("b", 3, 10), draft("alone", "nothing like the others at all here")])


def test_stories_come_largest_first_with_their_versions_in_order():
    db = library()
    found = stories(db.conn)
    assert [s.id for s in found] == [3, 1]
    assert [v.title for v in found[0].versions] == ["b0", "b1", "b2"]
    assert [v.published for v in found[1].versions] == ["2024-01-01", "2024-01-02"]
    assert found[0].versions[0].similarity == 1.0 and all(0.8 <= v.similarity < 1 for v in found[0].versions[1:])
    assert [s.id for s in stories(db.conn, min_size=3)] == [3]
    assert [s.id for s in stories(db.conn, limit=1)] == [3]
    assert story_totals(db.conn) == (2, 5)


def test_an_article_s_other_versions_leave_it_out():
    db = library()
    assert [v.id for v in other_versions(db.conn, 4)] == [3, 5]
    assert other_versions(db.conn, 6) == () and story_of(db.conn, 6) is None
    assert versions_in(db.conn, 1) == tuple(v for v in stories(db.conn)[1].versions)

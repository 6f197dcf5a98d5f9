"""Reads of the window and the CLI: filters, keyset paging in every order, search syntax, plans."""

from __future__ import annotations

import itertools
import random
from datetime import date

import pytest

from explorer.core.store import open_store
from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import (
    DOCUMENT_SORTS,
    ENTITY_SORTS,
    SearchSyntaxError,
    article,
    check_search,
    count_documents,
    count_entities,
    document_page,
    entity_page,
    find_entity,
    hit_spans,
    search,
    stats,
)
from tests import store_builder
from tests.store_builder import build_store, draft, own_names

NAMES = own_names(
    place=["Pakistan", "China", "Beijing", "India", "United States"], person=["Xi Jinping"], organisation=["Xinhua"]
)

ARTICLES = [
    draft(
        "Pakistan and China sign a pact",
        "Pakistan and China signed a pact. Xi Jinping praised Pakistan.",
        date(2023, 5, 1),
        source="Reuters",
    ),
    draft(
        "Trade talks in Beijing",
        "China hosted trade talks in Beijing, Xinhua reported.",
        date(2023, 5, 3),
        source="Xinhua",
    ),
    draft(
        "Floods in Pakistan",
        "Floods hit Pakistan after heavy rain; flooding closed roads.",
        date(2023, 6, 10),
        source="reuters",
    ),
    draft("A note on United States trade", "The United States trade deficit widened.", None),
    draft("Cricket: Pakistan beat India", "Pakistan beat India by six wickets.", date(2022, 12, 1)),
]
PACT, TALKS, FLOODS, NOTE, CRICKET = range(1, 6)


@pytest.fixture
def db():
    return build_store(":memory:", ARTICLES, NAMES)


def entity_id(db, name: str) -> int:
    return next(row.id for row in entity_page(db, search=name, limit=50) if row.name == name)


def ids(rows) -> list[int]:
    return [row.id for row in rows]


def test_default_order_is_newest_first_with_undated_last(db):
    rows = document_page(db)
    assert ids(rows) == [FLOODS, TALKS, PACT, CRICKET, NOTE]
    assert rows[-1].published is None
    assert rows[0].title == "Floods in Pakistan" and rows[0].source == "reuters"
    assert ids(document_page(db, descending=False)) == [NOTE, CRICKET, PACT, TALKS, FLOODS]


def test_entity_count_column_counts_distinct_entities(db):
    counts = {row.id: row.entity_count for row in document_page(db)}
    assert counts == {PACT: 3, TALKS: 3, FLOODS: 1, NOTE: 1, CRICKET: 2}


def test_selected_entities_keep_articles_mentioning_all_of_them(db):
    pakistan, china = entity_id(db, "Pakistan"), entity_id(db, "China")
    assert sorted(ids(document_page(db, DocumentFilter(entity_ids=(pakistan,))))) == [PACT, FLOODS, CRICKET]
    both = DocumentFilter(entity_ids=(pakistan, china))
    assert ids(document_page(db, both)) == [PACT]
    assert count_documents(db, both) == 1


def test_entity_type_and_date_range_filters(db):
    assert sorted(ids(document_page(db, DocumentFilter(entity_type="person")))) == [PACT]
    assert sorted(ids(document_page(db, DocumentFilter(entity_type="organisation")))) == [TALKS]
    may = DocumentFilter(date_from=date(2023, 5, 1), date_to=date(2023, 5, 31))
    assert ids(document_page(db, may)) == [TALKS, PACT]
    assert count_documents(db, DocumentFilter(date_from=date(2023, 1, 1))) == 3
    assert count_documents(db, DocumentFilter(date_to=date(2023, 1, 1))) == 1  # undated is out
    assert count_documents(db) == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pakistan", {PACT, FLOODS, CRICKET}),
        ("PAKISTAN trade", set()),
        ('"trade talks"', {TALKS}),
        ('"talks trade"', set()),
        ("flood*", {FLOODS}),
        ("beijing OR india", {TALKS, CRICKET}),
        ("pakistan NOT india", {PACT, FLOODS}),
        ("(floods OR cricket) AND pakistan", {FLOODS, CRICKET}),
        ("title:trade", {TALKS, NOTE}),
        ("body:trade NOT title:talks", {NOTE}),
        ("U.S.", set()),
        ("united states", {NOTE}),
        ("x'; DROP TABLE articles; --", set()),
        ("-", {PACT, TALKS, FLOODS, NOTE, CRICKET}),
    ],
)
def test_search_syntax(db, text, expected):
    flt = DocumentFilter(search=text)
    assert set(ids(document_page(db, flt))) == expected
    assert count_documents(db, flt) == len(expected)
    assert count_documents(db) == 5


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('"trade talks', "quote"),
        ("*", "*"),
        ("AND", "AND"),
        ("pakistan OR", "OR"),
        ("NOT india", "NOT"),
        ("(pakistan", "("),
        ("pakistan)", ")"),
        ("()", "parentheses"),
        ("title:", "title"),
        ("x" * 600, "too long"),
    ],
)
def test_malformed_search_is_a_short_message(db, text, says):
    for run in (
        lambda: check_search(db, text),
        lambda: document_page(db, DocumentFilter(search=text)),
        lambda: count_documents(db, DocumentFilter(search=text)),
        lambda: search(db, text),
    ):
        with pytest.raises(SearchSyntaxError) as info:
            run()
        assert says in str(info.value)
        assert len(str(info.value)) < 80


def test_search_combines_with_entity_and_date_filters(db):
    pakistan = entity_id(db, "Pakistan")
    flt = DocumentFilter(search="pakistan OR china", entity_ids=(pakistan,), date_from=date(2023, 1, 1))
    assert ids(document_page(db, flt)) == [FLOODS, PACT]


def test_search_hits_rank_and_snippet(db):
    hits = search(db, "pakistan")
    assert {hit.id for hit in hits} == {PACT, FLOODS, CRICKET}
    assert hits[0].id == PACT  # two mentions in a short body rank first
    assert "[Pakistan]" in hits[0].snippet
    assert hits[0].published == "2023-05-01" and hits[0].title == ARTICLES[0].title
    assert search(db, "pakistan", limit=1) == hits[:1]
    assert search(db, "") == []


def test_hit_spans_are_body_offsets_of_the_matched_words(db):
    body = ARTICLES[FLOODS - 1].body
    spans = hit_spans(db, FLOODS, "flood* OR pakistan")
    assert [body[s:e] for s, e in spans] == ["Floods", "Pakistan", "flooding"]
    assert hit_spans(db, FLOODS, '"heavy rain"') and all(
        body[s:e] in ("heavy", "rain", "heavy rain") for s, e in hit_spans(db, FLOODS, '"heavy rain"')
    )
    assert hit_spans(db, TALKS, "pakistan") == []
    assert hit_spans(db, FLOODS, None) == []


def test_article_has_mentions_in_text_order_with_counts(db):
    view = article(db, PACT)
    assert view.title == ARTICLES[0].title and view.body == ARTICLES[0].body
    assert view.published == "2023-05-01" and view.date_source == "header" and view.source == "Reuters"
    assert [(view.body[m.start : m.end], m.entity.name, m.entity.type) for m in view.mentions] == [
        ("Pakistan", "Pakistan", "place"),
        ("China", "China", "place"),
        ("Xi Jinping", "Xi Jinping", "person"),
        ("Pakistan", "Pakistan", "place"),
    ]
    pakistan = entity_id(db, "Pakistan")
    assert view.in_article[pakistan] == 2
    first = view.mentions[0].entity
    assert (first.articles, first.mentions) == (3, 4)
    assert article(db, 999) is None


def test_entity_page_orders_filters_and_counts(db):
    top = entity_page(db, limit=2)
    assert [(row.name, row.articles, row.mentions) for row in top] == [("Pakistan", 3, 4), ("China", 2, 2)]
    assert [row.name for row in entity_page(db, types=["person", "organisation"], order="name", descending=False)] == [
        "Xi Jinping",
        "Xinhua",
    ]
    found = [row.name for row in entity_page(db, search="in")]
    assert found[0] == "China" and sorted(found[1:]) == ["Beijing", "India", "Xi Jinping", "Xinhua"]
    assert entity_page(db, types=[]) == []
    assert count_entities(db) == 7
    assert count_entities(db, types=["place"]) == 5
    assert count_entities(db, search="%") == 0  # LIKE wildcards are literal
    assert [row.name for row in entity_page(db, order="mentions", offset=1, limit=1)] == ["China"]


def test_find_entity_by_name_or_alias_in_any_case(db):
    assert find_entity(db, "pakistan").name == "Pakistan"
    assert find_entity(db, "  XI JINPING ").type == "person"
    assert find_entity(db, "Atlantis") is None
    db.execute("INSERT INTO aliases (alias_norm, entity_id) VALUES ('prc', ?)", [entity_id(db, "China")])
    assert find_entity(db, "PRC").name == "China"
    db.execute("UPDATE entities SET hidden = 1 WHERE name = 'China'")
    assert find_entity(db, "China") is None


def test_stats(db):
    assert stats(db) == {
        "articles": 5,
        "dated": 4,
        "undated": 1,
        "first_date": "2022-12-01",
        "last_date": "2023-06-10",
        "entities": 7,
        "entities_by_type": {"place": 5, "person": 1, "organisation": 1},
        "mentions": 11,
    }
    assert stats(open_store(":memory:"))["articles"] == 0


@pytest.fixture(scope="module")
def big_db():
    """Many ties: few titles, sources and dates, some undated, so the id tie-break matters."""
    rng = random.Random(7)
    names = {f"Entity{i}": (f"Entity{i}", rng.choice(["person", "place", "organisation"])) for i in range(40)}
    articles = []
    for i in range(230):
        words = " ".join(rng.sample(sorted(names), rng.randint(0, 5)))
        published = None if i % 9 == 0 else date(2020, 1, 1 + i % 5)
        source = rng.choice([None, "Reuters", "reuters", "AP", "Écho"])
        articles.append(draft(rng.choice(["Alpha", "beta", "Gamma", "ÉTÉ"]), f"{words} #{i}", published, source=source))
    return build_store(":memory:", articles, names)


def page_through(fetch, key, limit: int) -> list:
    rows, after = [], None
    while True:
        page = fetch(after=after, limit=limit)
        rows.extend(page)
        if len(page) < limit:
            return rows
        after = key(page[-1])


@pytest.mark.parametrize(("sort", "descending"), list(itertools.product(DOCUMENT_SORTS, (False, True))))
def test_document_pages_join_into_one_total_order(big_db, sort, descending):
    flt = DocumentFilter(date_to=date(2020, 1, 4)) if sort == "source" else DocumentFilter()
    whole = document_page(big_db, flt, sort, descending, limit=10_000)
    paged = page_through(
        lambda **page: document_page(big_db, flt, sort, descending, **page), lambda row: row.key(sort), 7
    )
    assert ids(paged) == ids(whole)
    assert len(set(ids(whole))) == len(whole) == count_documents(big_db, flt)
    keys = [row.key(sort) for row in whole]
    assert keys == sorted(
        keys, key=lambda k: (*(v.lower() if isinstance(v, str) else v for v in k[:-1]), k[-1]), reverse=descending
    )


@pytest.mark.parametrize(("order", "descending"), list(itertools.product(ENTITY_SORTS, (False, True))))
def test_entity_pages_join_into_one_total_order(big_db, order, descending):
    whole = entity_page(big_db, order=order, descending=descending, limit=10_000)
    paged = page_through(
        lambda **page: entity_page(big_db, order=order, descending=descending, **page), lambda row: row.key(order), 6
    )
    assert ids(paged) == ids(whole) and len(whole) == count_entities(big_db) == 40


def plans(db, run) -> list[str]:
    """The query plan of every statement ``run()`` executes."""
    return [store_builder.query_plan(db, sql) for sql in store_builder.statements_run(db, run)]


@pytest.mark.parametrize(("sort", "descending"), list(itertools.product(DOCUMENT_SORTS, (False, True))))
def test_document_pages_walk_an_index_without_sorting(big_db, sort, descending):
    last = document_page(big_db, sort=sort, descending=descending, limit=3)[-1]
    for query_plan in plans(
        big_db, lambda: document_page(big_db, sort=sort, descending=descending, after=last.key(sort), limit=3)
    ):
        assert "USING INDEX" in query_plan or "USING COVERING INDEX" in query_plan, query_plan
        assert "TEMP B-TREE" not in query_plan, query_plan


@pytest.mark.parametrize(("order", "descending"), list(itertools.product(ENTITY_SORTS, (False, True))))
def test_entity_pages_walk_an_index_without_sorting(big_db, order, descending):
    last = entity_page(big_db, order=order, descending=descending, limit=3)[-1]
    for query_plan in plans(
        big_db, lambda: entity_page(big_db, order=order, descending=descending, after=last.key(order), limit=3)
    ):
        assert "INDEX" in query_plan and "TEMP B-TREE" not in query_plan, query_plan


def test_article_mentions_and_entity_filters_use_indexes(big_db):
    found = plans(big_db, lambda: (article(big_db, 5), count_documents(big_db, DocumentFilter(entity_ids=(1, 2)))))
    assert sum("mentions_entity_article" in p for p in found) == 1
    assert all("SCAN mentions" not in p and "SCAN m " not in p for p in found), found

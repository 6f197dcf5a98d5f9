"""A row's keyset position is the sort's values then its id, so paging after it resumes exactly
where the sorted list left off (the same order the SQL of DOCUMENT_SORTS and ENTITY_SORTS uses)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from explorer.core.store.queries import DOCUMENT_SORTS, ENTITY_SORTS
from explorer.core.store.rows import DocumentRow, EntityRow

documents = st.builds(
    DocumentRow,
    st.integers(1, 10**6),
    st.text(max_size=8),
    st.none() | st.dates().map(str),
    st.none() | st.text(max_size=5),
    st.integers(0, 500),
)
entities = st.builds(
    EntityRow, st.integers(1, 10**6), st.text(max_size=8), st.text(max_size=5), st.integers(0, 99), st.integers(0, 999)
)


@given(
    st.lists(documents, min_size=2, max_size=12, unique_by=lambda row: row.id), st.sampled_from(sorted(DOCUMENT_SORTS))
)
def test_document_keys_order_rows_as_the_sort_does_with_the_id_last(rows, sort) -> None:
    for row in rows:
        key = row.key(sort)
        assert key[-1] == row.id and len(key) == len(DOCUMENT_SORTS[sort]) + 1
    assert sorted(rows, key=lambda row: row.key(sort))[0].key(sort) == min(row.key(sort) for row in rows)


@given(entities, st.sampled_from(sorted(ENTITY_SORTS)))
def test_entity_keys_have_one_value_per_sort_expression_then_the_id(row, order) -> None:
    key = row.key(order)
    assert key[-1] == row.id and len(key) == len(ENTITY_SORTS[order]) + 1
    assert key[0] == {"name": row.name, "type": row.type, "articles": row.articles, "mentions": row.mentions}[order]


def test_an_undated_document_sorts_as_the_empty_date() -> None:
    assert DocumentRow(7, "T", None, None, 0).key("published") == ("", 7)

"""The chart of a search (``series_for_filter``): every matching article counted once, in the
bin of its date, undated ones apart — the numbers the list's count gives, by another road."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store.document_filter import DocumentFilter
from explorer.core.store.queries import count_documents, matches_per_day
from explorer.core.store.timeline import BINS, CORPUS, bin_end, series_for_filter
from tests.store_builder import build_store, draft

WORDS = ["oil", "wheat", "gold", "rates"]
ARTICLES = st.lists(
    st.tuples(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=3),
        st.none() | st.dates(date(1990, 1, 1), date(2024, 12, 31)),
    ),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ARTICLES, st.sampled_from(WORDS), st.sampled_from(["auto", *BINS]))
def test_the_chart_of_a_search_counts_each_match_once_in_its_bin(tmp_path_factory, articles, word, bin) -> None:
    path = tmp_path_factory.mktemp("series") / "s.db"
    db = build_store(
        path, [draft(f"Story {i}", " ".join(words) + f" number {i}.", day) for i, (words, day) in enumerate(articles)]
    )
    try:
        flt = DocumentFilter(search=word)
        data = series_for_filter(db, flt, bin)
        counts = data.counts[CORPUS]
        matching = [day for words, day in articles if word in words]
        assert sum(counts) + data.undated[CORPUS] == count_documents(db, flt) == len(matching)
        assert data.undated[CORPUS] == sum(day is None for day in matching)
        for index, start in enumerate(data.starts):
            end = bin_end(start, data.bin)
            assert counts[index] == sum(1 for day in matching if day is not None and start <= day <= end)
        days, undated = matches_per_day(db, flt)
        assert sum(days.values()) + undated == len(matching)
    finally:
        db.close()

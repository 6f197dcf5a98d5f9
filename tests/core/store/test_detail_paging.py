"""Entity detail reads that must stay fast at a million articles: mentions paged by key to the
last one (both ways of finding the next articles give the same pages), surface forms from a
bounded sample."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store import detail, open_store
from explorer.core.store.detail import kwic, kwic_page, surface_forms
from explorer.core.store.queries import find_entity
from tests.store_builder import build_store, draft

NAMES = {"Oslo": ("Oslo", "place"), "OSLO": ("Oslo", "place"), "Kenya": ("Kenya", "place")}

# An article: (day offset or None for undated, how many times Oslo is named in it, sentences of filler)
article_specs = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(0, 5)), st.integers(0, 4), st.integers(0, 2)),
    min_size=1,
    max_size=25,
)


def _body(i: int, oslo: int, filler: int) -> str:
    parts = [f"Story {i} begins."] + ["Rain fell." for _ in range(filler)]
    parts += [("OSLO" if k % 3 == 2 else "Oslo") + f" spoke {k}." for k in range(oslo)]
    return " ".join(parts + ["Kenya listened."])


def _store(tmp_path_factory, specs):
    path = tmp_path_factory.mktemp("paging") / "p.db"
    stories = [
        draft(f"Story {i}", _body(i, oslo, filler), None if day is None else date(2020, 1, 1) + timedelta(days=day))
        for i, (day, oslo, filler) in enumerate(specs)
    ]
    return build_store(path, stories, NAMES)


def _all_pages(db, entity_id: int, limit: int) -> list[list]:
    pages, after = [], None
    while True:
        lines, after = kwic_page(db, entity_id, after, limit)
        pages.append(lines)
        if after is None:
            return pages
        assert len(lines) >= limit  # only the last page may be short


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=article_specs, limit=st.integers(1, 7), walk=st.booleans())
def test_pages_concatenated_are_every_mention_in_order(tmp_path_factory, monkeypatch, specs, limit, walk) -> None:
    db = _store(tmp_path_factory, specs)
    monkeypatch.setattr(detail, "_walk_dates", lambda *_args: walk)
    try:
        oslo = find_entity(db, "Oslo")
        if oslo is None:
            assert sum(n for _, n, _ in specs) == 0
            return
        pages = _all_pages(db, oslo.id, limit)
        lines = [line for page in pages for line in page]
        assert lines == kwic(db, oslo.id, limit=10_000)
        assert len(lines) == oslo.mentions == sum(n for _, n, _ in specs)
        # Whole articles per page: no article is split between two pages.
        owners = [{line.article_id for line in page} for page in pages]
        assert all(not (a & b) for i, a in enumerate(owners) for b in owners[i + 1 :])
    finally:
        db.close()


def test_both_drives_read_the_same_page(tmp_path) -> None:
    specs = [(i % 4 if i % 5 else None, i % 3, i % 2) for i in range(30)]
    db = build_store(
        tmp_path / "d.db",
        [
            draft(f"S{i}", _body(i, n, f), None if d is None else date(2021, 1, 1) + timedelta(days=d))
            for i, (d, n, f) in enumerate(specs)
        ],
        NAMES,
    )
    oslo = find_entity(db, "Oslo")
    kenya = find_entity(db, "Kenya")
    # Kenya is in every article: the date index is walked; Oslo is in two thirds of them.
    assert detail._walk_dates(db, kenya.id, 5) and not detail._walk_dates(db, oslo.id, 100)
    for entity in (oslo, kenya):
        assert [line for page in _all_pages(db, entity.id, 4) for line in page] == kwic(db, entity.id, limit=999)
    db.close()


def test_an_entity_without_mentions_has_one_empty_page(tmp_path) -> None:
    db = open_store(tmp_path / "e.db")
    assert kwic_page(db, 12345) == ([], None)
    db.close()


@pytest.mark.parametrize("sample", [1, 4, 1000])
def test_surface_forms_count_a_sample_of_the_first_mentions(tmp_path, sample) -> None:
    stories = [draft(f"S{i}", "Oslo and OSLO and Oslo." if i % 2 else "OSLO rose.") for i in range(6)]
    db = build_store(tmp_path / "s.db", stories, NAMES)
    oslo = find_entity(db, "Oslo")
    forms = surface_forms(db, oslo.id, sample=sample)
    assert sum(n for _, n in forms) == min(sample, oslo.mentions)
    assert forms == sorted(forms, key=lambda item: (-item[1], item[0].lower()))
    if sample >= oslo.mentions:
        assert dict(forms) == {"Oslo": 6, "OSLO": 6}
    db.close()


def _articles_reference(db, entity_id: int, limit: int) -> list[tuple]:
    """The order entity_articles promises, by one plain query over every article."""
    return db.execute(
        "SELECT a.id, a.title, a.published, c.n FROM"
        " (SELECT article_id, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY article_id) c"
        " JOIN articles a ON a.id = c.article_id ORDER BY c.n DESC, coalesce(a.published, '') DESC, a.id LIMIT ?",
        [entity_id, limit],
    ).fetchall()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=article_specs, limit=st.integers(1, 12), few=st.booleans())
def test_entity_articles_are_the_top_ones_by_mentions_then_newest(
    tmp_path_factory, monkeypatch, specs, limit, few
) -> None:
    db = _store(tmp_path_factory, specs)
    if few:  # every tied article read directly, else the date index walked
        monkeypatch.setattr(detail, "_newest", lambda _db, ids, n: list(ids) if n > 0 else [])
    try:
        for name in ("Oslo", "Kenya"):
            entity = find_entity(db, name)
            if entity is None:
                continue
            got = [(a.id, a.title, a.published, a.mentions) for a in detail.entity_articles(db, entity.id, limit)]
            assert got == _articles_reference(db, entity.id, limit)
    finally:
        db.close()

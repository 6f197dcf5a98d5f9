"""A short name joins the longer name it shortens when the library pairs them often and clearly."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.ops import curation
from explorer.core.store.consistency import inconsistencies
from explorer.core.store.link_reasons import link_reasons
from explorer.core.store.settling import settle_library
from explorer.core.store.short_name_links_sql import MIN_SHARE, MIN_SHARED_ARTICLES, link_short_names
from explorer.core.store.writer import add_batch
from tests.store_builder import build_store, draft, mentions_in, own_names

NAMES = own_names(organisation=["Treasury", "Treasury Department", "Treasury Board"])
COMPANIES = own_names(organisation=["Shearson", "Shearson Lehman Brothers Inc", "Shearson Trust Co Inc"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(together=st.integers(0, 2), long_alone=st.integers(0, 5), rival=st.integers(0, 5), apart=st.integers(0, 8))
def test_a_generic_short_name_joins_the_long_name_the_library_names_most(
    tmp_path_factory, together, long_alone, rival, apart
):
    """ "Treasury" is the "Treasury Department" wherever the library names that far more than any
    other "Treasury …" and names the two together at least once, however seldom."""
    bodies = [f"The Treasury Department met. The Treasury agreed {i}." for i in range(together)]
    bodies += [f"The Treasury Department spoke {i}." for i in range(long_alone)]
    bodies += [f"The Treasury Board spoke {i}." for i in range(rival)]
    bodies += [f"The Treasury spoke {i}." for i in range(apart)]
    db = build_store(
        tmp_path_factory.mktemp("lib") / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], NAMES
    )
    department = together + long_alone
    should = department >= MIN_SHARED_ARTICLES and together >= 1 and rival * 2 <= department and apart + together > 0
    assert link_short_names(db.conn) == ([("Treasury", "Treasury Department")] if should else [])
    if should:
        (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules WHERE kind = 'merge'")]
        assert payload["keys"] == ["treasury"] and payload["name"] == "Treasury Department"
        assert payload["reason"] == (
            "linked because “Treasury” is the “Treasury Department” without its head word “Department”"
            f" and {together} articles name both"
        )
    assert inconsistencies(db) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(together=st.integers(0, 6), apart=st.integers(0, 12), rival=st.integers(0, 6))
def test_a_company_short_name_joins_the_company_it_is_named_beside_often_and_clearly(
    tmp_path_factory, together, apart, rival
):
    bodies = [f"Shearson Lehman Brothers Inc grew. Shearson said {i}." for i in range(together)]
    bodies += [f"Shearson spoke {i}." for i in range(apart)]
    bodies += [f"Shearson Trust Co Inc and Shearson {i}." for i in range(rival)]
    bodies += ["Shearson Lehman Brothers Inc alone.", "Shearson alone."]
    db = build_store(
        tmp_path_factory.mktemp("lib") / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], COMPANIES
    )
    short_articles = together + apart + rival + 1
    best, runner_up = max(together, rival), min(together, rival)
    expected = "Shearson Lehman Brothers Inc" if together >= rival else "Shearson Trust Co Inc"
    should = best >= MIN_SHARED_ARTICLES and best >= MIN_SHARE * short_articles and runner_up * 2 <= best
    assert link_short_names(db.conn) == ([("Shearson", expected)] if should else [])
    names = {name for (name,) in db.conn.execute("SELECT name FROM entities")}
    assert ("Shearson" in names) is not should
    assert inconsistencies(db) == []


def _library(tmp_path, bodies: list[str], names):
    return build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)


def test_a_company_short_name_and_a_clipping_join_their_full_names(tmp_path):
    bodies = [
        f"Shearson Lehman Brothers Inc and the Federal Reserve. Shearson said the Fed {i} acted." for i in range(4)
    ]
    names = own_names(
        organisation=["Shearson Lehman Brothers Inc", "Shearson", "Federal Reserve", "Fed"], place=["Pacific"]
    )
    db = _library(tmp_path, bodies, names)
    assert sorted(link_short_names(db.conn)) == [
        ("Fed", "Federal Reserve"),
        ("Shearson", "Shearson Lehman Brothers Inc"),
    ]
    fed = db.conn.execute("SELECT id, mentions FROM entities WHERE name = 'Federal Reserve'").fetchone()
    assert fed[1] == 8
    assert link_reasons(db, fed[0], ["Federal Reserve", "Fed"]) == [
        "linked because “Fed” is “Federal” cut short, as news names the “Federal Reserve” and 4 articles name both"
    ]


def test_names_that_only_begin_alike_stay_apart(tmp_path):
    """A known place is not the city or canal named after it, a body is not its committee, and a
    company is not another that begins with its name but is mostly named without it."""
    bodies = [f"Mexico and Mexico City; the Senate and the Senate Finance Committee {i}." for i in range(5)]
    bodies += [f"Panama and the Panama Canal {i}. Texaco and Texaco Canada Inc." for i in range(3)]
    bodies += [f"Texaco sold oil {i}." for i in range(10)]
    names = own_names(
        place=["Mexico", "Mexico City", "Panama", "Panama Canal"],
        organisation=["Senate", "Senate Finance Committee", "Texaco", "Texaco Canada Inc"],
    )
    db = _library(tmp_path, bodies, names)
    assert link_short_names(db.conn) == []


def test_types_must_agree(tmp_path):
    bodies = [f"The Pacific Ocean and the Pacific {i}." for i in range(5)]
    db = _library(
        tmp_path, bodies, {"Pacific Ocean": ("Pacific Ocean", "place"), "Pacific": ("Pacific", "organisation")}
    )
    assert link_short_names(db.conn) == []


def test_a_link_the_user_split_is_not_made_again_and_later_imports_find_the_pair(tmp_path):
    names = own_names(place=["Pacific", "Pacific Ocean"])
    db = _library(tmp_path, [f"The Pacific Ocean is calm {i}." for i in range(4)], names)
    settle_library(db)
    after = db.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    items = [
        (d, mentions_in(d.body, names))
        for d in [draft(f"b{i}", f"Across the Pacific {i}, the Pacific Ocean.") for i in range(4)]
    ]
    add_batch(db, items)
    settle_library(db, after)  # the short name arrives after its long name
    (ocean,) = db.conn.execute("SELECT id FROM entities WHERE name = 'Pacific Ocean'").fetchone()
    assert db.conn.execute("SELECT count(*) FROM entities WHERE name = 'Pacific'").fetchone() == (0,)
    curation.split(db, ocean, "Pacific")
    after = db.conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    add_batch(db, [(d, mentions_in(d.body, names)) for d in [draft("c", "The Pacific and the Pacific Ocean.")]])
    settle_library(db, after)
    assert db.conn.execute("SELECT count(*) FROM entities WHERE name = 'Pacific'").fetchone() == (1,)
    assert inconsistencies(db) == []

"""Names whose words begin persons' names in the library are persons."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store.person_names_sql import MIN_PEOPLE, retype_people
from tests.store_builder import build_store, draft

SURNAMES = ["Lyng", "Volcker", "Shultz", "Poehl", "Baldrige", "Yeutter", "Funaro", "Ongpin"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.integers(0, 8), things=st.integers(0, 3))
def test_retyped_exactly_when_the_first_word_begins_persons_names(tmp_path_factory, people, things):
    names = {f"Richard {s}": (f"Richard {s}", "person") for s in SURNAMES[:people]}
    names |= {f"Richard Holdings {i}": (f"Richard Works{'x' * i}", "organisation") for i in range(things)}
    names["Richard Kessler"] = ("Richard Kessler", "organisation")
    bodies = [f"{name} spoke." for name in names]
    db = build_store(
        tmp_path_factory.mktemp("lib") / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names
    )
    should = people >= MIN_PEOPLE and 4 * (things + 1) <= people
    assert retype_people(db.conn) == (["Richard Kessler"] if should else [])
    if should:
        assert db.conn.execute("SELECT type FROM entities WHERE name = 'Richard Kessler'").fetchone() == ("person",)
        (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules")]
        assert payload["type"] == "person" and "persons' names" in payload["reason"]


def test_places_and_companies_that_begin_like_people_stay(tmp_path):
    names = {f"George {s}": (f"George {s}", "person") for s in SURNAMES}
    names |= {
        "George Washington Bridge": ("George Washington Bridge", "place"),
        "George Farms": ("George Farms", "organisation"),
    }
    names |= {"George Bank": ("George Bank", "organisation"), "George Valley": ("George Valley", "place")}
    bodies = [f"{name} spoke." for name in names]
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    assert retype_people(db.conn) == []

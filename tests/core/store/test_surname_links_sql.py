"""A surname alone joins the one person the library names in full with it."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store.consistency import inconsistencies
from explorer.core.store.surname_links_sql import MIN_ARTICLES, link_surnames
from tests.store_builder import build_store, draft

NAMES = {
    "Paul Volcker": ("Paul Volcker", "person"),
    "Anne Volcker": ("Anne Volcker", "person"),
    "Volcker": ("Volcker", "person"),
    "Volcker Bank": ("Volcker Bank", "organisation"),
}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(full=st.integers(0, 5), rival=st.integers(0, 5), alone=st.integers(1, 3))
def test_linked_exactly_when_one_person_clearly_has_the_surname(tmp_path_factory, full, rival, alone):
    bodies = [f"Paul Volcker spoke {i}." for i in range(full)]
    bodies += [f"Anne Volcker wrote {i}." for i in range(rival)]
    bodies += [f"Then Volcker left {i}. Volcker Bank rose." for i in range(alone)]
    db = build_store(
        tmp_path_factory.mktemp("lib") / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], NAMES
    )
    best, runner_up = max(full, rival), min(full, rival)
    should = best >= MIN_ARTICLES and 3 * runner_up <= best
    name = "Paul Volcker" if full >= rival else "Anne Volcker"
    assert link_surnames(db.conn) == ([("Volcker", name)] if should else [])
    if should:
        assert db.conn.execute("SELECT mentions FROM entities WHERE name = ?", (name,)).fetchone() == (best + alone,)
        (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules")]
        assert payload["keys"] == ["volcker"] and "surname" in payload["reason"]
    assert db.conn.execute("SELECT count(*) FROM entities WHERE name = 'Volcker Bank'").fetchone() == (1,)
    assert inconsistencies(db) == []


def test_a_company_named_after_a_person_is_not_a_surname(tmp_path):
    bodies = ["Henry Ford built cars.", "Henry Ford died.", "Ford said sales rose."]
    names = {"Henry Ford": ("Henry Ford", "person"), "Ford": ("Ford", "organisation")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    assert link_surnames(db.conn) == []

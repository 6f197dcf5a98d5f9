"""An acronym joins the name it spells when the library pairs them often enough."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.ops import curation
from explorer.core.store.acronym_links_sql import MIN_SHARED_ARTICLES, link_acronyms
from explorer.core.store.consistency import inconsistencies
from tests.store_builder import build_store, draft

NAMES = {
    "EU": ("EU", "organisation"),
    "European Union": ("European Union", "organisation"),
    "Eastern Utilities": ("Eastern Utilities", "organisation"),
}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(together=st.integers(0, 6), apart=st.integers(0, 4), rival=st.integers(0, 6))
def test_linked_exactly_when_paired_often_and_clearly(tmp_path_factory, together, apart, rival):
    bodies = [f"The European Union met. The EU agreed {i}." for i in range(together)]
    bodies += [f"The EU spoke {i}." for i in range(apart)]
    bodies += [f"Eastern Utilities and the EU {i}." for i in range(rival)]
    bodies += ["The European Union alone.", "The EU alone."]
    db = build_store(
        tmp_path_factory.mktemp("lib") / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], NAMES
    )
    eu_articles = together + apart + rival + 1
    best, runner_up = max(together, rival), min(together, rival)
    expected_name = "European Union" if together >= rival else "Eastern Utilities"
    should = best >= MIN_SHARED_ARTICLES and best >= 0.1 * eu_articles and runner_up * 2 <= best
    linked = link_acronyms(db.conn)
    assert linked == ([("EU", expected_name)] if should else [])
    if should:
        survivor = db.conn.execute(
            "SELECT articles, mentions FROM entities WHERE name = ?", (expected_name,)
        ).fetchone()
        assert db.conn.execute("SELECT count(*) FROM entities WHERE name = 'EU'").fetchone()[0] == 0
        assert (
            survivor[1]
            == db.conn.execute(
                "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE e.name = ?",
                (expected_name,),
            ).fetchone()[0]
        )
        (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules WHERE kind = 'merge'")]
        assert payload["keys"] == ["eu"] and "initials" in payload["reason"]
    assert inconsistencies(db) == []


def test_an_acronym_of_the_other_word_order_with_a_dotted_abbreviation_is_linked(tmp_path):
    """ "USDA" is the "U.S. Department of Agriculture", which news writes "U.S. Agriculture Department"."""
    bodies = [f"The U.S. Agriculture Department said the USDA would act {i}." for i in range(3)]
    names = {
        "USDA": ("USDA", "organisation"),
        "U.S. Agriculture Department": ("U.S. Agriculture Department", "organisation"),
    }
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    assert link_acronyms(db.conn) == [("USDA", "U.S. Agriculture Department")]
    (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules WHERE kind = 'merge'")]
    assert payload["reason"] == (
        "linked because “USDA” spells the initials of “U.S. Department of Agriculture” (the “U.S. Agriculture"
        " Department” in its other word order) and 3 articles name both"
    )


def test_an_acronym_the_user_split_off_is_not_linked_again(tmp_path):
    bodies = [f"The European Union met. The EU agreed {i}." for i in range(4)]
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], NAMES)
    assert link_acronyms(db.conn) == [("EU", "European Union")]
    db.conn.commit()
    (union,) = db.conn.execute("SELECT id FROM entities WHERE name = 'European Union'").fetchone()
    curation.split(db, union, "EU")
    assert link_acronyms(db.conn) == []
    assert db.conn.execute("SELECT count(*) FROM entities WHERE name = 'EU'").fetchone() == (1,)

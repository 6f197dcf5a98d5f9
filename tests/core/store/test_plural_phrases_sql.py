"""A plural phrase whose singular the library writes ("Members of Congress") is hidden; named
bodies in the plural stay."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.ops import curation
from explorer.core.store.consistency import inconsistencies
from explorer.core.store.plural_phrases_sql import MIN_ARTICLES, hide_plural_phrases, singular_phrase
from tests.store_builder import build_store, draft, own_names


def test_the_singular_of_a_plural_phrase():
    assert singular_phrase("Members of Congress") == "Member of Congress"
    assert singular_phrase("Houses of Congress") == "House of Congress"
    assert singular_phrase("States of the Union") == "State of the Union"
    assert singular_phrase("Bank of England") is None  # no plural head
    assert singular_phrase("United States of America") is None  # two words before "of"
    assert singular_phrase("Bahamas of the Caribbean") is None  # "Bahama" is no English word
    assert singular_phrase("Members of parliament") is None  # "of" and no name


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(singulars=st.integers(0, 4))
def test_hidden_exactly_when_the_library_writes_the_singular(tmp_path_factory, singulars):
    bodies = [f"Both Houses of Congress and the Knights of Columbus met {i}." for i in range(3)]
    bodies += [f"Either House of Congress may act {i}." for i in range(singulars)]
    names = own_names(organisation=["Houses of Congress", "Knights of Columbus"])
    db = build_store(
        tmp_path_factory.mktemp("lib") / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names
    )
    should = singulars >= MIN_ARTICLES
    assert hide_plural_phrases(db.conn) == (["Houses of Congress"] if should else [])
    hidden = dict(db.conn.execute("SELECT name, hidden FROM entities").fetchall())
    assert hidden == {"Houses of Congress": int(should), "Knights of Columbus": 0}
    if should:
        (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules WHERE kind = 'hide'")]
        assert payload == {
            "key": "houses of congress",
            "reason": f"“Houses of Congress” is the plural of “House of Congress”, which {singulars} articles"
            " write: things of a kind, not one",
        }
    assert db.conn.execute("SELECT count(*) FROM mentions").fetchone() == (3 * 2,)  # nothing is lost
    assert inconsistencies(db) == []


def test_shown_again_it_is_never_hidden_again(tmp_path):
    bodies = ["Members of Congress spoke.", "A Member of Congress spoke.", "One Member of Congress left."]
    db = build_store(
        tmp_path / "lib.db",
        [draft(f"a{i}", b) for i, b in enumerate(bodies)],
        own_names(organisation=["Members of Congress"]),
    )
    assert hide_plural_phrases(db.conn) == ["Members of Congress"]
    db.conn.commit()  # as ``settle_library`` does
    (entity_id,) = db.conn.execute("SELECT id FROM entities").fetchone()
    curation.show_again(db, entity_id)
    assert hide_plural_phrases(db.conn) == []

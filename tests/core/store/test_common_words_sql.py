"""Entities that are ordinary words in the library are hidden, with the reason, and names stay."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.extraction.common_words import CaseCounts, reads_as_word
from explorer.core.store.common_words_sql import hide_common_words, library_case_counts
from tests.store_builder import build_store, draft


def _entity(db, name):
    return db.conn.execute("SELECT hidden, articles FROM entities WHERE name = ?", (name,)).fetchone()


def test_a_capitalised_common_noun_is_hidden_with_its_reason(tmp_path):
    bodies = [
        "So the Government spoke today. Then our government paid, and the government fell.",
        "Yet each Government acts, and every government spends, as a government does.",
        "So the Government said no. A government of the people, by a government.",
    ]
    db = build_store(
        tmp_path / "lib.db",
        [draft(f"a{i}", b) for i, b in enumerate(bodies)],
        {"Government": ("Government", "organisation")},
    )
    assert hide_common_words(db.conn) == ["Government"]
    assert _entity(db, "Government")[0] == 1
    (payload,) = [json.loads(p) for (p,) in db.conn.execute("SELECT payload FROM rules WHERE kind = 'hide'")]
    assert payload["key"] == "government" and "ordinary English word" in payload["reason"]
    assert db.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 3  # nothing is lost


def test_names_that_are_also_words_stay_where_the_library_writes_them_as_names(tmp_path):
    bodies = [
        "Shares of Apple rose as Shell fell. Analysts said Apple would gain.",
        "So Apple sold phones, Shell sold oil, and one apple was eaten. Reading won, reading is fun.",
        "Investors in Apple cheered. Fans in Reading cheered; reading and reading again.",
    ]
    names = {"Apple": ("Apple", "organisation"), "Shell": ("Shell", "organisation"), "Reading": ("Reading", "place")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    assert hide_common_words(db.conn) == []
    assert {_entity(db, n)[0] for n in names} == {0}


def test_persons_groups_and_the_gazetteer_are_never_judged(tmp_path):
    bodies = ["So Brown met the brown dog. A brown cow. Our Union union union met the union."] * 2
    names = {"Brown": ("Brown", "person"), "Union": ("Union", "organisation")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b + str(i)) for i, b in enumerate(bodies)], names)
    db.conn.execute("INSERT INTO gazetteer (name_norm, name, type) VALUES ('union', 'Union', 'organisation')")
    assert hide_common_words(db.conn) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(0, 8)), min_size=1, max_size=6))
def test_hidden_exactly_when_the_library_writes_it_as_a_word(tmp_path_factory, shapes):
    bodies = []
    for i, (lower, determined, capital) in enumerate(shapes):
        parts = ["So the senate met."] * lower + ["So our Senate met."] * determined + ["So the Senate met."] * capital
        bodies.append(f"Item {i}. " + " ".join(parts))
    db = build_store(
        tmp_path_factory.mktemp("lib") / "lib.db",
        [draft(f"a{i}", b) for i, b in enumerate(bodies)],
        {"Senate": ("Senate", "organisation")},
    )
    if _entity(db, "Senate") is None:
        return  # no capitalised mention in any article: nothing to judge
    expected = CaseCounts(*(sum(shape[k] for shape in shapes) for k in range(3)))
    assert library_case_counts(db.conn, ["Senate"]).get("senate", CaseCounts()) == expected
    assert (hide_common_words(db.conn) == ["Senate"]) == reads_as_word(expected)


def test_the_first_word_of_a_longer_place_stays_a_place(tmp_path):
    bodies = ["So the Pacific was calm; a pacific mood, pacific minds. The Pacific Ocean is wide."] + [
        f"So the Pacific, a pacific sea, pacific peoples {i}." for i in range(3)
    ]
    names = {"Pacific Ocean": ("Pacific Ocean", "place"), "Pacific": ("Pacific", "place")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    assert hide_common_words(db.conn) == []
    db.conn.execute("UPDATE entities SET hidden = 1 WHERE name = 'Pacific Ocean'")
    assert hide_common_words(db.conn) == ["Pacific"]


def test_a_common_noun_that_begins_a_place_with_of_is_still_judged(tmp_path):
    bodies = [
        "So the District met; a district vote. The District of Columbia is here.",
    ] + [f"So each district, the District, every district {i}." for i in range(3)]
    names = {"District of Columbia": ("District of Columbia", "place"), "District": ("District", "place")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    assert hide_common_words(db.conn) == ["District"]


def test_a_common_noun_before_a_building_is_still_judged(tmp_path):
    bodies = [
        "So the Executive met; an executive vote. The Executive Mansion is here.",
    ] + [f"So each executive, the Executive, every executive {i}." for i in range(3)]
    names = {"Executive Mansion": ("Executive Mansion", "place"), "Executive": ("Executive", "place")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    assert hide_common_words(db.conn) == ["Executive"]

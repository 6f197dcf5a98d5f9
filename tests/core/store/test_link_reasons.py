"""Entity Details says why an entity holds each linked name."""

from __future__ import annotations

from explorer.core.extraction.entity_links import link_aliases
from explorer.core.model import Mention
from explorer.core.store import open_store
from explorer.core.store.acronym_links_sql import link_acronyms
from explorer.core.store.link_reasons import link_reasons
from explorer.core.store.writer import add_batch
from tests.store_builder import build_store, draft


def _mention(body: str, surface: str, name: str, type_: str) -> Mention:
    start = body.index(surface)
    return Mention(start, start + len(surface), name, type_, 0, link_aliases(name, type_))


def test_plural_and_singular_are_one_group_in_either_order_and_explained(tmp_path):
    for order in (("Americans", "American"), ("American", "Americans")):
        db = open_store(tmp_path / f"{order[0]}.db")
        items = [
            (draft(form, f"Some {form} voted."), [_mention(f"Some {form} voted.", form, form, "group")])
            for form in order
        ]
        add_batch(db, items)
        (entity_id, name), *others = db.conn.execute("SELECT id, name FROM entities").fetchall()
        assert others == [] and name == order[0]
        assert link_reasons(db, entity_id, list(order)) == [
            f"linked because “{order[1]}” and “{order[0]}” are the singular and plural of one group"
        ]


def test_a_settled_acronym_link_gives_its_reason(tmp_path):
    bodies = [f"The European Union and the EU, part {i}." for i in range(4)]
    names = {"EU": ("EU", "organisation"), "European Union": ("European Union", "organisation")}
    db = build_store(tmp_path / "lib.db", [draft(f"a{i}", b) for i, b in enumerate(bodies)], names)
    link_acronyms(db.conn)
    (entity_id,) = db.conn.execute("SELECT id FROM entities").fetchone()
    reasons = link_reasons(db, entity_id, ["European Union", "EU"])
    assert reasons[0] == "linked because “EU” spells the initials of “European Union” and 4 articles name both"
    assert len(reasons) == 2  # and the form-level reason, once


def test_an_unknown_entity_has_no_reasons(tmp_path):
    assert link_reasons(open_store(tmp_path / "empty.db"), 42, ["EU"]) == []

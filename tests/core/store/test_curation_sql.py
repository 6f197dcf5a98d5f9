"""Renaming, retyping and hiding snapshot only the entity's own rows, merging only the ids of the
mentions it moves (not whole mention rows, which a frequent entity has by the hundred
thousand); any sequence of them undone in reverse order gives back the database exactly, and
the summaries stay exact throughout."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.model import ENTITY_TYPES
from explorer.core.ops import curation
from explorer.core.store import curation_sql
from explorer.core.store.writer import add_batch
from tests.core.ops.test_curation import assert_summaries_exact, dump
from tests.store_builder import body_draft, curation_mentions, curation_store

ENTITIES = ("Bill Clinton", "William Clinton", "Acme Corp", "Acme", "Paris")
actions = st.lists(
    st.tuples(
        st.sampled_from(["rename", "retype", "hide", "merge"]),
        st.sampled_from(ENTITIES),
        st.sampled_from(ENTITY_TYPES),
        st.text("abcdefgh XYZ", min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=6,
)


def entity_ids(db) -> dict[str, int]:
    return {name: db.execute("SELECT id FROM entities WHERE name = ?", [name]).fetchone()[0] for name in ENTITIES}


def apply(db, ids: dict[str, int], step: tuple[str, str, str, str]) -> curation.Change | None:
    """Run one generated action; None when it is refused (a name taken), which changes nothing."""
    kind, name, type_, new_name = step
    try:
        if kind == "rename":
            return curation.rename(db, ids[name], f"{new_name} {name}")
        if kind == "retype":
            return curation.retype(db, ids[name], type_)
        if kind == "merge":
            other = ENTITIES[(ENTITIES.index(name) + len(new_name)) % len(ENTITIES)]
            return curation.merge(db, [ids[name], ids[other]], ids[name])
        return curation.hide(db, ids[name])
    except curation_sql.CurationError:
        return None


@settings(max_examples=60, deadline=None)
@given(steps=actions)
def test_any_sequence_of_own_row_changes_undone_in_reverse_is_exact(steps) -> None:
    db = curation_store()
    before = dump(db)
    ids = entity_ids(db)
    changes = []
    for step in steps:
        change = apply(db, ids, step)
        if change is None:
            continue
        changes.append(change)
        assert "mentions" not in change.snapshot.rows  # the mentions were neither read nor kept
        assert_summaries_exact(db)
    for change in reversed(changes):
        curation.undo(db, change)
    assert dump(db) == before
    assert_summaries_exact(db)
    db.close()


def test_undoing_a_merge_after_an_import_keeps_the_new_mentions_and_exact_summaries() -> None:
    from datetime import date

    db = curation_store()
    before = dump(db)
    bill = db.execute("SELECT id FROM entities WHERE name = 'Bill Clinton'").fetchone()[0]
    william = db.execute("SELECT id FROM entities WHERE name = 'William Clinton'").fetchone()[0]
    change = curation.merge(db, [bill, william], survivor=bill)
    body = "William Clinton and Bill Clinton returned to Paris."
    add_batch(db, [(body_draft(body, date(2020, 1, 3)), curation_mentions(body))])
    curation.undo(db, change)
    assert_summaries_exact(db)
    after = dump(db)
    # What was there before the merge is back; the new article's mentions stay (on the survivor).
    assert [row for row in after["mentions"] if row in before["mentions"]] == before["mentions"]
    assert (
        db.execute(
            "SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE a.body = ?", [body]
        ).fetchone()[0]
        == 3
    )
    assert db.execute("SELECT name FROM entities WHERE id = ?", [william]).fetchone() == ("William Clinton",)
    db.close()


@settings(max_examples=40, deadline=None)
@given(steps=actions, imported_at=st.integers(0, 5))
def test_an_import_between_any_action_and_its_undo_leaves_exact_summaries(steps, imported_at) -> None:
    """An import may write while the window curates (the CLI, another window): the articles it
    adds after a hide, rename or merge are counted again when the action is undone."""
    from datetime import date

    db = curation_store()
    ids = entity_ids(db)
    changes = []
    for index, step in enumerate(steps):
        change = apply(db, ids, step)
        if change is None:
            continue
        changes.append(change)
        if index == min(imported_at, len(steps) - 1):
            body = f"{step[1]} met Acme Corp and Bill Clinton in Paris, step {index}."
            add_batch(db, [(body_draft(body, date(2021, 1, 1 + index)), curation_mentions(body))])
    for change in reversed(changes):
        curation.undo(db, change)
        assert_summaries_exact(db)
    db.close()

"""Re-extract all: mentions replaced by the current extraction, rules kept, cancel keeps batches."""

from __future__ import annotations

import threading

from explorer.core.model import Mention
from explorer.core.ops import curation
from explorer.core.ops.reextract import ReextractOptions, reextract_all
from explorer.core.store import open_store
from explorer.core.store.writer import add_batch
from tests.core.ops.test_curation import assert_summaries_exact
from tests.store_builder import body_draft

BODIES = [
    "Angela Merkel met Emmanuel Macron in Berlin on Monday.",
    "Emmanuel Macron returned to Paris. Angela Merkel stayed in Berlin.",
    "Berlin and Paris signed a trade deal, Angela Merkel said.",
]


def _stored(tmp_path):
    path = tmp_path / "kb.sqlite"
    db = open_store(path)
    # a deliberately poor first extraction: one mention, "Berlin", typed as a person
    add_batch(
        db, [(body_draft(b), [Mention(b.index("Berlin"), b.index("Berlin") + 6, "Berlin", "person")]) for b in BODIES]
    )
    return path, db


def test_reextract_replaces_mentions_and_keeps_rules(tmp_path, extractor):
    path, db = _stored(tmp_path)
    berlin = db.execute("SELECT id FROM entities WHERE name = 'Berlin'").fetchone()[0]
    curation.hide(db, berlin)
    events = list(reextract_all(path, ReextractOptions(batch_size=2), extractor=extractor))
    assert events[-1].finished and events[-1].imported == 3 and not events[-1].cancelled
    db = open_store(path)
    assert_summaries_exact(db)
    names = {r[0]: r[1] for r in db.execute("SELECT name, mentions FROM entities")}
    assert names.get("Angela Merkel") == 3 and names.get("Emmanuel Macron") == 2
    assert db.execute("SELECT hidden, type FROM entities WHERE id = ?", [berlin]).fetchone() == (1, "place")


def test_cancel_keeps_committed_batches(tmp_path, extractor):
    path, db = _stored(tmp_path)
    cancel = threading.Event()
    events = reextract_all(path, ReextractOptions(batch_size=1, cancel=cancel), extractor=extractor)
    for event in events:
        if event.done == 1:
            cancel.set()
    assert event.cancelled and event.imported == 1
    db = open_store(path)
    assert_summaries_exact(db)
    assert db.execute("SELECT count(DISTINCT article_id) FROM mentions WHERE label != 'person'").fetchone()[0] == 1

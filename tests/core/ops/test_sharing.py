"""``serve``'s Datasette: on generated libraries the canned queries return exactly the rows
computed from what was written, and nothing sent to it can change the file."""

from __future__ import annotations

import asyncio
import hashlib
import sqlite3
from collections import Counter, defaultdict
from datetime import date
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.model import Mention
from explorer.core.ops.sharing import (
    MISSING_EXTRA,
    QUERIES,
    SharingError,
    datasette_app,
    fold_wal,
    is_loopback,
    metadata,
)
from explorer.core.store import open_store
from explorer.core.store.writer import add_batch
from tests.store_builder import draft

pytest.importorskip("datasette", reason="needs the serve extra: pip install -e '.[serve]'")

NAMES = {
    "Kenya": "place",
    "Maria Lopez": "person",
    "World Bank": "organisation",
    "Norway": "place",
    "Red Cross": "organisation",
}

sentences = st.lists(
    st.sets(st.sampled_from(sorted(NAMES)), min_size=1, max_size=3).map(sorted), min_size=1, max_size=4
)
days = st.none() | st.dates(date(1987, 1, 1), date(1989, 12, 31))
libraries = st.lists(st.tuples(sentences, days), min_size=1, max_size=8)


def _write(path, library) -> None:
    """Each article: its sentences, each naming some entities (a mention each), with its date."""
    batch = []
    for i, (article, day) in enumerate(library):
        body, mentions = "", []
        for number, names in enumerate(article):
            for name in names:
                mentions.append(Mention(len(body), len(body) + len(name), name, NAMES[name], sentence=number))
                body += name + " and "
            body = body.removesuffix(" and ") + ". "
        batch.append((draft(f"Article {i}", body.strip(), day), mentions))
    db = open_store(path)
    add_batch(db, batch)
    db.close()


def _query(app, name: str, entity: str) -> list[dict]:
    async def get():
        response = await app.client.get(f"/lib/{name}.json?entity={quote(entity)}&_shape=array")
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(get())


def _expected(library, entity):
    """What each canned query must return, computed from the generated articles (ids from 1)."""
    mentioning, months, shared = [], defaultdict(Counter), Counter()
    for article_id, (article, day) in enumerate(library, start=1):
        count = sum(names.count(entity) for names in article)
        if count:
            mentioning.append((article_id, day.isoformat() if day else None, count))
            if day:
                months[day.isoformat()[:7]].update(articles=1, mentions=count)
        for names in article:
            if entity in names:
                shared.update(name for name in names if name != entity)
    return mentioning, months, shared


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(libraries, st.sampled_from(sorted(NAMES)), st.sampled_from([str.lower, str.upper, str]))
def test_canned_queries_return_the_rows_written(tmp_path_factory, library, entity, case):
    path = tmp_path_factory.mktemp("lib") / "lib.db"
    _write(path, library)
    app = datasette_app(path)
    mentioning, months, shared = _expected(library, entity)

    rows = _query(app, "articles_mentioning", case(entity))
    assert sorted((r["id"], r["published"], r["mentions"]) for r in rows) == sorted(mentioning)
    dated = [r["published"] for r in rows if r["published"]]
    assert dated == sorted(dated, reverse=True) and all(r["published"] for r in rows[: len(dated)])

    rows = _query(app, "entity_timeline", case(entity))
    assert {r["month"]: (r["articles"], r["mentions"]) for r in rows} == {
        month: (c["articles"], c["mentions"]) for month, c in months.items()
    }
    assert [r["month"] for r in rows] == sorted(months)

    rows = _query(app, "entities_sharing_sentences", case(entity))
    assert {r["name"]: r["sentences"] for r in rows} == dict(shared)
    assert [r["sentences"] for r in rows] == sorted((r["sentences"] for r in rows), reverse=True)


def test_an_unknown_entity_has_no_rows(tmp_path):
    _write(tmp_path / "lib.db", [([["Kenya"]], None)])
    app = datasette_app(tmp_path / "lib.db")
    assert all(_query(app, name, "Atlantis") == [] for name in QUERIES)


def test_nothing_sent_to_it_changes_the_file(tmp_path):
    path = tmp_path / "lib.db"
    _write(path, [([["Kenya", "Norway"]], date(1987, 3, 2))])
    fold_wal(path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    app = datasette_app(path)

    async def attempts():
        statuses = []
        for sql in (
            "DELETE FROM articles",
            "UPDATE entities SET name = 'x'",
            "DROP TABLE mentions",
            "PRAGMA user_version = 9",
        ):
            statuses.append((await app.client.get(f"/lib.json?sql={quote(sql)}")).status_code)
        statuses.append((await app.client.post("/lib/articles_mentioning", data={"entity": "Kenya"})).status_code)
        statuses.append(
            (
                await app.client.get("/lib.json?sql=" + quote("SELECT count(*) AS n FROM articles") + "&_shape=array")
            ).json()
        )
        return statuses

    *refused, count = asyncio.run(attempts())
    assert all(status >= 400 for status in refused) and count == [{"n": 1}]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not (tmp_path / "lib.db-journal").exists()


def test_the_write_ahead_log_is_folded_in_first(tmp_path):
    """Immutable mode reads only the main file: what the -wal still holds must be in it first."""
    path = tmp_path / "lib.db"
    _write(path, [([["Kenya"]], None)])
    db = open_store(path)
    db.conn.execute("PRAGMA wal_autocheckpoint = 0")
    add_batch(db, [(draft("Later", "Norway."), [Mention(0, 6, "Norway", "place")])])
    assert (tmp_path / "lib.db-wal").stat().st_size > 0
    app = datasette_app(path)  # while the writer is still open, as when the window has the library
    db.close()
    assert [r["id"] for r in _query(app, "articles_mentioning", "Norway")] == [2]


def test_a_wal_that_cannot_be_folded_in_is_said_not_served_stale(tmp_path):
    path = tmp_path / "lib.db"
    _write(path, [([["Kenya"]], None)])
    db = open_store(path)
    db.conn.execute("PRAGMA wal_autocheckpoint = 0")
    add_batch(db, [(draft("Later", "Norway."), [Mention(0, 6, "Norway", "place")])])
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM articles").fetchone()  # a read transaction holds the log
    try:
        with pytest.raises(SharingError, match="another program is reading or writing the library"):
            fold_wal(path)
    finally:
        reader.close()
        db.close()


def test_metadata_describes_tables_facets_and_queries():
    meta = metadata("lib")["databases"]["lib"]
    assert {"type"} <= set(meta["tables"]["entities"]["facets"])
    assert {"date": "published"} in meta["tables"]["articles"]["facets"] and "source" in meta["tables"]["articles"][
        "facets"
    ]
    assert "tag" in meta["tables"]["article_tags"]["facets"]
    assert set(meta["queries"]) == {"articles_mentioning", "entity_timeline", "entities_sharing_sentences"}
    for query in meta["queries"].values():  # each is one read-only statement with the :entity parameter
        assert ":entity" in query["sql"] and query["sql"].lstrip().upper().startswith(("SELECT", "WITH"))


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_without_the_extra_the_message_names_it(tmp_path, monkeypatch):
    import sys

    _write(tmp_path / "lib.db", [([["Kenya"]], None)])
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    with pytest.raises(SharingError, match=r"knowledge-explorer\[serve\]"):
        datasette_app(tmp_path / "lib.db")
    assert "knowledge-explorer[serve]" in MISSING_EXTRA

"""The import pipeline end to end: real files, real NER, progress, duplicates, cancel, kill."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date

from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import open_store

PEOPLE = ["Maria Lopez", "John Carter", "Aiko Tanaka", "Pierre Dubois", "Olga Petrova", "Samuel Okafor"]
PLACES = ["Brazil", "Canada", "Japan", "Kenya", "Norway", "Chile", "Egypt", "India"]
ORGS = ["the World Bank", "the United Nations", "General Motors", "Deutsche Bank", "the Red Cross"]


def write_articles(folder, n, seed=7):
    """News-like files with dates in their names, so entities and dates are known to the test."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        person, place, org = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(ORGS)
        day = date(2024, 1 + i % 12, 1 + i % 28)
        text = (
            f"Talks in {place} number {i}\n\n"
            f"{person} met officials of {org} in {place} on Monday. "
            f"Officials said {person} would return to {place} next year. Article {i} of the series.\n"
        )
        path = folder / f"{day.isoformat()}_{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(db_path, paths, extractor, **options):
    events = list(import_paths(db_path, paths, ImportOptions(**options), extractor=extractor))
    return events


def counts(db):
    return {
        table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "mentions", "entities")
    }


def test_import_reports_progress_and_stores_entities(tmp_path, extractor):
    paths = write_articles(tmp_path / "in", 12)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    events = run(tmp_path / "t.db", [tmp_path / "in"], extractor, batch_size=5)
    last = events[-1]
    assert last.finished and not last.cancelled
    assert (last.total, last.imported, last.duplicates, len(last.failed)) == (14, 12, 0, 2)
    assert [e.done for e in events] == sorted(e.done for e in events)
    reasons = dict((os.path.basename(p), r) for p, r in last.failed)
    assert "empty" in reasons["empty.txt"] and "PNG" in reasons["image.txt"]
    db = open_store(tmp_path / "t.db")
    assert db.execute("SELECT count(*) FROM articles WHERE extracted = 1").fetchone()[0] == 12
    names = {r[0]: r[1] for r in db.execute("SELECT name, type FROM entities")}
    assert names.get("Norway") == "place" or names.get("Kenya") == "place"
    assert any(t == "person" for t in names.values())
    first = db.execute("SELECT published, date_source FROM articles ORDER BY published LIMIT 1").fetchone()
    assert first == ("2024-01-01", "file name")
    for body, start, end in db.execute(
        'SELECT a.body, m.start, m."end" FROM mentions m JOIN articles a ON a.id = m.article_id'
        " JOIN entities e ON e.id = m.entity_id WHERE e.type != 'date'"
    ):
        assert body[start:end]  # offsets index the stored body
    assert paths


def test_reimport_finds_only_duplicates(tmp_path, extractor):
    write_articles(tmp_path / "in", 6)
    run(tmp_path / "t.db", [tmp_path / "in"], extractor)
    before = counts(open_store(tmp_path / "t.db"))
    last = run(tmp_path / "t.db", [tmp_path / "in"], extractor)[-1]
    assert (last.imported, last.duplicates) == (0, 6)
    assert counts(open_store(tmp_path / "t.db")) == before


def test_cancel_keeps_committed_batches_and_a_rerun_completes(tmp_path, extractor):
    write_articles(tmp_path / "in", 20)
    cancel = threading.Event()
    db_path = tmp_path / "t.db"
    events = import_paths(db_path, [tmp_path / "in"], ImportOptions(batch_size=4, cancel=cancel), extractor=extractor)
    for event in events:
        if event.done >= 6:
            cancel.set()
    assert event.cancelled and event.finished
    db = open_store(db_path)
    stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 6 <= stored < 20
    assert db.execute("SELECT count(*) FROM articles WHERE extracted = 0").fetchone()[0] == 0
    last = run(db_path, [tmp_path / "in"], extractor)[-1]
    assert (last.imported, last.duplicates) == (20 - stored, stored)
    assert db.execute("SELECT count(DISTINCT sha256), count(*) FROM articles").fetchone() == (20, 20)


def test_closing_the_generator_rolls_back_the_open_batch(tmp_path, extractor):
    write_articles(tmp_path / "in", 10)
    events = import_paths(tmp_path / "t.db", [tmp_path / "in"], ImportOptions(batch_size=100), extractor=extractor)
    for event in events:
        if event.done == 3:
            break
    events.close()
    db = open_store(tmp_path / "t.db")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert counts(db) == {"articles": 0, "mentions": 0, "entities": 0}


def test_two_processes_give_the_same_result_as_one(tmp_path, extractor):
    write_articles(tmp_path / "in", 8)
    run(tmp_path / "one.db", [tmp_path / "in"], extractor)
    run(tmp_path / "two.db", [tmp_path / "in"], extractor, jobs=2)
    query = (
        'SELECT e.name, e.type, m.start, m."end" FROM mentions m JOIN entities e ON e.id = m.entity_id ORDER BY 1, 3'
    )
    assert (
        open_store(tmp_path / "one.db").execute(query).fetchall()
        == open_store(tmp_path / "two.db").execute(query).fetchall()
    )


def test_default_date_applies_only_to_undated_files(tmp_path, extractor):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "plain.txt").write_text("Storm hits Norway\n\nA storm hit Norway.\n", encoding="utf-8")
    (tmp_path / "in" / "2020-05-04_named.txt").write_text("Snow in Chile\n\nSnow fell in Chile.\n", encoding="utf-8")
    run(tmp_path / "t.db", [tmp_path / "in"], extractor, default_date=date(2001, 2, 3))
    rows = dict(open_store(tmp_path / "t.db").execute("SELECT title, published || ' ' || date_source FROM articles"))
    assert rows == {"Storm hits Norway": "2001-02-03 user", "Snow in Chile": "2020-05-04 file name"}


def test_sigkill_mid_import_leaves_a_consistent_database(tmp_path):
    """Kill the CLI import at a random point: integrity holds, summaries match, a rerun completes."""
    folder = tmp_path / "in"
    write_articles(folder, 150)
    db_path = tmp_path / "t.db"
    command = [sys.executable, "-m", "explorer", "import", str(folder), "--db", str(db_path)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            conn = sqlite3.connect(db_path, timeout=1)
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if stored >= 64:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert stored > 0, "the import committed nothing before the time limit"
    db = open_store(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT count(*) FROM articles WHERE extracted = 0").fetchone()[0] == 0
    recount = dict(db.execute("SELECT entity_id, count(*) FROM mentions GROUP BY entity_id"))
    summary = dict(db.execute("SELECT id, mentions FROM entities WHERE mentions > 0"))
    assert recount == summary
    db.close()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    db = open_store(db_path)
    assert db.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone() == (150, 150)

"""A database of N articles in minutes, without NER, by replaying a real import.

    python -m benchmarks.make_large_db 1000000 --source /tmp/reuters.db --out /tmp/kescale/1m.db

The source's extracted articles (with their mentions, entities, aliases and rules) are copied
round after round until N articles are stored; round r gives each article the id
``id + r × (largest source id)``, dates shifted by r × the source's span of days (so the corpus
covers r times as many days, not r copies of each day) and a new hash. Entity frequencies
stay those of real news: a long tail, a few entities in most articles.

Everything is ``INSERT … SELECT`` in SQLite, a round per transaction; the FTS index follows
through the schema's triggers, and the mentions' indexes are dropped during the copy and
built once at the end. The summaries are then recomputed by the product's own
``rebuild_summaries``, as ``knowledge-explorer rebuild-summaries`` does.

Stories (near-duplicates) are grouped by the product's ``rebuild_stories`` over the first
round; each later round replays those groups among its own articles (its band keys changed by
the round, so rounds never match each other: replayed bodies are copies only by construction).
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from explorer.core.store import open_store  # noqa: E402
from explorer.core.store.stories import rebuild_stories  # noqa: E402
from explorer.core.store.summaries import rebuild_summaries  # noqa: E402

# Tables copied once, as they are (entity ids stay the source's).
_SHARED_TABLES = ("entities", "entity_types", "aliases", "rules", "gazetteer")
_ARTICLE_COLUMNS = (
    "title, body, published, date_source, source, source_origin, path, file_mtime, encoding,"
    " sha256, words, entity_count, extracted, imported_at"
)
_MENTION_COLUMNS = 'entity_id, start, "end", sentence, label, time_start, time_end'


def _replayed_hash(sha256: str, round_: int) -> str:
    return sha256 if round_ == 0 else hashlib.sha256(f"{sha256}:{round_}".encode()).hexdigest()


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


def _copy_shared_tables(conn: sqlite3.Connection) -> None:
    for table in _SHARED_TABLES:
        common = [c for c in _columns(conn, "main", table) if c in _columns(conn, "src", table)]
        names = ", ".join(f'"{c}"' for c in common)
        conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table}")


def _drop_indexes(conn: sqlite3.Connection, tables: tuple[str, ...]) -> list[str]:
    """Drop the secondary indexes of ``tables``; returns their SQL to build them again."""
    marks = ",".join("?" * len(tables))
    indexes = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tables,
    ).fetchall()
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in indexes]


def _source_shape(conn: sqlite3.Connection) -> tuple[list[int], int, int]:
    """(extracted article ids in order, id offset per round, days per round)."""
    ids = [row[0] for row in conn.execute("SELECT id FROM src.articles WHERE extracted = 1 ORDER BY id")]
    if not ids:
        raise SystemExit("the source database holds no extracted article")
    first, last = conn.execute("SELECT min(published), max(published) FROM src.articles WHERE extracted = 1").fetchone()
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days + 1 if first else 1
    return ids, ids[-1], days


def _replay_round(conn: sqlite3.Connection, round_: int, last_id: int, offset: int, days: int) -> None:
    """Copy the source's extracted articles up to ``last_id`` once more, as round ``round_``."""
    shift = round_ * offset
    conn.execute(
        f"INSERT INTO main.articles (id, {_ARTICLE_COLUMNS})"
        " SELECT id + ?, title, body,"
        " CASE WHEN published IS NULL THEN NULL ELSE date(published, ?) END,"
        " date_source, source, source_origin, path, file_mtime, encoding, replayed_hash(sha256, ?),"
        " words, entity_count, extracted, imported_at"
        " FROM src.articles WHERE extracted = 1 AND id <= ? ORDER BY id",
        (shift, f"+{round_ * days} days", round_, last_id),
    )
    conn.execute(
        f"INSERT INTO main.mentions (article_id, {_MENTION_COLUMNS})"
        f" SELECT m.article_id + ?, {', '.join('m.' + c for c in _MENTION_COLUMNS.split(', '))}"
        " FROM src.mentions m JOIN src.articles a ON a.id = m.article_id"
        " WHERE a.extracted = 1 AND m.article_id <= ? ORDER BY m.id",
        (shift, last_id),
    )


def _replay_stories(conn: sqlite3.Connection, round_: int, last_id: int, offset: int) -> None:
    """Copy the first round's stories onto round ``round_``'s articles (up to ``last_id``)."""
    shift, upto = round_ * offset, min(last_id, offset)
    conn.execute(  # (a | r) - (a & r) is a XOR r: another key per round, in 64 bits
        "INSERT INTO main.story_keys (key, article_id) SELECT (key | ?) - (key & ?), article_id + ?"
        " FROM main.story_keys WHERE article_id <= ?",
        (round_, round_, shift, upto),
    )
    conn.execute(
        "INSERT INTO main.article_stories (article_id, story_id, similarity, published)"
        " SELECT s.article_id + ?, s.story_id + ?, s.similarity, a.published FROM main.article_stories s"
        " JOIN main.articles a ON a.id = s.article_id + ? WHERE s.article_id <= ?",
        (shift, shift, shift, upto),
    )


def _drop_lone_stories(conn: sqlite3.Connection) -> None:
    """A story cut to one article by a partial last round is no story."""
    conn.execute(
        "DELETE FROM article_stories WHERE story_id IN"
        " (SELECT story_id FROM article_stories GROUP BY story_id HAVING count(*) < 2)"
    )


def build(n: int, source: Path, out: Path, say=print) -> None:
    started = time.perf_counter()

    def step(what: str) -> None:
        say(f"{time.perf_counter() - started:7.1f} s  {what}")

    open_store(out).close()  # the current schema, through the product's migrations
    conn = sqlite3.connect(out.resolve().as_uri(), uri=True, isolation_level=None)
    conn.create_function("replayed_hash", 2, _replayed_hash, deterministic=True)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")  # 1 GB: the unique hash index stays in memory
    conn.execute("PRAGMA temp_store = FILE")
    conn.execute("ATTACH DATABASE ? AS src", (f"{source.resolve().as_uri()}?mode=ro",))  # read only
    ids, offset, days = _source_shape(conn)
    conn.execute("BEGIN")
    _copy_shared_tables(conn)
    index_sql = _drop_indexes(conn, ("mentions",))
    conn.execute("COMMIT")
    done = 0
    round_ = 0
    while done < n:
        take = min(len(ids), n - done)
        conn.execute("BEGIN")
        _replay_round(conn, round_, ids[take - 1], offset, days)
        if round_:
            _replay_stories(conn, round_, ids[take - 1], offset)
        conn.execute("COMMIT")
        if round_ == 0:
            rebuild_stories(conn)
            step("stories of the first round grouped")
        done += take
        round_ += 1
        step(f"{done:,} articles")
    conn.execute("DETACH DATABASE src")
    _drop_lone_stories(conn)
    for sql in index_sql:
        conn.execute(sql)
        step(sql.split(" ON ")[0].replace("CREATE INDEX ", "index "))
    conn.execute("PRAGMA journal_mode = DELETE")
    rebuild_summaries(conn, progress=lambda what: step(f"summary: {what}"))
    step("summaries rebuilt")
    conn.execute("PRAGMA journal_mode = WAL")
    mentions = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
    conn.close()
    step(f"done: {n:,} articles, {mentions:,} mentions, {out.stat().st_size / 2**30:.2f} GB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("--source", type=Path, required=True, help="a database made by a real import")
    parser.add_argument("--out", type=Path, required=True, help="the database to create")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = parser.parse_args()
    if not args.source.exists():
        raise SystemExit(f"no source database at {args.source}")
    if args.out.exists():
        if not args.force:
            raise SystemExit(f"{args.out} exists; pass --force to replace it")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.out}{suffix}").unlink(missing_ok=True)
    build(args.n, args.source, args.out, say=lambda line: print(line, flush=True))


if __name__ == "__main__":
    main()

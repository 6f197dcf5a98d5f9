"""Writing never destroys: every writer (core, CLI, window) refuses the open database, its
companions, links to them and read-only targets, and a refused, failed or cancelled write leaves
the old target byte-identical and no temporary file behind."""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import os
import shutil
import stat
import threading
import uuid
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.cli import main
from explorer.core.analysis.network import build_network
from explorer.core.ops import export as exporting
from explorer.core.ops.backup import backup_database
from explorer.core.safety import safe_write
from explorer.core.safety.safe_write import WriteError, atomic_output, check_target, database_file
from explorer.core.store import StoreError, open_store
from explorer.core.store.damage import SQLITE_HEADER
from explorer.core.store.timeline import CORPUS, series_for_all
from tests.message_boxes import record_message_boxes, texts
from tests.reliability.conftest import assert_consistent
from tests.store_builder import build_store, draft

NAMES = {"Pakistan": ("Pakistan", "place"), "China": ("China", "place"), "Xi Jinping": ("Xi Jinping", "person")}
ARTICLES = 12
COMPANIONS = ("", "-wal", "-shm", "-journal")

WRITERS = {
    "entities.csv": lambda db, path: exporting.write_entities(db, path),
    "entities.json": lambda db, path: exporting.write_entities(db, path, "json"),
    "mentions.csv": lambda db, path: exporting.write_mentions(db, path),
    "network.gexf": lambda db, path: exporting.write_network(build_network(db), path, "gexf", database_file(db)),
    "network.graphml": lambda db, path: exporting.write_network(build_network(db), path, "graphml", database_file(db)),
    "timeline.csv": lambda db, path: exporting.write_timeline(
        series_for_all(db), {CORPUS: "articles"}, path, database_file(db)
    ),
    "documents.csv": lambda db, path: exporting.write_documents(db, path),
    "backup.db": lambda db, path: backup_database(database_file(db), path),
}
# what each CLI export is called with, and the word its files are named by
CLI_EXPORTS = {
    "entities.csv": ["entities"],
    "entities.json": ["entities", "--format", "json"],
    "mentions.csv": ["mentions"],
    "network.gexf": ["network"],
    "network.graphml": ["network", "--format", "graphml"],
    "timeline.csv": ["timeline"],
    "documents.csv": ["documents"],
}
DATABASE_TARGETS = (
    [f"name{c}" for c in COMPANIONS]
    + [f"symlink{c}" for c in COMPANIONS]
    + [f"hardlink{c}" for c in ("", "-wal", "-shm")]
)
OTHER_REFUSALS = [
    "read-only file",
    "read-only folder, new file",
    "read-only folder, existing file",
    "symlink to a read-only file",
]


def old_content(size: int) -> st.SearchStrategy[bytes]:
    """An old file's bytes, not a database: a database is refused outright, whatever the writer
    but a backup (tests/core/safety/test_safe_write.py)."""
    return st.binary(max_size=size).filter(lambda data: not data.startswith(SQLITE_HEADER))


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """A database opened by the tests' own connection (so its -wal and -shm exist, as under the window)."""
    path = tmp_path_factory.mktemp("library") / "library.db"
    stories = [
        draft(f"Story {i}", f"Pakistan and China met. Xi Jinping spoke in China on day {i}.", date(2024, 1, 1 + i))
        for i in range(ARTICLES)
    ]
    build_store(path, stories, NAMES).close()
    return path


@pytest.fixture(scope="module")
def db(library):
    db = open_store(library, readonly=True)
    yield db
    db.close()


class Library:
    """The database's files before a write, to compare after it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files = {c: digest(path.with_name(path.name + c)) for c in ("", "-wal", "-journal")}
        self.listing = sorted(p.name for p in path.parent.iterdir())
        check = open_store(path, readonly=True)
        try:
            self.articles = check.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            check.close()

    def assert_intact(self) -> None:
        assert {c: digest(self.path.with_name(self.path.name + c)) for c in self.files} == self.files
        assert sorted(p.name for p in self.path.parent.iterdir()) == self.listing
        check = open_store(self.path, readonly=True)
        try:
            assert_consistent(check)
            assert check.execute("SELECT count(*) FROM articles").fetchone()[0] == self.articles > 0
        finally:
            check.close()


def database_target(kind: str, library: Path, folder: Path) -> Path:
    """The database or a companion by name, or a symlink or hard link (in ``folder``) to one."""
    how, _, companion = kind.partition("-")
    companion = f"-{companion}" if companion else ""
    real = library.with_name(library.name + companion)
    if how == "name":
        return real
    link = folder / f"link{companion or '.db'}"
    if how == "symlink":
        link.symlink_to(real)
    else:
        os.link(real, link)
    return link


def other_target(kind: str, folder: Path, old: bytes) -> Path:
    """A read-only file, or a file (new or holding ``old``) in a read-only folder."""
    if kind == "read-only file":
        target = folder / "out.dat"
        target.write_bytes(old)
        target.chmod(0o444)
    elif kind == "symlink to a read-only file":
        (folder / "real.dat").write_bytes(old)
        (folder / "real.dat").chmod(0o444)
        target = folder / "out.dat"
        target.symlink_to(folder / "real.dat")
    else:
        inner = folder / "locked"
        inner.mkdir()
        target = inner / "out.dat"
        if kind.endswith("existing file"):
            target.write_bytes(old)
        inner.chmod(0o555)
    return target


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry under ``folder``: a file's bytes, None for a folder or a link's own entry."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() and not p.is_symlink() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def scratch(library):
    """A fresh folder beside the database for each generated example, removed after."""
    folders = []

    def make() -> Path:
        folder = library.parent.parent / f"scratch-{uuid.uuid4().hex[:8]}"
        folder.mkdir()
        folders.append(folder)
        return folder

    yield make
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


ANY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@ANY_SETTINGS
@given(writer=st.sampled_from(sorted(WRITERS)), kind=st.sampled_from(DATABASE_TARGETS))
def test_no_writer_touches_the_database_or_its_companions(db, library, scratch, writer, kind) -> None:
    before = Library(library)
    folder = scratch()
    target = database_target(kind, library, folder)
    with pytest.raises((WriteError, StoreError)) as refused:
        WRITERS[writer](db, target)
    assert "database" in str(refused.value)
    before.assert_intact()
    assert target.parent != folder or sorted(p.name for p in folder.iterdir()) == [target.name]


@ANY_SETTINGS
@given(writer=st.sampled_from(sorted(WRITERS)), kind=st.sampled_from(OTHER_REFUSALS), old=old_content(300))
def test_read_only_targets_are_refused_and_kept(db, library, scratch, writer, kind, old) -> None:
    before = Library(library)
    folder = scratch()
    target = other_target(kind, folder, old)
    files = snapshot(folder)
    with pytest.raises((WriteError, StoreError)) as refused:
        WRITERS[writer](db, target)
    assert "read-only" in str(refused.value)
    assert snapshot(folder) == files
    before.assert_intact()


class FailingFile(io.RawIOBase):
    """A file whose writes stop with a full disk after ``limit`` bytes."""

    def __init__(self, real, limit: int) -> None:
        self.real, self.limit, self.written = real, limit, 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self.written + len(data) > self.limit:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.written += len(data)
        return self.real.write(data)

    def close(self) -> None:
        self.real.close()
        super().close()


def fail_after(monkeypatch, limit: int) -> None:
    """Every file ``atomic_output`` opens fails after ``limit`` bytes; the backup (SQLite writes
    its own file) fails when its copy is synced."""

    def failing_open(path, mode="w", **kwargs):
        raw = FailingFile(open(path, "wb"), limit)  # noqa: SIM115 (returned open, as open() is; the caller closes it)
        return raw if "b" in mode else io.TextIOWrapper(io.BufferedWriter(raw, 64), **kwargs)

    def failing_fsync(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(safe_write, "open", failing_open, raising=False)
    monkeypatch.setattr(safe_write.os, "fsync", failing_fsync)


@ANY_SETTINGS
@given(
    writer=st.sampled_from(sorted(WRITERS)),
    old=st.one_of(st.none(), old_content(300)),
    limit=st.integers(0, 2000),
)
def test_a_write_failing_half_way_leaves_the_old_file_and_no_temporary_file(
    db, library, scratch, writer, old, limit
) -> None:
    before = Library(library)
    folder = scratch()
    target = folder / writer
    if old is not None:
        target.write_bytes(old)
    with pytest.MonkeyPatch.context() as monkeypatch:
        fail_after(monkeypatch, limit)
        with pytest.raises((WriteError, StoreError)) as failed:
            WRITERS[writer](db, target)
    assert any(words in str(failed.value) for words in ("the disk is full", "input/output error"))
    assert snapshot(folder) == ({} if old is None else {writer: old})
    before.assert_intact()


@ANY_SETTINGS
@given(writer=st.sampled_from(sorted(WRITERS)), old=old_content(300), mode=st.sampled_from([0o600, 0o640, 0o664]))
def test_a_complete_write_replaces_the_file_keeping_its_permissions(db, library, scratch, writer, old, mode) -> None:
    before = Library(library)
    folder = scratch()
    target = folder / writer
    target.write_bytes(old)
    target.chmod(mode)
    assert WRITERS[writer](db, target)
    assert stat.S_IMODE(target.stat().st_mode) == mode and sorted(os.listdir(folder)) == [writer]
    if writer.endswith(".csv"):
        with open(target, newline="", encoding="utf-8") as f:
            assert len(list(csv.reader(f))) > 1
    before.assert_intact()


def test_a_new_file_gets_the_usual_permissions_and_a_symlink_is_written_through(db, tmp_path) -> None:
    old_mask = os.umask(0o022)
    try:
        exporting.write_entities(db, tmp_path / "new.csv")
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o644
    (tmp_path / "real.csv").write_text("old", encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    exporting.write_entities(db, tmp_path / "link.csv")
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text(encoding="utf-8").startswith("id,")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batches=st.integers(0, ARTICLES), old=old_content(300), close=st.booleans())
def test_a_cancelled_mention_export_leaves_the_old_file(db, scratch, monkeypatch, batches, old, close) -> None:
    monkeypatch.setattr(exporting, "_ARTICLE_BATCH", 1)
    folder = scratch()
    target = folder / "mentions.csv"
    target.write_bytes(old)
    cancel = threading.Event()
    events = exporting.export_mentions(db, target, None, cancel)
    for _ in range(batches):
        assert not next(events).finished
    if close:
        events.close()
    else:
        cancel.set()
        assert list(events) == []
    assert snapshot(folder) == {"mentions.csv": old}


def test_check_target_names_each_reason(library, tmp_path) -> None:
    reasons = {
        library: "that is the database itself",
        library.with_name(library.name + "-journal"): "the database's -journal file",
        tmp_path: "that is a folder",
        tmp_path / "no" / "x.csv": "does not exist",
        Path("/dev/null"): "not a regular file",
    }
    for path, reason in reasons.items():
        with pytest.raises(WriteError, match=reason):
            check_target(path, library)
    assert check_target(tmp_path / "fine.csv", library) == tmp_path / "fine.csv"


def test_a_read_only_medium_is_refused(tmp_path, small_filesystem_ro) -> None:
    with pytest.raises(WriteError, match="read-only"), atomic_output(small_filesystem_ro / "x.csv") as out:
        out.write("x")


@pytest.fixture
def small_filesystem_ro(small_filesystem):
    from tests.reliability.conftest import remount_read_only

    remount_read_only(small_filesystem)
    return small_filesystem


# --- the command line -------------------------------------------------------------------------


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@ANY_SETTINGS
@given(
    what=st.sampled_from(sorted(CLI_EXPORTS)),
    kind=st.sampled_from(DATABASE_TARGETS + OTHER_REFUSALS),
    old=old_content(100),
)
def test_cli_exports_refuse_with_one_sentence(db, library, scratch, what, kind, old) -> None:
    before = Library(library)
    folder = scratch()
    target = database_target(kind, library, folder) if kind in DATABASE_TARGETS else other_target(kind, folder, old)
    files = snapshot(folder)
    result = run_cli("export", *CLI_EXPORTS[what], "-o", str(target), "--db", str(library))
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith(f"Error: Cannot write {target}: ") and message.count("\n") == 0
    assert ("database" if kind in DATABASE_TARGETS else "read-only") in message
    assert snapshot(folder) == files
    before.assert_intact()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    what=st.sampled_from(["documents", "mentions", "network"]),
    query=st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters='"\x00'), max_size=20),
    old=old_content(200),
)
def test_a_malformed_search_leaves_the_earlier_report(db, library, scratch, what, query, old) -> None:
    folder = scratch()
    report = folder / "report.csv"
    report.write_bytes(old)
    result = run_cli("export", what, "-o", str(report), "--db", str(library), "--search", f'"{query}')
    assert result.exit_code == 1 and "Search syntax" in result.output
    assert snapshot(folder) == {"report.csv": old}


def test_an_unknown_entity_leaves_the_earlier_file(library, tmp_path) -> None:
    (tmp_path / "t.csv").write_bytes(b"earlier")
    result = run_cli(
        "export", "timeline", "--entity", "Nobody at all", "-o", str(tmp_path / "t.csv"), "--db", str(library)
    )
    assert result.exit_code == 1 and "No entity named" in result.output
    assert (tmp_path / "t.csv").read_bytes() == b"earlier"


def test_cli_backup_refuses_the_database_and_its_wal(library, db) -> None:
    before = Library(library)
    for target in (library, library.with_name(library.name + "-wal")):
        result = run_cli("backup", str(target), "--db", str(library))
        assert result.exit_code == 1 and "database" in result.output
    before.assert_intact()


# --- the window -------------------------------------------------------------------------------


def test_the_window_refuses_to_export_onto_its_open_database(qtbot, make_window, tmp_path, monkeypatch) -> None:
    """The save dialog gives each export its own suffix, so the database is reached through a link
    named like an export (or, for the backup, by its own name)."""
    (tmp_path / "lib").mkdir()
    path = tmp_path / "lib" / "library.db"
    build_store(
        path,
        [draft(f"Story {i}", "Pakistan and China met in China.", date(2024, 2, 1 + i)) for i in range(ARTICLES)],
        NAMES,
    ).close()
    window = make_window(path)
    before = Library(path)
    shown = record_message_boxes(monkeypatch)
    menu = window.export_menu
    wal = path.with_name(path.name + "-wal")
    (tmp_path / "link.csv").symlink_to(path)
    os.link(path, tmp_path / "hard.csv")
    (tmp_path / "wal.csv").symlink_to(wal)
    (tmp_path / "chart.png").symlink_to(path)
    (tmp_path / "chart.svg").symlink_to(wal)
    for name in ("link.csv", "hard.csv", "wal.csv"):
        menu.ask_path = lambda title, default, filters, name=name: (tmp_path / name, "")
        assert menu.export_entities() is None
        assert menu.export_documents() is None
        assert menu.export_mentions() is None and menu.runner is None
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=10000)  # a chart half drawn is not exported
    for name in ("chart.png", "chart.svg"):
        menu.ask_path = lambda title, default, filters, name=name: (tmp_path / name, "")
        assert menu.export_chart() is None
    for target in (path, wal, path.with_name(path.name + "-shm"), path.with_name(path.name + "-journal")):
        monkeypatch.setattr(window.files, "ask_backup_path", lambda database, target=target: target)
        assert not window.files.back_up_database()
    warned = texts(shown)
    assert len(warned) == 3 * 3 + 2 + 4
    assert all(text.startswith("Cannot ") and "database" in text and text.endswith(".") for text in warned)
    before.assert_intact()
    assert window.db.execute("SELECT count(*) FROM articles").fetchone()[0] == ARTICLES


def test_the_window_keeps_a_read_only_chart_file(qtbot, make_window, tmp_path, monkeypatch) -> None:
    path = tmp_path / "library.db"
    build_store(path, [draft("Story", "Pakistan met China.", date(2024, 2, 1))], NAMES).close()
    window = make_window(path)
    shown = record_message_boxes(monkeypatch)
    chart = tmp_path / "chart.svg"
    chart.write_bytes(b"<svg>mine</svg>")
    chart.chmod(0o444)
    window.export_menu.ask_path = lambda title, name, filters: (chart, "")
    qtbot.waitUntil(lambda: not window.timeline.reading(), timeout=10000)
    assert window.export_menu.export_chart() is None
    assert texts(shown) == [f"Cannot write {chart}: the file is read-only."]
    assert chart.read_bytes() == b"<svg>mine</svg>"
    chart.chmod(0o644)
    assert window.export_menu.export_chart() == chart
    qtbot.waitUntil(lambda: not window.export_menu.exporting(), timeout=10000)
    assert chart.read_bytes().lstrip().startswith((b"<?xml", b"<svg")) and len(chart.read_bytes()) > 1000
    assert stat.S_IMODE(chart.stat().st_mode) == 0o644


def test_a_new_database_is_never_started_in_the_open_ones_files(qtbot, make_window, tmp_path, monkeypatch) -> None:
    (tmp_path / "lib").mkdir()
    path = tmp_path / "lib" / "library.db"
    build_store(path, [draft("Story", "Pakistan met China.", date(2024, 2, 1))], NAMES).close()
    window = make_window(path)
    window.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # an empty -wal: SQLite would start a database in it
    before = Library(path)
    shown = record_message_boxes(monkeypatch)
    for suffix in COMPANIONS:
        target = path.with_name(path.name + suffix)
        monkeypatch.setattr(window.files, "ask_database_path", lambda new, target=target: target)
        window.files.new_database()
        assert window.db_path == path
    assert len(texts(shown)) == 4 and all(t.startswith(f"Cannot create {path}") for t in texts(shown))
    before.assert_intact()


def test_a_private_file_is_never_readable_by_others_while_it_is_replaced(db, tmp_path, monkeypatch) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    seen = []
    real_open = open

    def watching_open(path, *args, **kwargs):
        seen.append(stat.S_IMODE(os.stat(path).st_mode))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(safe_write, "open", watching_open, raising=False)
    exporting.write_entities(db, target)
    assert seen == [0o600] and stat.S_IMODE(target.stat().st_mode) == 0o600

"""The session: recent databases (newest first, no repeats, at most MAX_RECENT), a failed open
keeps the database that was open."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from explorer.core.store import open_store
from explorer.ui.session import MAX_RECENT, Session
from tests.message_boxes import record_message_boxes, texts


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, MAX_RECENT + 3), min_size=1, max_size=15))
def test_recent_databases_are_the_last_opened_newest_first(qapp, tmp_path_factory, choices) -> None:
    folder = tmp_path_factory.mktemp("recent")
    paths = [folder / f"db{i}.db" for i in range(MAX_RECENT + 4)]
    parent = QWidget()
    session = Session(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat), parent)
    for choice in choices:
        assert session.open(paths[choice])
        assert session.path == paths[choice] and session.db is not None
    expected = list(dict.fromkeys(str(paths[c]) for c in reversed(choices)))[:MAX_RECENT]
    assert session.recent() == expected
    session.close()
    assert session.db is None


def test_a_failed_open_keeps_the_open_database(qapp, tmp_path, monkeypatch) -> None:
    good = tmp_path / "good.db"
    open_store(good).close()
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database, and it is long enough to be read as one" * 20)
    session = Session(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), QWidget())
    assert session.open(good)
    shown = record_message_boxes(monkeypatch)
    assert not session.open(bad)
    assert session.path == good and session.db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
    assert len(texts(shown)) == 1 and session.recent() == [str(good)]
    session.close()

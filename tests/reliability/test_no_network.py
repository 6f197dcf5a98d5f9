"""No network, ever: a real import (spaCy included) and the window run with every socket connect refused."""

from __future__ import annotations

import socket

import pytest

from explorer.core.extract import Extractor
from explorer.core.pipeline import ImportOptions, import_paths
from explorer.core.store.queries import document_page
from tests.core.test_pipeline import write_articles


@pytest.fixture
def attempts(monkeypatch) -> list[tuple]:
    """Every connect, DNS lookup or UDP send is recorded and refused."""
    tried: list[tuple] = []

    def refuse(kind):
        def refused(*args, **kwargs):
            tried.append((kind, args[1:] if args else ()))
            raise OSError(f"network blocked by the test ({kind})")
        return refused

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(name))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return tried


def test_import_and_window_make_no_connection(attempts, tmp_path, make_window, qtbot):
    write_articles(tmp_path / "in", 10)
    db_path = tmp_path / "t.db"
    events = import_paths(db_path, [tmp_path / "in"], ImportOptions(batch_size=4), extractor=Extractor().load())
    last = list(events)[-1]
    assert last.imported == 10 and not last.failed
    window = make_window(db_path)
    first = document_page(window.db, limit=1)[0]
    window.show_article(first.id)
    window.set_search("Norway OR Kenya")
    window.refresh()
    qtbot.wait(200)
    assert window.reader.article is not None and window.total_articles == 10
    window.timeline.refresh()
    assert attempts == []

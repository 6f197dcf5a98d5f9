"""No network, ever: a real import (spaCy included) and the window run with every socket connect
refused in-process, an import loads no HTTP library, a CLI import makes no socket call at all,
and a window session and CLI commands are traced at the system level."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys

import pytest

from explorer.core.extraction.extract import Extractor
from explorer.core.extraction.spacy_import import import_spacy
from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import open_store
from explorer.core.store.queries import document_page, entity_page
from tests.core.ops.test_pipeline import write_articles
from tests.reliability.conftest import REPO_DIR


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
    window.reading.show_article(first.id)
    window.reading.set_search("Norway OR Kenya")
    window.refresh()
    qtbot.wait(200)
    assert window.reader.article is not None and window.total_articles == 10
    window.timeline.refresh()
    assert attempts == []


def _traced(tmp_path, name: str, args: list[str]) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run ``python ARGS`` in a network namespace of its own under strace; its socket calls that
    name an internet address (a local Unix socket is not the network)."""
    log = tmp_path / f"{name}.strace"
    command = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(log), sys.executable, *args]
    result = subprocess.run(
        ["unshare", "--net", *command],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO_DIR,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    calls = [line for line in log.read_text().splitlines() if "AF_INET" in line] if log.exists() else []
    return result, calls


@pytest.mark.skipif(not (shutil.which("strace") and shutil.which("unshare")), reason="needs strace and unshare")
def test_a_window_session_and_the_cli_try_no_connection_at_the_system_level(tmp_path):
    """Below Python: every connect/send of the processes (spaCy, Qt, SQLite included), cut off from
    the network, so that nothing could have worked by reaching out."""
    if subprocess.run(["unshare", "--net", "true"], capture_output=True).returncode != 0:
        pytest.skip("cannot make a network namespace here (needs root or user namespaces)")
    if subprocess.run(["strace", "-o", os.devnull, "true"], capture_output=True).returncode != 0:
        pytest.skip("strace cannot trace here (ptrace not permitted)")
    write_articles(tmp_path / "in", 10)
    db_path = tmp_path / "t.db"
    session, calls = _traced(
        tmp_path,
        "window",
        ["-m", "tests.reliability.window_session", str(tmp_path / "in"), str(db_path), str(tmp_path / "s.ini")],
    )
    assert session.returncode == 0 and session.stdout.split()[-1] == "10", session.stderr[-2000:]
    assert calls == []
    top = entity_page(open_store(db_path, readonly=True), limit=1)[0].name
    for command in (
        ["search", top],
        ["export", "network", "-o", str(tmp_path / "n.gexf")],
        ["entity", "hide", top],
        ["backup", str(tmp_path / "b.db")],
    ):
        result, calls = _traced(tmp_path, command[0], ["-m", "explorer", *command, "--db", str(db_path)])
        assert result.returncode == 0, result.stderr[-2000:]
        assert calls == [], command


HTTP_LIBRARIES = ("requests", "urllib3", "http.client", "httpx", "ssl", "spacy.cli")
_IMPORT_THEN_LIST_MODULES = """
import sys
from click.testing import CliRunner
from explorer.cli import main
result = CliRunner().invoke(main, ["import", sys.argv[1], "--db", sys.argv[2]])
assert result.exit_code == 0 and "Imported 3," in result.output, result.output
print(" ".join(name for name in {libraries} if name in sys.modules))
"""


def test_an_import_loads_no_http_library(tmp_path):
    """In a fresh interpreter (other tests' imports do not count), a whole CLI import with the real
    model leaves requests, urllib3, http.client, httpx, ssl and spacy.cli unloaded."""
    write_articles(tmp_path / "in", 3)
    code = _IMPORT_THEN_LIST_MODULES.format(libraries=HTTP_LIBRARIES)
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "in"), str(tmp_path / "t.db")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO_DIR,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == []


def test_spacys_command_line_still_loads_on_demand():
    """The placeholder lives only while spaCy is imported: ``spacy.cli`` and ``spacy.info`` still work."""
    code = (
        "import sys; from explorer.core.extraction.spacy_import import import_spacy; spacy = import_spacy();"
        "assert 'spacy.cli.info' not in sys.modules; import spacy.cli;"
        "print(spacy.info()['spacy_version'] == spacy.__version__, callable(spacy.cli.download))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=REPO_DIR)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True"]


def test_import_spacy_returns_the_module_already_imported():
    import spacy

    assert import_spacy() is spacy


@pytest.mark.skipif(not shutil.which("strace"), reason="needs strace")
def test_a_cli_import_makes_no_socket_call_at_all(tmp_path):
    """strace of every network system call (socket, bind, connect, send…, socketpair) of a whole
    CLI import with the real model, its worker processes included: not one, not even a local one."""
    if subprocess.run(["strace", "-o", os.devnull, "true"], capture_output=True).returncode != 0:
        pytest.skip("strace cannot trace here (ptrace not permitted)")
    write_articles(tmp_path / "in", 3)
    for jobs in ("1", "2"):
        log = tmp_path / f"import-{jobs}.strace"
        result = subprocess.run(
            [
                "strace",
                "-f",
                "-qq",
                "-e",
                "trace=%network",
                "-e",
                "signal=none",
                "-o",
                str(log),
                sys.executable,
                "-m",
                "explorer",
                "import",
                str(tmp_path / "in"),
                "--db",
                str(tmp_path / f"t{jobs}.db"),
                "--jobs",
                jobs,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=REPO_DIR,
        )
        assert result.returncode == 0 and "Imported 3," in result.stdout, result.stderr[-2000:]
        assert log.read_text().splitlines() == [], jobs

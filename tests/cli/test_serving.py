"""``serve``: a real server on a free loopback port answers a canned query over HTTP; a host
others can reach is warned about; a busy port, a missing library or extra is one sentence."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.core.ops import sharing
from tests.core.ops.test_sharing import _write

pytest.importorskip("datasette", reason="needs the serve extra: pip install -e '.[serve]'")

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get_json(url: str, deadline: float):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
    while True:
        try:
            with opener.open(url, timeout=5) as response:
                return json.load(response)
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_answers_a_canned_query_over_http_on_loopback(tmp_path):
    path = tmp_path / "lib.db"
    _write(path, [([["Kenya", "Norway"], ["Kenya"]], date(1987, 3, 2)), ([["Norway"]], date(1987, 4, 1))])
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "explorer", "serve", "--db", str(path), "--port", str(port)],
        cwd=REPO_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        rows = _get_json(
            f"http://127.0.0.1:{port}/lib/entity_timeline.json?entity=kenya&_shape=array", time.monotonic() + 60
        )
        assert rows == [{"month": "1987-03", "articles": 1, "mentions": 2}]
        shared = _get_json(
            f"http://127.0.0.1:{port}/lib/entities_sharing_sentences.json?entity=Norway&_shape=array", time.monotonic()
        )
        assert shared == [{"name": "Kenya", "type": "place", "sentences": 1}]
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"read-only at http://127.0.0.1:{port}/" in out and "Warning" not in err


def test_a_host_others_can_reach_is_warned_about(tmp_path, monkeypatch):
    _write(tmp_path / "lib.db", [([["Kenya"]], None)])
    served = []
    monkeypatch.setattr(sharing, "serve", lambda app, host, port: served.append((host, port)))
    result = CliRunner().invoke(
        main, ["serve", "--db", str(tmp_path / "lib.db"), "--host", "0.0.0.0", "--port", "8123"]
    )
    assert result.exit_code == 0 and served == [("0.0.0.0", 8123)]
    assert "anyone who can reach this computer on that network can read the whole library" in result.output


def test_a_busy_port_is_one_sentence(tmp_path):
    _write(tmp_path / "lib.db", [([["Kenya"]], None)])
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "lib.db"), "--port", str(port)])
    assert result.exit_code == 1 and f"Cannot listen on 127.0.0.1:{port}" in result.output


def test_no_library_no_server(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "No database at" in result.output and not (tmp_path / "none.db").exists()


def test_without_the_extra_the_message_names_it(tmp_path, monkeypatch):
    _write(tmp_path / "lib.db", [([["Kenya"]], None)])
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "lib.db"), "--port", str(_free_port())])
    assert result.exit_code == 1 and "install knowledge-explorer[serve]" in result.output

"""``import --cluster``: a local cluster end to end, and each refusal in one sentence with no
library made."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import explorer
from explorer.cli import main
from explorer.core.ops.cluster import connection
from explorer.core.store import open_store
from tests.core.ops.test_pipeline import write_articles


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("shared", [[], ["--shared-storage"]])
def test_import_on_a_local_cluster_stores_every_article(tmp_path, shared):
    pytest.importorskip("distributed", reason="needs the cluster extra")
    write_articles(tmp_path / "in", 12)
    db_path = tmp_path / "lib.db"
    args = ["import", str(tmp_path / "in"), "--db", str(db_path), "--cluster", "local:2", *shared]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Imported 12, duplicates 0, failed 0 (of 12)" in result.output
    db = open_store(db_path)
    assert db["articles"].count == 12 and db["mentions"].count > 12
    db.close()


def test_an_unreachable_scheduler_makes_no_library(tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="needs the cluster extra")
    monkeypatch.setattr(connection, "CONNECT_SECONDS", 1.0)
    write_articles(tmp_path / "in", 2)
    port = _closed_port()
    db_path = tmp_path / "lib.db"
    result = CliRunner().invoke(
        main, ["import", str(tmp_path / "in"), "--db", str(db_path), "--cluster", f"127.0.0.1:{port}"]
    )
    assert result.exit_code == 1 and not db_path.exists()
    assert f"Cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def test_without_the_extra_the_message_names_it(tmp_path, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)
    write_articles(tmp_path / "in", 2)
    db_path = tmp_path / "lib.db"
    result = CliRunner().invoke(main, ["import", str(tmp_path / "in"), "--db", str(db_path), "--cluster", "local:2"])
    assert result.exit_code == 1 and not db_path.exists()
    assert "install knowledge-explorer[cluster] to extract on a cluster" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cluster", "local:0"], "local:N needs a number"),
        (["--cluster", "local:2", "--jobs", "2"], "not both"),
        (["--shared-storage"], "--shared-storage needs --cluster"),
    ],
)
def test_bad_cluster_options_are_usage_errors(tmp_path, args, message):
    db_path = tmp_path / "lib.db"
    result = CliRunner().invoke(main, ["import", str(tmp_path), "--db", str(db_path), *args])
    assert result.exit_code == 2 and message in result.output and not db_path.exists()


def test_a_real_worker_of_another_version_is_refused_before_anything_is_written(tmp_path):
    """A ``dask worker`` process whose explorer package is a copy saying another ``__version__``."""
    distributed = pytest.importorskip("distributed", reason="needs the cluster extra")
    other = tmp_path / "other" / "explorer"
    shutil.copytree(Path(explorer.__file__).parent, other, ignore=shutil.ignore_patterns("__pycache__"))
    init = other / "__init__.py"
    init.write_text(init.read_text().replace(f'"{explorer.__version__}"', '"0.0.0-other"'))
    write_articles(tmp_path / "in", 2)
    db_path = tmp_path / "lib.db"
    with distributed.LocalCluster(
        n_workers=0, processes=False, protocol="tcp://", host="127.0.0.1", dashboard_address=None
    ) as cluster:
        path = os.pathsep.join([str(other.parent), *filter(None, [os.environ.get("PYTHONPATH")])])
        worker = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address, "--nthreads", "1"],
            env={**os.environ, "PYTHONPATH": path},
            cwd=tmp_path,  # not the checkout, whose explorer ``-m`` would put first
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with distributed.Client(cluster) as client:
                client.wait_for_workers(1, timeout=60)
                (address,) = client.scheduler_info()["workers"]
                assert client.run(lambda: __import__("explorer").__version__) == {address: "0.0.0-other"}
            result = CliRunner().invoke(
                main, ["import", str(tmp_path / "in"), "--db", str(db_path), "--cluster", cluster.scheduler_address]
            )
        finally:
            worker.terminate()
            worker.wait(timeout=30)
    assert result.exit_code == 1, result.output
    assert (
        f"Refused: the worker {address} has another version: product '0.0.0-other' (here '{explorer.__version__}')"
        in result.output
    )
    assert "Traceback" not in result.output and not db_path.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "other"]

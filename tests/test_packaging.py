"""The wheel carries ``db/`` and ``resources/``, and its command works in a venv of its own.

The installed copy is run from a folder outside the checkout, so nothing can come from the
source tree by accident. The new venv gets no pip and downloads nothing: the wheel goes in with
``--no-deps`` and a ``.pth`` file lends it this interpreter's installed dependencies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[1]
DATA_DIRS = ("db", "resources")
ARTICLE = """\
Harbour reopens after storm repairs

LISBON, March 4, 2021 - The port of Lisbon reopened on Thursday after two weeks of repairs,
the harbour authority said. Maria Costa, its director, thanked the crews of the European
Maritime Safety Agency who helped clear the channel.
"""


def run(command: list[str | Path], **kwargs) -> subprocess.CompletedProcess[str]:
    """Run ``command``, failing the test with its output when it exits non-zero."""
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, timeout=240, **kwargs)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, REPO_DIR])
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel; returns its ``bin`` folder."""
    venv = tmp_path_factory.mktemp("venv")
    run([sys.executable, "-m", "venv", "--without-pip", venv])
    python = venv / "bin" / "python"
    run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index", wheel])
    site_packages = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
    lent = dict.fromkeys(sysconfig.get_path(name) for name in ("purelib", "platlib"))
    Path(site_packages, "_test_dependencies.pth").write_text("\n".join(lent) + "\n")
    return venv / "bin"


@pytest.fixture
def outside(tmp_path: Path) -> dict[str, str]:
    """Environment for a child run in ``tmp_path``: no path hints, user folders inside it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "KNOWLEDGE_EXPLORER_DB")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


def test_wheel_holds_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"explorer/_data/{path.relative_to(REPO_DIR).as_posix()}"
        for folder in DATA_DIRS
        for path in (REPO_DIR / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "explorer/_data/db/migrations/001_initial.sql" in expected
    assert "explorer/_data/resources/knowledge-explorer.svg" in expected
    assert expected <= names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_wheel_reads_its_own_data(installed: Path, tmp_path: Path, outside: dict[str, str]) -> None:
    probe = "import explorer.core.resources as r; print(r.__file__); print(r.migrations_dir()); print(r.resource('.'))"
    lines = run([installed / "python", "-c", probe], cwd=tmp_path, env=outside).stdout.splitlines()
    venv = installed.parent.resolve()
    assert all(Path(line).resolve().is_relative_to(venv) for line in lines), lines
    assert (Path(lines[1]) / "001_initial.sql").is_file()


def test_installed_command_imports_an_article(installed: Path, tmp_path: Path, outside: dict[str, str]) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "t.db"

    run([installed / "knowledge-explorer", "import", article, "--db", db], cwd=tmp_path, env=outside)
    shown = run([installed / "knowledge-explorer", "stats", "--db", db, "--json"], cwd=tmp_path, env=outside)
    stats = json.loads(shown.stdout)

    assert stats["articles"] == 1
    assert stats["entities"] > 0

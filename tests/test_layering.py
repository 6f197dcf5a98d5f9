"""The layering rule, checked rather than hoped for: a Qt-free core, and widgets without SQL."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_DIR = Path(__file__).resolve().parents[1]
UI_DIR = REPO_DIR / "explorer" / "ui"
CORE_DIR = REPO_DIR / "explorer" / "core"
MAX_MODULE_LINES = 500
CONTRACTS = tomllib.loads((REPO_DIR / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
CORE_CONTRACT = next(c for c in CONTRACTS if c.get("source_modules") == ["explorer.core"])
LAYERS_CONTRACT = next(c for c in CONTRACTS if c["type"] == "layers" and c["containers"] == ["explorer.core"])

# SQL in this project is written with upper-case keywords, so case matters: it keeps UI words
# such as "Select all" or Qt's ``SelectRows`` from counting as SQL.
SQL = re.compile(
    r"\bSELECT\b|\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b|\bDELETE\s+FROM\b"
    r"|\bCREATE\s+(?:TABLE|INDEX|VIEW|TRIGGER)\b"
)


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package and contracts of ``project``'s ``pyproject.toml``.

    It runs in a child process from ``project``, so the package analysed is the one in that
    folder, whatever else this interpreter has imported.
    """
    command = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", command, "--no-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_contracts_are_kept() -> None:
    result = lint_imports(REPO_DIR)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{CORE_CONTRACT['name']} KEPT" in result.stdout


@pytest.mark.parametrize("forbidden", CORE_CONTRACT["forbidden_modules"])
def test_core_contract_catches_an_import_of(forbidden: str, tmp_path: Path) -> None:
    """A copy of the package with one forbidden import in the core must break the contract."""
    shutil.copy(REPO_DIR / "pyproject.toml", tmp_path)
    shutil.copytree(REPO_DIR / "explorer", tmp_path / "explorer", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "explorer" / "core" / "_layering_probe.py").write_text(f"import {forbidden}\n")

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"explorer.core._layering_probe -> {forbidden}" in result.stdout


def test_core_layers_are_kept() -> None:
    result = lint_imports(REPO_DIR)
    assert f"{LAYERS_CONTRACT['name']} KEPT" in result.stdout, result.stdout + result.stderr


def copy_with_probe(tmp_path: Path, package: str, imported: str) -> None:
    """A copy of the project whose ``explorer/core/<package>`` holds one module importing ``imported``."""
    shutil.copy(REPO_DIR / "pyproject.toml", tmp_path)
    shutil.copytree(REPO_DIR / "explorer", tmp_path / "explorer", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "explorer" / "core" / package / "_layering_probe.py").write_text(f"import {imported}\n")


@pytest.mark.parametrize(
    ("package", "imported"),
    [
        ("store", "explorer.core.ops.pipeline"),  # a lower layer reaching up
        ("reading", "explorer.core.store.schema"),
        ("extraction", "explorer.core.reading.ingest"),  # independent siblings
        ("analysis", "explorer.core.safety.safe_write"),
    ],
)
def test_core_layers_catch_an_import_upwards_or_sideways(package: str, imported: str, tmp_path: Path) -> None:
    copy_with_probe(tmp_path, package, imported)

    result = lint_imports(tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{LAYERS_CONTRACT['name']} BROKEN" in result.stdout
    assert f"explorer.core.{package}._layering_probe -> {imported}" in result.stdout


def sql_in(source: str) -> list[str]:
    """The lines of ``source`` that hold SQL."""
    return [line.strip() for line in source.splitlines() if SQL.search(line)]


def test_sql_pattern_tells_sql_from_ui_words() -> None:
    sql = [
        'db.execute("SELECT id FROM articles")',
        "q = 'INSERT OR IGNORE INTO entities (name) VALUES (?)'",
        '"UPDATE entities SET hidden = 1"',
        '"DELETE FROM rules"',
        '"CREATE INDEX mentions_entity ON mentions (entity_id)"',
    ]
    not_sql = [
        'menu.addAction("Select all")',
        "view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)",
        "SELECTED_COLOUR = QColor('#ffd54f')",
        'button.setToolTip("Delete from the list")',
        "model.update_rows(selection)",
    ]
    assert sql_in("\n".join(sql + not_sql)) == sql


def test_widgets_hold_no_sql() -> None:
    assert UI_DIR.is_dir()
    found = [
        f"{path.relative_to(REPO_DIR)}: {line}"
        for path in sorted(UI_DIR.rglob("*.py"))
        for line in sql_in(path.read_text(encoding="utf-8"))
    ]
    assert not found, "SQL belongs in explorer/core/store, not in the UI:\n" + "\n".join(found)


def private_uses(source: str) -> list[str]:
    """Names starting with one underscore that ``source`` takes from another ``explorer`` module:
    imported by name, or read as an attribute of a module it imported."""
    tree = ast.parse(source)
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("explorer"):
            found += [f"{node.module}.{a.name}" for a in node.names if _is_private(a.name)]
            modules |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name.startswith("explorer") and a.asname}
    found += [
        f"{node.value.id}.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in modules
        and _is_private(node.attr)
    ]
    return found


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_private_use_pattern_finds_imports_and_attributes() -> None:
    source = (
        "from explorer.core.store import queries\n"
        "from explorer.core.store.writer import BatchWriter, _helper\n"
        "import explorer.core.ops.pipeline as pipeline\n"
        "from collections import _private_elsewhere\n"
        "queries._planned_where(db, flt); pipeline._Loader; queries.document_page; self._mine; __name__\n"
    )
    assert sorted(private_uses(source)) == [
        "explorer.core.store.writer._helper",
        "pipeline._Loader",
        "queries._planned_where",
    ]


def test_no_core_module_uses_another_modules_private_names() -> None:
    found = [
        f"{path.relative_to(REPO_DIR)}: {name}"
        for path in sorted(CORE_DIR.rglob("*.py"))
        for name in private_uses(path.read_text(encoding="utf-8"))
    ]
    assert not found, "make the name public where it belongs:\n" + "\n".join(found)


def test_no_module_is_over_the_line_limit() -> None:
    long = {
        str(path.relative_to(REPO_DIR)): lines
        for path in sorted((REPO_DIR / "explorer").rglob("*.py"))
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long, f"split these by topic (over {MAX_MODULE_LINES} lines): {long}"


def test_the_main_window_stays_a_shell() -> None:
    """Panes and menus only: what it does lives in ui/actions, ui/panes and ui/widgets."""
    lines = len((UI_DIR / "main_window.py").read_text(encoding="utf-8").splitlines())
    assert lines <= 250, f"main_window.py has {lines} lines; move behaviour into an action, pane or widget"

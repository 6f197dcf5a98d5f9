"""Tests mirror the package: each module has a test module at the same place below ``tests/``, or is on an
allow-list that may only shrink (an entry that gains a test, or whose module goes, must leave the list)."""

from __future__ import annotations

from pathlib import Path

REPO_DIR = Path(__file__).resolve().parents[1]
PACKAGE_DIR = REPO_DIR / "explorer"
TESTS_DIR = REPO_DIR / "tests"
ALLOW_LIST = TESTS_DIR / "untested_modules.txt"


def modules() -> list[Path]:
    return sorted(
        path.relative_to(PACKAGE_DIR)
        for path in PACKAGE_DIR.rglob("*.py")
        if path.name not in {"__init__.py", "__main__.py"}
    )


def has_test(module: Path) -> bool:
    """``core/store/writer.py`` is tested by ``tests/core/store/test_writer.py`` or ``test_writer_*.py``."""
    folder = TESTS_DIR / module.parent
    return (folder / f"test_{module.stem}.py").exists() or any(folder.glob(f"test_{module.stem}_*.py"))


def allowed() -> list[str]:
    lines = ALLOW_LIST.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_every_module_has_a_test_module_or_is_allowed() -> None:
    untested = {module.as_posix() for module in modules() if not has_test(module)}
    missing = sorted(untested - set(allowed()))
    assert not missing, f"modules without a test module (add tests/<same path>/test_<name>.py): {missing}"


def test_allow_list_only_shrinks() -> None:
    existing = {module.as_posix() for module in modules()}
    stale = [entry for entry in allowed() if entry not in existing or has_test(Path(entry))]
    assert not stale, f"remove from tests/untested_modules.txt (tested now, or gone): {stale}"


def test_allow_list_has_no_duplicates() -> None:
    assert len(allowed()) == len(set(allowed()))

"""A full page check before a write is not repeated on a file this process found sound and
that has not changed since; any change (or a file changed too recently to tell) is checked
again, so damage is still found first."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.store import StoreError, damage, open_store
from tests.reliability.test_damage_found_first import damage_page, healthy  # noqa: F401 (a fixture)


@pytest.fixture
def counted(monkeypatch):
    """How many full checks ran; every file counts as settled (not changed in the last seconds)."""
    calls = []
    real = damage.quick_check
    monkeypatch.setattr(damage, "quick_check", lambda conn: calls.append(1) or real(conn))
    monkeypatch.setattr(damage, "RACY_NS", -(10**18))
    monkeypatch.setattr(damage, "_sound", {})
    return calls


def _open_for_writing(path):
    open_store(path, full_check=True).close()


def test_an_unchanged_sound_file_is_checked_once(healthy, tmp_path, counted) -> None:  # noqa: F811
    path = tmp_path / "library.db"
    path.write_bytes(healthy["wal"].read_bytes())  # in WAL mode already: opening changes nothing
    for _ in range(3):
        _open_for_writing(path)
    assert len(counted) == 1


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(0.05, 1, exclude_max=True), how=st.sampled_from(["zero", "random"]), seed=st.integers(0, 99))
def test_damage_after_a_check_is_found_before_the_next_write(
    healthy,  # noqa: F811 (the fixture imported above)
    tmp_path_factory,
    counted,
    where,
    how,  # noqa: F811
    seed,
) -> None:
    source = healthy["wal"]
    pages = source.stat().st_size // 4096
    folder = tmp_path_factory.mktemp("later")
    path = folder / "library.db"
    path.write_bytes(source.read_bytes())
    _open_for_writing(path)
    damaged = damage_page(source, tmp_path_factory.mktemp("bytes"), 2 + int(where * (pages - 1)), how, seed)
    time.sleep(0.05)  # past the file system's timestamp tick, as RACY_NS ensures outside this test
    with path.open("r+b") as handle:  # the same file (same inode) damaged in place
        handle.write(damaged.read_bytes())
    with pytest.raises(StoreError, match="is damaged"):
        _open_for_writing(path)


def test_a_file_changed_moments_ago_is_never_remembered(healthy, tmp_path, monkeypatch) -> None:  # noqa: F811
    calls = []
    real = damage.quick_check
    monkeypatch.setattr(damage, "quick_check", lambda conn: calls.append(1) or real(conn))
    monkeypatch.setattr(damage, "_sound", {})
    path = tmp_path / "library.db"
    path.write_bytes(healthy["delete"].read_bytes())
    os.utime(path)  # changed now: within RACY_NS
    _open_for_writing(path)
    _open_for_writing(path)
    assert len(calls) == 2

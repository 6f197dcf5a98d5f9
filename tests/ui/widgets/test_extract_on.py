"""The import dialog's "Extract on" choice: remembered, a mistyped address said before anything
starts, and an import through the window on a local Dask cluster (or refused in one sentence)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings

from explorer.core.ops.cluster import connection
from explorer.core.ops.cluster.connection import parse_address
from explorer.core.store import open_store
from explorer.ui.widgets.extract_on import ExtractOnBox
from tests.core.ops.test_pipeline import write_articles

TIMEOUT_MS = 180_000


def _settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_this_computer_by_default_and_the_choice_remembered(qtbot, tmp_path):
    box = ExtractOnBox(_settings(tmp_path))
    qtbot.addWidget(box)
    assert box.local_button.isChecked() and not box.address_edit.isEnabled() and box.address() is None
    assert not box.shared_box.isEnabled() and not box.shared_storage()
    box.cluster_button.setChecked(True)
    box.address_edit.setText("sched.example:8786")
    box.shared_box.setChecked(True)
    box.remember()
    again = ExtractOnBox(_settings(tmp_path))
    qtbot.addWidget(again)
    assert again.cluster_button.isChecked() and again.address_edit.isEnabled() and again.shared_box.isEnabled()
    assert again.address() == parse_address("tcp://sched.example:8786") and again.shared_storage()
    again.local_button.setChecked(True)
    again.remember()
    third = ExtractOnBox(_settings(tmp_path))
    qtbot.addWidget(third)
    assert third.address() is None and third.address_edit.text() == "sched.example:8786"  # kept for next time
    assert third.shared_box.isChecked() and not third.shared_box.isEnabled() and not third.shared_storage()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30) | st.from_regex(r"(tcp://)?[a-z]{1,8}:[0-9]{1,5}|local:[0-9]{1,3}", fullmatch=True))
def test_the_box_takes_what_the_command_line_takes(qtbot, tmp_path_factory, text):
    box = ExtractOnBox(_settings(tmp_path_factory.mktemp("s")))
    qtbot.addWidget(box)
    box.cluster_button.setChecked(True)
    box.address_edit.setText(text)
    try:
        expected = parse_address(text)
    except ValueError as exc:
        with pytest.raises(ValueError):
            box.address()
        assert box.problem_label.isVisibleTo(box) and box.problem_label.text() == str(exc)
    else:
        assert box.address() == expected and not box.problem_label.isVisibleTo(box)


def test_a_mistyped_address_starts_nothing(qtbot, make_window, tmp_path):
    window = make_window(tmp_path / "library.db")
    write_articles(tmp_path / "in", 2)
    dialog = window.imports.import_paths([tmp_path / "in"])
    dialog.extract_on.cluster_button.setChecked(True)
    dialog.extract_on.address_edit.setText("not an address")
    dialog.start()
    assert dialog.pages.currentIndex() == dialog.OPTIONS and not window.imports.running()
    assert "not a Dask scheduler address" in dialog.extract_on.problem_label.text()


def test_an_unreachable_scheduler_is_said_in_the_summary(qtbot, make_window, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="needs the cluster extra")
    monkeypatch.setattr(connection, "CONNECT_SECONDS", 1.0)
    window = make_window(tmp_path / "library.db")
    write_articles(tmp_path / "in", 2)
    dialog = window.imports.import_paths([tmp_path / "in"])
    dialog.extract_on.cluster_button.setChecked(True)
    dialog.extract_on.address_edit.setText("tcp://127.0.0.1:9")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    assert "Cannot reach the Dask scheduler at tcp://127.0.0.1:9" in dialog.summary_view.toPlainText()
    assert open_store(tmp_path / "library.db")["articles"].count == 0


@pytest.mark.parametrize("shared", [False, True])
def test_an_import_through_the_window_on_a_local_cluster(qtbot, make_window, tmp_path, shared):
    pytest.importorskip("distributed", reason="needs the cluster extra")
    window = make_window(tmp_path / "library.db")
    write_articles(tmp_path / "in", 6)
    dialog = window.imports.import_paths([tmp_path / "in"])
    dialog.extract_on.cluster_button.setChecked(True)
    dialog.extract_on.address_edit.setText("local:1")
    dialog.extract_on.shared_box.setChecked(shared)
    dialog.start()
    assert dialog.shared_storage == shared
    qtbot.waitUntil(lambda: dialog.finished_import, timeout=TIMEOUT_MS)
    assert "Imported: 6 articles" in dialog.summary_view.toPlainText()
    db = open_store(tmp_path / "library.db")
    assert db["articles"].count == 6 and db["mentions"].count >= 12
    assert window.imports.settings.value("import/extract_on") == "cluster"
    assert window.imports.settings.value("import/shared_storage", type=bool) == shared

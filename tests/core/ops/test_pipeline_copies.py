"""A copy is called a duplicate only of an article that is stored: whatever the model's read-ahead,
the batch sizes and the moment of a cancel, no file is reported as repeating a text stored nowhere."""

from __future__ import annotations

import tempfile
import threading
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.ops.pipeline import ImportOptions, import_entries
from explorer.core.reading.ingest import article_from_text
from explorer.core.store import open_store


class ReadAhead:
    """No model, but reads ``ahead`` texts before yielding the first, as spaCy's batches do."""

    def __init__(self, ahead: int) -> None:
        self.ahead = ahead

    def use_gazetteer(self, entries) -> None:
        pass

    def pipe(self, items, *, n_process=1, batch_size=64):
        buffer = []
        for _, context in items:
            buffer.append(context)
            if len(buffer) > self.ahead:
                yield [], buffer.pop(0)
        for context in buffer:
            yield [], context


def story(k: int, path: Path):
    return article_from_text(f"Title: Story {k}\n\nThe text of story {k}.\n", path=path)


def entries(picks: list[int], folder: Path):
    """File ``f{j}.txt`` holds story ``picks[j]``: a repeated pick is an exact copy."""
    return [(f"f{j}.txt", lambda j=j, k=k: story(k, folder / f"f{j}.txt")) for j, k in enumerate(picks)]


@settings(max_examples=60, deadline=None)
@given(
    picks=st.lists(st.integers(0, 4), min_size=1, max_size=24),
    ahead=st.integers(0, 12),
    first=st.integers(1, 4),
    most=st.integers(1, 8),
    cancel_at=st.none() | st.integers(0, 24),
)
def test_no_copy_is_reported_as_a_duplicate_of_a_text_stored_nowhere(picks, ahead, first, most, cancel_at):
    cancel = threading.Event()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "t.db"
        options = ImportOptions(first_batch_size=first, batch_size=most, cancel=cancel)
        events = []
        for event in import_entries(db_path, entries(picks, Path(tmp)), options, extractor=ReadAhead(ahead)):
            events.append(event)
            if cancel_at is not None and len(events) > cancel_at:
                cancel.set()
        last = events[-1]
        db = open_store(db_path)
        stored = {row["title"]: row["id"] for row in db.query("SELECT id, title FROM articles")}
        paths = {row["path"] for row in db.query("SELECT path FROM article_paths")}
        db.close()

    assert last.finished
    assert last.imported == len(stored)
    assert last.done == last.imported + last.duplicates + len(last.failed)
    assert all(copy.article_id is not None for copy in last.duplicate_of)
    reported = {copy.file: copy.article_id for copy in last.duplicate_of}
    for j, k in enumerate(picks):
        if f"f{j}.txt" in reported:
            assert reported[f"f{j}.txt"] == stored[f"Story {k}"]
            assert str(Path(tmp) / f"f{j}.txt") in paths
    if not last.cancelled:
        assert set(stored) == {f"Story {k}" for k in picks}
        assert last.duplicates == len(picks) - len(set(picks))

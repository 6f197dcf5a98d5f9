"""Batches start small and grow, so the first articles are stored within seconds; duplicates
name the stored article they repeat."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.ops.pipeline import ImportOptions, import_entries, import_paths
from explorer.core.reading.ingest import article_from_text
from explorer.core.store import open_store


class NoSpans:
    """No model: every text has no entity (batching is what is tested)."""

    def use_gazetteer(self, entries) -> None:
        pass

    def pipe(self, items, *, n_process=1, batch_size=64):
        for _, context in items:
            yield [], context


def entries(n: int):
    return [
        (f"t{i}", lambda i=i: article_from_text(f"Title: T{i}\n\nText number {i}.\n", name=f"t{i}.txt"))
        for i in range(n)
    ]


def expected_commits(n: int, first: int, most: int) -> list[int]:
    """Articles stored after each commit: first, then doubling up to ``most``, the rest at the end."""
    stored, size, commits = 0, max(1, min(first, most)), []
    while stored + size <= n:
        stored += size
        commits.append(stored)
        size = min(size * 2, most)
    return commits + ([n] if stored < n else [])


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 70), st.integers(1, 8), st.integers(1, 40))
def test_batches_double_from_the_first_size_up_to_the_largest(n, first, most):
    with tempfile.TemporaryDirectory() as tmp:
        events = list(
            import_entries(
                Path(tmp) / "t.db",
                entries(n),
                ImportOptions(first_batch_size=first, batch_size=most),
                extractor=NoSpans(),
            )
        )
    stored = sorted({e.imported for e in events} - {0})
    assert stored == expected_commits(n, first, most)
    assert events[-1].imported == n


def test_the_default_stores_the_first_four_articles_first(tmp_path):
    events = list(import_entries(tmp_path / "t.db", entries(130), extractor=NoSpans()))
    assert sorted({e.imported for e in events} - {0}) == [4, 12, 28, 60, 124, 130]


def test_each_duplicate_names_its_original(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Title: First\n\nSome text.\n")
    (folder / "b.txt").write_text("Title: First\n\nSome text.\n")  # same text, same run
    list(import_paths(tmp_path / "t.db", [folder / "a.txt"], extractor=NoSpans()))
    (folder / "c.txt").write_text("Title: First\n\nSome text.\n")
    last = list(import_paths(tmp_path / "t.db", [folder], extractor=NoSpans()))[-1]
    original = open_store(tmp_path / "t.db").execute("SELECT id FROM articles").fetchone()[0]
    assert [(Path(d.file).name, d.article_id, d.title, d.path) for d in last.duplicate_of] == [
        ("a.txt", original, "First", str(folder / "a.txt")),
        ("b.txt", original, "First", str(folder / "a.txt")),
        ("c.txt", original, "First", str(folder / "a.txt")),
    ]
    assert last.duplicates == 3


def test_a_duplicate_within_one_run_names_the_article_stored_in_that_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text("Title: Twice\n\nSame words.\n")
    last = list(import_paths(tmp_path / "t.db", [folder], extractor=NoSpans()))[-1]
    [duplicate] = last.duplicate_of
    assert (Path(duplicate.file).name, duplicate.title, duplicate.path) == ("b.txt", "Twice", str(folder / "a.txt"))
    assert duplicate.article_id == open_store(tmp_path / "t.db").execute("SELECT id FROM articles").fetchone()[0]

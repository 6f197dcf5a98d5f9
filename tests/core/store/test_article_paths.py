"""An exact duplicate is never stored twice; every other path of its text is kept."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.core.ops.pipeline import import_paths
from explorer.core.store import open_store
from explorer.core.store.article_paths import paths_of


class NoNames:
    """Stands in for spaCy: finds nothing, so an import needs no model."""

    def use_gazetteer(self, entries) -> None:
        """Nothing to load."""

    def pipe(self, items, *, n_process: int = 1, batch_size: int = 64):
        for _, context in items:
            yield [], context


texts = st.lists(st.sampled_from(["alpha beta", "gamma delta", "epsilon zeta", "eta theta"]), min_size=1, max_size=8)


@settings(max_examples=20, deadline=None)
@given(texts, st.integers(1, 3))
def test_each_text_is_stored_once_with_every_other_path(contents, folders):
    root = Path(tempfile.mkdtemp())
    written: dict[str, list[Path]] = {}
    for f in range(folders):
        folder = root / f"f{f}"
        folder.mkdir()
        for i, text in enumerate(contents):
            path = folder / f"n{i}.txt"
            path.write_text(f"Title {text}\n\n{text} body of the file", encoding="utf-8")
            written.setdefault(text, []).append(path)
    for f in range(folders):  # one folder per import: duplicates within and across imports
        last = list(import_paths(root / "lib.db", [root / f"f{f}"], extractor=NoNames()))[-1]
        assert not last.failed
    db = open_store(root / "lib.db")
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == len(written)
    for article_id, stored in db.execute("SELECT id, path FROM articles").fetchall():
        [paths] = [p for p in written.values() if Path(stored) in p]
        assert sorted([stored, *paths_of(db.conn, article_id)]) == sorted(map(str, paths))


def test_importing_the_same_folder_again_records_nothing_new(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Title\n\nsome words here", encoding="utf-8")
    for _ in range(2):
        list(import_paths(tmp_path / "lib.db", [tmp_path / "in"], extractor=NoNames()))
    db = open_store(tmp_path / "lib.db")
    assert paths_of(db.conn, 1) == []

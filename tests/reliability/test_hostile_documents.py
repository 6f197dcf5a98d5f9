"""Hostile documents in a folder: each refused with one reason and nothing stored for it, the
rest of the folder imported; nothing fetched from the network while reading them."""

from __future__ import annotations

import socket
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import open_store
from explorer.core.store.paths import path_from_db
from tests.core.reading.formats.samples import (
    docx_bytes,
    email_bytes,
    epub_bytes,
    html_page,
    mbox_bytes,
    pdf_bytes,
    zip_bytes,
)
from tests.reliability.conftest import assert_consistent
from tests.ui.conftest import FakeExtractor

GOOD = {
    "story.txt": b"Rain in India\n\nRain fell on India and China for a week.\n",
    "report.pdf": pdf_bytes([["Floods in Tokyo were reported on Monday."]], info={"Title": "Floods"}),
    "talks.docx": docx_bytes(["Talks in Pakistan ended without a deal."], title="Talks"),
    "heat.html": html_page("Heat in India", ["Heat hit Delhi again this week, officials in India said."]),
    "mail.eml": email_bytes("Snow in China", "Snow fell in China for days."),
    "book.epub": epub_bytes("A Book", ["A chapter set in Tokyo."]),
}
VALID = {  # whole files whose truncations are hostile
    "pdf": GOOD["report.pdf"],
    "docx": GOOD["talks.docx"],
    "epub": GOOD["book.epub"],
    "zip": zip_bytes({"a.txt": GOOD["story.txt"]}),
}
MAGIC = {"pdf": b"%PDF-1.7\n", "png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff\xe0", "zip": b"PK\x03\x04"}


def bomb(level: int) -> bytes:
    data = zip_bytes({"zeros.txt": bytes(4 * 1024 * 1024)})
    for depth in range(level):
        data = zip_bytes({f"nested{depth}.zip": data})
    return data


HOSTILE = st.one_of(
    st.tuples(st.sampled_from(sorted(MAGIC)), st.binary(max_size=400)).map(
        lambda pair: (f"random.{pair[0]}", MAGIC[pair[0]] + pair[1])
    ),
    st.tuples(st.sampled_from(sorted(VALID)), st.floats(0.05, 0.95)).map(
        lambda pair: (f"cut.{pair[0]}", VALID[pair[0]][: int(len(VALID[pair[0]]) * pair[1])])
    ),
    st.integers(0, 4).map(lambda level: ("bomb.zip", bomb(level))),
    st.sampled_from(["../../etc/passwd", "/etc/shadow", "..\\win.ini"]).map(
        lambda name: ("traversal.zip", zip_bytes({name: b"root:x:0:0"}))
    ),
    st.just(("secret.pdf", pdf_bytes([["Secret"]], encrypt=True))),
    st.just(("scan.pdf", pdf_bytes([], image=(8, 8, bytes(64))))),
    st.just(("broken.mbox", mbox_bytes([email_bytes("Fine", "A sound message."), b"Subject\n\nno headers"]))),
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(HOSTILE, min_size=1, max_size=4, unique_by=lambda pair: pair[0]))
def test_hostile_documents_are_refused_alone_and_the_folder_imports(tmp_path_factory, monkeypatch, hostile):
    tried: list = []

    def refused(*args, **kwargs):
        tried.append(args)
        raise OSError("network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refused)
    monkeypatch.setattr(socket, "getaddrinfo", refused)
    folder = tmp_path_factory.mktemp("in")
    for name, data in [*GOOD.items(), *hostile]:
        (folder / name).write_bytes(data)
    db_path = folder.parent / f"{folder.name}.db"
    last = list(import_paths(db_path, [folder], ImportOptions(), extractor=FakeExtractor()))[-1]
    with sqlite3.connect(db_path) as conn:
        stored = [path_from_db(path).rsplit("/", 1)[1] for (path,) in conn.execute("SELECT path FROM articles")]
    failed = [path.split(f"{folder}/", 1)[1] for path, _ in last.failed]
    assert set(GOOD) <= set(stored)
    assert len(failed) == len(set(failed)) and all(reason for _, reason in last.failed)
    for name, _ in hostile:
        # a hostile file stores nothing, or only what is sound in it (a truncated ZIP's whole member)
        assert any(label == name or label.startswith(name + "/") for label in failed) or name.startswith("cut.")
    assert not set(stored) & {name for name, _ in hostile if not name.startswith("cut.")}
    assert tried == []
    assert_consistent(open_store(db_path))

"""Archives in memory: members in order; bombs, traversal names, links and encryption refused with reasons."""

from __future__ import annotations

import io
import tarfile
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.model import ReadError
from explorer.core.reading.formats.archive import members, unsafe_name
from explorer.core.reading.formats.document import Limits
from tests.core.reading.formats.samples import zip_bytes

SEGMENT = st.text(st.sampled_from("abcdefgh_-"), min_size=1, max_size=6)
SAFE_NAME = st.lists(SEGMENT, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + ".txt")
UNSAFE_NAME = st.one_of(
    SAFE_NAME.map(lambda name: "../" + name),
    SAFE_NAME.map(lambda name: "/" + name),
    SAFE_NAME.map(lambda name: "a/../../" + name),
    SAFE_NAME.map(lambda name: "C:\\" + name.replace("/", "\\")),
    SAFE_NAME.map(lambda name: "..\\" + name),
)


def tar_bytes(files: dict[str, bytes], mode: str = "w:gz") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode=mode) as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


@given(st.dictionaries(SAFE_NAME, st.binary(min_size=1, max_size=50), max_size=6), st.lists(UNSAFE_NAME, max_size=3))
def test_every_member_is_read_or_refused_once_and_traversal_names_never_read(good, bad):
    files = good | {name: b"nope" for name in bad}
    for data, kind in ((zip_bytes(files), "zip"), (tar_bytes(files), "tar")):
        found = dict(members(data, kind, Limits()))
        assert {name: content for name, content in found.items() if isinstance(content, bytes)} == good
        for name in set(bad) - set(good):
            assert "outside the archive" in str(found[name])


@given(st.one_of(SAFE_NAME, UNSAFE_NAME))
def test_unsafe_names_are_those_with_a_root_drive_or_parent_step(name):
    assert unsafe_name(name) == (name.startswith(("/", "..", "C:")) or "/../" in name)


def test_a_zip_bomb_member_is_refused_by_its_ratio_before_it_is_read():
    data = zip_bytes({"zeros.txt": bytes(10 * 1024 * 1024), "ok.txt": b"Rain in Kenya."})
    found = dict(members(data, "zip", Limits()))
    assert "archive bomb" in str(found["zeros.txt"]) and found["ok.txt"] == b"Rain in Kenya."


def test_a_tar_bomb_ends_the_reading_with_its_reason():
    data = tar_bytes({"ok.txt": b"Rain.", "zeros.txt": bytes(30 * 1024 * 1024)})
    read = members(data, "tar", Limits())
    assert next(read) == ("ok.txt", b"Rain.")
    with pytest.raises(ReadError, match="archive bomb"):
        next(read)


def test_member_count_and_total_size_are_limited():
    data = zip_bytes({f"{i}.txt": b"x" * 100 for i in range(5)})
    with pytest.raises(ReadError, match="more than 3 members"):
        list(members(data, "zip", Limits(archive_members=3)))
    with pytest.raises(ReadError, match="larger than 250 bytes uncompressed"):
        list(members(data, "zip", Limits(archive_total=250)))


def test_links_and_encrypted_members_are_refused_one_by_one():
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as archive:
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    assert "link" in str(dict(members(out.getvalue(), "tar", Limits()))["link.txt"])
    data = bytearray(zip_bytes({"secret.txt": b"x"}))
    data[6] |= 1  # the local header's and the central directory's "encrypted" flag
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 1
    assert "encrypted" in str(dict(members(bytes(data), "zip", Limits()))["secret.txt"])


def test_a_damaged_zip_is_refused_as_not_text_nor_zip():
    with pytest.raises(ReadError, match="^not a text file nor a readable ZIP archive"):
        list(members(b"PK\x03\x04broken", "zip", Limits()))
    assert zipfile.is_zipfile(io.BytesIO(zip_bytes({"a": b"b"})))

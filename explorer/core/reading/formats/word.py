"""Word documents (.docx, python-docx): paragraphs and tables in reading order, the core
properties' title, author and dates."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Extracted, ReadOptions
from explorer.core.reading.ingest import human_size

PROPERTIES = "document properties"


def read_docx(data: bytes, options: ReadOptions) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_unpacked_size(data, options)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise ReadError("a Word document that cannot be read (damaged or incomplete)") from error
    except Exception as error:  # lxml's XML errors and python-docx's own, on a hostile file
        raise ReadError(f"a Word document that cannot be read ({type(error).__name__})") from error
    blocks = [_block_text(block) for block in document.iter_inner_content()]
    properties = document.core_properties
    published = _day(properties.created)
    return Extracted(
        pages=("\n\n".join(block for block in blocks if block.strip()),),
        format="docx",
        title=properties.title or None,
        title_source=PROPERTIES,
        published=published,
        date_source=PROPERTIES if published else None,
        author=properties.author or None,
    )


def _check_unpacked_size(data: bytes, options: ReadOptions) -> None:
    """Refuse a package that would unpack past the archive total, or a part both larger than a
    file may be and compressed more than an archive member may be (a zip bomb), before parsing."""
    limits = options.limits
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ReadError("a Word document that cannot be read (damaged or incomplete)") from error
    if sum(info.file_size for info in parts) > limits.archive_total:
        raise ReadError(f"a Word document larger than {human_size(limits.archive_total)} uncompressed")
    for info in parts:
        if info.file_size > limits.max_bytes and info.file_size > limits.archive_ratio * max(info.compress_size, 1):
            raise ReadError(
                f"a Word document whose {info.filename} is compressed more than {limits.archive_ratio} times"
            )


def _block_text(block) -> str:
    """A paragraph's text, or a table's rows one per line with cells separated by tabs."""
    if hasattr(block, "rows"):
        rows = []
        for row in block.rows:
            cells: list[tuple[object, str]] = []
            for cell in row.cells:
                if not cells or cell._tc is not cells[-1][0]:  # a merged cell repeats across its span
                    cells.append((cell._tc, cell.text.strip()))
            rows.append("\t".join(text for _, text in cells))
        return "\n".join(rows)
    return block.text


def _day(value: datetime | None):
    return value.date() if isinstance(value, datetime) else None

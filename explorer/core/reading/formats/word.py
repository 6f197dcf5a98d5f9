"""Word documents (.docx, python-docx): paragraphs and tables in reading order, the core
properties' title, author and dates."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from explorer.core.model import ReadError
from explorer.core.reading.formats.document import Extracted, ReadOptions

PROPERTIES = "document properties"


def read_docx(data: bytes, options: ReadOptions) -> Extracted:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

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

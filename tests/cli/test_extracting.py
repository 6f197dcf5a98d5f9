"""``extract`` in each output form: the same files and entities in JSON, NL, CSV and the table."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from explorer.cli import main
from explorer.cli.output import csv_cell


def test_extract_prints_the_same_entities_in_every_form(tmp_path) -> None:
    first = tmp_path / "2024-06-12_first.txt"
    first.write_text("Talks\n\nPresident Ana Silva met ministers in Lima, Peru, on Monday.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"

    def printed(*flags: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["extract", str(first), str(missing), *flags])
        return result.exit_code, result.stdout_bytes.decode()

    status, text = printed("--json")
    files = json.loads(text)
    assert status == 1 and [f["file"] for f in files] == [str(first), str(missing)]
    assert printed("--nl") == (1, "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in files))
    status, text = printed("--csv")
    expected = [{"file": files[0]["file"], "date": files[0]["date"], **e} for e in files[0]["entities"]]
    expected.append({"file": str(missing), "error": "file not found"})
    keys = text.splitlines()[0].split(",")
    assert status == 1 and list(csv.DictReader(io.StringIO(text, newline=""))) == [
        {key: csv_cell(row.get(key)) for key in keys} for row in expected
    ]
    status, table = printed()
    lines = table.splitlines()
    assert status == 1 and lines[0] == f"== {first}" and lines[1].split()[:4] == ["start", "end", "type", "name"]
    assert len(lines) == 3 + len(files[0]["entities"])  # the missing file is said on standard error

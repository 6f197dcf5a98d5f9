"""The shared corpora as a user would import them: folders of text files.

The corpora stay in ``../shared/corpora``; converted text files go to a temporary or cache
folder outside the repository.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = SHARED / "corpora"


def reuters_available() -> bool:
    return (CORPORA / "reuters21578" / "reut2-000.sgm").exists()


def reuters_folder(cache: Path) -> Path:
    """All 19,043 Reuters-21578 articles as ``YYYY-MM-DD_<NEWID>.txt`` files (converted once into ``cache``)."""
    out = cache / "reuters-txt"
    done = out / ".complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(CORPORA / "reuters_to_txt.py"), str(CORPORA / "reuters21578"), str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        done.touch()
    return out


def reuters_sample(cache: Path, n: int, dest: Path) -> list[Path]:
    """The first ``n`` articles in date order, copied into ``dest`` (a folder to import)."""
    files = sorted(reuters_folder(cache).glob("*.txt"))[:n]
    dest.mkdir(parents=True, exist_ok=True)
    copies = []
    for path in files:
        copy = dest / path.name
        shutil.copyfile(path, copy)
        copies.append(copy)
    return copies

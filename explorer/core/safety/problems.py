"""The last line of defence: an unexpected error becomes one sentence and a log file, never a traceback.

The command line and the window both end here. Problems with a known cause (a damaged
database, a name too long for the file system) get their own sentence; anything else is an
"unexpected problem" whose traceback is written to a size-limited, rotated log in the user log
directory (``$KNOWLEDGE_EXPLORER_LOG_DIR`` overrides it, as the tests do).
"""

from __future__ import annotations

import errno
import logging
import os
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

import platformdirs

from explorer.core.settings import APP_NAME
from explorer.core.store.damage import damaged_message, is_damage

LOG_DIR_ENV = "KNOWLEDGE_EXPLORER_LOG_DIR"
LOG_NAME = "errors.log"
LOG_MAX_BYTES = 1024 * 1024
LOG_BACKUPS = 3
_SENTENCE_CHARS = 300


def log_dir() -> Path:
    env = os.environ.get(LOG_DIR_ENV)
    return Path(env).expanduser() if env else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    return log_dir() / LOG_NAME


def write_log(exc: BaseException, context: str = "") -> Path | None:
    """Append ``exc``'s traceback to the log (rotated at 1 MB, three old files kept); its path,
    or None when the log itself cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    record = logging.LogRecord(APP_NAME, logging.ERROR, __file__, 0, "%s", None, None)
    record.msg = f"{context or 'unexpected error'}\n{''.join(traceback.format_exception(exc)).rstrip()}"
    try:
        handler.emit(record)
    finally:
        handler.close()
    return path if path.exists() else None


def _one_sentence(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or "no details"
    if len(text) > _SENTENCE_CHARS:
        text = text[:_SENTENCE_CHARS] + "…"
    return f"{type(exc).__name__}: {text}"


def known_problem(exc: BaseException, db_path: str | Path | None = None) -> str | None:
    """The sentence for a problem whose cause is known, or None."""
    if is_damage(exc):
        return damaged_message(db_path, exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:
        name = os.fsdecode(exc.filename) if exc.filename is not None else "a name"
        return (
            f"A file or folder name is too long for the file system (at most 255 bytes per name): "
            f"{name[:60]}{'…' if len(name) > 60 else ''}"
        )
    return None


def unexpected_message(exc: BaseException, logged: Path | None) -> str:
    """ "Knowledge Explorer ran into an unexpected problem: …" with where the details are."""
    where = (
        f"Details were written to {logged}."
        if logged is not None
        else f"Its details could not be written to {log_path()}."
    )
    return f"Knowledge Explorer ran into an unexpected problem: {_one_sentence(exc)}. {where}"


def in_words(exc: BaseException, db_path: str | Path | None = None, context: str = "") -> str:
    """What a user reads about ``exc``: the known cause, or the unexpected one, logged."""
    known = known_problem(exc, db_path)
    return known if known is not None else unexpected_message(exc, write_log(exc, context))

"""spaCy imported without its command line, so that an import loads no HTTP library.

``import spacy`` runs ``from .cli.info import info`` (spaCy 3.8), and ``spacy.cli`` imports its
download command and weasel's project commands: requests, urllib3, http.client, ssl and httpx;
urllib3 even opens and binds a socket at import to see whether IPv6 works. Nothing else in
spaCy imports ``spacy.cli``, and Python's import system takes a module already present in
``sys.modules`` as imported. So, for the moment of ``import spacy`` only, ``spacy.cli.info`` is a
placeholder whose ``info`` loads the real command on demand; afterwards the placeholder is gone
and ``import spacy.cli`` works as usual. spaCy has no setting of its own for this.
"""

from __future__ import annotations

import sys
import threading
import types
from typing import Any

_CLI_INFO = "spacy.cli.info"
_lock = threading.Lock()


def _info_on_demand(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: spaCy's own, with its command line loaded only when someone asks."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """The ``spacy`` module, imported (once) without ``spacy.cli`` and the HTTP libraries it needs."""
    with _lock:
        if "spacy" in sys.modules or _CLI_INFO in sys.modules:
            import spacy

            return spacy
        placeholder = types.ModuleType(_CLI_INFO, _info_on_demand.__doc__)
        placeholder.info = _info_on_demand  # type: ignore[attr-defined]
        sys.modules[_CLI_INFO] = placeholder
        try:
            import spacy
        finally:
            if sys.modules.get(_CLI_INFO) is placeholder:
                del sys.modules[_CLI_INFO]
        return spacy

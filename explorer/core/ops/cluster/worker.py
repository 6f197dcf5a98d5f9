"""What runs on a Dask worker: the model loaded once per worker process, and a batch of texts → spans.

Imported only where ``distributed`` is installed (on workers, and by the client once it has checked).
The plugin carries the library's gazetteer; the model itself is kept per process and model name,
so registering the plugin again for the next import only swaps the gazetteer. Each import
registers a plugin of its own (named by its gazetteer), and each batch sets its gazetteer under
a lock, so two imports sharing a cluster never extract with each other's names.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, get_worker

from explorer.core.extraction.extract import Extractor
from explorer.core.extraction.user_gazetteer import GazetteerEntry
from explorer.core.model import Span
from explorer.core.ops.cluster.connection import product_versions
from explorer.core.ops.pipeline import FileLoader, read_outcomes
from explorer.core.reading.formats.document import ReadOptions
from explorer.core.reading.formats.registry import Outcome

PLUGIN_PREFIX = "knowledge-explorer-extractor"
_EXTRACTORS: dict[str, Extractor] = {}  # model name → its loaded pipeline, once per worker process
_PIPELINE = threading.Lock()  # one batch at a time uses a process's pipeline and its gazetteer


class VersionMismatchError(RuntimeError):
    """This worker would extract with another product or model version than the client."""


class ExtractorPlugin(WorkerPlugin):
    """Loads the model and the gazetteer when a worker starts (or joins later), not per batch.

    ``expected``: the client's versions (``product_versions``); a worker that joins after the
    import's check with other ones refuses every batch, which then runs elsewhere or fails.
    """

    def __init__(self, model: str, gazetteer: tuple[GazetteerEntry, ...], expected: dict[str, Any]) -> None:
        digest = hashlib.sha256(repr((model, gazetteer)).encode()).hexdigest()[:16]
        self.name = f"{PLUGIN_PREFIX}-{digest}"
        self.model = model
        self.gazetteer = gazetteer
        self.expected = expected
        self.extractor: Extractor | None = None
        self.problem = ""

    def setup(self, worker) -> None:
        found = product_versions(self.model)
        if found != self.expected:
            differences = sorted(key for key in self.expected if found.get(key) != self.expected[key])
            self.problem = f"the worker {worker.address} has another {', '.join(differences)} than the client"
            return
        extractor = _EXTRACTORS.get(self.model)
        if extractor is None:
            extractor = _EXTRACTORS[self.model] = Extractor(self.model).load()
        self.extractor = extractor


def preload(model: str) -> None:
    """Loads ``model`` into this process's cache, for the workers forked from it (a local cluster)."""
    if model not in _EXTRACTORS:
        _EXTRACTORS[model] = Extractor(model).load()


def extract_batch(plugin_name: str, texts: list[str]) -> list[list[Span]]:
    """The spans of each text, in order: the same ``Extractor.pipe`` a local import runs."""
    return _spans(_plugin(plugin_name), texts)


def read_and_extract(
    plugin_name: str, files: list[tuple[str, str]], options: ReadOptions
) -> list[tuple[list[Outcome], list[list[Span]]]]:
    """Each (label, absolute path) read as a local import reads it, with the spans of each of its
    articles (one list per outcome, empty where it holds no article): storage shared with the
    client, so only paths travel here and only what the library stores travels back."""
    plugin = _plugin(plugin_name)  # a worker of another version refuses before reading anything
    where = f" (on the Dask worker {get_worker().address})"
    read = [read_outcomes(label, FileLoader(Path(path), options), _unknown, where) for label, path in files]
    texts = [outcome.draft.body for outcomes in read for outcome in outcomes if outcome.draft is not None]
    spans = iter(_spans(plugin, texts))
    return [(outcomes, [next(spans) if outcome.draft is not None else [] for outcome in outcomes]) for outcomes in read]


def _unknown(file_sha256: str) -> None:
    """No file is known here: the worker has no library, the client finds duplicates by their text."""


def _plugin(plugin_name: str) -> ExtractorPlugin:
    """This import's plugin on this worker, once it holds the model; VersionMismatchError else."""
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, ExtractorPlugin)
    if plugin.problem or plugin.extractor is None:
        raise VersionMismatchError(plugin.problem)
    return plugin


def _spans(plugin: ExtractorPlugin, texts: list[str]) -> list[list[Span]]:
    assert plugin.extractor is not None  # checked by _plugin
    with _PIPELINE:
        plugin.extractor.use_gazetteer(plugin.gazetteer)  # a no-op unless another import ran meanwhile
        return [spans for spans, _ in plugin.extractor.pipe((text, None) for text in texts)]

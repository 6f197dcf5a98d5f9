"""What runs on a Dask worker: the model loaded once per worker process, and a batch of texts → spans.

Imported only where ``distributed`` is installed (on workers, and by the client once it has checked).
The plugin carries the library's gazetteer; the model itself is kept per process and model name,
so registering the plugin again for the next import only swaps the gazetteer.
"""

from __future__ import annotations

from distributed import WorkerPlugin, get_worker

from explorer.core.extraction.extract import Extractor
from explorer.core.extraction.user_gazetteer import GazetteerEntry
from explorer.core.model import Span

PLUGIN_NAME = "knowledge-explorer-extractor"
_EXTRACTORS: dict[str, Extractor] = {}  # model name → its loaded pipeline, once per worker process


class ExtractorPlugin(WorkerPlugin):
    """Loads the model and the gazetteer when a worker starts (or joins later), not per batch."""

    name = PLUGIN_NAME

    def __init__(self, model: str, gazetteer: tuple[GazetteerEntry, ...]) -> None:
        self.model = model
        self.gazetteer = gazetteer
        self.extractor: Extractor | None = None

    def setup(self, worker) -> None:
        extractor = _EXTRACTORS.get(self.model)
        if extractor is None:
            extractor = _EXTRACTORS[self.model] = Extractor(self.model).load()
        extractor.use_gazetteer(self.gazetteer)
        self.extractor = extractor


def extract_batch(texts: list[str]) -> list[list[Span]]:
    """The spans of each text, in order: the same ``Extractor.pipe`` a local import runs."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ExtractorPlugin) and plugin.extractor is not None  # set up before any task
    return [spans for spans, _ in plugin.extractor.pipe((text, None) for text in texts)]

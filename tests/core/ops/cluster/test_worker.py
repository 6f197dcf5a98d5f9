"""The worker side: the plugin loads the model and gazetteer once, and a batch's spans are exactly
those of the local Extractor."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.extraction.user_gazetteer import GazetteerEntry
from explorer.core.ops.cluster.worker import ExtractorPlugin, extract_batch
from explorer.core.settings import DEFAULT_MODEL
from tests.core.ops.test_pipeline import ORGS, PEOPLE, PLACES

words = st.sampled_from([*PEOPLE, *PLACES, *ORGS, "met", "said", "on Monday", "in March 2024", ".", "\n\n", "the"])
texts = st.lists(words, min_size=1, max_size=30).map(" ".join)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=6))
def test_a_batch_has_the_spans_of_the_local_extractor_in_order(dask_client, extractor, batch):
    dask_client.register_plugin(ExtractorPlugin(DEFAULT_MODEL, ()))
    extractor.use_gazetteer(())
    remote = dask_client.submit(extract_batch, batch, pure=False).result()
    assert remote == [spans for spans, _ in extractor.pipe((text, None) for text in batch)]


def test_the_plugin_carries_the_gazetteer_and_loads_the_model_once(dask_client):
    text = "Officials of Zorblat Quux met in Kenya."
    dask_client.register_plugin(ExtractorPlugin(DEFAULT_MODEL, (GazetteerEntry("Zorblat Quux", "product"),)))
    (spans,) = dask_client.submit(extract_batch, [text], pure=False).result()
    assert any(text[s.start : s.end] == "Zorblat Quux" and s.label == "PRODUCT" for s in spans)
    nlp_ids = set(dask_client.run(_loaded_pipeline_id).values())
    dask_client.register_plugin(ExtractorPlugin(DEFAULT_MODEL, ()))  # the next import: another gazetteer
    (spans,) = dask_client.submit(extract_batch, [text], pure=False).result()
    assert not any(s.label == "PRODUCT" for s in spans)
    assert set(dask_client.run(_loaded_pipeline_id).values()) == nlp_ids  # the same model, not reloaded


def _loaded_pipeline_id() -> int:
    from explorer.core.ops.cluster import worker

    return id(worker._EXTRACTORS[DEFAULT_MODEL].nlp)

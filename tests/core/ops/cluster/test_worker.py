"""The worker side: the plugin loads the model and gazetteer once, a batch's spans are exactly
those of the local Extractor, and two imports' gazetteers never mix."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.extraction.user_gazetteer import GazetteerEntry
from explorer.core.ops.cluster.connection import product_versions
from explorer.core.reading.formats.document import ReadOptions
from explorer.core.settings import DEFAULT_MODEL
from tests.core.ops.test_pipeline import ORGS, PEOPLE, PLACES

pytest.importorskip("distributed", reason="needs the cluster extra")
from explorer.core.ops.cluster.worker import (  # noqa: E402
    ExtractorPlugin,
    VersionMismatchError,
    extract_batch,
    read_and_extract,
)

words = st.sampled_from([*PEOPLE, *PLACES, *ORGS, "met", "said", "on Monday", "in March 2024", ".", "\n\n", "the"])
texts = st.lists(words, min_size=1, max_size=30).map(" ".join)
QUUX = "Officials of Zorblat Quux met in Kenya."


def _plugin(client, gazetteer=(), expected=None) -> str:
    plugin = ExtractorPlugin(DEFAULT_MODEL, tuple(gazetteer), expected or product_versions(DEFAULT_MODEL))
    client.register_plugin(plugin)
    return plugin.name


def _labels(spans, text) -> dict[str, str]:
    return {text[s.start : s.end]: s.label for s in spans}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=6))
def test_a_batch_has_the_spans_of_the_local_extractor_in_order(dask_client, extractor, batch):
    name = _plugin(dask_client)
    extractor.use_gazetteer(())
    remote = dask_client.submit(extract_batch, name, batch, pure=False).result()
    assert remote == [spans for spans, _ in extractor.pipe((text, None) for text in batch)]


def test_the_plugin_carries_the_gazetteer_and_loads_the_model_once(dask_client):
    with_quux = _plugin(dask_client, [GazetteerEntry("Zorblat Quux", "product")])
    (spans,) = dask_client.submit(extract_batch, with_quux, [QUUX], pure=False).result()
    assert _labels(spans, QUUX).get("Zorblat Quux") == "PRODUCT"
    nlp_ids = set(dask_client.run(_loaded_pipeline_id).values())
    plain = _plugin(dask_client)  # the next import: another gazetteer
    (spans,) = dask_client.submit(extract_batch, plain, [QUUX], pure=False).result()
    assert _labels(spans, QUUX).get("Zorblat Quux") != "PRODUCT"
    assert set(dask_client.run(_loaded_pipeline_id).values()) == nlp_ids  # the same model, not reloaded


def test_two_imports_on_one_cluster_keep_their_own_gazetteers(dask_client):
    """Batches of two imports interleaved on the same workers: each labelled by its own gazetteer."""
    product = _plugin(dask_client, [GazetteerEntry("Zorblat Quux", "product")])
    event = _plugin(dask_client, [GazetteerEntry("Zorblat Quux", "event")])
    futures = [dask_client.submit(extract_batch, name, [QUUX], pure=False) for name in [product, event] * 4]
    labels = [_labels(future.result()[0], QUUX).get("Zorblat Quux") for future in futures]
    assert labels == ["PRODUCT", "EVENT"] * 4


def test_a_worker_of_another_version_refuses_every_batch(dask_client):
    """A worker joining after the import's check: its plugin compares versions and it extracts nothing."""
    name = _plugin(dask_client, expected={**product_versions(DEFAULT_MODEL), "product": "0.0.0-other"})
    with pytest.raises(VersionMismatchError, match="has another product than the client"):
        dask_client.submit(extract_batch, name, ["Kenya."], pure=False).result()


def test_a_worker_of_another_version_reads_no_file_either(dask_client, tmp_path):
    """With shared storage: refused before the paths are read (a missing one would be a failure)."""
    name = _plugin(dask_client, expected={**product_versions(DEFAULT_MODEL), "product": "0.0.0-other"})
    files = [("missing", str(tmp_path / "missing.txt"))]
    with pytest.raises(VersionMismatchError, match="has another product than the client"):
        dask_client.submit(read_and_extract, name, files, ReadOptions(), pure=False).result()


def test_a_file_read_on_a_worker_comes_back_with_its_spans(dask_client, tmp_path):
    path = tmp_path / "one.txt"
    path.write_text(QUUX)
    name = _plugin(dask_client, [GazetteerEntry("Zorblat Quux", "product")])
    files = [("one", str(path)), ("missing", str(tmp_path / "missing.txt"))]
    ((outcomes, spans), (missing, none)) = dask_client.submit(
        read_and_extract, name, files, ReadOptions(), pure=False
    ).result()
    assert [outcome.draft.body for outcome in outcomes if outcome.draft] == [QUUX]
    assert _labels(spans[0], QUUX).get("Zorblat Quux") == "PRODUCT"
    assert missing[0].draft is None and "(on the Dask worker tcp://" in missing[0].reason and none == [[]]


def _loaded_pipeline_id() -> int:
    from explorer.core.ops.cluster import worker

    return id(worker._EXTRACTORS[DEFAULT_MODEL].nlp)

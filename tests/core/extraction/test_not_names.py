"""Spans that name nothing, and agencies' credits, on small texts written for each test."""

from __future__ import annotations

from explorer.core.extraction.entities import canonicalize
from explorer.core.model import Span


def spans(text: str, *labelled: tuple[str, str]) -> list[Span]:
    out, cursor = [], 0
    for phrase, label in labelled:
        start = text.index(phrase, cursor)
        out.append(Span(start, start + len(phrase), label, 0))
        cursor = start + len(phrase)
    return out


def names(text: str, *labelled: tuple[str, str]) -> list[tuple[str, str]]:
    return [(m.name, m.type) for m in canonicalize(spans(text, *labelled), text)]


def test_a_lower_case_word_is_no_name():
    text = "Qtly div 12 cts vs 10 cts prior, Halvorsen Mills said."
    assert names(text, ("cts", "ORG"), ("cts", "ORG"), ("Halvorsen Mills", "ORG")) == [
        ("Halvorsen Mills", "organisation")
    ]


def test_a_demonym_written_in_lower_case_keeps_its_group_with_a_capital():
    text = "All french prices were freed."
    assert names(text, ("french", "NORP")) == [("French", "group")]


def test_an_abbreviation_without_vowels_is_no_name():
    text = "Avg shrs 6,016,000 vs 5,713,000\nMln dlrs rose at Brantwell."
    assert names(text, ("Avg", "PERSON"), ("Mln", "ORG"), ("Brantwell", "ORG")) == [("Brantwell", "organisation")]


def test_an_acronym_in_capitals_is_still_a_name():
    text = "The NBC network and the BBC agreed."
    assert [n for n, _ in names(text, ("NBC", "ORG"), ("BBC", "ORG"))] == ["NBC", "BBC"]


def test_a_legal_form_alone_is_no_name():
    text = "Dunmore Tool Co said Co shares rose."
    assert names(text, ("Dunmore Tool Co", "ORG"), ("Co", "ORG")) == [("Dunmore Tool Co", "organisation")]


def test_a_capitalised_common_noun_the_text_also_writes_in_lower_case_is_no_name():
    text = "The Nation is strong. Every nation wants peace, and the States agree with the states nearby."
    assert names(text, ("Nation", "ORG"), ("States", "GPE")) == []


def test_a_capitalised_word_never_written_in_lower_case_stays():
    text = "The Senate met. Later the Senate voted on the bill."
    assert names(text, ("Senate", "ORG"), ("Senate", "ORG")) == [("Senate", "organisation")] * 2


def test_a_persons_name_that_is_also_a_word_stays():
    text = "Shares rose after Dr. Ingrid Rose spoke; Rose said prices rose too."
    assert [n for n, _ in names(text, ("Ingrid Rose", "PERSON"), ("Rose", "PERSON"))] == ["Ingrid Rose"] * 2


def test_america_is_the_united_states():
    text = "America and the United States are one country; Latin America is not."
    assert names(text, ("America", "GPE"), ("United States", "GPE"), ("Latin America", "LOC")) == [
        ("United States", "place"),
        ("United States", "place"),
        ("Latin America", "place"),
    ]


def test_an_agency_sign_off_is_the_source_not_a_mention():
    text = "Crestline Foods raised its dividend.\n Reuter\n"
    assert names(text, ("Crestline Foods", "ORG"), ("Reuter", "ORG")) == [("Crestline Foods", "organisation")]


def test_an_agency_in_the_dateline_is_the_source_not_a_mention():
    text = "OSLO, March 3 (Reuters) - Norvik Oil said output fell, Reuters calculations show."
    found = names(text, ("OSLO", "GPE"), ("Reuters", "ORG"), ("Norvik Oil", "ORG"), ("Reuters", "ORG"))
    assert found.count(("Reuters", "organisation")) == 1
    assert ("Norvik Oil", "organisation") in found


def test_an_agency_credited_in_a_sentence_is_a_mention():
    text = "Output fell, the ministry said.\nBased On Reuters Report"
    assert names(text, ("Reuters", "ORG")) == [("Reuters", "organisation")]


def test_a_table_rows_label_read_as_a_person_is_no_name_but_a_place_row_is():
    text = "Year\n    Revs 12.1 mln vs 9.8 mln\n    Japan 4.5 pct\n    Dunfield 1.47 2.04\nRevs rose at Mellick Bros."
    found = names(text, ("Revs", "PERSON"), ("Japan", "GPE"), ("Dunfield", "GPE"), ("Mellick Bros", "ORG"))
    assert found == [("Japan", "place"), ("Dunfield", "place"), ("Mellick Bros", "organisation")]


def test_a_name_written_mostly_capitalised_stays_beside_a_lower_case_use():
    text = "The Fed held rates. Traders said the Fed would wait. The Fed met. Prices of fed cattle fell."
    assert names(text, ("Fed", "ORG"), ("Fed", "ORG")) == [("Fed", "organisation")] * 3  # the third repeated


def test_in_a_text_without_capitals_names_in_lower_case_stay():
    text = "officials at the world bank met jorge marcano in caracas on monday to discuss the loan."
    assert names(text, ("world bank", "ORG"), ("jorge marcano", "PERSON")) == [
        ("world bank", "organisation"),
        ("jorge marcano", "person"),
    ]

"""Canonicalisation rules, each on a small text written for it, with the spans NER might give."""

from __future__ import annotations

from datetime import date

import pytest

from explorer.core.extraction.entities import canonicalize, normalize_name
from explorer.core.model import Mention, Span
from tests.core.extraction.test_not_names import spans as spans_at


def span(text: str, phrase: str, label: str, occurrence: int = 0, sentence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), label, sentence)


def named(mentions: list[Mention], text: str) -> list[tuple[str, str, str]]:
    """(surface, canonical name, type) of each mention, in text order."""
    return [(text[m.start : m.end], m.name, m.type) for m in mentions]


# ---- identity key ------------------------------------------------------------------------


def test_normalize_name_folds_case_quotes_dashes_and_spaces():
    assert normalize_name("  Xi \n Jinping ") == normalize_name("XI JINPING") == "xi jinping"
    assert normalize_name("China\u2013Pakistan") == normalize_name("china-pakistan")
    assert normalize_name("O\u2019Brien") == "o'brien"
    assert normalize_name("\u201cOcean\u201d") == '"ocean"'
    assert normalize_name("Stra\u00dfe") == normalize_name("STRASSE")


# ---- what is not an entity ---------------------------------------------------------------


def test_numbers_money_percentages_and_times_are_dropped():
    text = "Two firms paid $5 million, or 12 percent, for 300 tonnes at 9 a.m., the first time."
    spans = [
        span(text, "Two", "CARDINAL"),
        span(text, "$5 million", "MONEY"),
        span(text, "12 percent", "PERCENT"),
        span(text, "300 tonnes", "QUANTITY"),
        span(text, "9 a.m.", "TIME"),
        span(text, "first", "ORDINAL"),
    ]
    assert canonicalize(spans, text) == []


# ---- trimming ----------------------------------------------------------------------------


def test_leading_determiner_is_not_part_of_the_name():
    text = "Exports to the United Kingdom rose. The European Commission said so."
    mentions = canonicalize(
        [span(text, "the United Kingdom", "GPE"), span(text, "The European Commission", "ORG", sentence=1)], text
    )
    assert named(mentions, text) == [
        ("United Kingdom", "United Kingdom", "place"),
        ("European Commission", "European Commission", "organisation"),
    ]


def test_a_capitalised_the_inside_a_sentence_belongs_to_the_name():
    text = "Judges met in The Hague on the case."
    assert named(canonicalize([span(text, "The Hague", "GPE")], text), text) == [("The Hague", "The Hague", "place")]


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Prime Minister Anna Lindqvist", "Anna Lindqvist"),
        ("Norwegian Foreign Minister Kari Holt", "Kari Holt"),
        ("former Senator Joan Fields", "Joan Fields"),
        ("Dr. Ravi Menon", "Ravi Menon"),
        ("U.S. Secretary of State Mark Wells", "Mark Wells"),
        ("Chairman and CEO Lee Park", "Lee Park"),
        ("Madame Odile Fanchon", "Odile Fanchon"),
        ("First Lady Rosa Vance", "Rosa Vance"),
    ],
)
def test_titles_are_stripped_from_people(phrase, name):
    text = f"Yesterday {phrase} spoke to reporters."
    mentions = canonicalize([span(text, phrase, "PERSON")], text)
    assert named(mentions, text) == [(name, name, "person")]


def test_a_title_alone_names_no_one():
    text = "Madam Speaker, the Vice President and the Second Gentleman heard Tom Brisco. Later the Speaker left."
    found = spans_at(
        text,
        ("Madam", "PERSON"),
        ("Vice President", "PERSON"),
        ("Second Gentleman", "PERSON"),
        ("Tom Brisco", "PERSON"),
        ("Speaker", "PERSON"),
    )
    assert named(canonicalize(found, text), text) == [("Tom Brisco", "Tom Brisco", "person")]


def test_a_title_that_is_also_a_surname_stays_when_it_is_the_surname():
    text = "Odell King wrote the book. Critics said King was right."
    mentions = canonicalize(spans_at(text, ("Odell King", "PERSON"), ("King", "PERSON")), text)
    assert named(mentions, text) == [("Odell King", "Odell King", "person"), ("King", "Odell King", "person")]


def test_titles_stay_in_names_of_organisations():
    text = "She studied at King Abdullah University."
    mentions = canonicalize([span(text, "King Abdullah University", "ORG")], text)
    assert mentions[0].name == "King Abdullah University"


def test_possessive_and_quotes_are_trimmed():
    text = "Norway\u2019s fleet and Acme Corp's plant were named \u201cProject Falcon\u201d by Acme Corp."
    mentions = canonicalize(
        [
            span(text, "Norway\u2019s", "GPE"),
            span(text, "Acme Corp's", "ORG"),
            span(text, "\u201cProject Falcon\u201d", "WORK_OF_ART"),
            span(text, "Acme Corp.", "ORG"),
        ],
        text,
    )
    assert named(mentions, text) == [
        ("Norway", "Norway", "place"),
        ("Acme Corp", "Acme Corp", "organisation"),
        ("Project Falcon", "Project Falcon", "work"),
        ("Acme Corp.", "Acme Corp.", "organisation"),
    ]


def test_an_organisation_never_written_without_its_s_keeps_it():
    text = "Analysts at Moody's cut the rating."
    assert canonicalize([span(text, "Moody's", "ORG")], text)[0].name == "Moody's"


def test_the_s_after_a_company_name_of_several_words_is_a_possessive():
    text = "Analysts praised Corvin Data Systems's new chip."
    mentions = canonicalize([span(text, "Corvin Data Systems's", "ORG")], text)
    assert named(mentions, text) == [("Corvin Data Systems", "Corvin Data Systems", "organisation")]


def test_an_eponymous_pair_keeps_its_s():
    text = "Ratings from Standard & Poor's were cut."
    assert canonicalize([span(text, "Standard & Poor's", "ORG")], text)[0].name == "Standard & Poor's"


def test_a_spaced_dash_separates_two_names_ner_joined():
    text = "The supplier, based in Lyon \u2013 Verrant Systems, sued. Ostrava -- Belmark Oy agreed."
    mentions = canonicalize(
        [span(text, "Lyon \u2013 Verrant Systems", "GPE"), span(text, "Ostrava -- Belmark Oy", "ORG")], text
    )
    assert [text[m.start : m.end] for m in mentions] == ["Lyon", "Verrant Systems", "Ostrava", "Belmark Oy"]


def test_a_spaced_hyphen_stays_inside_a_name():
    text = "Shoppers left Harl - Mart early."
    assert [m.name for m in canonicalize([span(text, "Harl - Mart", "ORG")], text)] == ["Harl - Mart"]


# ---- span repair -------------------------------------------------------------------------


def test_a_name_cut_before_its_head_word_is_extended():
    text = "Funds for the Clean Rivers and Lakes Initiative grew. Clean Rivers and Lakes projects lag."
    mentions = canonicalize(
        [span(text, "Clean Rivers and Lakes", "FAC"), span(text, "Clean Rivers and Lakes", "FAC", 1, sentence=1)],
        text,
    )
    assert named(mentions, text) == [
        ("Clean Rivers and Lakes Initiative", "Clean Rivers and Lakes Initiative", "organisation"),
        ("Clean Rivers and Lakes", "Clean Rivers and Lakes Initiative", "organisation"),
    ]


def test_a_headed_name_ner_missed_is_added_and_one_it_split_is_joined():
    text = "Oslo backs the Nordic-Baltic Energy Corridor. It opened the Green Valley Development Corridor."
    mentions = canonicalize([span(text, "Oslo", "GPE"), span(text, "Nordic", "NORP")], text)
    assert named(mentions, text) == [
        ("Oslo", "Oslo", "place"),
        ("Nordic-Baltic Energy Corridor", "Nordic-Baltic Energy Corridor", "organisation"),
        ("Green Valley Development Corridor", "Green Valley Development Corridor", "organisation"),
    ]
    assert mentions[2].sentence == 1


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Trade between Norway and the European Union grew.", [("Norway", "GPE"), ("European Union", "ORG")]),
        ("Loans came from Kestrel and Harrow Bank.", [("Kestrel", "ORG"), ("Harrow Bank", "ORG")]),
        ("Leaders Gather Today For Big Regional Summit\nThe talks start at noon.", []),
        ("Shares of Holdings Inc rose.", []),
    ],
)
def test_repair_never_joins_separate_names_or_headline_words(text, spans):
    mentions = canonicalize([span(text, phrase, label) for phrase, label in spans], text)
    assert [text[m.start : m.end] for m in mentions] == [phrase for phrase, _ in spans]


# ---- acronyms ----------------------------------------------------------------------------


def test_an_acronym_in_parentheses_and_its_later_uses_take_the_long_form():
    text = "The Northern Rail Authority (NRA) set fares. Later the NRA said fares rise. NRA staff agreed."
    mentions = canonicalize(
        [
            span(text, "The Northern Rail Authority", "ORG"),
            span(text, "NRA", "ORG"),
            span(text, "NRA", "ORG", 1, sentence=1),
        ],
        text,
    )
    assert named(mentions, text) == [
        ("Northern Rail Authority", "Northern Rail Authority", "organisation"),
        ("NRA", "Northern Rail Authority", "organisation"),
        ("NRA", "Northern Rail Authority", "organisation"),
        ("NRA", "Northern Rail Authority", "organisation"),  # NER missed it: added
    ]
    assert mentions[0].aliases == ("NRA",)
    assert all(m.aliases == () for m in mentions[1:])
    assert mentions[3].sentence == 2


def test_the_long_form_is_found_by_initials_when_ner_saw_only_part_of_it():
    text = "Water is run by the Lakeside Water Treatment Board (LWTB) and by the Volta Popular-e-Nuova (VPN)."
    mentions = canonicalize([span(text, "Lakeside", "GPE"), span(text, "Volta", "PERSON")], text)
    assert named(mentions, text) == [
        ("Lakeside Water Treatment Board", "Lakeside Water Treatment Board", "organisation"),
        ("LWTB", "Lakeside Water Treatment Board", "organisation"),
        ("Volta Popular-e-Nuova", "Volta Popular-e-Nuova", "organisation"),
        ("VPN", "Volta Popular-e-Nuova", "organisation"),
    ]


def test_a_defined_acronym_wins_over_a_news_agency_of_the_same_letters():
    text = "Members of Pakora Tamil Ittehad (PTI) protested. PTI leaders spoke."
    mentions = canonicalize([span(text, "PTI", "ORG"), span(text, "PTI", "ORG", 1, sentence=1)], text)
    assert {m.name for m in mentions} == {"Pakora Tamil Ittehad"}


def test_a_bare_acronym_takes_the_one_name_of_the_article_it_abbreviates():
    text = "The World Chess Federation met in Oslo. WCF officials left."
    mentions = canonicalize(
        [span(text, "World Chess Federation", "ORG"), span(text, "Oslo", "GPE"), span(text, "WCF", "ORG", sentence=1)],
        text,
    )
    assert named(mentions, text)[2] == ("WCF", "World Chess Federation", "organisation")
    assert all(m.aliases == () for m in mentions)  # no definition, so no corpus-wide alias


# ---- short forms -------------------------------------------------------------------------


def test_a_surname_or_first_name_takes_the_full_name():
    text = "Anna Lindqvist arrived. Lindqvist said Anna would stay."
    mentions = canonicalize(
        [
            span(text, "Anna Lindqvist", "PERSON"),
            span(text, "Lindqvist", "PERSON", 1, sentence=1),
            span(text, "Anna", "PERSON", 1, sentence=1),
        ],
        text,
    )
    assert [m.name for m in mentions] == ["Anna Lindqvist"] * 3


def test_an_ambiguous_surname_stays_as_written():
    text = "Anna Lindqvist and Erik Lindqvist met. Lindqvist left."
    mentions = canonicalize(
        [
            span(text, "Anna Lindqvist", "PERSON"),
            span(text, "Erik Lindqvist", "PERSON"),
            span(text, "Lindqvist", "PERSON", 2, sentence=1),
        ],
        text,
    )
    assert mentions[2].name == "Lindqvist"


def test_an_organisation_short_form_takes_its_name_with_designator_only():
    text = "Harrow Motor Group Ltd grew. Harrow said Harrow Europe lagged."
    mentions = canonicalize(
        [
            span(text, "Harrow Motor Group Ltd", "ORG"),
            span(text, "Harrow", "ORG", 1),
            span(text, "Harrow Europe", "ORG"),
        ],
        text,
    )
    assert [m.name for m in mentions] == ["Harrow Motor Group Ltd", "Harrow Motor Group Ltd", "Harrow Europe"]


def test_places_are_never_shortened_into_each_other():
    text = "Growth in South Asia beat Asia."
    mentions = canonicalize([span(text, "South Asia", "LOC"), span(text, "Asia", "LOC", 1)], text)
    assert [m.name for m in mentions] == ["South Asia", "Asia"]


# ---- types -------------------------------------------------------------------------------


def test_all_mentions_of_a_name_get_the_majority_type():
    text = "Kestrel grew. Kestrel hired. Kestrel said so."
    mentions = canonicalize(
        [span(text, "Kestrel", "ORG"), span(text, "Kestrel", "PERSON", 1, 1), span(text, "Kestrel", "ORG", 2, 2)], text
    )
    assert {m.type for m in mentions} == {"organisation"}


def test_on_a_tie_the_full_names_own_type_wins():
    text = "The Silver Lake Initiative began. Silver Lake work goes on."
    mentions = canonicalize([span(text, "Silver Lake Initiative", "ORG"), span(text, "Silver Lake", "FAC", 1, 1)], text)
    assert {(m.name, m.type) for m in mentions} == {("Silver Lake Initiative", "organisation")}


def test_news_agencies_are_organisations_whatever_ner_said_and_are_found_when_missed():
    text = "Officials told Xinhua News Agency, Xinhua reported. Kyodo said so too.\n\nBased On Reuters Report"
    mentions = canonicalize([span(text, "Xinhua News Agency", "ORG"), span(text, "Xinhua", "PERSON", 1)], text)
    assert named(mentions, text) == [
        ("Xinhua News Agency", "Xinhua", "organisation"),
        ("Xinhua", "Xinhua", "organisation"),
        ("Kyodo", "Kyodo News", "organisation"),
        ("Reuters", "Reuters", "organisation"),
    ]
    assert [m.sentence for m in mentions] == [0, 0, 1, 2]


def test_a_person_whose_surname_is_an_agency_stays_a_person():
    text = "Mayor Michael Bloomberg spoke. Bloomberg left."
    mentions = canonicalize([span(text, "Michael Bloomberg", "PERSON"), span(text, "Bloomberg", "PERSON", 1, 1)], text)
    assert {(m.name, m.type) for m in mentions} == {("Michael Bloomberg", "person")}


# ---- countries and groups ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("United States of America", "United States"),
        ("the States", "United States"),
        ("UK", "United Kingdom"),
        ("Syrian Arab Republic", "Syria"),
        ("Viet Nam", "Vietnam"),
        ("Russian Federation", "Russian Federation"),
        ("Russia", "Russia"),
        ("Ruritania", "Ruritania"),
    ],
)
def test_country_variants_take_one_short_name(phrase, name):
    text = f"Talks with {phrase} resumed."
    mentions = canonicalize([span(text, phrase, "GPE")], text)
    assert (mentions[0].name, mentions[0].type) == (name, "place")


def test_dotted_country_codes_are_places_whatever_the_label():
    text = "The U.S. said so."
    mentions = canonicalize([span(text, "U.S.", "ORG")], text)
    assert (mentions[0].name, mentions[0].type) == ("United States", "place")


def test_demonyms_stay_groups_of_their_own():
    text = "Chinese officials met Pakistani ones in China. Chinese investors came."
    mentions = canonicalize(
        [
            span(text, "Chinese", "NORP"),
            span(text, "Pakistani", "NORP"),
            span(text, "China", "GPE"),
            span(text, "Chinese", "PERSON", 1, 1),
        ],
        text,
    )
    assert named(mentions, text) == [
        ("Chinese", "Chinese", "group"),
        ("Pakistani", "Pakistani", "group"),
        ("China", "China", "place"),
        ("Chinese", "Chinese", "group"),
    ]


# ---- dates -------------------------------------------------------------------------------


def test_dates_resolve_against_the_article_date_and_vague_ones_are_dropped():
    """Undated, a relative date stays a mention without a period; a vague one is never one."""
    text = "Sales fell last year and in recent years, but rose in March 2009."
    spans = [span(text, "last year", "DATE"), span(text, "recent years", "DATE"), span(text, "March 2009", "DATE")]
    dated = canonicalize(spans, text, date(2024, 5, 10))
    assert [(m.name, m.type, m.time_start, m.time_end) for m in dated] == [
        ("2023", "date", "2023-01-01", "2023-12-31"),
        ("March 2009", "date", "2009-03-01", "2009-03-31"),
    ]
    undated = canonicalize(spans, text)
    assert [(m.name, m.time_start, m.time_end) for m in undated] == [
        ("last year", None, None),
        ("March 2009", "2009-03-01", "2009-03-31"),
    ]


# ---- output shape ------------------------------------------------------------------------


def test_mentions_are_in_text_order_and_never_overlap():
    text = "Kestrel Bank of Oslo said Oslo grew."
    mentions = canonicalize(
        [span(text, "Oslo", "GPE", 1), span(text, "Kestrel Bank of Oslo", "ORG"), span(text, "Oslo", "GPE")], text
    )
    assert [(m.start, m.end) for m in mentions] == [(0, 20), (26, 30)]


def test_a_headed_name_may_open_a_sentence():
    text = "Belt and Road Initiative funds grew. Bank of Lakeland Reserve officials agreed."
    mentions = canonicalize([], text)
    assert [m.name for m in mentions] == ["Belt and Road Initiative", "Bank of Lakeland Reserve"]


def test_an_all_caps_headline_name_is_shown_as_the_article_writes_it_or_in_title_case():
    text = "BANK OF LAKELAND AND NORDVIK TRUST TO MERGE\nNordvik Trust said the merger would close soon."
    mentions = canonicalize(
        [
            span(text, "BANK OF LAKELAND", "ORG"),
            span(text, "NORDVIK TRUST", "ORG"),
            span(text, "Nordvik Trust", "ORG", sentence=1),
        ],
        text,
    )
    assert [m.name for m in mentions] == ["Bank of Lakeland", "Nordvik Trust", "Nordvik Trust"]


def test_capitals_in_mixed_case_text_are_deliberate():
    text = "Shares of EADS N.V. rose."
    assert canonicalize([span(text, "EADS N.V.", "ORG")], text)[0].name == "EADS N.V."


def test_a_determiner_before_a_hard_wrap_is_trimmed_too():
    text = "Ministers of the\nEuropean Community met."
    mentions = canonicalize([span(text, "the\nEuropean Community", "ORG")], text)
    assert named(mentions, text) == [("European Community", "European Community", "organisation")]


def test_a_name_ending_in_a_legal_form_is_an_organisation():
    text = "Penske bought Halbrook Corporation. Halbrook cars sell well."
    spans = [span(text, "Halbrook Corporation", "PRODUCT"), span(text, "Halbrook", "PRODUCT")]
    assert [(m.name, m.type) for m in canonicalize(spans, text)] == [("Halbrook Corporation", "organisation")] * 2


def test_a_persons_surname_misread_as_a_nationality_leaves_the_person_a_person():
    text = "Corin Halvey bid again. Halvey said he would wait. Halvey's offer stands."
    spans = [span(text, "Corin Halvey", "PERSON"), span(text, "Halvey said", "PERSON")]
    spans[1] = Span(spans[1].start, spans[1].start + 6, "NORP", 1)
    assert {(m.name, m.type) for m in canonicalize(spans, text)} == {("Corin Halvey", "person")}

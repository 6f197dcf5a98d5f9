"""Title, date and source detection, each with where it came from."""

from __future__ import annotations

import time
from datetime import date

import pytest

from explorer.core.news_agencies import NEWS_AGENCIES
from explorer.core.reading.metadata import (
    agency_name,
    date_from_dateline,
    date_from_file_name,
    detect_date,
    detect_metadata,
    parse_date,
    read_header_block,
)

PARAGRAPH = (
    "Officials met on Tuesday to discuss the plan. They agreed on a timetable for the talks "
    "and said more meetings would follow."
)


# --- headers and front matter -------------------------------------------------------------


def test_header_block_gives_title_date_source_and_is_removed_from_the_body():
    found = detect_metadata(
        "Title: Talks resume in Geneva\nDate: 2024-06-08\nSource: AP\nAuthor: J. Doe\n\n" + PARAGRAPH,
        "2023-01-01_talks.txt",
    )
    assert found.title == "Talks resume in Geneva"
    assert (found.published, found.date_source) == (date(2024, 6, 8), "header")
    assert (found.source, found.source_origin) == ("Associated Press", "header")
    assert found.body == PARAGRAPH


def test_published_header_and_unknown_source_value_are_kept():
    found = detect_metadata("Published: June 8, 2024\nSource: Ministry press office\n\n" + PARAGRAPH)
    assert (found.published, found.date_source) == (date(2024, 6, 8), "header")
    assert (found.source, found.source_origin) == ("Ministry press office", "header")
    assert found.body == PARAGRAPH


def test_front_matter():
    text = (
        '---\ntitle: "Talks resume: a timeline"\ndate: 2024-06-08T10:30:00Z\n'
        "source: 'Reuters'\ntags: [talks]\n---\n\n" + PARAGRAPH
    )
    found = detect_metadata(text)
    assert found.title == "Talks resume: a timeline"
    assert (found.published, found.date_source) == (date(2024, 6, 8), "front matter")
    assert (found.source, found.source_origin) == ("Reuters", "header")
    assert found.body == PARAGRAPH


def test_unclosed_front_matter_and_unknown_keys_are_text():
    assert read_header_block("---\ntitle: x\n" + PARAGRAPH) == ({}, None, "---\ntitle: x\n" + PARAGRAPH)
    note = "Note: the figures are provisional.\n" + PARAGRAPH
    assert read_header_block(note) == ({}, None, note)


def test_unreadable_header_date_falls_back_to_the_file_name():
    found = detect_metadata("Date: last week\n\n" + PARAGRAPH, "talks_2024-06-08.txt")
    assert (found.published, found.date_source) == (date(2024, 6, 8), "file name")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-06-08", date(2024, 6, 8)),
        ("2024-06-08 10:00:00 +0200", date(2024, 6, 8)),
        ("20240608", date(2024, 6, 8)),
        ("Sat, 08 Jun 2024 10:00:00 +0000", date(2024, 6, 8)),
        ("8th June, 2024", date(2024, 6, 8)),
        ("JUNE 8, 2024", date(2024, 6, 8)),
        ("Sept. 3, 1999", date(1999, 9, 3)),
        ("25/12/2023", date(2023, 12, 25)),
        ("12/25/2023", date(2023, 12, 25)),
        ("8.6.2024", date(2024, 6, 8)),
        ("1790-01-08", date(1790, 1, 8)),
        ("10230101", None),
        ("06/08/2024", None),  # June 8 or 6 August: not guessed
        ("2024-02-30", None),
        ("June 8", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


# --- title ------------------------------------------------------------------------------------


def test_first_line_followed_by_a_blank_line_is_the_title():
    found = detect_metadata("Talks resume in Geneva\n\n" + PARAGRAPH)
    assert (found.title, found.body) == ("Talks resume in Geneva", PARAGRAPH)


def test_first_line_running_into_the_text_is_the_title():
    found = detect_metadata(
        "Internal emails expose contract discussions\nEmails exchanged among officials "
        "have been entered into the public record.\nMore text."
    )
    assert found.title == "Internal emails expose contract discussions"
    assert found.body.startswith("Emails exchanged")


def test_all_caps_wire_title_stays_as_it_is():
    found = detect_metadata(
        "BAHIA COCOA REVIEW\nShowers continued throughout the week in\nthe Bahia cocoa zone.\n Reuter"
    )
    assert found.title == "BAHIA COCOA REVIEW"
    assert found.body.startswith("Showers continued")


def test_markdown_heading_is_the_title():
    found = detect_metadata("# Talks resume\n\n" + PARAGRAPH)
    assert (found.title, found.body) == ("Talks resume", PARAGRAPH)


@pytest.mark.parametrize(
    "text",
    [
        # a hard-wrapped paragraph: the first line continues on the next
        "The minister said on Tuesday that the\ngovernment would review the plan next year.",
        "The minister said on Tuesday that the government would\nreview the plan next year.",
        # a first line that is a sentence
        "The minister said the talks went well.\n\n" + PARAGRAPH,
        # two sentences on the first line
        "Talks ended. The minister left\n\n" + PARAGRAPH,
        # a lead-in
        "In a statement on Tuesday, officials said:\n\n" + PARAGRAPH,
    ],
)
def test_text_without_a_title_line_keeps_its_whole_text_as_body(text):
    found = detect_metadata(text)
    assert found.body == text
    assert found.title == " ".join(found.title.split())


def test_title_from_the_first_words():
    text = (
        "China and Pakistan have reaffirmed their long-standing strategic partnership by deepening "
        "security and defence cooperation through a new joint action plan, officials said.\n\nMore."
    )
    found = detect_metadata(text)
    assert found.title == (
        "China and Pakistan have reaffirmed their long-standing strategic partnership by deepening security…"
    )
    assert found.body == text


def test_title_from_a_short_first_sentence_has_no_ellipsis():
    found = detect_metadata(
        "Stocks fell sharply on Monday. Traders blamed weak data from U.S. factories and a stronger dollar."
    )
    assert found.title == "Stocks fell sharply on Monday."


def test_single_short_line_is_title_and_body():
    found = detect_metadata("Markets closed early")
    assert (found.title, found.body) == ("Markets closed early", "Markets closed early")


def test_title_is_never_too_long():
    found = detect_metadata(" ".join(["Supercalifragilisticexpialidocious"] * 12) + "\nmore")
    assert len(found.title) <= 150 and found.title.endswith("…")


# --- date ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "2024-06-08_foo.txt",
        "20240608-foo.txt",
        "foo_2024-06-08.txt",
        "foo_2024_06_08.txt",
        "news/2024.06.08 report.txt",
    ],
)
def test_date_in_the_file_name(name):
    assert date_from_file_name(name) == date(2024, 6, 8)
    found = detect_metadata(PARAGRAPH, name)
    assert (found.published, found.date_source) == (date(2024, 6, 8), "file name")


@pytest.mark.parametrize(
    "name", ["2024-02-30_foo.txt", "12345678.txt", "10230101.txt", "report-2024.txt", "x_202406081.txt"]
)
def test_no_date_in_the_file_name(name):
    assert date_from_file_name(name) is None


def test_old_dates_in_file_names_need_separators():
    assert date_from_file_name("1790-01-08_address.txt") == date(1790, 1, 8)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("BEIJING, June 8, 2024 (Reuters) - China said", date(2024, 6, 8)),
        ("LONDON, 8 June 2024 - Britain said", date(2024, 6, 8)),
        ("Posted 2024-06-08 by the desk", date(2024, 6, 8)),
        ("WASHINGTON, Sept. 3rd, 1999 (AP) — Congress", date(1999, 9, 3)),
        ("BEIJING, June 8 (Reuters) - China said on June 7, 2023", None),  # no year: none invented
        ("Markets were calm on Monday.", None),
    ],
)
def test_dateline(head, expected):
    assert date_from_dateline(head) == expected


def test_dateline_without_a_year_takes_the_year_from_the_default_date():
    assert date_from_dateline("BEIJING, June 8 (Reuters) -", near=date(2024, 6, 20)) == date(2024, 6, 8)
    assert date_from_dateline("TOKYO, Dec 30 (Kyodo) -", near=date(2025, 1, 3)) == date(2024, 12, 30)
    found = detect_metadata("BEIJING, June 8 (Reuters) - " + PARAGRAPH, default_date=date(2024, 6, 20))
    assert (found.published, found.date_source) == (date(2024, 6, 8), "dateline")


def test_dateline_date_source_and_order_of_precedence():
    text = "Talks resume\n\nGENEVA, March 3, 2021 (AFP) - " + PARAGRAPH
    assert detect_metadata(text).date_source == "dateline"
    assert detect_metadata(text).published == date(2021, 3, 3)
    assert detect_metadata(text, "2020-01-01_x.txt").date_source == "file name"
    assert detect_metadata("Date: 2019-05-05\n\n" + text, "2020-01-01_x.txt").date_source == "header"


def test_detect_date_agrees_with_detect_metadata():
    text = "Talks resume\n\nGENEVA, March 3, 2021 (AFP) - " + PARAGRAPH
    assert detect_date(text) == (date(2021, 3, 3), "dateline")
    assert detect_date("Date: 2019-05-05\n\n" + text, "2020-01-01_x.txt") == (date(2019, 5, 5), "header")
    assert detect_date(PARAGRAPH, None, date(2000, 1, 1)) == (date(2000, 1, 1), "user")


def test_dates_far_from_the_top_are_not_a_dateline():
    text = PARAGRAPH + " " * 300 + "\nOn June 8, 2024 the plan starts."
    found = detect_metadata(text, default_date=date(2000, 1, 1))
    assert (found.published, found.date_source) == (date(2000, 1, 1), "user")
    assert detect_metadata(text).date_source == "none"


# --- source ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "origin"),
    [
        ("BEIJING, June 8 (Reuters) - " + PARAGRAPH, "Reuters", "dateline"),
        ("WASHINGTON (AP) — " + PARAGRAPH, "Associated Press", "dateline"),
        ("PARIS (AFP) - " + PARAGRAPH, "Agence France-Presse", "dateline"),
        ("BEIJING, June 8 (Xinhua) -- " + PARAGRAPH, "Xinhua", "dateline"),
        (PARAGRAPH + "\n\nBased On Reuters Report", "Reuters", "attribution"),
        (PARAGRAPH + "\n\nSource: Bloomberg", "Bloomberg", "attribution"),
        (PARAGRAPH + "\n\nSource: company statement.", "company statement", "attribution"),
        (PARAGRAPH + "\n— Reuters", "Reuters", "attribution"),
        (PARAGRAPH + "\n Reuter", "Reuters", "attribution"),
        (PARAGRAPH + "\n REUTER^M", "Reuters", "attribution"),
        (PARAGRAPH + "\n(With inputs from PTI)", "Press Trust of India", "attribution"),
        (
            PARAGRAPH + "\n\nBased On Reuters Report\n\n(Reporting by Jane Doe; Editing by John Roe)",
            "Reuters",
            "attribution",
        ),
    ],
)
def test_source(text, source, origin):
    found = detect_metadata(text)
    assert (found.source, found.source_origin) == (source, origin)


@pytest.mark.parametrize(
    "text",
    [
        PARAGRAPH + "\n(Reporting by Jane Doe in London; Editing by John Roe)",
        "Officials from the Press Trust of India (PTI) said on Tuesday that " + PARAGRAPH,
        PARAGRAPH + "\nA spokesman for the agency declined to comment when asked by Reuters about "
        "the plan, which is expected to be published later this year.",
        PARAGRAPH + "\nShe joined the AP desk later.",
    ],
)
def test_no_source(text):
    found = detect_metadata(text)
    assert (found.source, found.source_origin) == (None, None)


def test_header_source_wins_over_dateline_and_attribution():
    found = detect_metadata("Source: dpa\n\nBERLIN (Reuters) - " + PARAGRAPH + "\n— AFP")
    assert (found.source, found.source_origin) == ("Deutsche Presse-Agentur", "header")


def test_agency_names():
    assert agency_name("REUTERS") == "Reuters"
    assert agency_name("Agence France Presse") == "Agence France-Presse"
    assert agency_name("AP") == "Associated Press"
    assert agency_name("ap") is None  # short names match exactly
    assert agency_name("Acme Times") is None


def test_gazetteer_is_a_plain_mapping_of_names_to_variants():
    seen: dict[str, str] = {}
    for name, variants in NEWS_AGENCIES.items():
        assert isinstance(name, str) and isinstance(variants, list)
        assert name in variants
        for variant in variants:
            assert seen.setdefault(variant, name) == name, f"{variant} names two agencies"


# --- speed ----------------------------------------------------------------------------------------


def test_metadata_takes_well_under_a_millisecond_per_article():
    article = (
        "MARKETS RALLY AS INFLATION COOLS\n"
        + "\n".join(f"    Line {n} of a wire story that keeps going with more words in it." for n in range(60))
        + "\n Reuter"
    )
    runs = 300
    start = time.perf_counter()
    for _ in range(runs):
        detect_metadata(article, "markets.txt")
    assert (time.perf_counter() - start) / runs < 0.001

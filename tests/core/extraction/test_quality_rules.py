"""Extraction-quality rules on small texts written for each test: names repeated where NER
missed them, surnames alone, and the user's gazetteer (file, store, extractor, import, CLI)."""

from __future__ import annotations

import hashlib

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.core.extraction.entities import canonicalize
from explorer.core.extraction.user_gazetteer import GazetteerEntry, GazetteerError, parse_gazetteer, read_gazetteer
from explorer.core.model import ArticleDraft, Mention, Span
from explorer.core.ops.pipeline import ImportOptions, import_paths
from explorer.core.store import open_store
from explorer.core.store.saved_gazetteer import load_gazetteer, save_gazetteer
from explorer.core.store.writer import add_batch
from tests.core.extraction.test_not_names import spans as spans_at


def span(text: str, phrase: str, label: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), label, 0)


def named(mentions: list[Mention], text: str) -> list[tuple[str, str, str]]:
    return [(text[m.start : m.end], m.name, m.type) for m in mentions]


# ---- names NER found once, repeated elsewhere in the article -----------------------------


def test_a_surname_alone_is_the_person_named_in_full():
    text = "Marla Quenby runs the plant. Workers said Quenby rarely visits."
    mentions = canonicalize([span(text, "Marla Quenby", "PERSON")], text)
    assert named(mentions, text) == [
        ("Marla Quenby", "Marla Quenby", "person"),
        ("Quenby", "Marla Quenby", "person"),
    ]


def test_a_surname_ner_labelled_otherwise_is_still_the_person():
    text = "Tobin Garrow founded the firm. Analysts expect Garrow to stay."
    second = text.rindex("Garrow")
    spans = [span(text, "Tobin Garrow", "PERSON"), Span(second, second + len("Garrow"), "ORG", 1)]
    assert [(m.name, m.type) for m in canonicalize(spans, text)] == [("Tobin Garrow", "person")] * 2


def test_a_surname_two_people_share_stays_unlinked():
    text = "Ada Voss met Ben Voss. Later Voss left."
    mentions = canonicalize([span(text, "Ada Voss", "PERSON"), span(text, "Ben Voss", "PERSON")], text)
    assert [m.name for m in mentions] == ["Ada Voss", "Ben Voss"]


def test_a_name_ner_missed_once_is_the_name_it_found():
    text = "Trelloway Industries cut jobs. Shares of Trelloway Industries fell."
    mentions = canonicalize([span(text, "Trelloway Industries", "ORG")], text)
    assert named(mentions, text) == [("Trelloway Industries", "Trelloway Industries", "organisation")] * 2


def test_a_company_first_word_read_as_a_person_is_the_company():
    text = "Halvard Capital Partners bought the mill. Halvard has agreed to keep the staff."
    mentions = canonicalize(spans_at(text, ("Halvard Capital Partners", "ORG"), ("Halvard", "PERSON")), text)
    assert named(mentions, text) == [
        ("Halvard Capital Partners", "Halvard Capital Partners", "organisation"),
        ("Halvard", "Halvard Capital Partners", "organisation"),
    ]


def test_a_person_who_shares_a_companys_first_word_stays_a_person():
    text = "Ines Marlow left Marlow Shipping Group. Marlow said she would retire."
    mentions = canonicalize(
        spans_at(text, ("Ines Marlow", "PERSON"), ("Marlow Shipping Group", "ORG"), ("Marlow", "PERSON")), text
    )
    assert [(m.name, m.type) for m in mentions] == [
        ("Ines Marlow", "person"),
        ("Marlow Shipping Group", "organisation"),
        ("Ines Marlow", "person"),
    ]


def test_a_plural_name_after_the_is_no_person():
    text = "The Corvettes played. Fans of the Corvettes waited; the Corvettes' manager left."
    found = spans_at(text, ("Corvettes", "PERSON"), ("Corvettes", "PERSON"), ("Corvettes", "PERSON"))
    assert {(m.name, m.type) for m in canonicalize(found, text)} == {("Corvettes", "organisation")}


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("The Ambers sisters won the final.", "Ambers"),  # the name modifies a noun
        ("He thanked Lou Summers for the gift.", "Lou Summers"),  # no "the"
        ("He met the Rev. Tom Akers on Sunday.", "Tom Akers"),  # a title, not "the", before it
    ],
)
def test_other_names_ending_in_s_stay_people(text, phrase):
    assert [m.type for m in canonicalize(spans_at(text, (phrase, "PERSON")), text)] == ["person"]


def test_a_places_possessive_does_not_run_into_the_next_name():
    text = "The contract will equip the Kestonia's Coastal Defence Force with boats."
    found = spans_at(text, ("the Kestonia's", "GPE"), ("Coastal Defence Force", "ORG"))
    assert named(canonicalize(found, text), text) == [
        ("Kestonia", "Kestonia", "place"),
        ("Coastal Defence Force", "Coastal Defence Force", "organisation"),
    ]


def test_repeats_need_whole_capitalised_words():
    text = "Orvan bought land. The Orvanite mines and Orvan-Tech stayed closed."
    mentions = canonicalize([span(text, "Orvan", "ORG")], text)
    assert named(mentions, text) == [("Orvan", "Orvan", "organisation")]


# ---- a company with and without its legal form, across articles --------------------------


def article(body: str, phrase: str, label: str) -> tuple[ArticleDraft, list[Mention]]:
    draft = ArticleDraft(title="t", body=body, sha256=hashlib.sha256(body.encode()).hexdigest(), words=3)
    return draft, canonicalize([span(body, phrase, label)], body)


def test_a_legal_form_makes_the_bare_company_name_an_alias():
    text = "Harvo Dynamics Corp. opened a plant."
    [mention] = canonicalize([span(text, "Harvo Dynamics Corp.", "ORG")], text)
    assert (mention.name, mention.aliases) == ("Harvo Dynamics Corp.", ("Harvo Dynamics",))


def test_names_without_a_legal_form_or_of_other_types_get_no_such_alias():
    text = "Lenna Co met Harvo Dynamics."
    mentions = canonicalize([span(text, "Lenna Co", "PERSON"), span(text, "Harvo Dynamics", "ORG")], text)
    assert [m.aliases for m in mentions] == [(), ()]


@pytest.mark.parametrize("order", [1, -1])
def test_the_company_is_one_entity_in_either_order(order):
    db = open_store(":memory:")
    for item in [
        article("Harvo Dynamics hired staff.", "Harvo Dynamics", "ORG"),
        article("Harvo Dynamics Inc. cut staff.", "Harvo Dynamics Inc.", "ORG"),
        article("Shares of Harvo Dynamics, Inc. rose.", "Harvo Dynamics, Inc.", "ORG"),
    ][::order]:
        add_batch(db, [item])
    assert db.conn.execute("SELECT count(*), sum(mentions) FROM entities").fetchone() == (1, 3)


# ---- gazetteer file ----------------------------------------------------------------------


def test_gazetteer_rows_header_synonyms_and_replacements():
    entries = parse_gazetteer(
        "name,type\nKestrel Labs,organization\n\n# a comment\nPort Ilya,city\nKestrel Labs,company\n"
    )
    assert entries == [GazetteerEntry("Kestrel Labs", "organisation"), GazetteerEntry("Port Ilya", "place")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Kestrel Labs\n", "line 1: expected two columns"),
        ("Kestrel Labs,org\nPort Ilya,volcano\n", "line 2: unknown type 'volcano'"),
    ],
)
def test_gazetteer_errors_name_the_line(text, message):
    with pytest.raises(GazetteerError, match=message):
        parse_gazetteer(text)


def test_a_gazetteer_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "names.csv"
    path.write_bytes(b"Caf\xe9 Nord,organisation\n")
    with pytest.raises(GazetteerError, match="not UTF-8"):
        read_gazetteer(path)


def test_gazetteer_store_replaces_a_name_in_any_case():
    db = open_store(":memory:")
    save_gazetteer(db, [GazetteerEntry("Kestrel Labs", "organisation")])
    save_gazetteer(db, [GazetteerEntry("KESTREL LABS", "product"), GazetteerEntry("Port Ilya", "place")])
    assert load_gazetteer(db) == [GazetteerEntry("KESTREL LABS", "product"), GazetteerEntry("Port Ilya", "place")]


# ---- gazetteer applied before NER --------------------------------------------------------

TEXT = "Officials at Quillon Bay Trust met Hedda Marsh in Varnholt on Monday."
ENTRIES = [GazetteerEntry("Quillon Bay Trust", "place"), GazetteerEntry("Hedda Marsh", "organisation")]


@pytest.fixture
def ruled(extractor):
    extractor.use_gazetteer(ENTRIES)
    yield extractor
    extractor.use_gazetteer(())


def test_gazetteer_names_take_the_users_type(ruled):
    mentions = canonicalize(ruled.spans(TEXT), TEXT)
    types = {m.name: m.type for m in mentions}
    assert types["Quillon Bay Trust"] == "place"
    assert types["Hedda Marsh"] == "organisation"


def test_removing_the_gazetteer_removes_its_ruler(ruled):
    ruled.use_gazetteer(())
    assert "user_gazetteer" not in ruled.nlp.pipe_names


def test_imports_use_the_gazetteer_stored_in_the_database(tmp_path, extractor):
    db_path = tmp_path / "g.db"
    (tmp_path / "names.csv").write_text("Quillon Bay Trust,place\nHedda Marsh,organisation\n", encoding="utf-8")
    (tmp_path / "2024-05-06_a.txt").write_text(f"Bay meeting\n\n{TEXT}\n", encoding="utf-8")
    stored = CliRunner().invoke(main, ["gazetteer", "import", str(tmp_path / "names.csv"), "--db", str(db_path)])
    assert stored.exit_code == 0 and "Stored 2 gazetteer names" in stored.output
    try:
        for _ in import_paths(db_path, [tmp_path / "2024-05-06_a.txt"], ImportOptions(), extractor=extractor):
            pass
    finally:
        extractor.use_gazetteer(())
    db = open_store(db_path, readonly=True)
    types = dict(db.conn.execute("SELECT name, type FROM entities"))
    assert types["Quillon Bay Trust"] == "place" and types["Hedda Marsh"] == "organisation"


def test_cli_refuses_a_bad_gazetteer_with_the_line(tmp_path):
    (tmp_path / "names.csv").write_text("Port Ilya,volcano\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["gazetteer", "import", str(tmp_path / "names.csv"), "--db", str(tmp_path / "g.db")]
    )
    assert result.exit_code == 1 and "line 1: unknown type 'volcano'" in result.output


def test_a_surname_ner_read_otherwise_once_is_still_repeated_where_ner_missed_it():
    text = "Nadia Kestrel spoke. Kestrel smiled. Later Kestrel left the stage."
    first, second = text.index("Kestrel smiled"), text.index("Kestrel left")
    spans = [span(text, "Nadia Kestrel", "PERSON"), Span(first, first + 7, "ORG", 1)]
    mentions = canonicalize(spans, text)
    assert [(text[m.start : m.end], m.name, m.type) for m in mentions] == [
        ("Nadia Kestrel", "Nadia Kestrel", "person"),
        ("Kestrel", "Nadia Kestrel", "person"),
        ("Kestrel", "Nadia Kestrel", "person"),
    ]
    assert mentions[2].start == second


def test_a_surname_repeats_when_the_full_name_is_written_more_than_once():
    text = "Orla Pennick opened the show. Orla Pennick smiled. Pennick waved. Later Pennick left."
    spans = [span(text, "Orla Pennick", "PERSON"), Span(30, 42, "PERSON", 1)]
    assert text[30:42] == "Orla Pennick"
    mentions = canonicalize(spans, text)
    assert [(text[m.start : m.end], m.name) for m in mentions] == [
        ("Orla Pennick", "Orla Pennick"),
        ("Orla Pennick", "Orla Pennick"),
        ("Pennick", "Orla Pennick"),
        ("Pennick", "Orla Pennick"),
    ]


def test_an_undefined_acronym_takes_a_long_name_written_more_than_once():
    text = "Western Grain Board cut prices. Western Grain Board staff objected. WGB said more."
    second = text.index("Western Grain Board staff")
    spans = [span(text, "Western Grain Board", "ORG"), Span(second, second + 19, "ORG", 1), span(text, "WGB", "ORG")]
    assert [m.name for m in canonicalize(spans, text)] == ["Western Grain Board"] * 3


def test_a_nationality_or_common_noun_is_no_surname_unless_ner_reads_it_as_a_person_alone():
    """NER took "Various American" and "Discriminatory State" for people; the Americans and the
    State after them are not those people. "Smith" is a surname wherever NER read it."""
    text = "Various American ships sailed. The American flag flew. An American admiral waited."
    spans = [span(text, "Various American", "PERSON")]
    spans += [Span(m, m + 8, "NORP", 1) for m in (text.index("American flag"), text.index("American admiral"))]
    assert [m.name for m in canonicalize(spans, text)][1:] == ["American", "American"]
    text = "Discriminatory State taxes hurt. The State acts, as every state must. The State spends."
    spans = [span(text, "Discriminatory State", "PERSON"), span(text, "State acts", "ORG")]
    spans[1] = Span(spans[1].start, spans[1].start + 5, "ORG", 1)
    assert "Discriminatory State" not in [m.name for m in canonicalize(spans, text)][1:]
    text = "Gordon Smith spoke. Smith left. Later Smith came back."
    spans = [
        span(text, "Gordon Smith", "PERSON"),
        Span(text.index("Smith left"), text.index("Smith left") + 5, "ORG", 1),
    ]
    assert [m.name for m in canonicalize(spans, text)] == ["Gordon Smith"] * 3


def test_a_common_noun_or_a_coordination_is_no_short_form_of_a_longer_name():
    """ "the Administration and Congress" joins two names; "the Government" beside "a
    government" is a common noun, not the short form of "Government Congress"."""
    text = "The Administration and Congress agreed. Later the Administration acted alone."
    first = text.index("Administration and Congress")
    second = text.index("Administration acted")
    spans = [Span(first, first + 27, "ORG", 0), Span(second, second + 14, "ORG", 1)]
    assert [m.name for m in canonicalize(spans, text)] == ["Administration and Congress", "Administration"]
    text = "The Government Congress met. The Government spends as our government must."
    spans = [span(text, "Government Congress", "ORG"), span(text, "Government spends", "ORG")]
    spans[1] = Span(spans[1].start, spans[1].start + 10, "ORG", 1)
    assert "Government Congress" not in [m.name for m in canonicalize(spans, text)][1:]
    text = "Quorvan Trade Agency reported it. Quorvan said more."
    spans = [span(text, "Quorvan Trade Agency", "ORG"), span(text, "Quorvan said", "ORG")]
    spans[1] = Span(spans[1].start, spans[1].start + 7, "ORG", 1)
    assert [m.name for m in canonicalize(spans, text)] == ["Quorvan Trade Agency"] * 2

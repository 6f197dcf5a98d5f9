"""Web pages: the article without boilerplate, its metadata; never a script run nor a resource fetched."""

from __future__ import annotations

import socket
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.core.reading.formats.document import ReadOptions
from explorer.core.reading.formats.web_page import read_html, visible_text
from tests.core.reading.formats.samples import html_page

WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=9)
SENTENCE = st.lists(WORD, min_size=8, max_size=20).map(lambda words: " ".join(words).capitalize() + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=2, max_size=4).map(" ".join)


def refuse_network(monkeypatch) -> list:
    tried: list = []

    def refused(*args, **kwargs):
        tried.append(args)
        raise OSError("network blocked by the test")

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    monkeypatch.setattr(socket, "getaddrinfo", refused)
    return tried


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PARAGRAPH, min_size=2, max_size=5, unique=True))  # trafilatura drops a repeated paragraph
def test_the_article_round_trips_without_scripts_or_fetches(monkeypatch, paragraphs):
    tried = refuse_network(monkeypatch)
    found = read_html(html_page("Floods in Kenya", paragraphs), ReadOptions())
    text = " ".join(found.pages[0].split())
    position = 0
    for paragraph in paragraphs:
        position = text.find(paragraph, position)
        assert position >= 0, paragraph
    assert "INJECTED" not in text and "evil" not in text and "tracker" not in text
    assert (found.title, found.published, found.source) == ("Floods in Kenya", date(2024, 3, 15), "Daily News")
    assert found.title_source == found.date_source == "HTML meta"
    assert tried == []


def test_a_page_without_an_article_gives_its_visible_text():
    page = b"<html><body><ul><li>Kenya</li><li>Uganda</li></ul><script>var x = 'hidden';</script></body></html>"
    found = read_html(page, ReadOptions())
    assert found.pages[0].split() == ["Kenya", "Uganda"]


@given(st.binary(max_size=200))
def test_visible_text_of_any_bytes_is_text_without_markup(data):
    text = visible_text(b"<html><body><p>" + data + b"</p><style>p {}</style></body></html>")
    assert "<p>" not in text and "p {}" not in text


def test_visible_text_keeps_blocks_apart_and_drops_hidden_elements():
    page = "<p>One <b>bold</b> word</p><div>Two</div><noscript>no</noscript><template>t</template>Three"
    assert visible_text(page) == "One bold word\n\nTwo\n\nThree"

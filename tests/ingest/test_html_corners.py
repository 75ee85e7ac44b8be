"""Web pages saved in the ways sites write them: details in JSON-LD, meta tags or Open Graph; character
references; lines broken with <br>; a page declared Latin-1; a page with no article at all. Each page is
written here (set in the demo's invented country) and read by the real reader."""
from __future__ import annotations

import datetime as dt

import pytest

from desktop.ingest import read_bytes
from desktop.ingest.types import IngestError

STORY = ("<p>The harbour board of Marenhal said on Tuesday that fees at Port Kessa would rise by a third from "
         "April, after a winter of storms closed the quay for eleven days.</p>"
         "<p>“We cannot keep the ferries running at a loss,” said Dalia Orsek, the finance minister, at a "
         "meeting in Veltra.</p>"
         "<p>Dock workers said they would meet again on Friday to discuss the levy and the new timetable.</p>")


def page(head: str = "", body: str = STORY, title: str = "Port fees to rise") -> bytes:
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
            f"<body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav><article>{body}</article>"
            "<footer>© Coastal Ledger. All rights reserved.</footer></body></html>").encode()


@pytest.mark.parametrize("head, author, published", [
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
     '"datePublished": "2026-03-14T09:30:00+01:00", "author": {"@type": "Person", "name": "Ilsa Roavik"}}</script>',
     "Ilsa Roavik", dt.date(2026, 3, 14)),
    ('<meta name="author" content="Ilsa Roavik">', "Ilsa Roavik", None),
    ('<meta name="byl" content="By Ilsa Roavik">', "Ilsa Roavik", None),
    ('<meta property="article:published_time" content="2026-03-14T09:30:00Z">', None, dt.date(2026, 3, 14)),
])
def test_the_author_and_date_a_page_states_in_its_head(head, author, published):
    article = read_bytes(page(head), ".html")
    assert (article.author, article.published) == (author, published)
    assert article.title == "Port fees to rise"


def test_open_graph_gives_the_title_and_the_outlet():
    head = ('<meta property="og:title" content="Port fees to rise by a third">'
            '<meta property="og:site_name" content="Marenhal Tribune">')
    article = read_bytes(page(head, title="Port fees | Marenhal Tribune"), ".html")
    assert (article.title, article.outlet) == ("Port fees to rise by a third", "Marenhal Tribune")


def test_the_body_is_the_story_without_the_sites_navigation_and_footer():
    article = read_bytes(page(), ".html")
    assert article.body.startswith("The harbour board of Marenhal said on Tuesday")
    assert article.body.endswith("discuss the levy and the new timetable.")
    assert "Home" not in article.body and "rights reserved" not in article.body
    assert article.body.count("\n\n") == 2  # one paragraph each
    assert article.format == "html"


def test_character_references_become_the_characters_they_name():
    body = ("<p>Fees &amp; levies rose by 5&#37; &mdash; &ldquo;too much&rdquo;, the board said &lt;again&gt;. "
            "Dock workers at Port Kessa said the quay had been closed for eleven days in the winter storms.</p>")
    article = read_bytes(page(body=body), ".html")
    assert article.body.startswith("Fees & levies rose by 5% — “too much”, the board said <again>.")


def test_lines_broken_with_br_stay_apart():
    line = "The ferry from Osterlund to Port Kessa ran late again on Monday, the harbour board said."
    article = read_bytes(page(body="<div>" + "<br>".join(f"{line[:-1]} ({n})." for n in range(5)) + "</div>"),
                         ".html")
    assert [ln for ln in article.body.split("\n") if ln.strip()] == [f"{line[:-1]} ({n})." for n in range(5)]


def test_a_page_declared_latin1_reads_its_accented_letters():
    data = ('<html><head><meta charset="iso-8859-1"><title>Café fees at Ålund</title></head><body><article>'
            + STORY.replace("Port Kessa", "the café quay at Ålund").replace("“", '"').replace("”", '"')
            + "</article></body></html>").encode("latin-1")
    article = read_bytes(data, ".html")
    assert article.title == "Café fees at Ålund"
    assert "the café quay at Ålund" in article.body and "\ufffd" not in article.body


@pytest.mark.parametrize("data", [
    b"<html><body><script>var harbour = 'Kessa';</script></body></html>",
    b"<html></html>",
    b"<html><head><title>Fees</title></head><body>   </body></html>",
])
def test_a_page_without_an_article_is_refused_with_a_reason(data):
    with pytest.raises(IngestError, match="no article text was found in the web page"):
        read_bytes(data, ".html")


def test_the_same_story_as_a_page_and_as_text_is_one_article():
    from desktop.ingest import content_hash

    as_page = read_bytes(page(), ".html")
    as_text = read_bytes(("Port fees to rise\n\n" + as_page.body + "\n").encode(), ".txt")
    assert as_text.body == as_page.body
    assert content_hash(as_text.body) == content_hash(as_page.body)

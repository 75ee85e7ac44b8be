"""Chrome removal and metadata on invented saved pages shaped like real sites (not the sample's sentences)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from desktop.ingest import read_article, read_bytes

BREADCRUMB_PAGE = """Skip to content
Home › World › Veltra
Veltra Daily
Coastal Parliament Backs Grain Deal After Night of Talks | Veltra Daily
Updated 12:30, 3 April 2026
Author: Tomas Ferrin
Photo: Ilka Marr / Veltra Press Agency
Coastal Parliament Backs Grain Deal After Night of Talks
The coastal parliament of Veltra approved the grain deal early on Thursday after eleven hours of debate, ending a dispute that had closed two ports for a month.
Lawmakers voted 84 to 31 in favour of the agreement, which sets export quotas for the next three seasons and creates a fund for fishing villages.
What the deal changes
Exporters will be able to ship wheat through Osterlund without the surcharge introduced last year, the ministry said.
"This is a fair outcome for farmers and for the towns on the coast," said Ilsa Roavik, the trade minister.
Opposition reaction
The opposition called the vote rushed.
Share this article
#Veltra #Trade #Grain
Our YouTube channel: youtube.com/veltradaily
Related articles
Fishing Villages Ask For Port Fee Review
2 April 2026
Osterlund Mayor Resigns Over Harbour Contract
28 March 2026
Comments (0)
Cookies help us deliver our services. By using our services, you agree to our use of cookies.
© 2026 Veltra Daily. All rights reserved.
"""

ADVERT_PAGE = """Menu
Search
Northern Ferry Strike Ends With Wage Deal
Published March 3, 2026 at 9:15 am
Written by Dana Kell
Northern Ferry Strike Ends With Wage Deal – The Osterlund Courier
ADVERTISEMENT
Ferry crews in northern Veltra returned to work on Tuesday after union leaders accepted a wage offer that raises pay by nine percent over two years.
The strike had stranded hundreds of islanders and delayed deliveries of medicine to the outer islands, officials said.
Read also: Islanders Demand Second Ferry Route
Union leader Pell Harwin said members had voted by a large majority to accept.
Sign up for our daily briefing and get the news in your inbox every morning.
"Nobody wanted this to go on," he said.
Image credit: Osterlund Courier archive
Follow us on Telegram
Tags: ferries, strikes, Veltra
Most read
Islanders Demand Second Ferry Route
March 1, 2026
Port Fees To Rise In Spring
February 27, 2026
Copyright 2026 The Osterlund Courier
"""


def paragraphs(body: str) -> list[str]:
    return body.split("\n\n")


def test_breadcrumbs_hashtags_related_list_and_footer_go():
    a = read_bytes(BREADCRUMB_PAGE.encode(), ".txt")
    assert a.title == "Coastal Parliament Backs Grain Deal After Night of Talks"
    assert a.author == "Tomas Ferrin"
    assert a.published == dt.date(2026, 4, 3)  # not 2 April from the related list
    assert a.outlet == "Veltra Daily"
    body = paragraphs(a.body)
    assert body[0].startswith("The coastal parliament")
    # subheadings and the short last paragraph belong to the article
    assert "What the deal changes" in body and "Opposition reaction" in body
    assert body[-1] == "The opposition called the vote rushed."
    for chrome in ("Share this", "#Veltra", "YouTube", "Related", "Fishing Villages", "Cookies", "©", "Photo"):
        assert chrome not in a.body


def test_adverts_between_paragraphs_are_dropped_and_the_paragraphs_after_them_kept():
    a = read_bytes(ADVERT_PAGE.encode(), ".txt")
    assert a.title == "Northern Ferry Strike Ends With Wage Deal"
    assert a.author == "Dana Kell"
    assert a.published == dt.date(2026, 3, 3)
    assert a.outlet == "The Osterlund Courier"
    assert paragraphs(a.body)[-1] == '"Nobody wanted this to go on," he said.'
    for chrome in ("ADVERTISEMENT", "Read also", "Sign up", "Image credit", "Telegram", "Tags:", "Port Fees"):
        assert chrome not in a.body


def test_crlf_and_paragraph_spacing_are_normalised():
    a = read_bytes(ADVERT_PAGE.replace("\n", "\r\n").encode(), ".txt")
    assert "\r" not in a.body and "\n\n\n" not in a.body


def test_text_without_any_chrome_is_kept_whole():
    text = "Short Note On Ferries\n\nThe ferry runs twice a day in summer and once a day in winter, the operator said.\n"
    a = read_bytes(text.encode(), ".txt")
    assert a.title == "Short Note On Ferries"
    assert a.body == "The ferry runs twice a day in summer and once a day in winter, the operator said."


# Beside the project's checkout, or beside the folder of worktrees it is checked out in.
SHARED = next((p / "shared" for p in Path(__file__).resolve().parents[3:5] if (p / "shared" / "eval").is_dir()),
              Path("/nonexistent"))


@pytest.mark.skipif(not (SHARED / "eval" / "seeds-gold.json").exists(), reason="the sample corpus is not beside the project")
def test_sample_corpus_against_its_gold():
    """The real saved articles, read at test time (their text is not copied into the project)."""
    gold = json.loads((SHARED / "eval" / "seeds-gold.json").read_text(encoding="utf-8"))
    for path in sorted((SHARED / "corpus").glob("*.txt")):
        g, a = gold.get(path.stem), read_article(path)
        if not isinstance(g, dict) or "title" not in g:
            continue
        body = " ".join(a.body.split()).lower()
        assert a.title == g["title"] and a.author == g["author"], path.name
        assert (a.published.isoformat() if a.published else None) == g["date"], path.name
        assert " ".join(g["body_first_words"].split()).lower() in body, path.name
        assert " ".join(g["body_last_words"].split()).lower() in body, path.name
        for line in g["boilerplate_lines"]:
            assert " ".join(line.split()).lower() not in body, (path.name, line)


@pytest.mark.parametrize("line, name", [
    ("By: A. Vell", "A. Vell"), ("by Mara Quell", "Mara Quell"), ("Mara Quell profile image", "Mara Quell"),
    ("Author: Mara Quell", "Mara Quell"), ("BY DANA KELL", "Dana Kell"), ("By Dana Kell, Staff Writer", "Dana Kell"),
    ("Posted by Dana Kell on March 3, 2026", "Dana Kell"), ("By Dana Kell and Orin Vast", "Dana Kell and Orin Vast"),
    ("Written by Dana Kell | Veltra Daily", "Dana Kell"), ("By Jean de la Tour in Osterlund", "Jean de la Tour"),
    ("By the end of the year, exports rose.", None), ("Mara Quell said the port would reopen soon.", None),
    ("Posted on 4 May 2026 by Lena Harkonen | 3 Comments", "Lena Harkonen"),
    ("May 4, 2026 by Lena Harkonen · 3 Comments", "Lena Harkonen"),
])
def test_bylines(line, name):
    from desktop.ingest.metadata import byline_author

    assert byline_author(line) == name


@pytest.mark.parametrize("text, date", [
    ("Jul 22 2024", dt.date(2024, 7, 22)), ("22 July 2024, 10:15", dt.date(2024, 7, 22)),
    ("July 22nd, 2024", dt.date(2024, 7, 22)), ("2024-07-22T10:00", dt.date(2024, 7, 22)),
    ("2024/07/22", dt.date(2024, 7, 22)), ("22.07.2024", dt.date(2024, 7, 22)), ("no date here", None),
    # Month first when the numbers allow it (an English text), day first only when they must.
    ("Published 07/22/2024", dt.date(2024, 7, 22)), ("05/09/2024", dt.date(2024, 5, 9)),
    ("13/05/2024", dt.date(2024, 5, 13)), ("05.09.2024", dt.date(2024, 9, 5)),
    ("Sept. 5, 2024", dt.date(2024, 9, 5)), ("9th of May 2024", dt.date(2024, 5, 9)),
    ("31/02/2024", None), ("May 2024", None),
])
def test_dates(text, date):
    from desktop.ingest.dates import find_date

    hit = find_date(text)
    assert (hit[0] if hit else None) == date


HEADLINE_AS_SENTENCE = """Harbour board votes to hold port chief Rolf Hedin in contempt.

The harbour board of Veltra voted on Thursday to hold port chief Rolf Hedin in contempt after he failed to appear before it for a second time.

"He is a crucial witness in this inquiry," board chair Ilsa Roavik said.
"""


def test_a_headline_printed_as_a_sentence_is_the_title_not_the_first_paragraph():
    a = read_bytes(HEADLINE_AS_SENTENCE.encode(), ".txt", fallback_title="saved-file-name")
    assert a.title == "Harbour board votes to hold port chief Rolf Hedin in contempt"
    assert a.body.startswith("The harbour board of Veltra voted on Thursday")
    assert a.body.endswith("board chair Ilsa Roavik said.")


@pytest.mark.parametrize("first, title", [
    ("Veltra and Osterlund sign a grain pact in the U.S.", "Veltra and Osterlund sign a grain pact in the U.S."),
    ("Mary J. Orsek sings to the council in a preview of ‘The Harbour.’",
     "Mary J. Orsek sings to the council in a preview of ‘The Harbour’"),
    ("The port reopens. Traders must live with it.", "The port reopens. Traders must live with it"),
])
def test_headline_full_stops(first, title):
    text = first + "\n\n" + HEADLINE_AS_SENTENCE.split("\n\n", 1)[1]
    assert read_bytes(text.encode(), ".txt", fallback_title="saved-file-name").title == title


STAMPED_BODY = ("The harbour board of Veltra voted on Thursday to raise the grain levy for the second time this "
                "year, officials said.\n\n\"The levy is fair and it will stay,\" board chair Ilsa Roavik said.\n")


@pytest.mark.parametrize("header, title, date, outlet", [
    ("Grain levy rises again – 2024-05-09 03:08:02", "Grain levy rises again", dt.date(2024, 5, 9), None),
    ("Grain levy rises again | 9 May 2024", "Grain levy rises again", dt.date(2024, 5, 9), None),
    ("Grain levy rises again - May 9, 2024 at 3:08 pm", "Grain levy rises again", dt.date(2024, 5, 9), None),
    ("Grain levy rises again | The Courier | 9 May 2024", "Grain levy rises again", dt.date(2024, 5, 9),
     "The Courier"),
    # A dateline of its own wins over the stamp; a short name beside a date is a dateline, not a title.
    ("Grain levy rises again – 2024-05-09\n\nThe Coastal Ledger — 10 May 2024", "Grain levy rises again",
     dt.date(2024, 5, 10), "The Coastal Ledger"),
])
def test_a_date_stamp_in_the_title_line_dates_the_article_and_leaves_the_title(header, title, date, outlet):
    a = read_bytes((header + "\n\n" + STAMPED_BODY).encode(), ".txt", fallback_title="saved-file-name")
    assert (a.title, a.published, a.outlet) == (title, date, outlet)
    assert a.body.startswith("The harbour board") and "2024" not in a.body


@pytest.mark.parametrize("line", [
    "Home » News » Grain levy rises again", "Business » Markets » Veltra's grain levy: what it means",
    "Markets › Grain › The levy, explained", "Home > World > Europe",
])
def test_a_breadcrumb_line_is_chrome_and_not_the_title(line):
    from desktop.ingest.chrome import is_chrome

    assert is_chrome(line)
    a = read_bytes((line + "\n\n" + STAMPED_BODY).encode(), ".txt", fallback_title="saved-file-name")
    assert a.title != line and line not in a.body


@pytest.mark.parametrize("line", ["Why the levy matters » explained",
                                  "Prices rose > 5% in May, and the board says more will follow > next year"])
def test_an_arrow_in_a_line_of_text_is_not_a_breadcrumb(line):
    from desktop.ingest.chrome import is_chrome

    assert not is_chrome(line)

"""The cleaner's shortcuts change nothing: each fast path against the plain way of doing the same work.

The chrome scan finds lead words with an Aho-Corasick automaton and tries only their patterns where
one starts, the shapes' scan runs only where a shape's sign stands, the line-start patterns only where
they can decide, a date is looked for only where a four-digit year stands, a long paragraph is never
read as a date line, words are counted only as far as a limit, and digits and separators are looked
for with str's own searches first. Each answer is compared with the plain scan's (every pattern tried at every
position) on invented lines and pages, line by line and as whole cleaned articles.
"""
from __future__ import annotations

import datetime as dt
import html
import itertools
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.ingest import budget, chrome, dates, forget_lines, metadata, read_bytes, scan
from desktop.ingest.decode import looks_binary
from desktop.ingest.metadata import _without_full_stop, is_title_line, without_stamp
from tests.data.fictional_articles import article

PAGES = sorted((Path(__file__).parent / "pages").glob("*.txt"))
PROSE = ("The harbour authority in Port Kessa said the new berthing fees would apply from June, and that "
         "the ferry operators had been told of the change at a meeting in Marenhal last week")
CHROME_LINES = [
    "Subscribe to the Harbour Brief for a weekly briefing email", "Sign up for our newsletter", "No spam, ever.",
    "Check your inbox to confirm", "Photo: NORDWIRE/Sel Ravn", "Image by Tomas Ferrin", "Pictures by Dana Kell",
    "Getty Images 2026", "1200 x 800", "640x480 pixels", "Filed under Harbour | Tagged grain, ferry", "Next post →",
    "« Previous article", "Ferry Talks Resume »", "Share on X", "Share this article", "Follow The Kessa Courier on Telegram",
    "Follow us", "Our Telegram channel", "Our YouTube channel: youtube.com/kessacourier", "We use cookies to improve "
    "your experience", "Cookies help us deliver our services.", "Leave a reply", "Post a comment", "3 comments",
    "No comments yet", "Your email address will not be published. Required fields are marked *",
    "Read more: Ferry fares rise again", "You may also like", "© 2026 The Kessa Courier. All rights reserved.",
    "Privacy policy", "Skip to main content", "Click here to download our app", "Join our community list",
    "Proudly powered by WordPress", "File photo", "Licensing rights", "Was this article helpful?", "Find out more",
    "Home › World › Veltra", "#Veltra #Trade #Grain", "***", "Advertisement", "Tags: grain, harbour",
    "Reporting by Mara Quell; editing by Ivo Marek", "4 min read", "Accept all cookies", "Manage preferences",
    "Subscription", "Newsletters", "A subscriber wrote", "Allowance", "Nothing", "Ours", "Posting", "Comments policy",
    "Profile picture", "Daily digest", "Evening email", "Spam folder", "Confirmation link", "Whatsapp channel",
    # letters the regex engine folds to ASCII ones: the long s, the Kelvin sign, the dotted and dotless i
    "Pleaſe ſhare this", "ſubſcribe for a weekly briefing", "\u212aeep up: follow us", "\u0130nbox", "L\u0131ke this",
    "No comments policy", "no commentsy section", "comments section", "Post a review",
    # letters beyond ASCII before a phrase: the automaton's places must be the line's own
    "Café Veltra — subscribe to our newsletter", "🎉 Sign up for the weekly digest 🎉", "Zoë's column: share this",
    "港口 no spam, ever", "\U0001d54f Follow us \U0001d54f", "Ærø ferry — leave a comment",
    # digits of other scripts: the shapes' scan and the date search must still run
    "\u0661\u0662\u0660\u0660 x \u0668\u0660\u0660", "Photo \u0966\u0967\u0968x\u0969\u096a\u096b",
]
DATE_LINES = [
    "3 March 2026", "March 3, 2026", "9th of May, 2026", "Sept. 22nd, 2025", "05.09.2024", "07/22/2024",
    "2026-03-14T08:10:02", "Published 3 March 2026", "Updated 12:30, 3 April 2026", "Tuesday, 14 April 2026 10:05",
    "March 3, 2026 | By Orla Venn", "The Coastal Ledger — 14 March 2026", "31 February 2026", "2026",
    "In 1998 the port handled 3,000 ships", "The vote on 4 May 2026 ended at 84 to 31 after a night of talks in the "
    "council chamber of Marenhal", "1 2 3 4 5 6 7 8 9 March 2026", "22 July 2024 22 July 2024 22 July 2024",
    "Published \u0663 March \u0662\u0660\u0662\u0666", "Port reopens \u2013 2026-03-14 08:10:02", "Port reopens | 14 March 2026",
    "Orla Venn | 3 March 2026", "Port\u2003reopens\u00a0-\u00a014 March 2026",
]


def _lines() -> list[str]:
    """Every line of the invented pages and articles, the hand-made ones, and each of those two by two
    inside running text (a long line needs two phrases to count as chrome)."""
    found = {line for page in PAGES for line in page.read_text(encoding="utf-8").split("\n")}
    found |= {line for n in range(40) for line in article(n).split("\n")}
    short = CHROME_LINES + DATE_LINES
    found |= set(short) | {f"{PROSE}. {x}" for x in short} | {f"{x} {PROSE}." for x in short}
    found |= {f"{PROSE}, {a.lower()}, {PROSE} — {b}" for a, b in itertools.combinations(CHROME_LINES, 2)}
    return sorted(found)


def plain_is_chrome(line: str) -> bool:
    """is_chrome as a plain scan: every pattern tried at every position of the line."""
    text = line.strip()
    if not text:
        return False
    if chrome._PUNCT_ONLY.match(text) or chrome._HASHTAGS.match(text) or chrome._BREADCRUMB.match(text) or (
            ("»" in text or "›" in text) and chrome._BREADCRUMB_TRAIL.match(text)):
        return True
    hits = {m.group(0).lower() for rx in (chrome._ANYWHERE, chrome._ANYWHERE_SHAPES, chrome._CREDIT)
            for m in rx.finditer(text)}
    start = chrome._AT_START.match(text)
    if start:
        hits.add(start.group(0).lower())
    return bool(hits) and (len(text.split()) <= 30 or len(hits) >= 2)


def plain_find_date(text: str):
    for m in dates._CANDIDATE.finditer(text):
        date = dates.parse_date(m.group(0))
        if date is not None:
            return date, m.start(), m.end()
    return None


def plain_is_date_line(line: str) -> bool:
    hit = plain_find_date(line)
    if not hit:
        return False
    rest = line[:hit[1]] + line[hit[2]:]
    return len(re.findall(r"[A-Za-z]{4,}", rest)) <= 2 and len(rest.split()) <= 4


def test_the_guided_chrome_scan_finds_what_every_pattern_everywhere_finds():
    lines = _lines()
    assert sum(map(plain_is_chrome, lines)) > 200  # the comparison covers both answers
    for line in lines:
        assert chrome.is_chrome(line) == plain_is_chrome(line), line


def test_the_automaton_finds_the_phrases_the_alternation_finds_in_order():
    """Not only the same verdict: the same phrases, in the same order, as every pattern tried everywhere."""
    lines = _lines()
    assert sum(1 for line in lines if chrome._ANYWHERE.search(line)) > 200
    for line in lines:
        text = line.strip()
        plain = [m.group(0).lower() for m in chrome._ANYWHERE.finditer(text)]
        assert list(chrome._phrases(text, chrome._lower(text))) == plain, line
        assert list(chrome._phrases_by_regex(text)) == plain, line


# Patterns whose lead words overlap, share a start, and end where another starts: the scan must keep
# the alternation's order at one place (ab before abc) and skip what a match has covered (bc in abc).
TOY = ["ab", "abc\\b", "bc", "\\bba", "b(a|c)a", "(ab|b)c ?a", "ca?b", "a b"]


TOY_ALTERNATION = re.compile("|".join(f"(?:{p})" for p in TOY), re.IGNORECASE)
TOY_SCAN = chrome.LeadScan(TOY)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcAB .", max_size=40))
def test_a_lead_scan_finds_what_its_alternation_finds_in_any_text(text):
    expected = [m.group(0).lower() for m in TOY_ALTERNATION.finditer(text)]
    assert list(TOY_SCAN.phrases(text, text.lower())) == expected


def test_a_pattern_without_lead_words_is_refused():
    with pytest.raises(ValueError):
        chrome.LeadScan(["ab", "\\d+ x"])


WORDY = ["", " ", "a", " a ", "a b", "a  b", "a\tb\nc", "a\u2003b\u00a0c", "a b \n", "\u3000a\u3000", "x " * 31, "x " * 30 + "x",
         "x\u2028" * 13, "1 2 3 4 5 6 7 8 9 10 11 12 13"]


def test_the_cheap_looks_answer_as_the_regexes_and_the_split_do():
    lines = _lines() + WORDY
    for line in lines:
        for n in (0, 1, 2, 8, 12, 30, 31):
            assert scan.more_words_than(line, n) == (len(line.split()) > n), (line, n)
        if scan.no_digit(line):
            assert not re.search(r"\d", line), line
        if scan.no_separator(line):
            assert not metadata._SEPARATOR.search(line) and not metadata._TITLE_SUFFIX.search(line), line
        assert chrome._has_crumb_sign(line) == bool(chrome._CRUMB_SIGN.search(line)), line
        assert dates.may_hold_date(line) == bool(dates._YEAR.search(line)), line
        assert metadata._may_date_or_tail(line) == bool(dates._YEAR.search(line) or metadata._SEPARATOR.search(line))
    # and the looks are not always "maybe": they spare the regex on plain running text
    assert scan.no_digit(PROSE) and scan.no_separator(PROSE) and not scan.no_digit("\u0661")


KNOWN = [(), ("title",), ("author",), ("title", "author"), ("title", "author", "published"),
         ("title", "author", "outlet"), ("title", "author", "published", "outlet"), ("published", "outlet")]


def test_a_header_without_dates_or_tails_is_read_as_the_whole_read_gives_it(monkeypatch):
    """When the page names its title and author and no line above the article holds a year or a
    separated tail, the headline is not looked for: every field comes out as the whole read gives it."""
    texts = [p.read_text(encoding="utf-8") for p in PAGES] + [article(n) for n in range(0, 60, 7)]
    docs = [[x.strip() for x in t.split("\n") if x.strip()] for t in texts]
    docs += [[f"Harbour fees double{tail}", PROSE + ".", "By Ilsa Roavik", PROSE + "!", "© 2026 The Kessa Courier"]
             for tail in ("", " | Harbour Brief", " – 14 March 2026", " 2026", "-2026", " - fees")]
    cases = [(doc[at:at + 4], doc[at + 4:], known) for doc in docs for at in range(0, max(1, len(doc) - 4), 3)
             for known in KNOWN]
    fast = [metadata.from_header(h, b, known=k) for h, b, k in cases]
    with monkeypatch.context() as m:
        m.setattr(metadata, "_may_date_or_tail", lambda line: True)  # the headline always looked for
        whole = [metadata.from_header(h, b, known=k) for h, b, k in cases]
    shortcut = [c for c in cases if {"title", "author"} <= set(c[2]) and not any(map(metadata._may_date_or_tail, c[0]))]
    assert len(shortcut) > 30 and len(cases) - len(shortcut) > 100  # both ways are compared
    assert sum(1 for f in fast if f["outlet"]) > 5 and sum(1 for f in fast if f["published"]) > 5
    for case, f, w in zip(cases, fast, whole, strict=True):
        assert f == w, case


def test_a_year_month_day_date_is_read_as_dateparser_reads_it():
    days = [dt.date(2023, 1, 1) + dt.timedelta(days=n) for n in range(731)]  # 2023, and 2024 with its 29 February
    edges = [f"{y:04d}-{m:02d}-{d:02d}" for y in (1, 1899, 1900, 2100, 9999) for m in (1, 2, 12) for d in (1, 13, 29, 31)]
    odd = ["2026-02-30", "2026-13-01", "2026-00-10", "2026-01-00", "0000-01-01", "2026-1-5", "2026-01-05 ",
           "\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0665", "2026/01/05", "05-01-2026"]
    for written in [d.isoformat() for d in days] + edges + odd:
        assert dates.parse_date.__wrapped__(written) == dates.dateparser_date(written), written
    assert dates.parse_date.__wrapped__("2026-13-01") == dt.date(2026, 1, 13)  # dateparser's reading, kept


def test_a_sentence_end_read_from_the_end_is_the_one_the_regex_finds():
    ends = ["", ".", "!", "?", "…", ":", ";", ",", "a", ".\"", ".”’", "?»)", ".)]", "\"", ".\n", ".\n\n", "\n", ".”\n",
            ". ", "x.y", "“.”", "))"]
    for line in [*_lines(), *(PROSE + end for end in ends), *ends]:
        assert chrome._ends_sentence(line) == bool(chrome._SENTENCE_END.search(line)), repr(line)


def test_dates_found_only_beside_a_year_and_in_short_lines_are_the_same_dates():
    lines = _lines()
    assert sum(map(plain_is_date_line, lines)) > 10
    for line in lines:
        assert dates.find_date(line) == plain_find_date(line), line
        assert dates.is_date_line(line) == plain_is_date_line(line), line


def test_only_the_characters_chrome_names_fold_to_ascii_letters():
    """Every code point: none but the four named matches an ASCII letter ignoring case, lower-cases
    to ASCII, or lower-cases to more than one character (then a line's lower case is aligned with it)."""
    everything = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    folding = set(re.findall("[a-z]", everything, re.IGNORECASE))
    folding |= set(re.findall("|".join("abcdefghijklmnopqrstuvwxyz"), everything, re.IGNORECASE))
    assert folding == {"\u0130", "\u0131", "\u017f", "\u212a"}
    rest = "".join(c for c in everything if c not in folding)
    low = rest.lower()
    assert len(low) == len(rest) and not re.search("[\x00-\x7f]", low)
    assert all(chrome._FOLDS_TO_ASCII.match(c) for c in folding)
    # and the shape test's digits and spaces are the regex engine's \d and \s
    assert set(re.findall(r"\d", everything)) == {c for c in everything if c.isdecimal()}
    assert set(re.findall(r"\s", everything)) == {c for c in everything if c.isspace()}
    # and \w is a letter or digit by str's reckoning, or "_" (a line of signs starts with neither)
    assert set(re.findall(r"\w", everything)) == {c for c in everything if c.isalnum()}
    assert re.match(r"\w", "_") and all(re.match(r"\w", c) for c in "azAZ09")


def test_a_title_line_is_recognised_as_before():
    titles = ["Harbour fees to double from June", "U.S. envoy meets Mara Quell", "Port reopens"]
    lines = [f"{t}{end}" for t in titles for end in ("", ".", ".”", "'", "..", " – 14 March 2026", " | Veltra Daily")]
    for line, title in itertools.product(lines + [PROSE + "."], titles):
        plain = line == title or _without_full_stop(line) == title or (
            line.startswith(title) and without_stamp(line)[0] == title)
        assert is_title_line(line, title) == plain, (line, title)


@pytest.mark.parametrize("head", [b"plain text\n" * 50, bytes(range(256)) * 4, b"\x01\x02\x1b" * 30 + b"a" * 1900,
                                  b"\x01\x02\x1b" * 30 + b"a" * 1500, b""])
def test_control_bytes_are_counted_as_one_by_one(head):
    controls = sum(1 for b in head[:8192] if b < 9 or 13 < b < 32)
    assert looks_binary(head) == (b"\x00" in head[:8192] or controls > len(head[:8192]) * 0.05)


def _as_html(text: str, n: int) -> bytes:
    """The text as a page; some state an author, a date and the site's name in their metadata."""
    paragraphs = "".join(f"<p>{html.escape(x)}</p>" for x in text.split("\n") if x.strip())
    meta = ["", "<meta name='author' content='Ilsa Roavik'>",
            "<meta name='author' content='Dana Kell'><meta property='article:published_time' content='2026-03-04'>"
            "<meta property='og:site_name' content='The Kessa Courier'>"][n % 3]
    return (f"<!doctype html><html><head><title>Story {n} | The Kessa Courier</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a></nav><article>{paragraphs}</article>"
            "<footer>Share this article. © 2026 The Kessa Courier</footer></body></html>").encode()


def _read_all() -> list[tuple]:
    forget_lines()
    texts = [p.read_text(encoding="utf-8") for p in PAGES] + [article(n) for n in range(0, 60, 7)]
    files = [(t.encode(), ".txt") for t in texts] + [(_as_html(t, n), ".html") for n, t in enumerate(texts)]
    out = []
    for data, suffix in files:
        a = read_bytes(data, suffix)
        out.append((a.title, a.body, a.author, a.published, a.outlet))
    return out


def test_whole_articles_clean_to_the_same_text_with_the_shortcuts_off(monkeypatch):
    from desktop.ingest import plain_text

    fast = _read_all()
    with monkeypatch.context() as m:
        # and the page's text read for every field, not only for those its metadata lacks
        every_field = plain_text.read_extracted
        m.setattr(plain_text, "read_extracted", lambda text, title, _known=(): every_field(text, title))
        m.setattr(chrome, "_phrases", lambda text, _low: (x.group(0).lower() for x in chrome._ANYWHERE.finditer(text)))
        m.setattr(chrome, "_may_have_shape", lambda text: True)  # always scan for shapes
        m.setattr(dates, "_YEAR", re.compile(""))  # always look for dates
        m.setattr(dates, "DATE_LINE_MAX_WORDS", 10 ** 9)
        m.setattr(chrome, "_has_crumb_sign", lambda text: True)  # always try the breadcrumb pattern
        m.setattr(metadata, "_may_date_or_tail", lambda line: True)  # always look for the headline
        m.setattr(dates, "_ISO_DATE", re.compile("(?!)"))  # every date read by dateparser
        dates.parse_date.cache_clear()
        for module in (chrome, dates, metadata):  # words counted to the end, digits and separators never ruled out
            m.setattr(module, "more_words_than", lambda text, n: len(text.split()) > n, raising=False)
            m.setattr(module, "no_digit", lambda text: False, raising=False)
            m.setattr(module, "no_separator", lambda text: False, raising=False)
        plain = _read_all()
    forget_lines()
    dates.parse_date.cache_clear()
    assert len(fast) == 2 * (len(PAGES) + 9) and all(body for _t, body, *_ in fast)
    assert {author for *_, author, _p, _o in fast} >= {"Ilsa Roavik", "Dana Kell"}  # the metadata was read
    assert dt.date(2026, 3, 4) in {published for *_, published, _o in fast}  # trafilatura's year-month-day
    assert fast == plain


def _statm_megabytes() -> float:
    with open("/proc/self/statm", "rb") as statm:  # opened afresh: the plain way
        return int(statm.read().split()[1]) * budget._PAGE_BYTES / 1_000_000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/statm is Linux's")
def test_the_resident_size_read_through_a_kept_file_is_each_process_own():
    """The file kept open is read afresh at each look, and a forked process reads its own size,
    not the parent's it inherited the file from."""
    before = budget.resident_megabytes()
    block = b"x" * 120_000_000  # written, so resident
    grown = budget.resident_megabytes()
    assert before is not None and grown is not None and grown - before > 100
    assert abs(grown - _statm_megabytes()) < 5
    del block
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child grows by 120 MB more and reports both figures
        more = b"x" * 120_000_000
        os.write(write, f"{budget.resident_megabytes()} {_statm_megabytes()} {len(more)}".encode())
        os._exit(0)
    os.close(write)
    kept, fresh, _n = os.read(read, 200).decode().split()
    os.waitpid(pid, 0)
    os.close(read)
    assert abs(float(kept) - float(fresh)) < 5 and float(kept) > 120  # its own size, holding its 120 MB

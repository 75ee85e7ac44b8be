"""Saved plain text: split the article from the site around it, and read its header.

The body is the run of lines from the first to the last paragraph of running prose,
minus chrome inside it. What stands before it is the header (title, byline, date,
outlet); what follows it is dropped (comments, related posts, newsletter prompts).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from desktop.ingest import edges, metadata
from desktop.ingest.authors import byline_author, profile_of
from desktop.ingest.budget import check
from desktop.ingest.chrome import is_chrome, is_prose, opens_list
from desktop.ingest.dates import is_date_line
from desktop.ingest.types import FoundMetadata


@dataclass(frozen=True)
class Split:
    header: list[str]
    body: list[str]
    footer: list[str]


def split_article(text: str) -> Split:
    lines = [_tidy(line) for line in text.split("\n")]
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    thread = edges.comment_thread_start(lines, prose)
    if thread is not None:  # reader comments read like prose; the article ends above them
        prose = [i for i in prose if i < thread]
    prose = edges.drop_islands(lines, prose)
    if not prose:
        # No paragraph of running text: keep every non-chrome line so nothing is lost.
        prose = [i for i, line in enumerate(lines) if line and not is_chrome(line)] or [0]
    first, last = _extend(lines, prose[0], -1), _extend(lines, prose[-1], 1)
    return Split(lines[:first], lines[first:last + 1], lines[last + 1:])


def _extend(lines: list[str], at: int, step: int) -> int:
    """Grow the body over short paragraphs next to it ("…," Vorst said.), up to the first non-sentence.

    Forwards it also crosses what stands between paragraphs of one article (subheadings,
    lists, a label ending in a colon, an advert) when running text follows.
    """
    edge, i = at, at + step
    while 0 <= i < len(lines):
        line = lines[i]
        if line:
            if _is_sentence(line):
                edge = i
            elif step > 0 and (resume := _across_interlude(lines, i)) is not None:
                edge, i = resume, resume
            else:
                break
        i += step
    return edge


INTERLUDE_MAX = 8  # non-blank lines between two paragraphs of one article
INLINE_CHROME_MAX = 2
HEADINGS_MAX = 2  # more headlines in a row is a list of other stories, not a subheading


def _across_interlude(lines: list[str], at: int) -> int | None:
    """Where the article goes on after the lines starting at `at`, or None if it does not.

    A list introduced by a colon may also end the article: then its last item is the end.
    """
    chrome, headings, seen, introduced = 0, 0, 0, _is_intro(lines[at - 1] if at else "")
    last_item = None
    for i in range(at, len(lines)):
        line = lines[i]
        if not line:
            continue
        if seen and (_is_sentence(line) or is_prose(line)):
            return i
        seen += 1
        if seen > INTERLUDE_MAX or is_date_line(line) or byline_author(line):
            break
        if is_chrome(line):
            chrome += 1
            if chrome > INLINE_CHROME_MAX:
                break
        elif _is_list_item(line):
            introduced = introduced or seen == 1
            last_item = i
        elif (_is_intro(line) or _is_subheading(line)) and headings < HEADINGS_MAX:
            headings += 1
            introduced = introduced or _is_intro(line)
        else:
            break
    return last_item if introduced and last_item is not None else None


_LIST_ITEM = re.compile(r"^([-–•*·▪◦]|\d{1,2}[.)])\s+\S")


def _is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line)) and len(line.split()) <= 40 and not is_chrome(line)


def _is_intro(line: str) -> bool:
    """A line that announces a list: ends in a colon ("Key points:", "The deal sets out:")."""
    return line.endswith(":") and 1 <= len(line.split()) <= 30 and not is_chrome(line)


def _is_subheading(line: str) -> bool:
    """A short heading inside the article: few words, no final stop, not chrome, a date or a byline."""
    words = line.split()
    return (1 <= len(words) <= 12 and not re.search(r"[.!?…:;,]$", line) and not is_chrome(line)
            and not is_date_line(line) and not byline_author(line))


def _is_sentence(line: str) -> bool:
    """A line of running text, however short ("More soon." can close an article)."""
    words = line.split()
    if len(words) < 2 or is_chrome(line) or is_date_line(line) or byline_author(line):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper()) / len(words)
    return capitalised <= 0.6 and bool(re.search(r"[.!?…][\"'”’»)\]]*$", line))


def clean_body(split: Split, title: str | None, author: str | None = None) -> str:
    repeated = {line for line, n in Counter(x for x in split.header + split.body + split.footer if x).items()
                if n > 1 and not is_prose(line)}
    paragraphs, in_list = [], False
    for line in split.body:
        if not line:
            continue
        # Headlines under "Read more:" belong to the list, up to the next line of running text.
        in_list = opens_list(line) or (in_list and not _is_sentence(line) and not is_prose(line))
        if in_list or is_chrome(line) or line in repeated or metadata.is_title_line(line, title) \
                or is_date_line(line):
            continue
        if byline_author(line) or profile_of(line, author):
            continue
        paragraphs.append(line)
    return "\n\n".join(paragraphs)


def read_plain(text: str) -> tuple[str, FoundMetadata]:
    """The cleaned body and the metadata found around it."""
    split = split_article(text)
    meta = metadata.from_header(split.header, split.body, split.footer)
    body = clean_body(split, meta["title"], meta["author"])
    return body, meta


_SPACES = re.compile(r"[ \t\u00a0]+")


def _tidy(line: str) -> str:
    check()  # every line: cleaning a text of a million lines keeps to the file's time budget too
    if "  " in line or "\t" in line or "\u00a0" in line:  # else every run of spaces is one space already
        line = _SPACES.sub(" ", line)
    return line.strip()


def read_extracted(text: str, title: str | None, known: Collection[str] = ()) -> tuple[str, FoundMetadata]:
    """Text a main-content extractor already cut from a page (HTML): keep every paragraph.

    Only lines that are chrome by themselves, the repeated headline, and a byline or date
    line in the first few lines go; the header/footer split of saved text would drop a
    short first or last paragraph here.
    """
    lines = [_tidy(line) for line in text.split("\n")]
    lines = [x for x in lines if x]
    found = metadata.from_header(lines[:4], lines[4:], known=known)  # what the page's metadata lacks
    title = title or found["title"]
    kept = []
    for i, line in enumerate(lines):
        if is_chrome(line) or metadata.is_title_line(line, title):
            continue
        if i < 4 and (byline_author(line) or is_date_line(line)):
            continue
        kept.append(line)
    return "\n\n".join(kept), {**found, "title": title}

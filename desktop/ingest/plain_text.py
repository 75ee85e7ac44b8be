"""Saved plain text: split the article from the site around it, and read its header.

The body is the run of lines from the first to the last paragraph of running prose,
minus chrome inside it. What stands before it is the header (title, byline, date,
outlet); what follows it is dropped (comments, related posts, newsletter prompts).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from desktop.ingest import metadata
from desktop.ingest.chrome import is_chrome, is_prose
from desktop.ingest.dates import is_date_line


@dataclass(frozen=True)
class Split:
    header: list[str]
    body: list[str]
    footer: list[str]


def split_article(text: str) -> Split:
    lines = [_tidy(line) for line in text.split("\n")]
    prose = [i for i, line in enumerate(lines) if is_prose(line)]
    if not prose:
        # No paragraph of running text: keep every non-chrome line so nothing is lost.
        prose = [i for i, line in enumerate(lines) if line and not is_chrome(line)] or [0]
    first, last = _extend(lines, prose[0], -1), _extend(lines, prose[-1], 1)
    return Split(lines[:first], lines[first:last + 1], lines[last + 1:])


def _extend(lines: list[str], at: int, step: int) -> int:
    """Grow the body over short paragraphs next to it ("…," Gowdy said.), up to the first non-sentence."""
    edge, i = at, at + step
    while 0 <= i < len(lines):
        line = lines[i]
        if line:
            if _is_sentence(line):
                edge = i
            elif not (step > 0 and (_is_subheading(line) or _is_inline_chrome(lines, i))
                      and _next_is_sentence(lines, i)):
                break
        i += step
    return edge


def _is_subheading(line: str) -> bool:
    """A short heading inside the article: few words, no final stop, not chrome, a date or a byline."""
    words = line.split()
    return (1 <= len(words) <= 12 and not re.search(r"[.!?…:;,]$", line) and not is_chrome(line)
            and not is_date_line(line) and not metadata.byline_author(line))


def _is_inline_chrome(lines: list[str], at: int) -> bool:
    """An advert or sign-up prompt dropped between paragraphs: chrome, at most two lines in a row."""
    if not is_chrome(lines[at]):
        return False
    before = [x for x in lines[max(0, at - 6):at] if x][-2:]
    return not (len(before) == 2 and all(is_chrome(x) for x in before))


def _next_is_sentence(lines: list[str], at: int) -> bool:
    # A subheading is followed by running text; a headline in a related-posts list by a date.
    rest = (x for x in lines[at + 1:] if x)
    nxt = next(rest, "")
    if is_chrome(nxt):  # a second chrome line may sit between (advert label, then its text)
        nxt = next(rest, "")
    return bool(nxt) and (_is_sentence(nxt) or is_prose(nxt))


def _is_sentence(line: str) -> bool:
    words = line.split()
    if len(words) < 4 or is_chrome(line) or is_date_line(line) or metadata.byline_author(line):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper()) / len(words)
    return capitalised <= 0.6 and bool(re.search(r"[.!?…][\"'”’»)\]]*$", line))


def clean_body(split: Split, title: str | None) -> str:
    repeated = {line for line, n in Counter(x for x in split.header + split.body + split.footer if x).items()
                if n > 1 and not is_prose(line)}
    paragraphs = []
    for line in split.body:
        if not line or is_chrome(line) or line in repeated or line == title or is_date_line(line):
            continue
        if metadata.byline_author(line):
            continue
        paragraphs.append(line)
    return "\n\n".join(paragraphs)


def read_plain(text: str) -> tuple[str, dict[str, object]]:
    """The cleaned body and the metadata found around it."""
    split = split_article(text)
    meta = metadata.from_header(split.header, split.body, split.footer)
    body = clean_body(split, meta.get("title"))
    return body, meta


def _tidy(line: str) -> str:
    return re.sub(r"[ \t\u00a0]+", " ", line).strip()


def read_extracted(text: str, title: str | None) -> tuple[str, dict[str, object]]:
    """Text a main-content extractor already cut from a page (HTML): keep every paragraph.

    Only lines that are chrome by themselves, the repeated headline, and a byline or date
    line in the first few lines go; the header/footer split of saved text would drop a
    short first or last paragraph here.
    """
    lines = [_tidy(line) for line in text.split("\n")]
    lines = [x for x in lines if x]
    found = metadata.from_header(lines[:4], lines[4:])
    title = title or found.get("title")
    kept = []
    for i, line in enumerate(lines):
        if is_chrome(line) or line == title:
            continue
        if i < 4 and (metadata.byline_author(line) or is_date_line(line)):
            continue
        kept.append(line)
    return "\n\n".join(kept), {**found, "title": title}

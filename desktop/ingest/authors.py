"""Who wrote an article: bylines in their many forms, a name beside a role or a date, profile lines."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from desktop.ingest.chrome import is_chrome
from desktop.ingest.dates import find_date, is_date_line

NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.\-]*(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.\-]*|de|van|von|der|al|bin|da|di|la|le))*"
# Only the cue words ignore case: a name must be capitalised, or "By the end of the year, ..."
# would read as a byline.
_NAMES = rf"{NAME}(?:\s+(?:and|&)\s+{NAME})*"  # "Dana Kell and Orin Vast"
_BYLINE = re.compile(rf"^(?i:by|written by|posted by|author|words by|report(?:ed)? by)\s*[:\-–]?\s*({_NAMES})"
                     rf"\s*(?:$|[,|·–—-]|\b(?i:in|for|on|at)\b)")
# What is left of "Posted on 3 March 2026 by Orla Venn" or "March 3, 2026 | By Orla Venn" without its date.
_DATED_BYLINE = re.compile(rf"(?:^|[\s|·,–—-])(?i:by)\s*:?\s*({_NAMES})\s*(?:$|[,|·–—-])")
_PROFILE = re.compile(rf"^({NAME})\s+(?i:profile (?:image|picture|photo)|avatar)$")
_ROLE = (r"(?:(?:senior|chief|staff|contributing|political|foreign|diplomatic|economics?|business|deputy|managing|"
         r"special|guest|freelance)\s+)*(?:reporter|correspondent|journalist|editor|columnist|writer|contributor|"
         r"analyst|fellow|producer|photographer|author|commentator)s?")
_ROLE_LINE = re.compile(rf"^(?i:{_ROLE})(?:\s*[,|–—-]\s*[\w .'’]{{1,40}})?$")
# "Orla Venn is the Post's transport correspondent.", "Kael Dorsey writes about rail for the Review."
_BIO = re.compile(rf"^({NAME})\s+(?:(?:is|was|has been)\s+(?:a|an|the)\b[^.]{{0,80}}?\b(?i:{_ROLE})\b"
                  r"|(?:writes|reports|covers|has covered|has written|has reported)\b)")
# Words that make a capitalised phrase the name of a publication rather than of a person.
_MEDIA = re.compile(r"\b(?i:the|news|daily|times|post|ledger|courier|review|gazette|herald|journal|tribune|press|"
                    r"wire|agency|standard|observer|chronicle|telegraph|monitor|express|media|tv|radio|online|"
                    r"magazine|weekly|mail|star|sun|today|report|insider|digest|network|channel)\b")


@lru_cache(maxsize=8192)  # the title finder, the author finder, the dateline and the cleaner ask about one line
def byline_author(line: str) -> str | None:
    line = line.strip()
    if _more_words_than(line, 10):
        return None
    for rx in (_BYLINE, _PROFILE):
        m = rx.match(line)
        if m:
            return clean_name(m.group(1))
    hit = find_date(line)
    if hit:
        m = _DATED_BYLINE.search(line[:hit[1]] + " | " + line[hit[2]:])
        if m:
            return clean_name(m.group(1))
    return None


def _more_words_than(line: str, n: int) -> bool:
    """Whether the line has more than n words; separators ("|", "–") are not words. Counting
    stops at n + 1: a paragraph is not counted to its end."""
    words = line.split()
    if len(words) <= n:
        return False
    if all(map(str.isalnum, words[:n + 1])):  # n + 1 plain words: no need to look further
        return True
    return next(islice((w for w in words if w.isalnum() or _ALNUM.search(w)), n, None), None) is not None


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: \w is those and "_"


def clean_name(name: str) -> str:
    name = re.sub(r"\s+(and|&)\s*$", "", name.strip(" ,.;:|"))
    name = " ".join(name.split())
    return name.title() if name.isupper() and len(name) > 3 else name  # "BY DANA KELL"


def looks_like_person(text: str) -> bool:
    """Two to four capitalised words that name no publication ("Orla Venn", not "The Coastal Ledger")."""
    words = text.split()
    return (2 <= len(words) <= 4 and bool(re.fullmatch(NAME, text)) and not any(c.isdigit() for c in text)
            and not _MEDIA.search(text) and not is_chrome(text))


def find_author(header: list[str], body: list[str], footer: list[str]) -> str | None:
    for line in header + body[:3]:
        name = byline_author(line)
        if name:
            return name
    return _name_line_author(header, body + footer)


def _name_line_author(header: list[str], rest: list[str]) -> str | None:
    """A name standing alone in the header, made an author by what stands beside it.

    A role line under it ("Senior Columnist"), a date beside it, or a profile line about it.
    """
    lines = [x for x in header if x]
    profiled: set[str] | None = None  # read from every line only when a name needs it
    for i, line in enumerate(lines):
        if not looks_like_person(line):
            continue
        before = lines[i - 1] if i else ""
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if _ROLE_LINE.match(after) or is_date_line(after) or is_date_line(before):
            return line
        if profiled is None:
            profiled = {m.group(1) for x in header + rest if (m := _BIO.match(x))}
        if line in profiled:
            return line
    return None


def profile_of(line: str, author: str | None) -> bool:
    """A line about the article's author ("Orla Venn is the Post's transport correspondent.")."""
    m = _BIO.match(line)
    if not m or not author or len(line.split()) > 60:
        return False
    return bool(set(m.group(1).split()) & set(re.split(r"\s+(?:and|&)\s+|\s+", author)))

"""Title, author, date and outlet from the lines above an article (and a few inside it)."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection

from desktop.ingest.authors import byline_author, find_author, looks_like_person
from desktop.ingest.chrome import is_chrome, is_prose
from desktop.ingest.dates import find_date, is_date_line, may_hold_date
from desktop.ingest.scan import more_words_than, no_separator
from desktop.ingest.types import FoundMetadata

# "© 2026 The Ledger. All rights reserved.", "Copyright © The Ledger 2026", "All content © The Ledger"
_OUTLET_LINE = re.compile(r"(?:©|\(c\)|\bcopyright\b)(?:\s*(?:©|\(c\)|\d{4}(?:\s*[-–]\s*\d{4})?,?))*\s*"
                          r"([A-Z][^.©|]+?)(?:,?\s*\d{4})?\s*(?:[.|]|all rights|$)", re.I)
_OUTLET_BEFORE_MARK = re.compile(r"^(?!(?i:copyright|all|content|text|photos?)\b)([A-Z][\w&.'’ -]{1,40}?)\s*(?:©|\(c\))")  # "The Ledger © 2026"
_WEEKDAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?,?", re.I)
_READ_MORE_WITH = re.compile(r"^(?:read more|more news|more stories)\s+(?:with|from|on|at)\s+([A-Z][\w&.\- ]{1,40})$", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?:[^|–—-]{1,40})$")


def _is_title_candidate(line: str) -> bool:
    words = len(line.split(None, 31))  # the count up to 32: only whether it is at most 30 matters
    return (2 <= words <= 30 and not is_chrome(line) and not is_date_line(line)
            and byline_author(line) is None and not is_prose(line) or (words >= 3 and line.endswith("?")
                                                                       and words <= 30 and not is_chrome(line)))


def find_title(header: list[str], body: list[str], site: str | None = None) -> str | None:
    candidates = [x for x in header if x and _is_title_candidate(x)]
    if not candidates:
        first = next((x for x in body if x), "")
        if first and (not is_prose(first) or _headline_shaped(first, body)):
            return _strip_suffix(first)
        return None
    # Sites print the headline twice (page title and article heading), often once with a
    # " | Site" or " – Site" tail, so compare without tails.
    heads = [_head(x, candidates) for x in candidates]
    counts = Counter(heads)
    # The site's own name line ("The Courier | News from the Islands") is not a headline, and
    # a short line twice over is more often a name (avatar text, then the name) than a headline.
    own = [x for x, line in zip(heads, candidates, strict=True) if not _names_site(line, site)]
    headline_sized = [x for x in own if len(x.split()) >= 4]
    repeated = [x for x in headline_sized if counts[x] > 1]
    return (repeated or headline_sized or [x for x in own if counts[x] > 1] or own or heads)[0]


_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
# Some saves print the headline as a sentence: "House panel votes to hold aide in contempt."
# An initial or abbreviation ("U.S.", "Mary J. Orsek") keeps its point.
_FULL_STOP = re.compile(r"(?<![A-Z])\.(?=[’'\"”]?$)")
_NEXT_SENTENCE = re.compile(r"(?<![A-Z])[.!?][’'\"”]?\s+[A-Z]")


def _without_full_stop(title: str) -> str:
    return _FULL_STOP.sub("", title)


def is_title_line(line: str, title: str | None) -> bool:
    """The headline as the text prints it, full stop, date stamp and all."""
    if not title:
        return False
    # Only a final stop is taken off, so only a line one character longer can be the title with one.
    return line == title or (len(line) == len(title) + 1 and _without_full_stop(line) == title) or (
        line.startswith(title) and without_stamp(line)[0] == title)


def without_stamp(line: str) -> tuple[str, dt.date | None]:
    """A title line's date or time stamp taken off ("Port reopens – 2026-03-14 08:10:02",
    "Port reopens | 14 March 2026"): the line without it, and the date it gives (or None).

    A stamp is a part between separators that is only a date, with a time or weekday at most;
    the line is left as it is when nothing but the stamp would remain.
    """
    cuts = [] if no_separator(line) else list(_SEPARATOR.finditer(line))
    if not cuts:
        return line, None
    bounds = [0] + [c.end() for c in cuts]
    ends = [c.start() for c in cuts] + [len(line)]
    kept: list[str] = []
    date: dt.date | None = None
    for i, (a, b) in enumerate(zip(bounds, ends, strict=True)):
        part = line[a:b]
        hit = find_date(part) if is_date_line(part) else None
        if hit or _TIME.fullmatch(part.strip()):
            date = date or (hit[0] if hit else None)
            continue
        kept.append((line[cuts[i - 1].start():cuts[i - 1].end()] if i and kept else "") + part)
    if date is None or not kept:
        return line, None
    return "".join(kept).strip(), date


def _headline_shaped(line: str, body: list[str]) -> bool:
    """The first line of a text with no header, one short sentence standing above the article."""
    words = len(line.split())
    longer_below = any(len(x.split()) > words for x in [x for x in body if x][1:4])
    # One sentence, or two short ones ("The port reopens. Traders must live with it.").
    sentences = len(_NEXT_SENTENCE.findall(line)) + 1
    return words <= 20 and (sentences == 1 or (sentences == 2 and words <= 14)) and longer_below


def _head(line: str, candidates: list[str]) -> str:
    """The headline in a page title: the part before a tail when that part stands alone elsewhere too."""
    parts = _SEPARATOR.split(line)
    for cut in range(len(parts) - 1, 0, -1):
        left = line[:_nth_separator(line, cut)]
        if left in candidates and left != line:
            return left
    return _strip_suffix(line)


def _nth_separator(line: str, n: int) -> int:
    return list(_SEPARATOR.finditer(line))[n - 1].start()


def _names_site(line: str, site: str | None) -> bool:
    return site is not None and bool(site) and any(_bare(p) == _bare(site) for p in _SEPARATOR.split(line))


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().casefold())


def site_from_title(header: list[str], title: str | None = None) -> str | None:
    """The site name in a headline's ' | Site' tail (or any tail after the headline itself)."""
    for line in header:
        if title and line.startswith(title) and (tail := _SEPARATOR.match(line[len(title):])):
            name = line[len(title) + tail.end():].strip()
            if name and len(name.split()) <= 5 and not find_date(name):
                return name
        m = None if no_separator(line) else _TITLE_SUFFIX.search(line)
        if m and "|" in m.group(0) and _is_title_candidate(line) and not find_date(m.group(0)) and len(m.group(0).split()) <= 5:
            return m.group(0).strip(" |–—-")
    return None


def _strip_suffix(title: str) -> str:
    """Drop a site's ' – date' or ' | Site' tail from a headline."""
    m = _TITLE_SUFFIX.search(title)
    if m and (find_date(m.group(0)) or len(m.group(0).split()) <= 4 and "|" in m.group(0)):
        title = title[:m.start()]
    hit = find_date(title)
    if hit and hit[2] == len(title.rstrip()) and hit[1] > 0:
        title = title[:hit[1]].rstrip(" –—-|,")
    return title.strip()


def find_dateline(header: list[str]) -> tuple[dt.date | None, str | None]:
    """The first date stated above the article, and the name written before it, if any.

    The name is an outlet ("The Coastal Ledger — 14 March 2026") or, on some sites, the
    author ("Orla Venn | 3 March 2026").
    """
    for line in header:
        if is_chrome(line) and not is_date_line(line) and not _PUBLISHED.match(line):
            continue
        hit = find_date(line)
        if hit and not more_words_than(line, 12):
            date, start, _end = hit
            before = _PUBLISHED.sub("", line[:start].strip(" –—-|,:·"))
            before = _WEEKDAY.sub("", _TIME.sub("", before)).strip(" –—-|,:·")
            named = (before if before and re.search(r"[^\W\d_]{2}", before) and len(before.split()) <= 6
                     and byline_author(before) is None else None)
            return date, named
    return None, None


_PUBLISHED = re.compile(r"^(?:published|updated|posted|date|last modified)(?:\s+on)?\s*:?\s*", re.I)


def _may_date_or_tail(line: str) -> bool:
    """Whether a date or a separated tail (" – 14 March 2026", " | The Ledger") can stand in the line."""
    return may_hold_date(line) or (not no_separator(line) and bool(_SEPARATOR.search(line)))


def find_outlet(lines: list[str]) -> str | None:
    """The site named in a copyright line or a "Read more with X" line."""
    for line in (x.strip() for x in lines):
        if more_words_than(line, 12):  # a paragraph that mentions copyright is not the footer's line
            continue
        m = _OUTLET_BEFORE_MARK.match(line) or _OUTLET_LINE.search(line) or _READ_MORE_WITH.match(line)
        if m and len(m.group(1).split()) <= 5:
            return m.group(1).strip()
    return None


def from_header(header: list[str], body: list[str], footer: list[str] | None = None,
                known: Collection[str] = ()) -> FoundMetadata:
    """The title, author, date and outlet the lines state. A field in `known` (the file's own
    metadata gave it, and it wins) is not looked for and comes back None; the title is still
    found when another field needs it (the lines around it are read for the date and the outlet)."""
    if {"title", "author", "published", "outlet"} <= set(known):
        return {"title": None, "author": None, "published": None, "outlet": None}
    footer = footer or []
    if {"title", "author"} <= set(known) and not any(map(_may_date_or_tail, header)):
        # No date and no " | Site" tail stand above the article: the headline the lines hold would
        # decide no field (it only keeps its own line out of the dateline search and gives the tail).
        return {"title": None, "author": None, "published": None,
                "outlet": None if "outlet" in known else find_outlet(header + body[-5:] + footer)}
    site = find_outlet(header + body[-5:] + footer)
    # A headline carrying a date stamp is read without it; a short line with a date ("The Coastal
    # Ledger — 14 March 2026", "Orla Venn | 3 March 2026") is a dateline, read below as it is.
    stamped = {x: bare for x in header if x and (bare := without_stamp(x))[1] and len(bare[0].split()) >= 4}
    title = find_title([stamped[x][0] if x in stamped else x for x in header], body, site)
    title_lines = {x for x, (bare, _d) in stamped.items() if title and bare.startswith(title)}
    rest = [x for x in header if x and x != title and x not in title_lines]
    date, named = find_dateline(rest)
    # The title line's stamp dates the article when no dateline of its own does.
    date = date or next((stamped[x][1] for x in header if x in title_lines), None)
    by_date = named if named and looks_like_person(named) else None
    return {
        "title": _without_full_stop(title) if title and "title" not in known else None,
        "author": (find_author(rest, body, footer) or by_date) if "author" not in known else None,
        "published": date if "published" not in known else None,
        "outlet": ((named if named != by_date else None)
                   or site_from_title([stamped[x][0] if x in stamped else x for x in header], title) or site)
        if "outlet" not in known else None,
    }

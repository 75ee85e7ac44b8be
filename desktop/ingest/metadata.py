"""Title, author, date and outlet from the lines above an article (and a few inside it)."""
from __future__ import annotations

import re
from collections import Counter

from desktop.ingest.chrome import is_chrome, is_prose
from desktop.ingest.dates import find_date, is_date_line

_NAME = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.\-]*(?:\s+(?:[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’.\-]*|de|van|von|der|al|bin|da|di|la|le))*"
# Only the cue words ignore case: a name must be capitalised, or "By the end of the year, ..."
# would read as a byline.
_NAMES = rf"{_NAME}(?:\s+(?:and|&)\s+{_NAME})*"  # "Dana Kell and Orin Vast"
_BYLINE = re.compile(rf"^(?i:by|written by|posted by|author|words by|report(?:ed)? by)\s*[:\-–]?\s*({_NAMES})"
                     rf"\s*(?:$|[,|–—-]|\b(?i:in|for|on|at)\b)")
_PROFILE = re.compile(rf"^({_NAME})\s+(?i:profile (?:image|picture|photo)|avatar)$")
_OUTLET_LINE = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(.+?)(?:\.|$)", re.I)
_READ_MORE_WITH = re.compile(r"^(?:read more|more news|more stories)\s+(?:with|from|on|at)\s+([A-Z][\w&.\- ]{1,40})$", re.I)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?\b", re.I)
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+(?:[^|–—-]{1,40})$")


def byline_author(line: str) -> str | None:
    line = line.strip()
    if len(line.split()) > 10:
        return None
    for rx in (_BYLINE, _PROFILE):
        m = rx.match(line)
        if m:
            return _clean_name(m.group(1))
    return None


def _clean_name(name: str) -> str:
    name = re.sub(r"\s+(and|&)\s*$", "", name.strip(" ,.;:|"))
    name = " ".join(name.split())
    return name.title() if name.isupper() and len(name) > 3 else name  # "BY DANA KELL"


def _is_title_candidate(line: str) -> bool:
    words = line.split()
    return (2 <= len(words) <= 30 and not is_chrome(line) and not is_date_line(line)
            and byline_author(line) is None and not is_prose(line) or (len(words) >= 3 and line.endswith("?")
                                                                       and len(words) <= 30 and not is_chrome(line)))


def find_title(header: list[str], body: list[str]) -> str | None:
    candidates = [x for x in header if x and _is_title_candidate(x)]
    if not candidates:
        first = next((x for x in body if x), "")
        return _strip_suffix(first) if first and not is_prose(first) else None
    # Sites print the headline twice (page title and article heading), often once with a
    # " | Site" tail, so compare without tails; a site name alone is short, a headline is not.
    stripped = [_strip_suffix(x) for x in candidates]
    counts = Counter(stripped)
    repeated = [x for x in stripped if counts[x] > 1]
    headline_sized = [x for x in stripped if len(x.split()) >= 4]
    return (repeated or headline_sized or stripped)[0]


def site_from_title(header: list[str]) -> str | None:
    """The site name in a headline's ' | Site' tail."""
    for line in header:
        m = _TITLE_SUFFIX.search(line)
        if m and "|" in m.group(0) and not find_date(m.group(0)) and len(m.group(0).split()) <= 5:
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


def find_author(header: list[str], body: list[str]) -> str | None:
    for line in header + body[:3]:
        name = byline_author(line)
        if name:
            return name
    return None


def find_date_and_outlet(header: list[str]) -> tuple[object, str | None]:
    for line in header:
        if is_chrome(line) and not line.lower().startswith(("published", "updated", "posted")):
            continue
        hit = find_date(line)
        if hit and len(line.split()) <= 12:
            date, start, _end = hit
            before = line[:start].strip(" –—-|,:")
            before = re.sub(r"^(published|updated|posted)(\s+on)?\s*", "", before, flags=re.I).strip(" –—-|,:")
            before = _TIME.sub("", before).strip(" –—-|,:")
            outlet = (before if before and re.search(r"[^\W\d_]{2}", before) and len(before.split()) <= 6
                      and byline_author(before) is None else None)
            return date, outlet
    return None, None


def find_outlet(lines: list[str]) -> str | None:
    for line in lines:
        for rx in (_OUTLET_LINE, _READ_MORE_WITH):
            m = rx.match(line.strip())
            if m and len(m.group(1).split()) <= 5:
                return m.group(1).strip()
    return None


def from_header(header: list[str], body: list[str], footer: list[str] | None = None) -> dict[str, object]:
    title = find_title(header, body)
    rest = [x for x in header if x and x != title]
    date, outlet = find_date_and_outlet(rest)
    return {
        "title": title,
        "author": find_author(rest, body),
        "published": date,
        "outlet": outlet or site_from_title(header) or find_outlet(header + body[-5:] + (footer or [])),
    }

"""Find a publication date written the ways news sites write them.

Where a date may stand is found by shape (digits and month names in the orders sites use);
what it means is read by dateparser, a maintained parser that knows month spellings,
ordinals and which numeric order a date can be in ("07/22/2024" can only be July;
"05/09/2024" is read in English's month-first order, a dotted "05.09.2024" day first, as
the countries that write dots do). Nothing is downloaded: dateparser ships its data.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from desktop.ingest.scan import more_words_than, no_digit

_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Each alternative is one way of writing a whole date; a time after it is left out.
_CANDIDATE = re.compile(
    r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?!\d)"                       # 2024-07-22, 2024/07/22 (also 2024-07-22T10:00)
    rf"|{_DAY}(?:\s+of)?\s+{_MON},?\s+\d{{4}}\b"                      # 22 July 2024, 9th of May 2024
    rf"|{_MON}\s+{_DAY},?\s+\d{{4}}\b"                                # July 22nd, 2024
    r"|\d{1,2}([./-])\d{1,2}\1\d{4}\b)",                              # 22.07.2024, 07/22/2024
    re.IGNORECASE)
_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first",
             "RETURN_TIME_AS_PERIOD": False}


# Year-month-day in digits, as trafilatura gives every page's date: a real date written so is
# read by the standard library, as dateparser reads it (tests compare them day by day), in a
# thousandth of its millisecond. Anything else, "2026-02-30" and "2026-13-01" too, is dateparser's.
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


@lru_cache(maxsize=4096)  # the same date line is asked about by the splitter, the header and the cleaner
def parse_date(written: str) -> dt.date | None:
    """One written date, or None if it is not a real date."""
    iso = _ISO_DATE.fullmatch(written)
    if iso:
        try:
            return dt.date(*map(int, iso.groups()))
        except ValueError:
            pass
    return dateparser_date(written)


def dateparser_date(written: str) -> dt.date | None:
    """One written date read by dateparser, or None if it is not a real date."""
    import dateparser  # imported on first use: the app starts without it

    settings = dict(_SETTINGS)
    if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", written):
        settings["DATE_ORDER"] = "DMY"  # dots are written day first where they are written at all
    parsed = dateparser.parse(written, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


# Every way of writing a date above has a four-digit year: most lines have none, and this
# plain scan costs a sixth of looking for every shape of date at every word.
_YEAR = re.compile(r"\d{4}")
# A date is at most four words ("9th of May, 2024") and a date line has at most four others.
DATE_LINE_MAX_WORDS = 8


def may_hold_date(text: str) -> bool:
    """Whether a date can stand in the text: it has a four-digit year (looked for only where a digit is)."""
    return not no_digit(text) and bool(_YEAR.search(text))


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date in the text with where it is, or None."""
    if not may_hold_date(text):
        return None
    for m in _CANDIDATE.finditer(text):
        date = parse_date(m.group(0))
        if date is not None:
            return date, m.start(), m.end()
    return None


@lru_cache(maxsize=8192)  # the splitter, the header and the cleaner ask about the same lines
def is_date_line(line: str) -> bool:
    """A line that is only a date (with a time or weekday at most), as in related-post lists."""
    if more_words_than(line, DATE_LINE_MAX_WORDS):  # a paragraph: not read for dates at all
        return False
    hit = find_date(line)
    if not hit:
        return False
    rest = line[:hit[1]] + line[hit[2]:]
    return len(re.findall(r"[A-Za-z]{4,}", rest)) <= 2 and len(rest.split()) <= 4

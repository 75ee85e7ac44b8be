"""Find a publication date written the ways news sites write them."""
from __future__ import annotations

import datetime as dt
import re

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")], start=1) for m in names}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PATTERNS = [
    (re.compile(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)"), ("y", "m", "d")),  # also 2024-07-22T10:00
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(\d{{4}})\b", re.I), ("d", "mon", "y")),
    (re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I), ("mon", "d", "y")),
    (re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b"), ("d", "m", "y")),
]


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date in the text with where it is, or None."""
    found = []
    for rx, order in _PATTERNS:
        for m in rx.finditer(text):
            parts = dict(zip(order, m.groups(), strict=True))
            month = _month(parts["mon"]) if "mon" in parts else int(parts["m"])
            try:
                found.append((m.start(), dt.date(int(parts["y"]), month, int(parts["d"])), m.end()))
            except ValueError:
                continue
    if not found:
        return None
    start, date, end = min(found)
    return date, start, end


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTHS.get(key[:3], 0)


def is_date_line(line: str) -> bool:
    """A line that is only a date (with a time or weekday at most), as in related-post lists."""
    hit = find_date(line)
    if not hit:
        return False
    rest = line[:hit[1]] + line[hit[2]:]
    return len(re.findall(r"[A-Za-z]{4,}", rest)) <= 2 and len(rest.split()) <= 4

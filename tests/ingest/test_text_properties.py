"""The ingest's small readers as properties: any date written the ways news sites write it is found with
where it stands; text saved in UTF-8, UTF-8 with a byte-order mark, UTF-16 or a Western code page reads
back as written (line ends made one); a file name that is not UTF-8 is shown with a replacement character
and still names its file; the disk-full test looks through every layer of a wrapped error."""
from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.ingest.dates import find_date, is_date_line, parse_date
from desktop.ingest.decode import decode_bytes, looks_binary
from desktop.ingest.paths import is_disk_full, shown

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


WRITINGS = {
    "iso": lambda d: d.isoformat(),
    "iso slashes": lambda d: f"{d.year}/{d.month:02}/{d.day:02}",
    "day month year": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "ordinal of month": lambda d: f"{ordinal(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    "month day, year": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
    "month ordinal, year": lambda d: f"{MONTHS[d.month - 1]} {ordinal(d.day)}, {d.year}",
    "short month": lambda d: f"{d.day} {MONTHS[d.month - 1][:3]}. {d.year}",
    "dotted day first": lambda d: f"{d.day:02}.{d.month:02}.{d.year}",
    "iso with time": lambda d: f"{d.isoformat()}T10:42:00Z",
}

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


@settings(max_examples=150, deadline=None)
@given(date=dates, how=st.sampled_from(sorted(WRITINGS)), before=st.sampled_from(["", "PORT KESSA, ", "Updated: "]))
def test_a_date_written_any_usual_way_is_found_where_it_stands(date, how, before):
    written = WRITINGS[how](date)
    text = f"{before}{written} — the harbour board met again."
    found = find_date(text)
    assert found is not None and found[0] == date
    assert text[found[1]:found[2]] == written[:found[2] - found[1]] and found[1] == len(before)


@settings(max_examples=100, deadline=None)
@given(date=dates.filter(lambda d: d.day > 12))
def test_a_slashed_date_that_can_only_be_month_first_is_read_so(date):
    assert parse_date(f"{date.month:02}/{date.day:02}/{date.year}") == date


@given(day=st.integers(29, 31), month=st.sampled_from([2, 4, 6, 9, 11]), year=st.integers(1990, 2035))
def test_a_day_the_month_does_not_have_is_no_date(day, month, year):
    try:
        dt.date(year, month, day)
    except ValueError:
        assert find_date(f"Published {day} {MONTHS[month - 1]} {year}.") is None


def test_a_line_that_is_only_a_date_and_a_line_that_says_more():
    assert is_date_line("Tuesday, 14 March 2026, 10:42")
    assert is_date_line("March 14, 2026")
    assert not is_date_line("On 14 March 2026 the harbour board of Marenhal voted to double the fees")
    assert not is_date_line("No date in this line at all")


latin_words = st.lists(st.sampled_from(["Zoë", "café", "naïve", "Ålund", "harbour", "fees", "rose", "by", "a",
                                        "third", "façade", "Müller", "señor", "Kessa", "14%", "—"]),
                       min_size=2, max_size=30)


@settings(max_examples=100, deadline=None)
@given(words=latin_words, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252"]),
       line_end=st.sampled_from(["\n", "\r\n", "\r"]))
def test_text_reads_back_as_written_in_any_common_encoding(words, encoding, line_end):
    if encoding == "cp1252":
        words = [w for w in words if w != "—"] or ["harbour", "fees"]
        if not any(not w.isascii() for w in words):
            words.append("café")
    lines = [" ".join(words[i:i + 5]) for i in range(0, len(words), 5)]
    text = "\n".join(lines)
    data = line_end.join(lines).encode(encoding)
    assert not looks_binary(data)
    assert decode_bytes(data) == text


def test_a_few_damaged_bytes_in_utf8_are_replaced_not_the_whole_file_misread():
    data = "Zoë Brenn-Ålund opened the café on the quay. Fees rose by a third.".encode() + b"\xff" + b" The end."
    text = decode_bytes(data)
    assert text.startswith("Zoë Brenn-Ålund opened the café") and text.count("\ufffd") == 1


def test_binary_looking_data_is_told_apart_from_text_with_a_byte_order_mark():
    assert looks_binary(b"PK\x03\x04\x00\x00binary")
    assert not looks_binary("harbour fees".encode("utf-16"))
    assert looks_binary(bytes(range(1, 9)) * 20)


@given(name=st.binary(min_size=1, max_size=30).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_a_file_name_of_any_bytes_is_shown_as_text_and_still_names_the_file(name):
    path = os.fsdecode(name)
    text = shown(path)
    text.encode("utf-8")  # storable and printable: no surrogates left
    assert os.fsencode(path) == name
    if _is_utf8(name):
        assert text == name.decode("utf-8")
    else:
        assert "\ufffd" in text


def test_a_full_disk_is_recognised_through_every_layer_of_a_wrapped_error():
    from sqlalchemy.exc import OperationalError

    full = OSError(errno.ENOSPC, "No space left on device")
    assert is_disk_full(full)
    try:
        try:
            raise full
        except OSError as inner:
            raise RuntimeError("could not store the batch") from inner
    except RuntimeError as outer:
        assert is_disk_full(outer)
    wrapped = OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert is_disk_full(wrapped)
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    looped = RuntimeError("first")
    looped.__context__ = RuntimeError("second")
    looped.__context__.__context__ = looped  # a cycle of contexts ends the search, not the program
    assert not is_disk_full(looped)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True

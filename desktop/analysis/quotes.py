"""Direct quotations found from the quotation marks, whatever glyphs and however sloppy.

Double marks of every glyph (" “ ” „ « ») toggle in and out of a quotation within a
paragraph: real text mixes them up (a quote opened with ” or closed with “), so the
direction is read from the state, not the glyph. Inside a quotation, marks of another
kind (curly inside straight) are nested quotations as long as the opening kind closes
later in the paragraph. A quotation still open at the end of
a paragraph ends there; when the next paragraph opens with a mark, it continues (the
news convention for multi-paragraph quotes). Single marks (‘ ’ ') count only outside a
double quotation and only where they cannot be apostrophes.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

DOUBLE = "\"“”„«»‟"
SINGLE_OPEN = "‘'"
SINGLE_CLOSE = "’'"


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # inside the marks
    end: int
    open_at: int  # index of the opening mark
    close_at: int | None  # index of the closing mark, None when the paragraph ended first
    continues: bool = False  # continues a quotation from the previous paragraph


def _paragraphs(body: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for m in re.finditer(r"\n", body + "\n"):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()


def find_quote_spans(body: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at_end = in_transcript = False
    for p_start, p_end in _paragraphs(body):
        first = _first_visible(body, p_start, p_end)
        opens = first < p_end and body[first] in DOUBLE
        # A quoted interview transcript: every paragraph of the block opens with a mark.
        in_transcript = opens and (_transcript_line(body, first, p_start) or in_transcript)
        found, still_open = _double_quotes(body, p_start, p_end, in_transcript)
        if open_at_end and found and found[0].open_at == _first_visible(body, p_start, p_end):
            found[0] = QuoteSpan(found[0].start, found[0].end, found[0].open_at, found[0].close_at, True)
        spans.extend(found)
        spans.extend(_single_quotes(body, p_start, p_end, found))
        open_at_end = still_open
    trimmed = (_trimmed(body, s) for s in spans)
    return sorted((s for s in trimmed if s.end > s.start), key=lambda s: s.start)


def _first_visible(body: str, start: int, end: int) -> int:
    i = start
    while i < end and body[i].isspace():
        i += 1
    return i


def _family(ch: str) -> str:
    return "straight" if ch == '"' else "guillemet" if ch in "«»" else "curly"


def _double_quotes(body: str, start: int, end: int, transcript: bool = False) -> tuple[list[QuoteSpan], bool]:
    marks = [i for i in range(start, end)
             if (body[i] in DOUBLE and not _is_markup(body, i)) or _typed_single_close(body, i, end)]
    if marks and transcript:
        marks = marks[1:]  # '"HOST: Well, …' opens a transcript line, not a quotation
    out: list[QuoteSpan] = []
    opened: int | None = None
    nested = False  # a quotation of the other kind of marks is open inside the current one
    # How many marks of each family are still to come after each one (an any() over the rest
    # of the paragraph at every mark was quadratic in the marks of a paragraph).
    later: list[dict[str, int]] = []
    remaining = {"straight": 0, "guillemet": 0, "curly": 0}
    for i in reversed(marks):
        later.append(dict(remaining))
        if body[i] in DOUBLE:
            remaining[_family(body[i])] += 1
    later.reverse()
    for n, i in enumerate(marks):
        if body[i] not in DOUBLE:
            # '“We can win.’ Vorst was…': a closing mark typed as a single one ends a curly
            # quotation with no single quotation inside, when the next double mark opens another.
            following = marks[n + 1:n + 2]
            if (opened is not None and not nested and _family(body[opened]) == "curly"
                    and not SINGLE_OPENED.search(body, opened, i) and not later[n]["curly"] % 2
                    and (not following or _opens(body, following[0], start))):
                out.append(QuoteSpan(opened + 1, i, opened, i))
                opened = None
            continue
        if _is_inch_mark(body, i) and (opened is None or body[opened] != '"' or _feet_before(body, i)):
            continue  # 5'10" or a 12" screen; but '"about $200,000" from' closes its quotation
        if opened is None:
            if _stray_close(body, i, start):
                continue  # 'listed [three] missing invoices" in…': its opening mark is missing
            opened = i
            continue
        family = _family(body[opened])
        if _family(body[i]) != family:
            if nested:
                nested = False  # closes the quotation nested inside
                continue
            if _closes(body, i, end) and not _opens(body, i, start):
                # A writer who opens with one kind and closes with the other ('“We will,"
                # Vorst said. "Soon.”'): a mark glued to the words before it ends the quotation.
                out.append(QuoteSpan(opened + 1, i, opened, i))
                opened = None
                continue
            if later[n][family]:
                nested = True  # a quotation nested in marks of the other kind: 'said "the “best” deal"'
                continue
        out.append(QuoteSpan(opened + 1, i, opened, i))
        opened = None
        nested = False
    if opened is not None and end - opened > 1:
        out.append(QuoteSpan(opened + 1, end, opened, None))
    return out, opened is not None


TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'’\- ]{1,25}:\s|\([A-Z][A-Z ]+\.?\)")


def _transcript_line(body: str, i: int, start: int) -> bool:
    """A mark opening a paragraph right before an upper-case speaker label ("HOST:") or a
    stage note ("(CROSSTALK)"): quoted interview transcripts mark blocks, not single quotations."""
    return not body[start:i].strip() and bool(TRANSCRIPT_LABEL.match(body, i + 1))


def _stray_close(body: str, i: int, start: int) -> bool:
    """A mark glued to the word before it and followed by a space closes; with nothing open it
    can only be a closing mark whose opening one the writer forgot."""
    before = body[i - 1] if i > start else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    return (before.isalnum() or before in ".,!?;)]") and (after.isspace() or after in ".,;:")


SINGLE_OPENED = re.compile(r"‘|(?<!\w)'(?=\w)")  # a single quotation opened ('… or ‘…), not "don't"


def _typed_single_close(body: str, i: int, end: int) -> bool:
    """’ after the stop of a sentence and before the next one (or the paragraph's end)."""
    return (body[i] == "’" and body[i - 1] in ".!?" and
            (i + 1 >= end or (body[i + 1].isspace() and body[i + 2:i + 3].isupper())))


def _closes(body: str, i: int, end: int) -> bool:
    """Shaped like a closing mark: glued to the word or stop before it, a space or stop after."""
    after = body[i + 1] if i + 1 < end else " "
    return not body[i - 1].isspace() and (after.isspace() or after in ".,;:!?)]—–")


def _opens(body: str, i: int, start: int) -> bool:
    """Shaped like an opening mark: a space or bracket before it, a word after."""
    before = body[i - 1] if i > start else " "
    return (before.isspace() or before in "([—–") and not body[i + 1:i + 2].isspace()


def _feet_before(body: str, i: int) -> bool:
    """The inches of 5'10": digits right after a foot mark."""
    j = i
    while j > 0 and body[j - 1].isdigit():
        j -= 1
    return j > 0 and body[j - 1] in "'′’"


def _is_markup(body: str, i: int) -> bool:
    """Attribute values left from HTML (tweet-author="…">): quoted markup, not speech."""
    return body[i] == '"' and ((i > 0 and body[i - 1] == "=") or body[i + 1:i + 2] == ">")


def _is_inch_mark(body: str, i: int) -> bool:
    """5'10" or 12" screens: a straight mark right after a digit, not a quotation."""
    return body[i] == '"' and i > 0 and body[i - 1].isdigit() and (i + 1 >= len(body) or not body[i + 1].isalpha())


DOUBLED_APOSTROPHES = re.compile(r"'{2,3}")


def _doubled_apostrophe_ranges(body: str, start: int, end: int) -> list[tuple[int, int]]:
    """Archive text types a double mark as two apostrophes (''…''; three where a nested single
    quotation closes with it). Such a quotation is not reported (the finder reads real double
    marks only), but the single marks inside it are quotes within a quotation, not quotations of
    the article: 'I said, 'We wait'' is one speaker quoting another."""
    runs = [m.start() for m in DOUBLED_APOSTROPHES.finditer(body, start, end)]
    pairs = list(zip(runs[::2], runs[1::2] + ([end] if len(runs) % 2 else []), strict=True))
    return [(a, b) for a, b in pairs]


def _single_quotes(body: str, start: int, end: int, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    inside = _Inside([(q.open_at, (q.close_at or end)) for q in doubles]
                     + _doubled_apostrophe_ranges(body, start, end))
    out: list[QuoteSpan] = []
    i = start
    while i < end:
        ch = body[i]
        if ch in SINGLE_OPEN and _opens_single(body, i, start) and not inside.holds(i):
            j = _close_single(body, i + 1, end)
            if j is not None:
                out.append(QuoteSpan(i + 1, j, i, j))
                i = j + 1
                continue
        i += 1
    return out


class _Inside:
    """Ranges [a, b] asked whether they hold a position, by bisection rather than one by one."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ranges = sorted(ranges)
        self.starts = [a for a, _b in ranges]
        self.reach = list(accumulate((b for _a, b in ranges), max))

    def holds(self, i: int) -> bool:
        n = bisect_right(self.starts, i) - 1
        return n >= 0 and self.reach[n] >= i


ELIDED_YEAR = re.compile(r"\d\d(?:s\b|\b)")


def _opens_single(body: str, i: int, start: int) -> bool:
    before = body[i - 1] if i > start else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    if ELIDED_YEAR.match(body, i + 1):
        return False  # "in ’08", "the '80s": a year cut short, not a quotation
    return (before.isspace() or before in "([—–-:") and (after.isalnum() or after in "“\"")


def _close_single(body: str, i: int, end: int) -> int | None:
    limit = min(end, i + 600)
    for j in range(i, limit):
        if body[j] in SINGLE_CLOSE:
            before = body[j - 1]
            after = body[j + 1] if j + 1 < len(body) else " "
            if before.isalpha() and after.isalpha():
                continue  # don’t, it’s
            if before in "sS" and after.isspace() and not _sentence_end_near(body, j):
                continue  # the students’ union
            if not before.isspace() and (after.isspace() or after in ".,;:!?)—–-”\"" or j + 1 >= len(body)):
                return j
    return None


def _sentence_end_near(body: str, j: int) -> bool:
    return bool(re.match(r"[\s]*(said|says|told|added|he|she|they|according)\b", body[j + 1:j + 20]))


def _trimmed(body: str, s: QuoteSpan) -> QuoteSpan:
    """Drop white space just inside the marks, so the text starts and ends with a character."""
    a, b = s.start, s.end
    while a < b and body[a].isspace():
        a += 1
    while b > a and body[b - 1].isspace():
        b -= 1
    return QuoteSpan(a, b, s.open_at, s.close_at, s.continues)


def is_scare_quote(text: str) -> bool:
    """Scare quotes and titles: a few words, or a short title-case name, with no sentence in them."""
    if len(re.findall(r"\w+", text)) <= 3 and not re.search(r"[.!?]$", text.strip()):
        return True
    words = re.findall(r"\w+(?:['’]\w+)*", text)  # "Isn't" is one word, so titles stay title case
    # Titles of shows, books and slogans: short and in title case, whatever punctuation follows.
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "is", "are", "with", "by"}
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return len(words) <= 8 and capitalised == len(words) and sum(1 for w in words if w[0].isupper()) >= 2

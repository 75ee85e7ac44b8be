"""Where the article in a saved page starts and ends, when prose-like lines lie outside it.

Two kinds of running text are not the article: a notice we have no phrase for (a cookie
banner, a comment-form sentence) cut off from it by a block of site chrome, and the
thread of reader comments under it.
"""
from __future__ import annotations

from desktop.ingest.chrome import is_chrome, marks_comment, opens_comments
from desktop.ingest.dates import is_date_line

ISLAND_MAX_PARAGRAPHS = 2  # a prompt or notice that reads like prose is one or two lines
GAP_MIN_LINES, GAP_MIN_CHROME = 6, 3  # adverts inside an article take one to three lines
THREAD_LOOKAHEAD = 8  # lines after a comment heading in which the first comment shows itself


def drop_islands(lines: list[str], prose: list[int]) -> list[int]:
    """The prose line numbers without the islands at the page's bottom and top."""
    prose = list(prose)
    for from_bottom in (True, False):
        while len(prose) > ISLAND_MAX_PARAGRAPHS:
            cut = _island_size(lines, prose[::-1] if from_bottom else prose)
            if not cut:
                break
            prose = prose[:-cut] if from_bottom else prose[cut:]
    return prose


def _island_size(lines: list[str], outer_first: list[int]) -> int:
    """How many prose lines at the page's edge stand apart behind a chrome block (0 if none)."""
    for n in range(1, ISLAND_MAX_PARAGRAPHS + 1):
        a, b = sorted((outer_first[n - 1], outer_first[n]))
        gap = [x for x in lines[a + 1:b] if x]
        furniture = sum(1 for x in gap if _is_furniture(x))
        if len(gap) >= GAP_MIN_LINES and furniture >= GAP_MIN_CHROME:
            return n
    return 0


def _is_furniture(line: str) -> bool:
    """Chrome, a bare date, or a one- or two-word menu entry ("Latest", "Accept all")."""
    return is_chrome(line) or is_date_line(line) or (len(line.split()) <= 2 and line[-1:] not in ".!?")


def comment_thread_start(lines: list[str], prose: list[int]) -> int | None:
    """The line that opens a thread of reader comments after the article, if there is one.

    A comment heading alone may be a prompt ("Leave a reply"); it opens a thread when
    reply buttons, "Name says:" lines or timestamps follow it. The article must have
    begun before it, so a heading above the article never hides the article.
    """
    if not prose:
        return None
    for i in range(prose[0] + 1, len(lines)):
        if opens_comments(lines[i]):
            after = [x for x in lines[i + 1:] if x][:THREAD_LOOKAHEAD]
            if any(marks_comment(x) or (is_date_line(x) and ":" in x) for x in after):
                return i
    return None

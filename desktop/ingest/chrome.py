"""Recognising website chrome in saved text: the lines a site puts around an article.

General signals, not a list of one site's sentences: phrasing families that sites share
(subscriptions, comments, sharing, related posts, image credits, cookie notices), the
shape of a line (a bare date, a hashtag run, a credit with pixel sizes), and repetition.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick_rs

from desktop.ingest.scan import more_words_than, no_digit

_FAMILIES = [
    # newsletters and sign-ups
    r"subscri(be|ption)\b", r"\bnewsletter", r"\bsign[ -]?up\b", r"\bcheck your (e-?mail|inbox)",
    r"\b(inbox|spam folder)\b", r"\bconfirmation link\b", r"^ok(ay)?,? thanks?\b", r"^success!", r"\bno spam\b",
    r"^enter your (e-?mail|name)", r"\b(daily|weekly|morning|evening) (digest|briefing|email)\b",
    r"^don'?t miss (out|a story|an? \w+)\b", r"^get (our|the) \w+( \w+)? (alerts?|digest|briefing|email)",
    # comments and replies
    r"\b(leave|post|write|add) a (reply|review|comment)", r"\bno comments\b", r"\bcomments? (policy|section)\b",
    r"\bcomment for this article\b", r"\bemail address will not be published\b", r"\brequired fields\b",
    r"^join the (conversation|discussion|debate)\b", r"^have your say\b", r"^be the first to (comment|reply)",
    r"^(show|view|load|hide|read) (\d+ )?(more )?(comments|replies)", r"^\d+ (comments?|replies|responses)$",
    r"^cancel reply$", r"^(post|submit) (a )?(comment|reply)$", r"\bcommunity (guidelines|standards|rules)\b",
    r"\bnext time i comment\b", r"^(comment|name|e-?mail|website)\s*\*?$", r"^without comments?$",
    r"^rate this (article|story|post)", r"^[★☆*]{3,}$",
    # sharing and social channels
    r"\bshare (this|on)\b", r"^share\b", r"^(tweet|pin it|whatsapp|telegram|facebook|twitter|linkedin|email|print)$",
    r"^copy (the )?link$", r"\bfollow us\b", r"^follow [\w .'’]{1,40} on (x|twitter|facebook|instagram|linkedin|"
    r"telegram|youtube|tiktok|threads|bluesky|mastodon)\b", r"\bour (youtube|telegram|facebook|instagram|twitter|x) "
    r"(channel|account|page)", r"\b(youtube|telegram|whatsapp) channel\b", r"^(watch|listen|find) (us|our)\b",
    r"^listen to (this|the) (article|story)", r"^@\w+$",
    # related, recommended and more-of-the-same lists
    r"^(similar|related|recommended|popular|trending|latest|top|more) (posts?|articles?|stories|news|reads|"
    r"headlines)\b", r"^(related|recommended|trending|most (read|popular|viewed|shared))(:| now| for you|$)",
    r"^read (more|next|also)\b", r"^(see|view) (also|more)\b", r"^more (from|on|in|news|stories)\b",
    r"^you (might|may) (also )?(like|enjoy|be interested)", r"^(editor'?s picks?|in case you missed it)\b",
    r"^post navigation$", r"^(←|«|‹)\s", r"\s(→|»|›)$", r"^(prev|previous|next) (post|article|story)\b",
    # the site around the page
    r"\bcookies?\b.*\b(accept|use[sd]?|using|policy|consent|preferences|settings|experience)\b",
    r"\bprivacy policy\b", r"\ball rights reserved\b", r"^advertisement\b", r"^(sponsored|promoted|partner)\b", r"\bprofile (image|picture|photo)\b", r"^avatar( photo)?$",
    r"^(home|news|world|politics)\s*[>›»/]", r"\bskip to (main )?content\b", r"^(menu|search|search for:?|close)$",
    r"\bclick here\b", r"\bdownload (our|the) app\b", r"\bjoin (us|our)\b.*\b(channel|community|list)\b",
    r"\bproudly powered by\b", r"^like this:?$", r"^like loading", r"^about the author$", r"^got it!?$",
    r"^\d+ min(ute)?s? read$", r"^(reading time|print article)\b",
    # image credits and captions
    r"\b(photo|image|picture)( credit)?s?:", r"\b(photo|image|picture)s? by\b", r"\bfile photo\b",
    r"^(getty|reuters|ap|afp|shutterstock|istock|gettyimages)\b.*\d", r"\b\d{2,5}\s?x\s?\d{2,5}\b",
    r"\blicensing rights\b",
    # tags, filing, credits, copyright
    r"^(tags?|topics?|categor(y|ies)|keywords)\s*:", r"^(filed|posted) (under|in)\b", r"\|\s*tagged\b",
    r"^(print|email|comments?)$", r"^\[?(additional )?(reporting|writing|editing|edited) by\b",
    r"\bwas this (article|story) helpful\b", r"^(updated\s+)?\d+\s+(minutes?|hours?|days?|weeks?)\s+ago$",
    r"^(yesterday|today|just now)$",
    # cookie banners' buttons
    r"^(accept|reject|decline|allow|refuse)( all| necessary)?( cookies)?$", r"^manage (preferences|settings|cookies|options)$",
    r"\bfind out more$",
]
# Patterns tied to the start of a line are tried once there, the rest anywhere; one big
# alternation tried at every position of a long paragraph was the import's slowest step.
_AT_START = re.compile("|".join(f"(?:{p[1:]})" for p in _FAMILIES if p.startswith("^")), re.IGNORECASE)
_ANYWHERE_FAMILIES = [p for p in _FAMILIES if not p.startswith("^")]


def _lead_words(pattern: str) -> list[str] | None:
    """The words one of which every match of the pattern starts with, or None if it has none.

    Literal runs and groups of literal words are followed as far as they go, each word of a group
    making its own lead: "\\b(photo|image)s? by" -> ["photo", "image"]; "\\bcookies?\\b.*" -> ["cookie"];
    "\\bshare (this|on)\\b" -> ["share this", "share on"]. The longer the leads, the fewer places in
    running text start one ("our " stands inside "harbour ", "our telegram" seldom does).
    """
    if _has_top_level_bar(pattern):
        return None
    body = pattern.removeprefix("\\b")
    leads = [""]
    while True:
        group = _GROUP_OF_WORDS.match(body)
        if group:
            words, body = group.group(1).split("|"), body[group.end():]
        else:
            run = _LITERAL_RUN.match(body)
            if not run:
                break
            word, body = run.group(0), body[run.end():]
            if body[:1] in ("?", "*", "{"):  # its last letter may be left out
                leads = [x + word[:-1] for x in leads]
                break
            words = [word]
        leads = [x + w for x in leads for w in words]
    return leads if all(leads) else None


# A group of literal words that must occur (no "?", "*" or "{" after it), and a literal run.
_GROUP_OF_WORDS = re.compile(r"\(([a-z' |-]+)\)(?![?*{])")
_LITERAL_RUN = re.compile(r"[a-z' -]+")


def _has_top_level_bar(pattern: str) -> bool:
    """Whether the pattern is an alternation at its top ("a|b"): then no lead is shared by all its matches."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 1
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            return True
        i += 1
    return False


_LEADS = {p: _lead_words(p) for p in _ANYWHERE_FAMILIES}
# Looking for the lead words (plain literals) costs a twentieth of trying sixty patterns at every
# position of a long paragraph, so the full patterns are tried only where a lead word starts.
# The whole literal run ("no spam", not "no") is the lead: common words alone ("no", "our",
# "all") start at nearly every other word of running text.
_BOUNDED = sorted({w for p, ws in _LEADS.items() if ws and p.startswith("\\b") for w in ws})
_UNBOUNDED = sorted({w for p, ws in _LEADS.items() if ws and not p.startswith("\\b") for w in ws})


def _prefix_tree(words: list[str]) -> str:
    """An alternation of words as a tree of their letters ("a(?:dd|ll)" for "add|all"): the engine
    follows one branch per letter instead of trying every word at every position."""
    words = sorted(set(words))
    branches: dict[str, list[str]] = {}
    for w in words:
        if w:
            branches.setdefault(w[0], []).append(w[1:])
    alts = [re.escape(c) + _prefix_tree(tails) for c, tails in branches.items()]
    tree = alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})" if alts else ""
    return f"(?:{tree})?" if "" in words and tree else tree


# One "\b" before one tree of words: where a line's lower case is not aligned with it (see _lower),
# the lead words are looked for with it, in the line itself.
_LEAD = re.compile(rf"\b{_prefix_tree(_BOUNDED)}" + (f"|{_prefix_tree(_UNBOUNDED)}" if _UNBOUNDED else ""),
                   re.IGNORECASE)
_ANYWHERE = re.compile("|".join(f"(?:{p})" for p in _ANYWHERE_FAMILIES if _LEADS[p]), re.IGNORECASE)
_SHAPES = [p for p in _ANYWHERE_FAMILIES if not _LEADS[p]]
_ANYWHERE_SHAPES = re.compile("|".join(f"(?:{p})" for p in _SHAPES), re.IGNORECASE)
# What each shape cannot match without (an arrow, "12 x", a bar); most paragraphs have none, and are spared
# the shapes' scan. A shape not listed here is always scanned for.
_SHAPE_SIGNS = {r"\s(→|»|›)$": "[→»›]", r"\b\d{2,5}\s?x\s?\d{2,5}\b": r"\d\s?x", r"\|\s*tagged\b": r"\|"}
_SHAPE_SIGN = (re.compile("|".join(_SHAPE_SIGNS[p] for p in _SHAPES), re.IGNORECASE)
               if all(p in _SHAPE_SIGNS for p in _SHAPES) else re.compile(""))
# The signs are an arrow, a bar, or a digit and "x" (see _may_have_shape); a shape without one: always scan.
_SIGN_CHARS = "→»›|xX" if all(p in _SHAPE_SIGNS for p in _SHAPES) else ""
# Case matters here: an agency and photographer credit ("NORDWIRE/Sel Ravn") is capitals, a slash, a name.
_CREDIT = re.compile(r"\b[A-Z]{3,}/[A-Z][a-z]+ [A-Z][a-z]+\b")
_HASHTAGS = re.compile(r"^(#\w+[\s,]*)+$")
_BREADCRUMB = re.compile(r"^[\w\s]{1,30}(\s*[>›»|/]\s*[\w\s]{1,30}){2,}$")
# "Business » Markets » Veltra's levy: what it means": short section names, then the page's own
# headline (any text) as the last crumb. The arrows stand between words, never in a sentence.
_BREADCRUMB_TRAIL = re.compile(r"^(?:[\w&'’ -]{1,30}\s+[›»]\s+){2,}[^›»]{1,120}$")
_CRUMB_SIGN = re.compile(r"[>›»|/]")  # without one, no breadcrumb: the costly pattern is not tried
_PUNCT_ONLY = re.compile(r"^[\W_]+$")


# The only characters beyond ASCII that match an ASCII letter when case is ignored, or whose lower
# case holds ASCII or is two characters long (the dotted and dotless i, the long s, the Kelvin sign;
# tests/ingest/test_fast_paths.py checks every code point). Without them in a line, its lower case
# has each character where the line has it, and an ASCII word found there is found by the regex.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


class LeadScan:
    """What one alternation of patterns, tried case-blind at every position (finditer), finds, found
    by trying the patterns only where one of their lead words starts. An Aho-Corasick automaton of
    the lead words finds every such place in one pass over the line's lower case, about 5 ns a
    character, where the regex tree of the same words took 40; there only the patterns that word
    begins are tried, in the alternation's order, so the first that matches is the one it takes."""

    def __init__(self, patterns: list[str]) -> None:
        leads = [_lead_words(p) or [] for p in patterns]
        if not all(leads):
            raise ValueError("every pattern needs lead words")
        self.words = sorted({w for ws in leads for w in ws})
        self.patterns_of = [tuple(i for i, ws in enumerate(leads) if w in ws) for w in self.words]
        self.each = [re.compile(p, re.IGNORECASE) for p in patterns]
        self.automaton = ahocorasick_rs.AhoCorasick(self.words, matchkind=ahocorasick_rs.MatchKind.Standard)

    def phrases(self, text: str, low: str) -> Iterator[str]:
        """The matches lower-cased; `low` is text.lower(), a character for each of the text's."""
        starts: dict[int, tuple[int, ...]] = {}
        for word, start, _end in self.automaton.find_matches_as_indexes(low, overlapping=True):
            starts[start] = starts.get(start, ()) + self.patterns_of[word]
        after = 0  # like finditer, the next match starts where the last one ended
        for start in sorted(starts):
            if start < after:
                continue
            for i in sorted(set(starts[start])):
                m = self.each[i].match(text, start)
                if m:
                    yield m.group(0).lower()
                    after = m.end()
                    break


_LEAD_SCAN = LeadScan([p for p in _ANYWHERE_FAMILIES if _LEADS[p]])  # _ANYWHERE's alternatives, in its order


def _lower(text: str) -> str | None:
    """The line in lower case, aligned with it; None if a character in it folds to ASCII."""
    return None if not text.isascii() and _FOLDS_TO_ASCII.search(text) else text.lower()


def _phrases(text: str, low: str | None) -> Iterator[str]:
    """What _ANYWHERE.finditer(text) finds, lower-cased (low: the line's aligned lower case, or None)."""
    return _phrases_by_regex(text) if low is None else _LEAD_SCAN.phrases(text, low)


def _phrases_by_regex(text: str) -> Iterator[str]:
    """_phrases for a line holding a character that folds to ASCII: its lower case is not aligned
    with it, so the case-blind regex of lead words is searched in the line itself."""
    lead = _LEAD.search(text)
    while lead is not None:
        m = _ANYWHERE.match(text, lead.start())
        if m:
            yield m.group(0).lower()
            lead = _LEAD.search(text, m.end())
        else:  # the next start, though lead words overlap ("no comments", "comment")
            lead = _LEAD.search(text, lead.start() + 1)


def _may_have_shape(text: str) -> bool:
    """Whether a shape's sign stands in the line: its characters are looked for before its regex,
    and the digit shape's "x" must follow a digit (or a digit and a space) to count."""
    if not _SIGN_CHARS:
        return True
    if "|" in text or "→" in text or "»" in text or "›" in text:
        return bool(_SHAPE_SIGN.search(text))
    return not no_digit(text) and bool(_X_AFTER_DIGIT.search(text))


# "\d\s?x" ignoring case (only x and X fold to x), starting at the x: the engine skips to each x.
_X_AFTER_DIGIT = re.compile(r"[xX](?:(?<=\d[xX])|(?<=\d\s[xX]))")


@lru_cache(maxsize=8192)  # the splitter, the metadata finder and the cleaner all ask about the same lines
def is_chrome(line: str) -> bool:
    text = line.strip()
    if not text:
        return False
    # A line of signs starts with one ([\W_] is every character that is not alnum), a run of
    # hashtags with "#": their patterns are tried only then.
    if (not text[0].isalnum() and _PUNCT_ONLY.match(text)) or (text[0] == "#" and _HASHTAGS.match(text)) or (
            _has_crumb_sign(text) and _BREADCRUMB.match(text)) or (
            ("»" in text or "›" in text) and _BREADCRUMB_TRAIL.match(text)):
        return True
    hits = set(_phrases(text, _lower(text)))
    # The other scans only where they can hit: a shape's sign, the slash of a credit.
    for rx, can_hit in ((_ANYWHERE_SHAPES, _may_have_shape(text)), (_CREDIT, "/" in text)):
        if can_hit:
            hits.update(m.group(0).lower() for m in rx.finditer(text))
    # A long paragraph can mention signing up or a newsletter in passing; prompts are short,
    # or pile up several of these phrases at once.
    if len(hits) >= 2:
        return True
    short = not more_words_than(text, 30)
    if hits and short:
        return True
    if not hits and not short:  # one more phrase at the line's start could not make it chrome
        return False
    start = _AT_START.match(text)  # sixty patterns tried at one place: asked only when it can decide
    if start:
        hits.add(start.group(0).lower())
    return bool(hits) and (short or len(hits) >= 2)


def _has_crumb_sign(text: str) -> bool:
    """_CRUMB_SIGN.search(text), each sign looked for by itself (a memchr, not a regex step per character)."""
    return "/" in text or ">" in text or "|" in text or "»" in text or "›" in text


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_CLOSERS = "\"'”’»)]"


def _ends_sentence(line: str) -> bool:
    """_SENTENCE_END.search(line), read from the end instead of tried at every position: "$" also
    stands before a final newline, and stops and closers have no character in common."""
    end = line[:-1] if line.endswith("\n") else line
    return end.rstrip(_CLOSERS)[-1:] in _STOPS  # an empty end ("") is not a stop


_STOPS = frozenset(".!?…:;")
_SENTENCE_INSIDE = re.compile(r"[a-z0-9%)][.!?][\"'”’»)]*\s+[\"“‘«(]?[A-Z]")


@lru_cache(maxsize=8192)
def is_prose(line: str) -> bool:
    """A paragraph of running text: many words, mostly lower case, ending like a sentence."""
    words = line.split()
    if len(words) < 12 or is_chrome(line):
        return False
    capitalised = sum(map(str.isupper, [w[0] for w in words])) / len(words)  # split() gives no empty word
    if capitalised > 0.6:  # a headline in title case
        return False
    return _ends_sentence(line) or (len(words) >= 20 and bool(_SENTENCE_INSIDE.search(line)))


# A line that announces a list of other stories; the headlines under it are not the article's.
_LIST_OPENER = re.compile(
    r"^(read (more|next|also)|also read|see also|related( (posts?|articles?|stories|news|coverage|reading))?|"
    r"more (from|on|in|about) [\w .'’-]{1,40}|more (news|stories)|you (might|may) (also )?like|"
    r"most (popular|read|viewed|shared)|recommended( for you)?|trending( now)?|similar posts?|latest( news)?|"
    r"don'?t miss|editor'?s picks?|top stories)\s*:?$", re.IGNORECASE)
# The heading of a comment section, and the lines only a thread of reader comments has.
_COMMENTS_OPENER = re.compile(
    r"^((\d+|no) (comments?|responses?|replies)|comments?( \(\d+\))?|leave a (reply|comment)|"
    r"join the (conversation|discussion)|have your say|reader comments|discussion)\s*:?$", re.IGNORECASE)
_COMMENT_MARK = re.compile(r"^(reply|report|like|\d+ likes?|[\w .'’-]{2,40} (says|said|wrote):)$", re.IGNORECASE)


def opens_list(line: str) -> bool:
    return bool(_LIST_OPENER.match(line.strip()))


def opens_comments(line: str) -> bool:
    return bool(_COMMENTS_OPENER.match(line.strip()))


def marks_comment(line: str) -> bool:
    """A reply button or "Name says:" line, found between reader comments."""
    return bool(_COMMENT_MARK.match(line.strip()))

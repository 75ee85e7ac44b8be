"""Recognising website chrome in saved text: the lines a site puts around an article.

General signals, not a list of one site's sentences: phrasing families that sites share
(subscriptions, comments, sharing, related posts, image credits, cookie notices), the
shape of a line (a bare date, a hashtag run, a credit with pixel sizes), and repetition.
"""
from __future__ import annotations

import re
from functools import lru_cache

_FAMILIES = [
    r"\bsubscri(be|ption)\b", r"\bnewsletter", r"\bsign[ -]?up\b", r"\bcheck your (e-?mail|inbox)",
    r"\b(inbox|spam folder)\b", r"\bconfirmation link\b", r"^ok(ay)?,? thanks?\b", r"^success!",
    r"\b(leave|post|write|add) a (reply|review|comment)", r"\bno comments\b", r"\bcomments? (policy|section)\b",
    r"\bcomment for this article\b", r"\bemail address will not be published\b", r"\brequired fields\b",
    r"^(similar|related|recommended|popular|trending|latest) (posts?|articles?|stories|news|reads)\b",
    r"^read (more|next|also)\b", r"^(see|view) (also|more)\b", r"^more (from|on|in)\b",
    r"\bshare (this|on)\b", r"^share\b", r"^(tweet|pin it|whatsapp|telegram|facebook|twitter|linkedin)$",
    r"\bfollow us\b", r"\bour (youtube|telegram|facebook|instagram|twitter|x) (channel|account|page)",
    r"\b(youtube|telegram) channel\b", r"\bcookies?\b.*\b(accept|use|policy|consent)\b", r"\bprivacy policy\b",
    r"\ball rights reserved\b", r"^advertisement$", r"^sponsored\b", r"\bprofile image\b",
    r"^(home|news|world|politics)\s*[>›»/]", r"\bskip to (main )?content\b",
    r"\bclick here\b", r"\bdownload (our|the) app\b", r"\bjoin (us|our)\b.*\b(channel|community|list)\b",
    r"\b(photo|image|picture)( credit)?s?:", r"^(getty|reuters|ap|afp|shutterstock|istock)\b.*\d",
    r"\b\d{2,5}\s?x\s?\d{2,5}\b", r"^tags?:", r"^(filed|posted) (under|in):?", r"^(print|email|comments?)$",
    r"^(prev|previous|next) (post|article)\b", r"\bwas this (article|story) helpful\b",
]
# Patterns tied to the start of a line are tried once there, the rest anywhere; one big
# alternation tried at every position of a long paragraph was the import's slowest step.
_AT_START = re.compile("|".join(f"(?:{p[1:]})" for p in _FAMILIES if p.startswith("^")), re.IGNORECASE)
_ANYWHERE = re.compile("|".join(f"(?:{p})" for p in _FAMILIES if not p.startswith("^")), re.IGNORECASE)
_HASHTAGS = re.compile(r"^(#\w+[\s,]*)+$")
_BREADCRUMB = re.compile(r"^[\w\s]{1,30}(\s*[>›»|/]\s*[\w\s]{1,30}){2,}$")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")


@lru_cache(maxsize=8192)  # the splitter, the metadata finder and the cleaner all ask about the same lines
def is_chrome(line: str) -> bool:
    text = line.strip()
    if not text:
        return False
    if _PUNCT_ONLY.match(text) or _HASHTAGS.match(text) or _BREADCRUMB.match(text):
        return True
    hits = {m.group(0).lower() for m in _ANYWHERE.finditer(text)}
    start = _AT_START.match(text)
    if start:
        hits.add(start.group(0).lower())
    # A long paragraph can mention signing up or a newsletter in passing; prompts are short,
    # or pile up several of these phrases at once.
    return bool(hits) and (len(text.split()) <= 30 or len(hits) >= 2)


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_SENTENCE_INSIDE = re.compile(r"[a-z0-9%)][.!?][\"'”’»)]*\s+[\"“‘«(]?[A-Z]")


@lru_cache(maxsize=8192)
def is_prose(line: str) -> bool:
    """A paragraph of running text: many words, mostly lower case, ending like a sentence."""
    words = line.split()
    if len(words) < 12 or is_chrome(line):
        return False
    capitalised = sum(1 for w in words if w[:1].isupper()) / len(words)
    if capitalised > 0.6:  # a headline in title case
        return False
    return bool(_SENTENCE_END.search(line)) or (len(words) >= 20 and bool(_SENTENCE_INSIDE.search(line)))

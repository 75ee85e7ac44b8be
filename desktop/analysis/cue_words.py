"""The words that introduce speech: verbs of saying, and their "-ing" forms."""
from __future__ import annotations

SPEECH_VERBS = {
    "say", "tell", "state", "add", "note", "explain", "argue", "claim", "declare", "insist", "warn", "write",
    "ask", "answer", "reply", "respond", "comment", "remark", "stress", "emphasize", "emphasise", "acknowledge",
    "admit", "announce", "assert", "conclude", "confirm", "contend", "continue", "deny", "describe", "suggest",
    "tweet", "urge", "recall", "predict", "promise", "report", "reiterate", "observe", "point", "quip", "joke",
    "complain", "concede", "counter", "caution", "mention", "maintain", "underscore", "vow", "testify",
    "proclaim", "exclaim", "shout", "whisper", "agree", "call", "post", "retort", "boast", "lament",
    "allege", "estimate", "demand", "question", "wonder", "muse", "concur", "scoff",
    "charge", "thunder", "chime", "recount", "believe", "think", "advise", "reveal",
    "indicate", "highlight", "signal", "affirm", "assure", "blast", "slam", "brand", "dub", "label",
}


def ing_forms() -> set[str]:
    """'saying', 'adding', 'noting', 'quipping': how the verbs read as participles."""
    out = set()
    for verb in SPEECH_VERBS:
        out.add(verb + "ing")
        if verb.endswith("e"):
            out.add(verb[:-1] + "ing")
        out.add(verb + verb[-1] + "ing")
    return out

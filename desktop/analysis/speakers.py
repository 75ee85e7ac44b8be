"""Who said each quotation: the subject of the nearest speech verb outside it, by the parse.

Resolution after that: a name is mapped to its merged entity (so a surname gives the full
name), a pronoun or "the expert" to the right earlier speaker, and a quotation with no
attribution of its own that follows one in the same or the previous paragraph continues it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from desktop.analysis.doc_index import ents_in

NEAR = 3000  # characters around a quotation where its attribution is looked for
PRONOUNS = {"he", "she", "they", "i", "we", "him", "her", "them", "it"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass(frozen=True)
class Attribution:
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    kind: str  # name | pronoun | description | continued | none


def attribute(doc: Doc, body: str, q_start: int, q_end: int, open_at: int, close_at: int | None) -> Attribution:
    """Find the attribution of one quotation in the parsed article."""
    q_lo, q_hi = open_at, (close_at + 1) if close_at is not None else q_end
    # The paragraph around the quotation, but no further than NEAR from it: in one huge
    # paragraph, reading all of it for every quotation made attribution quadratic.
    para_lo = max(body.rfind("\n", max(0, q_lo - NEAR), q_lo) + 1, q_lo - NEAR, 0)
    para_hi = body.find("\n", q_hi, q_hi + NEAR)
    para_hi = min(len(body), q_hi + NEAR) if para_hi < 0 else para_hi
    best = None
    candidates = _candidate_verbs(doc, q_lo, q_hi, para_lo, para_hi)
    if body[q_start:q_end].rstrip().endswith((".", "?", "!")):
        # 'Osterlund labelled it a “tax on families.” Marenhal replied …': a quotation that ends its
        # sentence belongs to a verb of that sentence before the next one's.
        own = [t for t in candidates if _touches(t.sent, q_lo, q_hi)]
        candidates = own or candidates
    for tok in candidates:
        dist = (tok.idx - q_hi) if tok.idx >= q_hi else (q_lo - tok.idx) + 5  # prefer after the quote
        if _describes_someone_else(tok):
            dist += 400
        if best is None or dist < best[0]:
            best = (dist, tok)
    according = _according_to(doc, body, q_lo, q_hi, para_lo, para_hi)
    if according is not None and (best is None or according[0] < best[0]):
        _, phrase = according
        return Attribution(phrase.text, phrase.start_char, phrase.end_char, "according to", _kind(phrase))
    if best is None:
        best = _governing_verb(doc, q_start, q_end, para_lo, para_hi)
    if best is None:
        return Attribution(None, None, None, None, "none")
    verb = best[1]
    subject = _subject(verb, q_lo, q_hi)
    if subject is None:
        return Attribution(None, None, None, verb.text, "none")
    span = _subject_span(subject, q_lo, q_hi)
    if _in_marks(body, span):
        # The parser took a quoted title ("… said on “Morning in Veltra.”") for the subject.
        span = _name_in_gap(doc, q_hi, verb.idx) or span
    return Attribution(span.text, span.start_char, span.end_char, verb.text, _kind(span))


def _describes_someone_else(verb: Token) -> bool:
    """'saying that anyone who signs it “…”', 'answered a driver who asked whether “…”': a speech
    verb in a relative clause on a common noun is what the quotation is about, rarely who said it;
    other verbs near the quotation go first ('Smith, who said' keeps its name and is not affected)."""
    return verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PRON")


def _in_marks(body: str, span: Span) -> bool:
    return span.start_char > 0 and body[span.start_char - 1] in "\"“„«"


def _name_in_gap(doc: Doc, lo: int, hi: int) -> Span | None:
    """The first person (or else organisation) named between a quotation's close and its verb."""
    if hi <= lo:
        return None
    region = doc.char_span(lo, hi, alignment_mode="contract")
    ents = ents_in(region) if region is not None else []
    for label in ("PERSON", "ORG"):
        for e in ents:
            if e.label_ == label:
                return e
    names = [t for t in (region or []) if t.pos_ == "PROPN"]
    return doc[names[0].i:names[0].i + 1] if names else None


def _governing_verb(doc: Doc, q_start: int, q_end: int, para_lo: int, para_hi: int) -> tuple[int, Token] | None:
    """With no speech verb near, the verb the quotation hangs from in the parse: 'Vorst
    dismissed the plan as “a costly toy”', 'the choir sang “…”' — its subject is the one quoted."""
    inside = doc.char_span(q_start, q_end, alignment_mode="expand")
    if inside is None or not len(inside):
        return None
    tok = inside.root
    for _ in range(6):
        if tok.head is tok:
            return None
        tok = tok.head
        if inside.start <= tok.i < inside.end:
            continue
        if not para_lo <= tok.idx < para_hi:
            return None  # the parser ran a sentence over a paragraph break
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            return (0, tok)
    return None


def _candidate_verbs(doc: Doc, q_lo: int, q_hi: int, para_lo: int, para_hi: int) -> list[Token]:
    span = doc.char_span(para_lo, para_hi, alignment_mode="expand")
    if span is None:
        return []
    out = []
    for tok in doc[span.start:span.end]:
        if q_lo <= tok.idx < q_hi:
            continue
        if not is_speech_verb(tok):
            continue
        # Only verbs in a sentence that touches the quotation, or right next to it.
        if not _near(tok, q_lo, q_hi):
            continue
        out.append(tok)
    return out


def is_speech_verb(tok: Token) -> bool:
    """A cue the claimdesk_cues component matched (speech verb, "-ing" form, "put it")."""
    return bool(tok._.is_cue)


def _touches(sent: Span, q_lo: int, q_hi: int) -> bool:
    return bool(sent.start_char <= q_hi and sent.end_char >= q_lo)


def _near(tok: Token, q_lo: int, q_hi: int) -> bool:
    sent = tok.sent
    if _touches(sent, q_lo, q_hi):
        return True
    # "…,” he said." may be parsed as its own sentence right after the quote.
    # A long subject ("the mayor's deputy, tram inspector Ola Renn (Marenhal East), replied") is fine
    # when the speech verb is what that next sentence is about.
    return bool(0 <= sent.start_char - q_hi <= 3 and (tok.i - sent.start <= 6 or tok.dep_ == "ROOT"))


def _according_to(doc: Doc, body: str, q_lo: int, q_hi: int, para_lo: int,
                  para_hi: int) -> tuple[int, Span] | None:
    """The "according to" frame the cue component found in the quotation's paragraph."""
    for cue in doc._.cues or ():
        if cue.label_ != "ACCORDING" or not para_lo <= cue.start_char < para_hi:
            continue
        at = cue.end_char
        if q_lo <= at < q_hi:
            continue
        span = doc.char_span(at, para_hi, alignment_mode="expand")
        if span is None or not len(span):
            continue
        head = span[0]
        while head.i + 1 < len(doc) and head.dep_ != "pobj" and head.i < span.end - 1:
            head = doc[head.i + 1]
        phrase = _subject_span(head, q_lo, q_hi)
        dist = (at - q_hi) if at >= q_hi else (q_lo - at)
        return dist, phrase
    return None


RELATIVE = {"who", "which", "that", "whom"}
NOT_SPEAKERS = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


def _subject(verb: Token, q_lo: int, q_hi: int) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and _outside(child, q_lo, q_hi) and _wordlike(child):
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head  # "Smith, who said …": the relative pronoun stands for Smith
            return _named_in_apposition(child)
    # "…," stated a spokesperson: an inverted subject right after the verb may be parsed as its object.
    if 0 <= verb.idx - q_hi <= 4:
        for child in verb.children:
            if child.dep_ in ("dobj", "attr", "oprd") and child.idx > verb.idx and child.pos_ in ("PROPN", "NOUN"):
                return child
    shared = _shared_subject(verb, q_lo, q_hi)
    return shared if shared is not None else _name_between(verb, q_hi)


def _shared_subject(verb: Token, q_lo: int, q_hi: int) -> Token | None:
    """A verb with no subject of its own borrows one from the clause it hangs from."""
    head = verb.head
    if head is verb or not _outside(head, q_lo, q_hi):
        return None  # a verb inside the quotation has the quoted speaker's "I" or "we"
    # "the video shows Nadia Vorst wondering, “…”": the participle describes the person just named.
    before = verb.doc[verb.i - 1] if verb.i else None
    if verb.tag_ == "VBG" and before is not None and before.pos_ == "PROPN" and before.dep_ == "pobj":
        return before
    # "he said and added", "adding that", "wants to say", "said that … but said": the governing
    # verb's subject.
    if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp"):
        return _subject(head, q_lo, q_hi)
    # "Vorst calls to the crowd before asking, “…”": the verb the preposition hangs from.
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and _outside(head.head, q_lo, q_hi):
        return _subject(head.head, q_lo, q_hi)
    # "Nadia Vorst, wondering “…”": the participle describes its speaker.
    if verb.dep_ == "acl" and head.pos_ == "PROPN" and verb.tag_ == "VBG":
        return head
    return None


def _named_in_apposition(subject: Token) -> Token:
    """'Three weeks before the ballot, Oskar Renn, a strategist, described': when the parser makes
    a common noun the subject and the person its apposition, the person is the one speaking."""
    if subject.pos_ != "NOUN":
        return subject
    for child in subject.children:
        if child.dep_ == "appos" and child.ent_type_ == "PERSON":
            return child
    return subject


def _outside(tok: Token, q_lo: int, q_hi: int) -> bool:
    return not (q_lo <= tok.idx < q_hi)


def _wordlike(tok: Token) -> bool:
    """The small parser sometimes makes a dash or stray mark the subject; a speaker has letters.
    A number speaks only as a share of people: 'fewer than 40 percent of users thought'."""
    counted = tok.ent_type_ not in NOT_SPEAKERS or any(c.lower_ == "of" for c in tok.children)
    return counted and any(ch.isalnum() for ch in tok.text)


def _name_between(verb: Token, q_hi: int) -> Token | None:
    """'…,” Osterlund fire Chief Pavel Lind said': when the parse misses the subject, the name
    standing between the quotation and its verb is the speaker."""
    doc = verb.doc
    words = [t for t in doc[max(0, verb.i - 12):verb.i] if t.idx >= q_hi]
    if any(t.text in '"“”' or t.is_sent_start for t in words[1:]):
        return None
    # Names in object position ("sings to Brenn") are spoken to or about, not speakers.
    names = [t for t in words if t.pos_ == "PROPN" and t.ent_type_ not in NOT_SPEAKERS
             and t.dep_ not in ("pobj", "dobj", "dative")]
    return names[-1] if names else None


def _subject_span(tok: Token, q_lo: int, q_hi: int) -> Span:
    """The subject's words outside the quotation: 'Veltra's Transport Minister Nadia Vorst'."""
    doc = tok.doc
    left = min(t.i for t in tok.subtree)
    right = max(t.i for t in tok.subtree)
    words = [t for t in doc[left:right + 1] if not (q_lo <= t.idx < q_hi)]
    # Keep the contiguous run around the head; drop trailing relative clauses and punctuation.
    idx = [t.i for t in words]
    lo = hi = tok.i
    while lo - 1 in idx and (_in_word(doc[lo - 1]) or doc[lo - 1].dep_ != "punct") and doc[lo - 1].text not in "“”\"":
        lo -= 1
    while hi + 1 in idx and _continues_phrase(doc[hi + 1]) and doc[hi + 1].text not in "“”\",":
        hi += 1
    return doc[lo:hi + 1]


def _in_word(tok: Token) -> bool:
    """A hyphen written inside a word ('right-hand', 'left-leaning') joins it; it does not end the phrase."""
    return tok.text in "-–" and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and not tok.whitespace_


def _continues_phrase(tok: Token) -> bool:
    """Whether a subject's words go on: a relative clause or punctuation ends them; a past participle
    ('a source involved in the talks', 'the memo released on Friday') is part of the description."""
    if _in_word(tok):
        return True
    if tok.dep_ == "acl":
        return tok.tag_ == "VBN"
    return tok.dep_ not in ("punct", "relcl")


def _kind(span: Span) -> str:
    if len(span) == 1 and span[0].lower_ in PRONOUNS:
        return "pronoun"
    if any(t.pos_ == "PROPN" for t in span):
        return "name"
    return "description"


LABEL = re.compile(r"^\s*([A-Z][\w.'’\- ]{1,60}?)(?:,[^:\n]{0,60})?:\s*$")


def label_before(doc: Doc, body: str, open_at: int) -> Attribution | None:
    """A speaker named as a label: 'KESTREL: “…”', or a short line with a name above the quotation."""
    para_lo = body.rfind("\n", 0, open_at) + 1
    lead = body[para_lo:open_at]
    labelled = LABEL.match(lead) if lead.strip() else None
    if labelled:
        name = labelled.group(1).strip()
        start = para_lo + lead.index(name)
        return Attribution(name, start, start + len(name), None, "name")
    if lead.strip():
        return None
    prev_hi = body.rfind("\n", 0, para_lo - 1)
    while prev_hi > 0 and not body[prev_hi - 1:prev_hi].strip():
        prev_hi = body.rfind("\n", 0, prev_hi - 1)
    prev_lo = body.rfind("\n", 0, max(prev_hi, 0)) + 1
    prev = body[prev_lo:prev_hi] if prev_hi > 0 else ""
    if prev and len(prev.split()) <= 8 and not re.search(r"[.!?”\"]\s*$", prev):
        span = doc.char_span(prev_lo, prev_hi, alignment_mode="expand")
        people = [e for e in (ents_in(span) if span is not None else []) if e.label_ in ("PERSON", "ORG")]
        if people:
            e = people[0]
            return Attribution(e.text, e.start_char, e.end_char, None, "name")
    return None


def colon_lead_in(doc: Doc, body: str, open_at: int) -> Attribution | None:
    """'The minister said:' closing the previous paragraph introduces the quotation."""
    para_lo = body.rfind("\n", 0, open_at) + 1
    if body[para_lo:open_at].strip():
        return None
    prev_end = para_lo - 1
    while prev_end > 0 and body[prev_end - 1].isspace():
        prev_end -= 1
    if prev_end <= 0 or body[prev_end - 1] != ":":
        return None
    span = doc.char_span(body.rfind("\n", 0, prev_end) + 1, prev_end, alignment_mode="expand")
    if span is None:
        return None
    for tok in reversed(list(span)):
        if is_speech_verb(tok):
            subject = _subject(tok, open_at, open_at)
            if subject is not None:
                words = _subject_span(subject, open_at, open_at)
                return Attribution(words.text, words.start_char, words.end_char, tok.text, _kind(words))
    return None


def sentence_before(doc: Doc, body: str, open_at: int) -> Attribution | None:
    """'…, Councillor Vorst said. “The committee has not sat …”': a quotation opening a sentence with no attribution
    of its own goes on from the speech verb of the sentence just before it in the paragraph."""
    para_lo = body.rfind("\n", 0, open_at) + 1
    if not body[para_lo:open_at].strip():
        return None
    span = doc.char_span(max(para_lo, open_at - NEAR), open_at, alignment_mode="contract")
    if span is None or not len(span):
        return None
    sent = span[-1].sent  # the sentence the quotation opens after
    if any(mark in sent.text for mark in '"“”«»'):
        return None  # a sentence with a quotation of its own: the carried-over speaker decides
    root = sent.root
    if not is_speech_verb(root):
        return None
    subject = _subject(root, open_at, open_at)
    if subject is None:
        return None
    words = _subject_span(subject, open_at, open_at)
    return Attribution(words.text, words.start_char, words.end_char, root.text, _kind(words))


# Only capitalised words up to an optional comma and the line's end: a list item is not a credit.
CREDIT_LINE = re.compile(r"[―—–-]\s*((?:[A-Z][\w.'’-]*\s?){1,4})(?:,[^\n]{0,80})?$")
DASH_CREDIT = re.compile(r"^[\s.,]*[―—–]\s*([A-Z][\w.'’\- ]{1,60}?)\s*(?:[,.(]|$)")


def dash_after(body: str, close_at: int | None) -> Attribution | None:
    """'“…” ― Ilse Marr': a name credited after a dash, as in vox pops and epigraphs."""
    if close_at is None:
        return None
    line_end = body.find("\n", close_at)
    tail_at = close_at + 1
    tail = body[tail_at:line_end if line_end >= 0 else len(body)]
    if not tail.strip() and line_end >= 0:
        # The credit on a short line of its own under the quotation: '“…”\n\n- Ilse Marr, mayor.'
        tail_at = line_end + len(body[line_end:]) - len(body[line_end:].lstrip())
        next_end = body.find("\n", tail_at)
        credit = CREDIT_LINE.match(body[tail_at:next_end if next_end >= 0 else len(body)])
        if credit is None:
            return None
        name = credit.group(1).strip().rstrip(".")
        start = tail_at + credit.start(1)
        return Attribution(name, start, start + len(name), None, "name")
    m = DASH_CREDIT.match(tail)
    if not m:
        return None
    start = tail_at + m.start(1)
    return Attribution(m.group(1), start, start + len(m.group(1)), None, "name")

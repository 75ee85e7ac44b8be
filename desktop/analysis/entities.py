"""Named entities of one article, merged across spellings, with types corrected by evidence.

The small English model splits one person into several spellings and sometimes calls a
person an ORG; merging uses the article's own evidence: titles before a name, surnames
shared with a fuller name, acronyms that spell out a longer name in the same article.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from desktop.analysis.aliases import TITLES, alias_norm, initials, longest_first, strip_titles
from desktop.analysis.cue_words import SPEECH_VERBS
from desktop.analysis.types import EntityResult, Mention

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT",
              "DATE", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "TIME", "ORDINAL", "LANGUAGE"}
NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT"}
ORG_WORDS = {"ministry", "bank", "company", "inc", "corp", "corporation", "ltd", "llc", "union", "party", "council",
             "committee", "agency", "university", "institute", "association", "organisation", "organization",
             "fund", "group", "department", "commission", "court", "office", "news", "times", "post", "service",
             "forum", "center", "centre", "foundation", "parliament", "senate", "congress", "house", "federation",
             "board", "authority", "police", "army", "force", "forces", "administration", "campaign", "network",
             "club", "school", "college", "press", "media", "tv", "radio", "journal", "review", "bureau",
             "government", "cabinet", "secretariat", "embassy", "consulate", "mission", "delegation"}
# Model types the small model gives to institutions in odd places ("The Government of Veltra" at the
# start of a quotation reads to it like a title).
TITLE_LIKE_TYPES = {"WORK_OF_ART", "LAW", "PRODUCT"}
# "post-Soviet", "anti-Veltran", "pro-Western": an era or a stance, not a people.
STANCE_PREFIX = re.compile(r"(?i)^(?:post|pre|anti|pro|non|neo|pan)-")
PERSON_TITLES = {t for t in TITLES if t not in {"state", "first", "former", "acting", "senior", "economy", "trade",
                                                "foreign", "finance", "interior", "defence", "defense"}}


GroupKey = tuple[str, str]  # (type group, normalised name)


@dataclass
class _Group:
    type: str
    forms: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)
    written: set[str] = field(default_factory=set)  # "the West": spellings with the article kept

    @property
    def name(self) -> str:
        full = [strip_titles(f) for f in self.forms]
        count = Counter(full)  # not full.count(f) inside max: quadratic for a name said 10,000 times
        if self.type == "PERSON":
            return max(full, key=lambda f: (len(f.split()), "-" in f, len(f), count[f]))
        # Places and organisations: the spelled-out form if there is one, else the most frequent.
        longest = max(full, key=lambda f: (len(f.split()) > 1 and not f.isupper(), count[f], len(f)))
        return longest


Groups = dict[GroupKey, _Group]


def _mention(body: str, ent: Span) -> Mention | None:
    start, end = ent.start_char, _trim(body, ent.start_char, ent.end_char)
    text = body[start:end]
    m = re.search(r"['’]s?$", text)
    if m and ent.label_ in NAME_TYPES and m.start() > 0:
        end = start + m.start()
    while end > start and body[end - 1] in ".,;:)]\"”’ ":
        if body[end - 1] == "." and re.search(r"\b[A-Z]\.[A-Z]\.$", body[start:end]):
            break  # U.S.
        end -= 1
    while start < end and body[start] in "\"“‘'([ ":
        start += 1
    the = re.match(r"(?i)the\s+", body[start:end])
    if the and ent.label_ in NAME_TYPES and end - start > the.end():
        start += the.end()  # "the Northern Timber Company": the article is not part of the name
    if end <= start or _is_whole_line(body, start, end):
        return None
    return Mention(start, end, body[start:end])


def _trim(body: str, start: int, end: int) -> int:
    """Where a name ends: never past a line break (a name does not run into the next paragraph)
    nor into an acronym's unclosed bracket ("Veltra Grain Board (VGB" when the parse cut at it)."""
    cut = body.find("\n", start, end)
    if cut > start:
        end = cut
    bracket = re.search(r"\s*\([^()]*$", body[start:end])
    if bracket and bracket.start() > 0:
        end = start + bracket.start()
    while end > start and body[end - 1].isspace():
        end -= 1
    return end


def _is_whole_line(body: str, start: int, end: int) -> bool:
    """A subheading taken for a name ("The Broader Regional Impact")."""
    # Only a line about as long as the name can be it; looking no further keeps a text of one
    # huge line from being read again for every name in it.
    reach = 2 * (end - start) + 10
    line_start = body.rfind("\n", max(0, start - reach), start) + 1
    if line_start == 0 and start > reach:
        return False
    line_end = body.find("\n", end, end + reach)
    if line_end < 0 and len(body) > end + reach:
        return False
    line = body[line_start:line_end if line_end >= 0 else len(body)].strip()
    return len(line.split()) >= 3 and body[start:end].strip().lower().removeprefix("the ") == line.lower().removeprefix("the ")


def _title_before(doc: Doc, ent: Span) -> bool:
    i = ent.start - 1
    return bool(i >= 0 and doc[i].lower_.rstrip(".") in PERSON_TITLES and doc[i].text[:1].isupper())


def collect(doc: Doc, body: str, speaker_spans: Iterable[tuple[int, int]] = ()) -> list[EntityResult]:
    """Group the doc's entities of one article into merged EntityResults."""
    raw: list[tuple[str, str, Mention, str]] = []
    speakers = _Spans(speaker_spans)
    spoken_to: set[int] = set()  # starts of one-word "persons" spoken to, or written with "the"
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        mention = _mention(body, ent)
        if mention is None or not re.search(r"\w", mention.text):
            continue
        if len(ent) == 1 and ent[0].pos_ == "ADV":
            continue  # "Strategically," at the start of a sentence
        label = ent.label_
        if label == "NORP" and STANCE_PREFIX.match(mention.text):
            continue
        if label in TITLE_LIKE_TYPES and _institution_shaped(mention.text):
            label = "ORG"
        if label == "PERSON" and " " not in mention.text and _spoken_to_or_determined(ent[-1], body, mention):
            spoken_to.add(mention.start)
        if label in ("ORG", "GPE", "NORP") and (_title_before(doc, ent) or speakers.covers(mention)):
            if _looks_like_person(mention.text):
                label = "PERSON"
        if label == "NORP" and mention.text.replace(".", "").isupper() and len(mention.text) > 1:
            label = "ORG"  # "EU", "NATO": a people is never written as an acronym
        raw.append((label, strip_titles(mention.text), mention, _as_written(body, ent.start_char, mention)))
    return _merge(raw, body, spoken_to)


def _institution_shaped(text: str) -> bool:
    """"Government of Veltra", "Grain Ministry": a name headed by an institution's word."""
    words = [w.casefold() for w in re.findall(r"[\w'’]+", strip_titles(text))]
    words = words[1:] if words[:1] == ["the"] else words
    return len(words) >= 2 and (words[0] in ORG_WORDS and words[1] == "of" or words[-1] in ORG_WORDS)


def _spoken_to_or_determined(tok: Token, body: str, mention: Mention) -> bool:
    """A one-word name told something ("told the Ledger", "explained to Vantage", "in an interview
    with Vantage") or written with "the" ("the Ledger"): how news names an outlet, never a person.
    ("the Orvan government" is a person's name describing something else: not this.)"""
    if body[max(0, mention.start - 4):mention.start].lower() == "the " and tok.dep_ not in ("compound", "amod", "nmod", "poss"):
        return True
    head = tok.head
    if tok.dep_ in ("dobj", "dative") and head.lemma_ in SPEECH_VERBS:
        return True
    if tok.dep_ == "pobj" and head.lower_ in ("to", "with"):
        above = head.head
        if above.lemma_ in SPEECH_VERBS or above.lemma_ in ("speak", "talk") or above.lower_ in ("interview", "interviews"):
            return True
    return False


def _as_written(body: str, start: int, mention: Mention) -> str:
    """The name with the article the text gives it ("the West"), kept as an alias."""
    before = body[max(0, mention.start - 4):mention.start]
    if before.lower() == "the " and start >= mention.start:
        return before + mention.text  # the parser left "the" outside the name
    text = body[start:mention.end].strip("\"“‘'([ ")
    return text if text.lower().startswith("the ") else mention.text


class _Spans:
    """Speaker spans, asked by position: any(...) over all of them for every name was quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _b in self.spans]
        # The furthest end among spans starting at or before each one: a covering span may start early.
        self.reach = list(accumulate((b for _a, b in self.spans), max))

    def covers(self, m: Mention) -> bool:
        i = bisect_right(self.starts, m.start) - 1
        return i >= 0 and self.reach[i] >= m.end


def _looks_like_person(text: str) -> bool:
    words = strip_titles(text).replace("-", " ").split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not (
        {w.casefold() for w in words} & ORG_WORDS)


def _merge(raw: list[tuple[str, str, Mention, str]], body: str = "",
           spoken_to: set[int] | frozenset[int] = frozenset()) -> list[EntityResult]:
    groups: dict[tuple[str, str], _Group] = {}
    for label, form, mention, written in raw:
        key = (_group_type(label), alias_norm(form))
        g = groups.setdefault(key, _Group(label))
        g.forms.append(form)
        g.mentions.append(mention)
        g.types[label] += 1
        g.written.add(written)
    _fix_person_types(groups)
    _places_taken_for_people(groups, body)
    _demonyms(groups)
    _fold_same_name(groups)
    _fold_surnames(groups)
    _fold_acronyms(groups)
    _outlets_taken_for_people(groups, spoken_to)
    out = []
    for g in groups.values():
        g.type = g.types.most_common(1)[0][0] if g.type not in ("PERSON",) else g.type
        aliases = tuple(sorted({m.text for m in g.mentions} | set(g.forms) | g.written, key=longest_first))
        out.append(EntityResult(g.name, g.type, tuple(sorted(g.mentions, key=lambda m: m.start)), aliases))
    return sorted(out, key=lambda e: e.mentions[0].start)


def _outlets_taken_for_people(groups: dict[tuple[str, str], _Group], spoken_to: set[int] | frozenset[int]) -> None:
    """A one-word "person" that is told things, or written with "the", and never has a first name
    or a title in the article, is an outlet or an organisation: news introduces a person by full
    name, but an outlet only ever by its one name ("told Vantage", "the Ledger reported")."""
    for key, g in list(groups.items()):
        if g.type != "PERSON" or " " in key[1] or len({alias_norm(f) for f in g.forms}) > 1:
            continue
        if any(m.start in spoken_to for m in g.mentions):
            _retype(groups, key, "ORG")


def _group_type(label: str) -> str:
    return "NAME" if label in ("PERSON", "ORG") else label


def _fix_person_types(groups: Groups) -> None:
    """A PERSON/ORG group takes the type most of its mentions (and its shape) point to."""
    for (gtype, _norm), g in groups.items():
        if gtype != "NAME":
            continue
        persons = g.types["PERSON"]
        if persons and (persons >= g.types["ORG"] or _looks_like_person(g.forms[0])):
            g.type = "PERSON"
        else:
            g.type = "ORG" if g.types["ORG"] else g.types.most_common(1)[0][0]


PLACE_BEFORE = re.compile(r"\b(?:in|near|across|outside|inside|around|throughout)\s+$", re.I)


def _places_taken_for_people(groups: Groups, body: str) -> None:
    """'families in Marenhal queue for bread': one word the model calls a person, that stands
    after 'in' and never with a title or a possessive, is a place."""
    for key, g in list(groups.items()):
        if g.type != "PERSON" or " " in key[1] or any(f != g.forms[0] for f in g.forms[1:]):
            continue
        placed = [m for m in g.mentions if PLACE_BEFORE.search(body[max(0, m.start - 12):m.start])]
        possessive = any(body[m.end:m.end + 2] in ("'s", "’s") for m in g.mentions)
        if placed and not possessive:
            _retype(groups, key, "GPE")  # joins a "Marenhal" the model did call a place


# A people named by adding one of these to its place ("Russia" -> "Russian", "Iraq" -> "Iraqi");
# a longer ending ("Marenh" -> "Marenhal", "Finn" -> "Finland") names the place instead.
PEOPLE_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")


def _demonyms(groups: Groups) -> None:
    """Of a people and its place spelled alike, the people is NORP and the place GPE."""
    single = {k: g for k, g in groups.items()
              if g.type in ("ORG", "GPE", "LOC", "PERSON", "NORP") and " " not in k[1] and not g.forms[0].isupper()}
    placed = {k[1] for k, g in single.items() if g.type in ("GPE", "LOC")}
    # Each name is paired with the names it begins, up to four letters shorter: looked up, not
    # compared with every other name (which was quadratic in the number of names). The pairs are
    # then handled in the order the full comparison met them, since a retype can merge groups.
    order = {key: n for n, key in enumerate(single)}
    by_name: dict[str, list[GroupKey]] = defaultdict(list)
    for key in single:
        by_name[key[1]].append(key)
    pairs: list[tuple[GroupKey, GroupKey]] = []
    for other in single:
        for cut in range(1, min(4, len(other[1]) - 1) + 1):
            pairs.extend((key, other) for key in by_name.get(other[1][:-cut], ()))
    for key, other in sorted(pairs, key=lambda p: (order[p[0]], order[p[1]])):
        if other[1][len(key[1]):] in PEOPLE_ENDINGS:
            _retype(groups, other, "NORP")  # "Veltra" and "Veltran": the longer is the people
            _retype(groups, key, "GPE")
        elif other[1] in placed:
            _retype(groups, key, "NORP")  # "Marenh" beside the place "Marenhal"


def _retype(groups: Groups, key: GroupKey, type_: str) -> None:
    g = groups.get(key)
    if g is None:
        return
    new_key = (_group_type(type_), key[1])
    g.type = type_
    g.types = Counter({type_: len(g.mentions)})
    if new_key != key:
        groups.pop(key)
        if new_key in groups:
            _absorb_group(groups[new_key], g)
            groups[new_key].type = type_
        else:
            groups[new_key] = g


def _fold_same_name(groups: Groups) -> None:
    """One spelling typed two ways (a newsletter's name as ORG and as LOC) is one entity of the commoner type."""
    by_norm: dict[str, list[GroupKey]] = defaultdict(list)
    for key, g in groups.items():
        if g.type in NAME_TYPES and g.type != "NORP":
            by_norm[key[1]].append(key)
    for keys in by_norm.values():
        if len(keys) > 1:
            keys.sort(key=lambda k: len(groups[k].mentions), reverse=True)
            for other in keys[1:]:
                _absorb(groups, keys[0], other)


def _fold_surnames(groups: Groups) -> None:
    """'Orvan' joins 'Anna-Lise Orvan' when exactly one fuller person name ends with it."""
    _people_typed_as_orgs(groups)
    persons = {k: g for k, g in groups.items() if g.type == "PERSON"}
    by_last: dict[str, list[GroupKey]] = defaultdict(list)
    for key, _g in persons.items():
        words = key[1].split()
        if len(words) >= 2:
            by_last[words[-1]].append(key)
            by_last[words[0]].append(key)  # a first name alone, as in informal quotes
    for key in list(persons):
        words = key[1].split()
        if len(words) != 1 or key not in groups:
            continue
        owners = [k for k in by_last.get(words[0], []) if k in groups and k != key]
        owners_full = {groups[k].name for k in owners}
        if len(owners_full) == 1:
            _absorb(groups, owners[0], key)
    # An ORG typed single word that is a known person's surname is that person.
    surnames = {k[1].split()[-1]: k for k, g in groups.items() if g.type == "PERSON" and len(k[1].split()) >= 2}
    for key in [k for k, g in groups.items() if g.type in ("ORG", "GPE", "NORP")]:
        if key[1] in surnames and key in groups:
            _absorb(groups, surnames[key[1]], key)


def _people_typed_as_orgs(groups: Groups) -> None:
    """'Maja Orn' typed ORG while 'Orn' alone is a PERSON: a name shaped like a person's, whose
    surname speaks or is titled elsewhere, is that person."""
    alone = {k[1] for k, g in groups.items() if g.type == "PERSON" and " " not in k[1]}
    for key, g in list(groups.items()):
        words = key[1].split()
        if g.type == "ORG" and len(words) >= 2 and words[-1] in alone and _looks_like_person(g.name):
            g.type = "PERSON"
            g.types["PERSON"] += len(g.mentions)


def _fold_acronyms(groups: Groups) -> None:
    """'US' / 'U.S.' joins 'United States', 'EU' joins 'European Union', within the same type group."""
    by_initials: dict[tuple[str, str], GroupKey] = {}
    for key, g in groups.items():
        ini = initials(g.name)
        if ini and len(key[1].split()) >= 2:
            by_initials.setdefault((_place_group(key[0]), ini), key)
    for key in list(groups):
        if key not in groups or " " in key[1]:
            continue
        target = by_initials.get((_place_group(key[0]), key[1].replace(" ", "")))
        if target and target != key and target in groups:
            _absorb(groups, target, key)


def _place_group(t: str) -> str:
    return "PLACE" if t in ("GPE", "LOC", "FAC") else "NAME" if t in ("ORG", "NAME") else t


def _absorb(groups: Groups, into: GroupKey, key: GroupKey) -> None:
    _absorb_group(groups[into], groups.pop(key))


def _absorb_group(dst: _Group, src: _Group) -> None:
    dst.forms.extend(src.forms)
    dst.mentions.extend(src.mentions)
    dst.types.update(src.types)
    dst.written |= src.written

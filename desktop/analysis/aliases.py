"""How two spellings of a name are recognised as one."""
from __future__ import annotations

import re
import unicodedata

TITLES = {
    "president", "vice", "prime", "minister", "deputy", "foreign", "finance", "defence", "defense", "trade",
    "secretary", "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "mr", "mrs", "ms", "dr",
    "prof", "professor", "general", "gen", "chairman", "chairwoman", "chair", "director", "ceo", "chief",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "king", "queen", "prince", "princess", "sir",
    "lord", "lady", "judge", "justice", "pope", "sheikh", "speaker", "commissioner", "chancellor", "economy",
    "interior", "state", "former", "acting", "first", "colonel", "col", "captain", "capt", "lt",
    "sergeant", "officer", "attorney", "leader", "head", "envoy", "adviser", "advisor", "senior", "opposition",
    "candidate", "nominee", "councillor", "councilor", "councilman", "councilwoman", "democratic", "republican", "mp", "mep", "sheriff", "presidential", "minister's",
}
_POSSESSIVE = re.compile(r"['’]s?$")


def alias_norm(name: str) -> str:
    """The key two spellings share when they are the same name ("U.S." ~ "US", "Orvan's" ~ "Orvan")."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    text = _POSSESSIVE.sub("", text) if re.search(r"\w['’]s?$", text) else text
    text = text.replace(".", "").replace("-", " ").replace("‐", " ").replace("’", "'")
    text = re.sub(r"^the\s+", "", text)
    return " ".join(text.split())


def strip_titles(name: str) -> str:
    """'President Anna-Lise Orvan' -> 'Anna-Lise Orvan'; never strips to nothing."""
    words = name.split()
    while len(words) > 1 and words[0].casefold().rstrip(".") in TITLES:
        words = words[1:]
    return " ".join(words)


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()]
    return "".join(w[0] for w in words).casefold() if len(words) >= 2 else ""


def longest_first(alias: str) -> tuple[int, str]:
    """Sort key: longest spelling first, equal lengths alphabetically. A set's order differs from one
    process to the next (string hashing is seeded per process), and the library keeps the first
    spelling of a name, so a cluster's workers and a local import must list them alike."""
    return -len(alias), alias

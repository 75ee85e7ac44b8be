"""The key that tells the same article apart from a different one, whatever format it came in."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_WORD = re.compile(r"\W+", re.UNICODE)


def content_hash(body: str) -> str:
    """sha256 of the body's words: case, punctuation, quotes style and spacing do not count."""
    text = unicodedata.normalize("NFKC", body).casefold()
    words = _NON_WORD.sub(" ", text).split()
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()

"""Aligning two versions of an article's text, word by word, to carry spans across a revision.

Words and punctuation marks are the units (whitespace is not), so a changed figure is one
replaced word, an added paragraph one insertion and a removed sentence one deletion, and a
span's ends land on word boundaries of the new text. rapidfuzz's Indel opcodes do the diff
in C; a large article aligns in milliseconds.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

# Numbers with their decimal marks are one word, so "4.2" -> "4.5" is one change, not three.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+|[^\w\s]")
MERGE_GAP = 2  # changes this few words apart count as one passage
KEPT = 0.5  # below this share of its words left in place, a passage counts as removed
GOOD_MATCH = 70  # rapidfuzz score above which a reworded passage is taken to be the old one


@dataclass(frozen=True)
class Change:
    """One changed passage: old[old_start:old_end] became new[new_start:new_end] (either may be empty)."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


@dataclass(frozen=True)
class Carried:
    start: int
    end: int
    changed: bool  # the words under the span are not the words that were there


def _tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    words, starts, ends = [], [], []
    for m in _TOKEN.finditer(text):
        words.append(m.group())
        starts.append(m.start())
        ends.append(m.end())
    return words, starts, ends


class Alignment:
    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        self._ow, self._os, self._oe = _tokens(old)
        self._nw, self._ns, self._ne = _tokens(new)
        self._ops = [op for op in Indel.opcodes(self._ow, self._nw)]

    def similarity(self) -> float:
        """Share of words the versions have in common, 0..1."""
        return Indel.normalized_similarity(self._ow, self._nw)

    def changes(self) -> list[Change]:
        """Changed passages in reading order, nearby edits merged into one."""
        groups: list[list[int]] = []  # [old_tok_start, old_tok_end, new_tok_start, new_tok_end]
        for op in self._ops:
            if op.tag == "equal":
                continue
            if groups and op.src_start - groups[-1][1] <= MERGE_GAP and op.dest_start - groups[-1][3] <= MERGE_GAP:
                groups[-1][1], groups[-1][3] = op.src_end, op.dest_end
            else:
                groups.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
        return [Change(*self._chars(self._os, self._oe, a, b, len(self.old)),
                       *self._chars(self._ns, self._ne, c, d, len(self.new))) for a, b, c, d in groups]

    @staticmethod
    def _chars(starts: list[int], ends: list[int], a: int, b: int, length: int) -> tuple[int, int]:
        if a < b:
            return starts[a], ends[b - 1]
        at = starts[a] if a < len(starts) else length
        return at, at

    def _map_token(self, i: int, *, end: bool) -> int:
        """The new token index for old token boundary i: a span's first token, or one past its last.

        Insertions at a span's edges stay outside it; a replaced or deleted token maps to
        its replacement's edge.
        """
        for op in self._ops:
            inside = op.src_start < i <= op.src_end if end else op.src_start <= i < op.src_end
            if inside:
                if op.tag == "equal":
                    return op.dest_start + (i - op.src_start)
                return op.dest_end if end else op.dest_start
        return len(self._nw) if not end else 0

    def carry(self, start: int, end: int) -> Carried:
        """Where the span [start, end) of the old text is in the new one; never an empty span."""
        passage = self.old[start:end]
        ta = bisect_right(self._oe, start)  # first token that ends after start
        tb = bisect_left(self._os, end)  # tokens before tb start before end
        if ta < tb:
            na, nb = self._map_token(ta, end=False), self._map_token(tb, end=True)
            if na < nb and self._kept(ta, tb) >= KEPT:
                # Keep the span's own edges where they sat inside a word or around spaces.
                new_start = self._ns[na] - (self._os[ta] - start if self.old[start:self._os[ta]].isspace() else 0)
                new_end = self._ne[nb - 1] + (end - self._oe[tb - 1]
                                              if self.old[self._oe[tb - 1]:end].isspace() else 0)
                new_start, new_end = max(new_start, 0), min(new_end, len(self.new))
                if self.new[new_start:new_end] == passage:
                    return Carried(new_start, new_end, False)
                exact = self._nearest_exact(passage, new_start)
                if exact is not None:
                    return Carried(exact, exact + len(passage), False)
                return Carried(new_start, new_end, True)
            where = self._char_at(na)
        else:
            where = self._char_at(self._map_token(ta, end=False))
        exact = self._nearest_exact(passage, where)
        if exact is not None:
            return Carried(exact, exact + len(passage), False)
        return self._best_match(passage, where)

    def _kept(self, a: int, b: int) -> float:
        """Share of the old tokens a..b that the alignment finds unchanged in the new text."""
        same = sum(max(0, min(b, op.src_end) - max(a, op.src_start)) for op in self._ops if op.tag == "equal")
        return same / (b - a)

    def _char_at(self, token: int) -> int:
        return self._ns[token] if token < len(self._ns) else len(self.new)

    def _nearest_exact(self, passage: str, near: int) -> int | None:
        """An unchanged passage that only moved: the occurrence closest to where the alignment put it."""
        if not passage:
            return None
        hits, i = [], self.new.find(passage)
        while i >= 0:
            hits.append(i)
            i = self.new.find(passage, i + 1)
        return min(hits, key=lambda h: abs(h - near)) if hits else None

    def _best_match(self, passage: str, where: int) -> Carried:
        """A passage whose words are gone: flagged, on its closest rewording if there is one, else
        on the sentence that now stands where it stood, so the claim is never lost."""
        if not self._nw:
            return Carried(0, len(self.new), True)
        found = fuzz.partial_ratio_alignment(passage, self.new)
        if found is not None and found.score >= GOOD_MATCH and found.dest_end > found.dest_start:
            ws, we = bisect_right(self._ne, found.dest_start), bisect_left(self._ns, found.dest_end)
            if ws < we:  # whole words, not pieces of them
                return Carried(min(found.dest_start, self._ns[ws]), max(found.dest_end, self._ne[we - 1]), True)
        return Carried(*self._sentence_at(where), True)

    def _sentence_at(self, where: int) -> tuple[int, int]:
        """The sentence just before a place in the new text (the one a removed sentence followed),
        or the first sentence when nothing stands before it."""
        words, last_index = self._nw, len(self._nw) - 1
        first = bisect_left(self._ns, where) - 1
        if first < 0:
            first = 0
        else:
            while first > 0 and words[first - 1] not in ".!?":
                first -= 1
        last = first
        while last < last_index and words[last] not in ".!?":
            last += 1
        return self._ns[first], self._ne[last]

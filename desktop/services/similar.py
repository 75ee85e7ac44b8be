"""Where else the library says this: candidates for a passage or a claim, best first.

Two steps. Retrieval: the passage's meaningful words, OR-ed, against the sentence
index (FTS5 BM25 on SQLite; on PostgreSQL a plain word match over article bodies,
split into sentences here). Decision: the pair model (desktop/claims_match) gives each
retrieved sentence a probability of stating the same claim; `same` is its threshold.
A sentence that shares the passage's subject but gives another figure is kept as a
contradiction candidate (`figure_differs`).
"""
from __future__ import annotations

# The pair model and its features load numpy, the stemmer and the tokenizer: imported on the first
# search (desktop.claims_match.features / .model), so that opening a library stays quick.
import datetime as dt
import re
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session
from threadpoolctl import threadpool_limits

from db import sentence_fts
from db.models import Article, CandidateDismissal, Claim, ClaimLink
from desktop.claims_match import sentences
from desktop.services.errors import UserError
from desktop.services.sentence_index import index_missing
from desktop.services.store import Store

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np

    from desktop.claims_match import features, model

MAX_TERMS = 24
# Retrieval asks the index for the passage's rarest words only, and only for as many as keep the
# sentences BM25 must score under BUDGET: FTS5 scores every sentence that holds a query word before
# it can rank them, and one common word made a query at 3 million sentences take seconds. A word's
# count stops at COMMON (counting costs as much as the postings it reads); a word there is common.
COMMON = 1_000
BUDGET = 3_000
# Counting goes in steps, each up to a higher cap and only for the words that reached the last one,
# until ENOUGH_RARE words are known to be rarer (names and figures usually are at the first step).
COUNT_STEPS = (100, 400)
ENOUGH_RARE = 4
MIN_TERMS = 2  # the rarest words always go in, however many sentences they are in
FALLBACK_TERMS = 3  # a passage of common words only: sentences holding all of its first few
POOL = 30  # candidates a claim's list chooses from (for_claim)
# The second arm (together_match): sentences holding TOGETHER_TERMS of the passage's common words,
# names first, all together; unranked, the first TOGETHER of them join the pool.
TOGETHER_TERMS = 3
TOGETHER = 20
TOGETHER_RELEVANCE = 0.5  # their retrieval share of the score (the first arm's runs from 0 to 1): a middling rank
# Sentences retrieved for the ranking. 60 found a few more restatements on the PolNeAR-train set
# (recall_polnear.py: 0.465 -> 0.485) but doubled the scoring at 100,000 articles.
RETRIEVED = POOL
# The ranking's likeliest few are read again by the sentence encoder (7-17 ms a sentence on a busy
# core), whose cosine joins their score: a restatement in other words at 6th to 8th climbs into the
# top 5 above sentences that merely share more of the passage's words. 8 and a weight of 1 were
# chosen on the PolNeAR-train restatements (5 reached nothing new: the top 5 only changed order).
ENCODED = 8
SEMANTIC_WEIGHT = 1.0
# A run costs about 5 ms plus 0.2 ms a word piece on a busy core: the passage and the candidates
# read stop at this many pieces in all (a news sentence is about 40, so about 7 are read; the
# 100,000-article benchmark's made-up ones fill the 64 allowed, so it reads 4). 400 found 2 more
# of the 202 PolNeAR-train questions and made the 100,000-article search a run longer.
ENCODED_PIECES = 320
# Of them, those the cross-encoder reads: the first stage's likeliest. Each pair costs 15-20 ms on a quiet
# core, and with the sentence encoder and the second arm in the same search three of them put the 100,000-
# article p95 at 190-203 ms against a goal of 200; one keeps it near 150.
NETWORK_ASKS = 1
# A third arm may be given to the service (SimilarService.nearby: the sentences nearest the passage by
# the sentence encoder, desktop/claims_match/vector_arm.py); its sentences join the pool at this share.
# On the PolNeAR-train library (recall_polnear --vector-arm 5) 0.5 kept the most: 0 and 1.0 kept fewer.
NEARBY_RELEVANCE = 0.5
LONGER = 1.5  # a candidate this many times the passage's length is also judged clause by clause
MAX_CLAUSES = 3
_CLAUSE = re.compile(r"[,;:]\s+|\s(?:that|and|but|while|which|as|after|because)\s|\s[–—-]\s")
RETRIEVAL_WEIGHT = 0.3
MODEL_WEIGHT = 0.3
PLAIN_ARTICLES = 200  # articles read by the PostgreSQL fallback
FIGURE_SUBJECT_COVER = 0.5
_FTS_WORD = re.compile(r"[^\W_]+")  # shared meaningful words, besides the figures, for "another figure"


@dataclass(frozen=True)
class Candidate:
    article_id: int
    title: str
    outlet: str | None
    published: dt.date | None
    start: int
    end: int
    text: str
    score: float  # the ranking: word-piece alignment, retrieval rank, the pair model (and for the best few the encoder's cosine)
    probability: float  # the pair model's probability of "same claim"
    same: bool
    figure_differs: bool  # the same quantity with another figure: a contradiction candidate
    claim_id: int | None = None  # a claim already covering the passage, if any


def query_terms(passage: str) -> list[str]:
    """The passage's meaningful words, longest first (a rough stand-in for the rarest)."""
    from desktop.claims_match import features

    # Split as FTS5's unicode61 tokenizer does, so that no term becomes a phrase.
    words = dict.fromkeys(w.lower() for w in _FTS_WORD.findall(passage))
    kept = [w for w in words if w not in features.STOPWORDS and (len(w) > 2 or w.isdigit())]
    return sorted(kept, key=len, reverse=True)[:MAX_TERMS]


def match_expression(passage: str) -> str | None:
    terms = query_terms(passage)
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms) or None


def best_reading(pair: model.PairModel, query: features.Passage, other: features.Passage,
                 ) -> tuple[features.Passage, float]:
    """The sentence, or the clause run of it that states the passage best when the sentence is much
    longer, with the first stage's probability: a claim is often part of a sentence ("the board said
    that fees would double" states "fees will double"), while the model was fitted on pairs of
    whole sentences."""
    from desktop.claims_match import features

    best, p = other, pair.lexical(query, other)
    if p >= pair.lexical_threshold or len(other.words) < LONGER * max(len(query.words), 1):
        return best, p
    cuts = [0, *(m.end() for m in _CLAUSE.finditer(other.text)), len(other.text)]
    for i in range(len(cuts) - 1):
        for j in range(i + 1, min(len(cuts), i + 1 + MAX_CLAUSES)):
            part = other.text[cuts[i]:cuts[j]].strip()
            if part and part != other.text:
                reading = features.read(part)
                q = pair.lexical(query, reading)
                if q > p:
                    best, p = reading, q
    return best, p


def decide_pool(pair: model.PairModel, query: features.Passage, others: list[features.Passage],
                ) -> list[model.Decision]:
    """The decisions on a search's retrieved sentences: the first stage on each (its best reading),
    the cross-encoder on the NETWORK_ASKS the first stage finds likeliest and does not rule out."""
    from desktop.claims_match import cross_encoder
    from desktop.claims_match.model import figure_differs

    readings = [best_reading(pair, query, o) for o in others]
    figures = [figure_differs(query, r) for r, _p in readings]
    wanted = sorted((i for i, (_r, p) in enumerate(readings) if pair.wants_network(p, figures[i])),
                    key=lambda i: -readings[i][1])[:NETWORK_ASKS]
    net = cross_encoder.load().logits([(query.text, readings[i][0].text) for i in wanted]) if wanted else None
    logits = {} if net is None else dict(zip(wanted, net.tolist(), strict=True))
    return [pair.finish(p, fig, logits.get(i)) for i, ((_r, p), fig) in enumerate(zip(readings, figures, strict=True))]


def rank_score(query: features.Passage, other: features.Passage, relevance: float, probability: float) -> float:
    """Best first: how well the two passages' meaningful word pieces align, plus a share of the
    retrieval's own rank (0..1) and of the first stage's same-claim probability (`Decision.lexical`,
    not the cross-encoder's: fitted on tight paraphrases, it put fewer loose restatements in the top 5).
    The pair model alone ranks topical restatements (another outlet's framing of the claim) too low:
    it was fitted on paraphrases, where a longer or reworded sentence weighs against "same"."""
    from desktop.claims_match import features

    _worst, alignment, _lonely = features.alignment(query.pieces, other.pieces)
    return alignment + RETRIEVAL_WEIGHT * relevance + MODEL_WEIGHT * probability


def rerank_by_meaning(passage: str, ranked: list[Candidate]) -> list[Candidate]:
    """The ENCODED best of a ranking (best first; fewer where they and the passage pass
    ENCODED_PIECES word pieces) scored again with the sentence encoder's cosine to the passage,
    and the whole ranking sorted again (those below the cut keep their score; a cosine is rarely
    below 0, so they stay below). Without the encoder, the ranking as it is."""
    from desktop.claims_match import sentence_encoder

    encoder = sentence_encoder.load()
    if encoder is None or not ranked or ENCODED < 1:
        return ranked
    pieces = encoder.pieces([passage, *(c.text for c in ranked[:ENCODED])])
    read = sum(1 for n in accumulate(len(p) for p in pieces) if n <= ENCODED_PIECES)
    if read < 2:
        return ranked
    vectors = encoder.vectors(pieces[:read])
    top = ranked[:read - 1]
    cosines = vectors[1:] @ vectors[0]
    again = [replace(c, score=round(c.score + SEMANTIC_WEIGHT * float(cos), 4)) for c, cos in zip(top, cosines, strict=True)]
    return sorted(again + ranked[len(top):], key=lambda c: (-c.score, c.article_id, c.start))


def retrieval_match(s: Session, passage: str, known: TermCounts | None = None) -> str | None:
    """The FTS5 query for a passage: its rarest meaningful words, OR-ed, as many as stay within
    BUDGET sentences in all; for a passage of common words only, those words AND-ed."""
    return choose_terms(term_counts(s, query_terms(passage), {} if known is None else known))


# term -> (sentences holding it, exact) where not exact means "at least": what earlier searches
# counted, kept while the index does not change (most words of a passage are common ones seen before).
TermCounts = dict[str, tuple[int, bool]]


def term_counts(s: Session, terms: list[str], known: TermCounts) -> dict[str, int]:
    """How many sentences hold each term, exact below COMMON and COMMON from there on; counted in
    steps of rising caps, each for the words that reached the last cap, until ENOUGH_RARE are rarer."""
    exact = {t: n for t, (n, sure) in known.items() if sure and t in terms}
    at_least = {t: n for t, (n, sure) in known.items() if not sure and t in terms}
    for cap in (*COUNT_STEPS, COMMON):
        todo = [t for t in terms if t not in exact and at_least.get(t, 0) < cap]
        for t, n in sentence_fts.capped_counts(s, todo, cap).items():
            if n < cap:
                exact[t] = n
            else:
                at_least[t] = cap
        if sum(0 < n < COMMON for n in exact.values()) >= ENOUGH_RARE:
            break  # the words not counted further are left out as if common
    known.update({t: (n, True) for t, n in exact.items()})
    known.update({t: (n, False) for t, n in at_least.items()})
    return {t: exact.get(t, COMMON) for t in terms}


def _quoted(t: str) -> str:
    return '"' + t.replace('"', '""') + '"'


def rare_terms(counts: dict[str, int]) -> list[str]:
    """The rarest present terms, as many as stay within BUDGET sentences (at least MIN_TERMS)."""
    chosen: list[str] = []
    total = 0
    for n, t in sorted((n, t) for t, n in counts.items() if 0 < n < COMMON):
        if len(chosen) >= MIN_TERMS and total + n > BUDGET:
            break
        chosen.append(t)
        total += n
    return chosen


def choose_terms(counts: dict[str, int]) -> str | None:
    """The MATCH expression for terms with their (capped) sentence counts; see retrieval_match."""
    rare = rare_terms(counts)
    if not rare:
        present = sorted((n, t) for t, n in counts.items() if n)
        return " AND ".join(_quoted(t) for _n, t in present[:FALLBACK_TERMS]) or None
    return " OR ".join(_quoted(t) for t in rare)


def together_match(counts: dict[str, int], names: frozenset[str]) -> str | None:
    """The second retrieval arm: TOGETHER_TERMS of the words the first left out as too common
    (names first, then the rarer), AND-ed. Another outlet's restatement often shares none of the
    passage's rare words but the same people, places and subject, each common on its own."""
    rare = rare_terms(counts)
    if not rare:
        return None  # the first arm already asked for common words together
    left = [(t not in names, n, t) for t, n in counts.items() if n and t not in rare]
    picked = [t for _x, _n, t in sorted(left)[:TOGETHER_TERMS]]
    return " AND ".join(_quoted(t) for t in picked) if len(picked) >= 2 else None


class SimilarService:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._checked_index = False
        self._counts: TermCounts = {}
        self._counted_up_to = -1  # the index's last sentence id when self._counts was kept
        # The third retrieval arm, where a library's sentences were encoded beforehand (not yet by the app).
        self.nearby: Callable[[np.ndarray, int | None], list[tuple[int, int, int]]] | None = None

    def ensure_index(self) -> int:
        """Index articles stored without sentences, once per session of the app."""
        if self._checked_index:
            return 0
        done = index_missing(self._store)
        self._checked_index = True
        return done

    def find(self, passage: str, limit: int = 10, exclude_article_id: int | None = None) -> list[Candidate]:
        """The library's sentences most likely to state the passage's claim, best first."""
        from desktop.claims_match import features, model

        if limit < 1:
            raise UserError("--limit must be at least 1")
        self.ensure_index()
        query = features.read(passage)
        with self._store.read() as s:
            pool = self._retrieve(s, passage, exclude_article_id)
        pair = model.load()
        scored = []
        # The vectors are tiny: BLAS threads only wait for each other, and on a busy machine made
        # a search eight times slower than one thread.
        with threadpool_limits(limits=1, user_api="blas"):
            others = features.read_many([c["text"] for c in pool])
            for cand, other, d in zip(pool, others, decide_pool(pair, query, others), strict=True):
                score = rank_score(query, other, cand.pop("relevance"), d.lexical)  # model.Decision says why
                scored.append(Candidate(score=round(score, 4), probability=round(d.probability, 4), same=d.same,
                                        figure_differs=d.figure_differs, **cand))
        scored.sort(key=lambda c: (-c.score, c.article_id, c.start))
        return rerank_by_meaning(passage, scored)[:limit]

    def for_claim(self, claim_id: int, limit: int = 10) -> list[Candidate]:
        """Candidates in other articles for a claim: the same claim, or the same quantity with
        another figure; without those a person dismissed or already linked."""
        with self._store.read() as s:
            claim = s.get(Claim, claim_id)
            if claim is None:
                raise UserError(f"no claim with id {claim_id}")
            passage, article_id = claim.text, claim.article_id
            dismissed = set(s.execute(select(CandidateDismissal.article_id, CandidateDismissal.start)
                                      .where(CandidateDismissal.claim_id == claim_id)).all())
            linked = _linked_claim_ids(s, claim_id)
        found = self.find(passage, limit=POOL, exclude_article_id=article_id)
        found = [c for c in found if (c.same or c.figure_differs) and (c.article_id, c.start) not in dismissed]
        found = self._attach_claims(found)
        return [c for c in found if c.claim_id is None or c.claim_id not in linked][:limit]

    def dismiss(self, claim_id: int, cand: Candidate) -> None:
        with self._store.write("candidate.dismiss", claim_id=claim_id, article_id=cand.article_id,
                               start=cand.start) as s:
            s.add(CandidateDismissal(claim_id=claim_id, article_id=cand.article_id, start=cand.start,
                                     end=cand.end, text=cand.text))

    def undismiss(self, claim_id: int, cand: Candidate) -> None:
        with self._store.write("candidate.undismiss", claim_id=claim_id, article_id=cand.article_id,
                               start=cand.start) as s:
            s.execute(delete(CandidateDismissal).where(
                CandidateDismissal.claim_id == claim_id, CandidateDismissal.article_id == cand.article_id,
                CandidateDismissal.start == cand.start))

    # ---- retrieval
    def _retrieve(self, s: Session, passage: str, exclude: int | None) -> list[dict[str, Any]]:
        from desktop.claims_match import features

        if sentence_fts.has_fts(s):
            last = sentence_fts.last_id(s)
            if last != self._counted_up_to:
                self._counts, self._counted_up_to = {}, last
            counts = term_counts(s, query_terms(passage), self._counts)
            match = choose_terms(counts)
            if match is None:
                return []
            hits = [h for h in sentence_fts.search(s, match, RETRIEVED + 40) if h[1] != exclude][:RETRIEVED]
            best = min((r for *_x, r in hits), default=0.0) or -1.0  # BM25 ranks are negative, best lowest
            spans = [(a, st, en, r / best) for _i, a, st, en, r in hits]
            together = together_match(counts, features.read(passage).names) if TOGETHER else None
            if together:
                seen = {i for i, *_x in hits}
                more = [h for h in sentence_fts.search_unranked(s, together, TOGETHER + 40)
                        if h[0] not in seen and h[1] != exclude][:TOGETHER]
                spans += [(a, st, en, TOGETHER_RELEVANCE) for _i, a, st, en in more]
            return _with_text(s, spans + self._nearby_spans(passage, exclude, spans))
        return _with_text(s, _plain_retrieve(s, passage, exclude))

    def _nearby_spans(self, passage: str, exclude: int | None, have: list[tuple[int, int, int, float]],
                      ) -> list[tuple[int, int, int, float]]:
        """The third arm's sentences not already in the pool, at NEARBY_RELEVANCE."""
        from desktop.claims_match import sentence_encoder

        encoder = sentence_encoder.load() if self.nearby is not None else None
        if self.nearby is None or encoder is None:
            return []
        seen = {(a, st) for a, st, _e, _r in have}
        return [(a, st, en, NEARBY_RELEVANCE) for a, st, en in self.nearby(encoder.encode([passage])[0], exclude)
                if (a, st) not in seen]

    def _attach_claims(self, found: list[Candidate]) -> list[Candidate]:
        """Name the claim that already covers a candidate, so accepting it links rather than duplicates."""
        if not found:
            return found
        with self._store.read() as s:
            rows = s.execute(select(Claim.id, Claim.article_id, Claim.start, Claim.end)
                             .where(Claim.article_id.in_({c.article_id for c in found}))).all()
        out = []
        for c in found:
            over = [cid for cid, a, st, en in rows if a == c.article_id and st < c.end and c.start < en]
            out.append(c if not over else Candidate(**{**c.__dict__, "claim_id": over[0]}))
        return out


def _linked_claim_ids(s: Session, claim_id: int) -> set[int]:
    rows = s.execute(select(ClaimLink.from_claim_id, ClaimLink.to_claim_id).where(
        (ClaimLink.from_claim_id == claim_id) | (ClaimLink.to_claim_id == claim_id))).all()
    return {x for row in rows for x in row} - {claim_id}


def _with_text(s: Session, spans: list[tuple[int, int, int, float]]) -> list[dict[str, Any]]:
    """Each span's words and its article's title, outlet and date, read in one query."""
    if not spans:
        return []
    ids = {a for a, _s, _e, _r in spans}
    meta = {r[0]: r[1:] for r in s.execute(select(
        Article.id, Article.title_user, Article.title, Article.outlet_user, Article.outlet,
        Article.published_user, Article.published, Article.body).where(Article.id.in_(ids)))}
    out = []
    for a, st, en, relevance in spans:
        title_user, title, outlet_user, outlet, pub_user, pub, body = meta[a]
        out.append({"article_id": a, "title": title_user or title, "outlet": outlet_user or outlet,
                    "published": pub_user or pub, "start": st, "end": en, "text": body[st:en],
                    "relevance": relevance})
    return out


def _plain_retrieve(s: Session, passage: str, exclude: int | None) -> list[tuple[int, int, int, float]]:
    """Without FTS5: articles holding any of the longest words, their sentences scored by shared words."""
    from desktop.claims_match import features

    terms = query_terms(passage)[:6]
    if not terms:
        return []
    conds = " OR ".join(f"lower(body) LIKE :w{i}" for i in range(len(terms)))
    params: dict[str, object] = {f"w{i}": f"%{t}%" for i, t in enumerate(terms)}
    params.update(x=-1 if exclude is None else exclude, n=PLAIN_ARTICLES)
    rows = s.execute(text(f"SELECT id, body FROM articles WHERE id <> :x AND ({conds}) LIMIT :n"), params)
    wanted = set(query_terms(passage))
    scored = []
    for article_id, body in rows:
        for st, en in sentences.spans(body):
            shared = len(wanted & {w.lower() for w in features.TOKEN.findall(body[st:en])})
            if shared:
                scored.append((shared, article_id, st, en))
    scored.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [(a, st, en, n / len(wanted)) for n, a, st, en in scored[:RETRIEVED]]

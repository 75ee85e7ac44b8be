"""The reading aids as spaCy pipeline components, run in this order after the English model:

- ``claimdesk_quotes``: quotation spans from the marks (``Doc._.quotations``: (QuoteSpan, is_scare)).
- ``claimdesk_cues``: speech verbs and "according to" frames by Matcher and DependencyMatcher
  patterns (``Doc._.cues`` as labelled spans, ``Token._.is_cue``).
- ``claimdesk_attribution``: for each quotation the words the parse names as its speaker
  (``Doc._.attributions``, aligned with ``Doc._.quotations``).
- ``claimdesk_quote_filter``: the learned choice between reported speech and a title, name or
  heading in marks, for spans of four words or more (rewrites ``Doc._.quotations``' flags and
  ``Doc._.attributions``; the features it weighed in ``Doc._.quote_features``).
- ``claimdesk_entities``: named entities merged across spellings (``Doc._.entities``).
- ``claimdesk_speakers``: the learned ranker's choice of speaker (``Doc._.quotes``, and the
  candidates it weighed in ``Doc._.speaker_candidates``).

Each reads only what the components before it wrote, so each can be tested on its own.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from desktop.analysis.cue_words import SPEECH_VERBS, ing_forms
from desktop.analysis.pipeline import COMPONENTS
from desktop.analysis.ranker import Candidate

for _name in ("quotations", "cues", "attributions", "quote_features", "entities", "quotes", "speaker_candidates"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
if not Token.has_extension("is_cue"):
    Token.set_extension("is_cue", default=False)


def text_of(doc: Doc) -> str:
    """The doc's text, joined once: doc.text joins every token again at each call."""
    body = doc.user_data.get("claimdesk_text")
    if body is None:
        body = doc.user_data["claimdesk_text"] = doc.text
    return body


@Language.component("claimdesk_quotes")
def quotes_component(doc: Doc) -> Doc:
    from desktop.analysis.quotes import find_quote_spans, is_scare_quote

    body = text_of(doc)
    doc._.quotations = [(s, is_scare_quote(body[s.start:s.end])) for s in find_quote_spans(body)]
    return doc


class CueFinder:
    """Speech verbs ("said", "adding", "as a memo put it") and "according to" frames."""

    def __init__(self, vocab: Vocab) -> None:
        self.matcher = Matcher(vocab)
        self.matcher.add("SPEECH", [[{"LEMMA": {"IN": sorted(SPEECH_VERBS)}, "POS": {"IN": ["VERB", "AUX"]}}],
                                    # The small model sometimes tags "saying", "adding" as nouns.
                                    [{"LOWER": {"IN": sorted(ing_forms())}, "POS": {"IN": ["NOUN", "VERB"]}}]])
        self.matcher.add("ACCORDING", [[{"LOWER": "according"}, {"LOWER": "to"}]])
        self.dep_matcher = DependencyMatcher(vocab)
        self.dep_matcher.add("SPEECH", [[  # "as the memo put it"
            {"RIGHT_ID": "verb", "RIGHT_ATTRS": {"LEMMA": "put"}},
            {"LEFT_ID": "verb", "REL_OP": ">", "RIGHT_ID": "it", "RIGHT_ATTRS": {"DEP": "dobj", "LOWER": "it"}},
        ]])

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        spans = [Span(doc, s, e, label=strings[m]) for m, s, e in self.matcher(doc)]
        spans += [Span(doc, toks[0], toks[0] + 1, label="SPEECH") for _m, toks in self.dep_matcher(doc)]
        spans.sort(key=lambda s: s.start)
        for span in spans:
            if span.label_ == "SPEECH":
                span[0]._.is_cue = True
        doc._.cues = spans
        return doc


@Language.factory("claimdesk_cues")
def make_cue_finder(nlp: Language, name: str) -> CueFinder:
    return CueFinder(nlp.vocab)


@Language.component("claimdesk_attribution")
def attribution_component(doc: Doc) -> Doc:
    from desktop.analysis.article import attribution

    body = text_of(doc)
    doc._.attributions = [None if scare else attribution(doc, body, span) for span, scare in doc._.quotations]
    return doc


@Language.component("claimdesk_quote_filter")
def quote_filter_component(doc: Doc) -> Doc:
    from desktop.analysis import quote_filter
    from desktop.analysis.article import attribution

    body = text_of(doc)
    quotations = list(doc._.quotations)
    attributions = list(doc._.attributions)
    feats: list[dict[str, float] | None] = [None] * len(quotations)
    single = quote_filter.single_style(body, [s for s, _scare in quotations])
    for i, (span, scare) in enumerate(quotations):
        if len(quote_filter.words(body[span.start:span.end])) < quote_filter.MIN_WORDS:
            continue
        attr = attributions[i] if attributions[i] is not None else attribution(doc, body, span)
        feats[i] = f = quote_filter.features(doc, body, span, attr, scare, single)
        reported = quote_filter.probability(f) >= 0.5
        quotations[i] = (span, not reported)
        attributions[i] = attr if reported else None
    doc._.quotations, doc._.attributions, doc._.quote_features = quotations, attributions, feats
    return doc


@Language.component("claimdesk_entities")
def entities_component(doc: Doc) -> Doc:
    from desktop.analysis import entities

    speaker_spans = [(a.speaker_start, a.speaker_end) for a in doc._.attributions
                     if a is not None and a.speaker_start is not None]
    doc._.entities = entities.collect(doc, text_of(doc), speaker_spans)
    return doc


@Language.component("claimdesk_speakers")
def speakers_component(doc: Doc) -> Doc:
    from desktop.analysis.article import resolve_speakers

    trace: list[tuple[str, list[Candidate]]] = []
    doc._.quotes = resolve_speakers(doc, text_of(doc), doc._.quotations, doc._.attributions, doc._.entities, trace)
    doc._.speaker_candidates = trace
    return doc


def add_to(nlp: Language) -> Language:
    """Append the components to a loaded English pipeline (once)."""
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp

"""Fit the speaker ranker on PolNeAR's training split and print train and dev figures.

    python -m desktop.analysis.train                # fit, write quote_weights.json and
                                                    # speaker_weights.json, print figures
    python -m desktop.analysis.train --no-write     # figures of the weights already shipped

Needs the `train` extra (scikit-learn) and the evaluation folder (`--eval DIR`, found by
default as `shared/eval` beside or above the repository). Only the training split is fitted
on; the development split is measured and never looked at otherwise.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from desktop.analysis import ranker
from desktop.analysis.ranker import Candidate

if TYPE_CHECKING:
    from spacy.tokens import Doc

OPEN_MARKS = "\"“„«"
CLOSE_MARKS = "\"”«»"
MIN_QUOTE_WORDS = 4
MATCH_F1 = 0.6
PRONOUNS = {"he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "his", "its", "their"}
# Words the task's scorer does not count as names when comparing speakers.
NOT_NAMES = {"The", "A", "An", "He", "She", "They", "It", "We", "I", "Mr", "Mrs", "Ms", "Dr",
             "President", "Minister", "Prime", "Deputy", "Foreign", "Senator", "Governor",
             "Secretary", "Chairman", "Director", "Head", "General", "Rep", "Sen", "Gov"}
C = 1.0
# The 'previous speaker' features depend on the speakers chosen before, so the ranker is fitted in
# rounds, each on the choices of the weights before it. The first round starts from these fixed
# weights (the parse's reading, else the nearest person, else who spoke last), never from the
# shipped file, so that one command gives the same weights every time.
START = {"rule": 2.0, "nearest_0": 1.0, "previous_no_rule": 1.5, "nobody_rule_unresolved": 0.5}
ROUNDS = 3


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def token_f1(a: str, b: str) -> float:
    wa, pool = words(a), words(b)
    if not wa or not pool:
        return 0.0
    n = len(pool)
    common = 0
    for w in wa:
        if w in pool:
            pool.remove(w)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(wa), common / n
    return 2 * p * r / (p + r)


def name_words(text: str | None) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Z][\w'’.-]*", text or "") if w.rstrip(".") not in NOT_NAMES}


def quoted_segments(content: str) -> list[str]:
    segs, i, n = [], 0, len(content)
    while i < n:
        if content[i] in OPEN_MARKS:
            j = i + 1
            while j < n and content[j] not in CLOSE_MARKS and content[j] != "“":
                j += 1
            segs.append(content[i + 1:j].strip())
            i = j + 1
        else:
            i += 1
    return segs


def load_gold(folder: Path) -> dict[str, list[tuple[str, str | None]]]:
    """Article stem -> [(quoted text, source span)] from PolNeAR's brat files."""
    gold = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        spans, events = {}, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if parts[0].startswith("T") and len(parts) >= 3:
                spans[parts[0]] = parts[2]
            elif parts[0].startswith("E"):
                events.append(dict(x.split(":") for x in parts[1].split()))
        gold[ann.stem] = [(seg, spans.get(ev.get("Source", "")) or None)
                          for ev in events for seg in quoted_segments(spans.get(ev.get("Content", ""), ""))]
    return gold


def match(gold: list[tuple[str, str | None]], pred_texts: list[str]) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlap first, as the scorer does."""
    g = [i for i, (t, _s) in enumerate(gold) if len(words(t)) >= MIN_QUOTE_WORDS]
    p = [i for i, t in enumerate(pred_texts) if len(words(t)) >= MIN_QUOTE_WORDS]
    pairs = sorted(((token_f1(gold[gi][0], pred_texts[pi]), gi, pi) for gi in g for pi in p), reverse=True)
    used_g, used_p, out = set(), set(), []
    for f, gi, pi in pairs:
        if f < MATCH_F1:
            break
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def parse(folder: Path, cache: Path | None) -> tuple[list[str], list[Doc]]:
    """The articles' bodies as the app reads them, parsed once (cached as a DocBin when asked)."""
    from spacy.tokens import DocBin

    from desktop.analysis import COMPONENTS, get_nlp
    from desktop.ingest import read_article

    nlp = get_nlp()
    paths = sorted((folder / "text").glob("*.txt"))
    stems = [p.stem for p in paths]
    cached = cache / f"{folder.name}.spacy" if cache else None
    if cached and cached.exists():
        return stems, list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    docs = list(nlp.pipe((read_article(p).body for p in paths), batch_size=16, disable=COMPONENTS))
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(cached)
    return stems, docs


# Per quotation: its candidates, which are right, whether the gold names someone, and (article, quotation, source).
Group = tuple[list[Candidate], list[bool], bool, tuple[str, str, str | None]]


def examples(stems: list[str], docs: list[Doc],
             gold: dict[str, list[tuple[str, str | None]]]) -> tuple[list[Group], dict[str, int]]:
    """Per matched quotation with a gold source: its candidates and which of them are right."""
    from desktop.analysis import COMPONENTS, get_nlp
    from desktop.analysis.article import analyse_doc

    nlp = get_nlp()
    groups: list[Group] = []
    figures = {"gold": 0, "pred": 0, "matched": 0, "scored": 0, "right": 0}
    for stem, doc in zip(stems, docs, strict=True):
        for name in COMPONENTS:
            doc = nlp.get_pipe(name)(doc)
        analysis = analyse_doc(doc)
        trace = doc._.speaker_candidates
        said = [q for q in analysis.quotes if not q.is_scare]
        g = gold.get(stem, [])
        figures["gold"] += sum(1 for t, _s in g if len(words(t)) >= MIN_QUOTE_WORDS)
        figures["pred"] += sum(1 for q in said if len(words(q.text)) >= MIN_QUOTE_WORDS)
        pairs = match(g, [q.text for q in said])
        figures["matched"] += len(pairs)
        by_text = {text: cands for text, cands in trace}
        for gi, pi in pairs:
            source = g[gi][1]
            names = name_words(source)
            if names:
                figures["scored"] += 1
                figures["right"] += bool(names & (name_words(said[pi].speaker) | name_words(said[pi].speaker_text)))
            cands = by_text.get(said[pi].text)
            if not cands or not source:
                continue
            if names:
                labels = named_labels(cands, names)
            elif source.strip().lower() in PRONOUNS:
                continue  # whom a pronoun means is not in the gold
            else:
                labels = [not c.name for c in cands]  # "officials", "the source": nobody by name
            groups.append((cands, labels, bool(names), (stem, said[pi].text, source)))
    return groups, figures


def named_labels(cands: list[Candidate], names: set[str]) -> list[bool]:
    """Which candidates are right for a source that names someone: those sharing a name word with it,
    but when a person does, not the organisation or place that shares a word of the person's title
    ("Harbour Board Chair Mara Velt": she is the speaker, the board is not)."""
    labels = [bool(c.name) and bool(names & (name_words(c.name) | name_words(c.mention_text))) for c in cands]
    if any(right and "type_PERSON" in c.features for c, right in zip(cands, labels, strict=True)):
        labels = [right and not _organisation(c) for c, right in zip(cands, labels, strict=True)]
    return labels


def _organisation(c: Candidate) -> bool:
    """A named organisation, place or people among the candidates (not a person, not a bare name)."""
    return any(k.startswith("type_") for k in c.features) and "type_PERSON" not in c.features


def fit(groups: list[Group]) -> dict[str, object]:
    """A linear ranker: logistic regression on the difference of a right and a wrong candidate's
    features (each pair once each way), so the weights order candidates within a quotation."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    vec.fit([c.features for cands, _l, _n, _w in groups for c in cands])
    rows: list[Any] = []  # numpy rows of feature differences
    labels: list[int] = []
    for cands, ls, _n, _w in groups:
        if not any(ls) or all(ls):
            continue
        x = vec.transform([c.features for c in cands]).toarray()
        for i, right in enumerate(ls):
            if not right:
                continue
            for j, wrong in enumerate(ls):
                if not wrong:
                    rows.append(x[i] - x[j])
                    labels.append(1)
                    rows.append(x[j] - x[i])
                    labels.append(0)
    model = LogisticRegression(C=C, max_iter=5000, fit_intercept=False)
    model.fit(np.array(rows), labels)
    coef = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}
    return {"model": f"scikit-learn LogisticRegression(C={C}) on candidate pairs (right minus wrong)",
            "trained_on": "PolNeAR train split", "pairs": len(rows), "coef": coef, "intercept": 0.0}


class SplitReport(TypedDict):
    split: str
    quote_f1: float
    speaker_accuracy: float
    speaker_scored: int
    ranker_top1_on_named: float


def report(name: str, groups: list[Group], figures: dict[str, int]) -> SplitReport:
    coef, _ = ranker.weights()
    ranked = [ls[max(range(len(cs)), key=lambda i: ranker.score(cs[i], coef))] for cs, ls, named, _w in groups if named]
    q_p = figures["matched"] / figures["pred"] if figures["pred"] else 0.0
    q_r = figures["matched"] / figures["gold"] if figures["gold"] else 0.0
    out: SplitReport = {
        "split": name, "quote_f1": round(2 * q_p * q_r / (q_p + q_r), 3) if q_p + q_r else 0.0,
        "speaker_accuracy": round(figures["right"] / figures["scored"], 3) if figures["scored"] else 0.0,
        "speaker_scored": figures["scored"],
        "ranker_top1_on_named": round(sum(ranked) / len(ranked), 3) if ranked else 0.0}
    print(f"{name:6} quote F1 {out['quote_f1']:.3f}  speaker accuracy {out['speaker_accuracy']:.3f} "
          f"({figures['right']}/{figures['scored']})  ranker top-1 {out['ranker_top1_on_named']:.3f}")
    return out


QUOTE_C = 1.0
# A word next to the marks gets a weight only when it stands there in this many weighed spans of the
# training split: rarer ones would fit single articles (by cross-validation on train, 5 and all words
# score the same; 5 keeps the shipped file small).
MIN_CONTEXT_COUNT = 5


def quote_examples(stems: list[str], docs: list[Doc],
                   gold: dict[str, list[tuple[str, str | None]]]) -> tuple[list[dict[str, float]], list[int]]:
    """Every quoted span the filter weighs, with whether it is one of the reference's quotations."""
    from desktop.analysis import COMPONENTS, get_nlp

    nlp = get_nlp()
    upto = COMPONENTS[:COMPONENTS.index("claimdesk_quote_filter") + 1]
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for stem, doc in zip(stems, docs, strict=True):
        for name in upto:
            doc = nlp.get_pipe(name)(doc)
        weighed = [(s, f) for (s, _scare), f in zip(doc._.quotations, doc._.quote_features, strict=True) if f]
        body = doc.text
        matched = {pi for _gi, pi in match(gold.get(stem, []), [body[s.start:s.end] for s, _f in weighed])}
        rows.extend(f for _s, f in weighed)
        labels.extend(int(i in matched) for i in range(len(weighed)))
    return rows, labels


def common_words_only(rows: list[dict[str, float]]) -> list[dict[str, float]]:
    """The rows without the lexical features ('before_word=…') seen fewer than MIN_CONTEXT_COUNT times."""
    seen = Counter(k for row in rows for k in row if "=" in k)
    return [{k: v for k, v in row.items() if "=" not in k or seen[k] >= MIN_CONTEXT_COUNT} for row in rows]


def fit_quote_filter(stems: list[str], docs: list[Doc], gold: dict[str, list[tuple[str, str | None]]]) -> None:
    """Fit the reported-speech filter (desktop.analysis.quote_filter) and write its weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from desktop.analysis import quote_filter

    rows, labels = quote_examples(stems, docs, gold)
    rows = common_words_only(rows)
    vec = DictVectorizer()
    model = LogisticRegression(C=QUOTE_C, max_iter=5000, fit_intercept=False)  # 'bias' is a feature
    model.fit(vec.fit_transform(rows), labels)
    coef = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}
    data = {"model": f"scikit-learn LogisticRegression(C={QUOTE_C}): reported speech (1) or a title in marks (0)",
            "trained_on": "PolNeAR train split", "spans": len(rows), "coef": coef}
    quote_filter.WEIGHTS_FILE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    quote_filter.weights.cache_clear()
    print(f"quote filter: fitted on {len(rows)} quoted spans of the train split")


def fit_ranker(stems: list[str], docs: list[Doc], gold: dict[str, list[tuple[str, str | None]]],
               rounds: int | None = None) -> dict[str, object]:
    """Fit the ranker in rounds (ROUNDS) from START and write the last round's weights to the shipped file."""
    ranker.fitting = (dict(START), 0.0)
    try:
        for round_ in range(rounds or ROUNDS):
            groups, _ = examples(stems, docs, gold)
            data = fit(groups)
            coef = data["coef"]
            assert isinstance(coef, dict)
            ranker.fitting = (coef, 0.0)
            print(f"round {round_ + 1}: fitted on {len(groups)} quotations of the train split")
    finally:
        ranker.fitting = None
    ranker.WEIGHTS_FILE.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    ranker.shipped_weights.cache_clear()
    return data


def find_eval() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "eval" / "polnear-train").is_dir():
            return parent / "shared" / "eval"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", type=Path, default=find_eval(), help="the folder holding polnear-train and polnear-dev")
    ap.add_argument("--cache", type=Path, help="keep the parsed articles here (DocBin) to re-run faster")
    ap.add_argument("--no-write", action="store_true", help="measure the shipped weights without fitting")
    args = ap.parse_args(argv)
    if args.eval is None or not (args.eval / "polnear-train").is_dir():
        print("train: the evaluation folder with polnear-train was not found; give --eval DIR", file=sys.stderr)
        return 2
    splits = {name: (args.eval / f"polnear-{name}") for name in ("train", "dev")}
    parsed = {name: parse(folder, args.cache) for name, folder in splits.items()}
    golds = {name: load_gold(folder) for name, folder in splits.items()}
    if not args.no_write:
        fit_quote_filter(*parsed["train"], golds["train"])
        fit_ranker(*parsed["train"], golds["train"])
    results = [report(name, *examples(*parsed[name], golds[name])) for name in ("train", "dev")]
    print(f"gap (train - dev) speaker accuracy {results[0]['speaker_accuracy'] - results[1]['speaker_accuracy']:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

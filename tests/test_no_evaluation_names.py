"""No name from the evaluation articles appears in the product or its tests.

The list is built at test time from the evaluation files (they are other people's writing
and stay out of the repository): people's full names in PolNeAR's Source spans and authors,
and the names and aliases in the seed articles' gold. Only names of two or more capitalised
words are taken (plus the seed people's surnames), and words common in institutions' names
are left out, so that "White House" or "New York" do not count as a person's name.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL_CANDIDATES = [ROOT.parent / "shared" / "eval", ROOT.parents[1] / "shared" / "eval", Path("/work/shared/eval")]
EVAL = next((p for p in EVAL_CANDIDATES if (p / "seeds-gold.json").exists()), None)
SCANNED = ("desktop", "tests", "resources")
TITLES = {"The", "A", "An", "Former", "President", "Vice", "Sen", "Senator", "Rep", "Gov", "Governor", "Mr",
          "Mrs", "Ms", "Dr", "Secretary", "Chairman", "Leader", "Judge", "Justice", "Prime", "Minister",
          "Deputy", "Foreign", "General", "Gen", "Pope", "Speaker", "Majority", "Minority", "Democratic",
          "Republican", "We", "Several", "Leading", "Mayor", "Comedian"}
INSTITUTION_WORDS = {"House", "Court", "States", "City", "Party", "University", "Committee", "Department", "News",
                     "Campaign", "Street", "Post", "Times", "Journal", "National", "Foundation", "Council",
                     "Office", "Center", "Institute", "Association", "Union", "Service", "Agency", "Bureau",
                     "Commission", "County", "State", "Fund", "Network", "Club", "Press", "Media", "School",
                     "College", "Senate", "Congress", "Administration", "America", "American", "Americans",
                     "New", "North", "South", "East", "West", "United", "Day", "Supreme", "Federal", "White",
                     "Black", "Democrats", "Republicans", "Minister", "Ministry", "Sea", "Forum", "Treaty"}
NAME_RUN = re.compile(r"[A-Z][a-z'’\-]+\.?(?: [A-Z][a-z'’\-]+\.?)+")


def _names_in(text: str) -> set[str]:
    out = set()
    for m in NAME_RUN.finditer(text or ""):
        words = [w.rstrip(".").removesuffix("’s").removesuffix("'s") for w in m.group(0).split()]
        while words and words[0] in TITLES:
            words = words[1:]
        if len(words) >= 2 and not set(words) & INSTITUTION_WORDS:
            out.add(" ".join(words))
    return out


def evaluation_names(folder: Path) -> set[str]:
    names: set[str] = set()
    seeds = json.loads((folder / "seeds-gold.json").read_text(encoding="utf-8"))
    for article in seeds.values():
        if not isinstance(article, dict):
            continue
        for entity in article.get("entities", []):
            for form in [entity.get("name") or "", *entity.get("aliases", [])]:
                names |= _names_in(form)
                if entity.get("type") == "PERSON" and len(form.split()) >= 2:
                    names.add(form.split()[-1])  # a seed person's surname is distinctive on its own
        for quote in article.get("quotes", []):
            names |= _names_in(quote.get("speaker") or "")
    for split in sorted(folder.glob("polnear-*")):
        for ann in (split / "attributions").glob("*.ann"):
            for line in ann.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) >= 3 and parts[1].startswith("Source"):
                    names |= _names_in(parts[2])
        with (split / "metadata.tsv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                names |= _names_in(row.get("author") or "")
    return names


def test_the_name_list_is_made_of_names_not_common_words():
    if EVAL is None:
        pytest.skip("the evaluation folder (../shared/eval) is not here")
    names = evaluation_names(EVAL)
    assert len(names) > 500
    assert not names & {"White House", "New York", "United States", "Supreme Court", "Prime Minister"}


def test_no_evaluation_name_in_the_code_or_tests():
    if EVAL is None:
        pytest.skip("the evaluation folder (../shared/eval) is not here")
    names = evaluation_names(EVAL)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    found = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if path.suffix not in (".py", ".txt", ".json", ".md", ".html", ".qss", ".csv") or "__pycache__" in path.parts:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert not found, "names from the evaluation articles:\n" + "\n".join(found[:30])
